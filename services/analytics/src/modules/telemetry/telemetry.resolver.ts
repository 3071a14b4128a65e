import { GraphQLJSON } from 'graphql-scalars';
import { Arg, Ctx, Int, Mutation, Resolver } from 'type-graphql';
import { DomainError } from '@vexil/platform';
import type { AnalyticsContext } from '../../context.js';
import { SDK_EVENT_KINDS, SdkEvent, type SdkEventKind } from './sdk-event.entity.js';

/** At most this many events per call, so one request cannot hold a transaction for long. */
export const MAX_SDK_EVENTS = 1000;

@Resolver()
export class TelemetryResolver {
  @Mutation(() => Int, {
    description: `Stores events an SDK reports for its key's environment (evaluations, conversions, errors; at most ${MAX_SDK_EVENTS}), durably before answering; how many were stored. API keys only.`,
  })
  async ingestTelemetry(
    @Arg('kind', () => String, { description: '`evaluation`, `conversion` or `error`.' }) kind: string,
    @Arg('events', () => [GraphQLJSON], { description: 'The events, each a JSON object, kept as sent.' })
    events: unknown[],
    @Ctx() { principal, em }: AnalyticsContext,
  ): Promise<number> {
    // The environment is the key's: an SDK reports only for the environment it evaluates in.
    if (principal.kind !== 'apiKey') throw new DomainError('UNAUTHENTICATED', 'API key required');
    if (!SDK_EVENT_KINDS.includes(kind as SdkEventKind))
      throw DomainError.validation({ kind: [`must be one of ${SDK_EVENT_KINDS.join(', ')}`] });
    if (events.length > MAX_SDK_EVENTS)
      throw DomainError.validation({ events: [`at most ${MAX_SDK_EVENTS} per call`] });
    if (events.some((event) => event === null || typeof event !== 'object' || Array.isArray(event)))
      throw DomainError.validation({ events: ['each event must be a JSON object'] });
    const receivedAt = new Date();
    for (const data of events as Record<string, unknown>[])
      em.persist(
        em.create(SdkEvent, {
          organizationId: principal.organizationId,
          environmentId: principal.environmentId,
          keyId: principal.keyId,
          kind: kind as SdkEventKind,
          data,
          receivedAt,
        }),
      );
    await em.flush();
    return events.length;
  }
}
