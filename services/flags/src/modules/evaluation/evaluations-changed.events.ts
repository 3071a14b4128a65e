import { createHash } from 'node:crypto';
import { DomainError, SUBSCRIPTION_STARTED, type DomainEvent } from '@vexil/platform';
import { GraphQLJSON } from 'graphql-scalars';
import { Arg, Ctx, Field, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { FlagsContext } from '../../context.js';
import { AfterArg, SequenceField } from '../event-sequence.js';
import { changesKeyEnvironment, type ChangePayload } from '../flags/sdk-change.js';
import { evaluateEnvironment, FlagEvaluationType } from './evaluation.resolver.js';

@ObjectType('EvaluationsChanged', {
  description:
    'Every flag of the SDK key’s environment evaluated for one context: first the current values, then again whenever a change alters one of them.',
})
export class EvaluationsChangedType {
  @SequenceField()
  sequence!: number;

  @Field(() => String, {
    description:
      'What led to these values: `subscription.started` for the first payload, else the change, e.g. `flag.toggled`.',
  })
  action!: string;

  @Field(() => [FlagEvaluationType], { description: 'Each flag’s value for the context, by flag key.' })
  evaluations!: FlagEvaluationType[];

  @Field(() => String, {
    description:
      'Fingerprint of the served values: equal digests, equal values. The gateway sends a payload only when it differs from the subscriber’s last one.',
  })
  digest!: string;
}

/** The fingerprint of what a context is served: flag, variation and value, not the reasons. */
function digestOf(evaluations: FlagEvaluationType[]): string {
  const served = evaluations.map(({ flagKey, variation, value }) => [flagKey, variation, value]);
  return createHash('sha256').update(JSON.stringify(served)).digest('base64url');
}

/** SDKs holding an API key: the evaluated values of one context, pushed when they change. */
@Resolver()
export class EvaluationsChangedResolver {
  @Subscription(() => EvaluationsChangedType, {
    topics: 'flag.*',
    description:
      'For SDKs (API key in connection_init): the values of every flag for `context`, first as they are, then after each change that alters one of them.',
  })
  evaluationsChanged(
    @Arg('context', () => GraphQLJSON, { description: 'The evaluation context `{ key, ...attributes }`.' })
    _context: unknown,
    @AfterArg() _after: number | null,
    @Root() payload: EvaluationsChangedType,
  ): EvaluationsChangedType {
    return payload;
  }

  @Query(() => EvaluationsChangedType, {
    nullable: true,
    description:
      'Gateway only: the `evaluationsChanged` payload of an event (or of the subscription’s start) for the calling key, or null.',
  })
  async _evaluationsChangedEvent(
    @Arg('event', () => String, { description: 'The committed event.' }) raw: string,
    @Arg('context', () => GraphQLJSON, { description: 'The subscription’s context.' }) context: unknown,
    @Ctx() ctx: FlagsContext,
  ): Promise<EvaluationsChangedType | null> {
    const { principal } = ctx;
    if (principal.via !== 'subscription') throw new DomainError('INSUFFICIENT_PERMISSIONS');
    const event = JSON.parse(raw) as DomainEvent<ChangePayload>;
    const started = event.type === SUBSCRIPTION_STARTED;
    if (principal.kind !== 'apiKey') {
      // Said once, in the first payload; the live events then pass this subscriber by.
      if (started)
        throw new DomainError('UNAUTHENTICATED', 'evaluationsChanged needs an API key in connection_init');
      return null;
    }
    if (!started && !changesKeyEnvironment(event, principal)) return null;
    const evaluations = (await evaluateEnvironment(ctx, principal.environmentId, context, null)).sort(
      (a, b) => (a.flagKey < b.flagKey ? -1 : a.flagKey > b.flagKey ? 1 : 0),
    );
    return Object.assign(new EvaluationsChangedType(), {
      sequence: event.seq,
      action: event.type,
      evaluations,
      digest: digestOf(evaluations),
    });
  }
}
