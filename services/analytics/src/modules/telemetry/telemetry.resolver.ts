import { GraphQLJSON } from 'graphql-scalars';
import { Arg, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { DomainError } from '@vexil/platform';
import type { AnalyticsContext } from '../../context.js';
import { SDK_EVENT_KINDS, type SdkEventKind } from './sdk-event.entity.js';
import { sdkIngest } from './sdk-ingest.js';
import { refuseOverMau } from './mau-limit.js';

/** At most this many events per call, so one request cannot hold a transaction for long. */
export const MAX_SDK_EVENTS = 1000;

/** What the gateway counted of its own evaluations: one flag's variation and reason, some times. */
@InputType({ description: 'How often the gateway served a variation of a flag for a reason, and when last.' })
class EvaluationCountInput {
  @Field(() => ID, { description: 'The organization of the environment.' })
  organizationId!: string;

  @Field(() => ID, { description: 'The environment.' })
  environmentId!: string;

  @Field(() => String, { description: 'The flag.' })
  flagKey!: string;

  @Field(() => String, { description: 'The variation served.' })
  variation!: string;

  @Field(() => String, { description: 'Why it was served.' })
  reason!: string;

  @Field(() => Int, { description: 'How many times.' })
  count!: number;

  @Field(() => Date, { description: 'The last time.' })
  lastAt!: Date;
}

/** The contexts the gateway evaluated for in one environment. */
@InputType({ description: 'The contexts the gateway evaluated for in one environment.' })
class SeenContextsInput {
  @Field(() => ID, { description: 'The organization of the environment.' })
  organizationId!: string;

  @Field(() => ID, { description: 'The environment.' })
  environmentId!: string;

  @Field(() => [String], { description: 'Context keys, each once.' })
  keys!: string[];

  @Field(() => Date, { description: 'When they were seen (their month counts them).' })
  at!: Date;
}

@Resolver()
export class TelemetryResolver {
  @Mutation(() => Int, {
    description: `Stores events an SDK reports for its key's environment (evaluations, conversions, errors, impressions; at most ${MAX_SDK_EVENTS}), durably before answering, and counts them into the flags' activity and the month's contexts; how many were stored. API keys only.`,
  })
  async ingestTelemetry(
    @Arg('kind', () => String, {
      description: '`evaluation`, `conversion`, `error`, `impression` or `behavior`.',
    })
    kind: string,
    @Arg('events', () => [GraphQLJSON], { description: 'The events, each a JSON object, kept as sent.' })
    events: unknown[],
    @Arg('environmentKey', () => String, {
      nullable: true,
      description: 'The environment the SDK addressed (a path’s `{envKey}`): refused unless it is the key’s.',
    })
    environmentKey: string | null,
    @Ctx() { principal, telemetry, em, plans }: AnalyticsContext,
  ): Promise<number> {
    // The environment is the key's: an SDK reports only for the environment it evaluates in.
    if (principal.kind !== 'apiKey') throw new DomainError('UNAUTHENTICATED', 'API key required');
    if (environmentKey != null && environmentKey !== principal.environmentKey)
      throw new DomainError(
        'INSUFFICIENT_PERMISSIONS',
        `API key does not belong to environment ${environmentKey}`,
      );
    if (!SDK_EVENT_KINDS.includes(kind as SdkEventKind))
      throw DomainError.validation({ kind: [`must be one of ${SDK_EVENT_KINDS.join(', ')}`] });
    if (events.length > MAX_SDK_EVENTS)
      throw DomainError.validation({ events: [`at most ${MAX_SDK_EVENTS} per call`] });
    const bad = events.findIndex(
      (event) => event === null || typeof event !== 'object' || Array.isArray(event),
    );
    if (bad >= 0) throw DomainError.validation({ [`events.${bad}`]: ['must be a JSON object'] });
    // The month the writer counts contexts in: of the events' own times, never past the wall clock.
    await refuseOverMau(em, plans, principal.organizationId, new Date());
    await telemetry.write(sdkIngest(principal, kind as SdkEventKind, events as Record<string, unknown>[]));
    return events.length;
  }

  @Mutation(() => Int, {
    description:
      'The gateway’s own SDK evaluations, counted in its memory and sent in batches: added to the flags’ activity and the month’s contexts. The gateway only.',
  })
  async recordEvaluations(
    @Arg('counts', () => [EvaluationCountInput], { description: 'Counts per flag, variation and reason.' })
    counts: EvaluationCountInput[],
    @Arg('contexts', () => [SeenContextsInput], { description: 'Contexts seen, per environment.' })
    contexts: SeenContextsInput[],
    @Ctx() { principal, telemetry }: AnalyticsContext,
  ): Promise<number> {
    if (principal.kind !== 'system' || principal.name !== 'gateway')
      throw new DomainError('INSUFFICIENT_PERMISSIONS', 'only the gateway records its evaluations');
    await telemetry.write({
      events: null,
      activity: counts.map(({ lastAt, ...count }) => ({ ...count, kind: 'evaluation', at: lastAt })),
      contexts: contexts.flatMap(({ keys, ...seen }) => keys.map((contextKey) => ({ ...seen, contextKey }))),
    });
    return counts.reduce((sum, count) => sum + count.count, 0);
  }
}
