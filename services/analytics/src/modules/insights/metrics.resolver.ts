import { Arg, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import { DomainError, requirePermission } from '@vexil/platform';
import type { AnalyticsContext } from '../../context.js';
import { OrganizationRef } from '../organizations/organization.type.js';
import {
  activitySummary,
  evaluationMetrics,
  evaluationVolume,
  flagEvaluations,
  flushImpressions,
  impressionCounts,
  resetEvaluationMetrics,
} from './metrics.js';
import {
  ActivitySummary,
  EvaluationMetrics,
  FlagEvaluations,
  Impression,
  ImpressionCount,
  VolumePoint,
} from './metrics.type.js';

const DAY_MS = 86_400_000;
/** At most this many intervals in one series. */
const MAX_POINTS = 2_000;

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

  @FieldResolver(() => FlagEvaluations, {
    description:
      'How often a flag key was evaluated across the organization’s environments (owners and admins).',
  })
  flagEvaluations(
    @Root() organization: OrganizationRef,
    @Arg('flagKey', () => String, { description: 'The flag key.' }) flagKey: string,
    @Arg('since', () => Date, { nullable: true, description: 'Start (default: 24 hours ago).' })
    since: Date | null,
    @Ctx() { em, principal }: AnalyticsContext,
  ) {
    requirePermission(principal, 'admin');
    return flagEvaluations(em, organization.id, flagKey, since ?? new Date(Date.now() - DAY_MS));
  }

  @FieldResolver(() => [VolumePoint], {
    description:
      'The organization’s evaluations per interval since a moment, oldest first (owners and admins).',
  })
  evaluationVolume(
    @Root() organization: OrganizationRef,
    @Arg('since', () => Date, { nullable: true, description: 'Start (default: 24 hours ago).' })
    since: Date | null,
    @Arg('intervalHours', () => Int, { defaultValue: 1, description: 'Hours per interval (1–744).' })
    intervalHours: number,
    @Ctx() { em, principal }: AnalyticsContext,
  ) {
    requirePermission(principal, 'admin');
    const start = since ?? new Date(Date.now() - DAY_MS);
    if (!Number.isInteger(intervalHours) || intervalHours < 1 || intervalHours > 744)
      throw DomainError.validation({ intervalHours: ['must be between 1 and 744'] });
    if ((Date.now() - start.getTime()) / (intervalHours * 3_600_000) > MAX_POINTS)
      throw DomainError.validation({
        since: [`gives more than ${MAX_POINTS} intervals; widen the interval`],
      });
    return evaluationVolume(em, organization.id, start, intervalHours);
  }

  @FieldResolver(() => ActivitySummary, {
    description:
      'The organization’s activity since a moment: active projects and users, evaluations, flags first evaluated and audited actions (owners and admins).',
  })
  activitySummary(
    @Root() organization: OrganizationRef,
    @Arg('since', () => Date, { description: 'Start of the period.' }) since: Date,
    @Ctx() { em, principal }: AnalyticsContext,
  ) {
    requirePermission(principal, 'admin');
    return activitySummary(em, organization.id, since);
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
