import { Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { requirePermission } from '@vexil/platform';
import type { AnalyticsContext } from '../../context.js';
import { OrganizationRef } from '../organizations/organization.type.js';
import { evaluationMetrics, flushImpressions, impressionCounts, resetEvaluationMetrics } from './metrics.js';
import { EvaluationMetrics, Impression, ImpressionCount } from './metrics.type.js';

/** FeatureSignals' metrics (routes.md §1.4): evaluation counters and impressions, owners and admins. */
@Resolver(() => OrganizationRef)
export class MetricsResolver {
  @FieldResolver(() => EvaluationMetrics, {
    description:
      'Evaluations per flag, environment and reason since the metrics window opened (owners and admins).',
  })
  evaluationMetrics(@Root() organization: OrganizationRef, @Ctx() { em, principal }: AnalyticsContext) {
    requirePermission(principal, 'admin');
    return evaluationMetrics(em, organization.id);
  }

  @FieldResolver(() => [ImpressionCount], {
    description: 'A/B impressions per flag and variant since the last flush (owners and admins).',
  })
  impressionCounts(@Root() organization: OrganizationRef, @Ctx() { em, principal }: AnalyticsContext) {
    requirePermission(principal, 'admin');
    return impressionCounts(em, organization.id);
  }

  @Mutation(() => Date, {
    description:
      'Starts the evaluation metrics again from now (owners and admins); counts are kept, and insights still see them. When the new window opened.',
  })
  resetEvaluationMetrics(@Ctx() { em, runtime, principal }: AnalyticsContext) {
    const organizationId = requirePermission(principal, 'admin');
    return resetEvaluationMetrics(em, runtime, principal, organizationId);
  }

  @Mutation(() => [Impression], {
    description:
      'The impressions tracked since the last flush, oldest first (about 10 000 at a time), and the mark moved past them (owners and admins).',
  })
  flushImpressions(@Ctx() { em, runtime, principal }: AnalyticsContext) {
    const organizationId = requirePermission(principal, 'admin');
    return flushImpressions(em, runtime, principal, organizationId);
  }
}
