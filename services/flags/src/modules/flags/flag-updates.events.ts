import { Arg, Ctx, Field, ID, Int, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import { normalizeOperator, type Segment as EngineSegment } from '@vexil/evaluation';
import { DomainError, type DomainEvent } from '@vexil/platform';
import { GraphQLJSON } from 'graphql-scalars';
import type { FlagsContext } from '../../context.js';
import { AfterArg, SequenceField } from '../event-sequence.js';
import { configured, toEngineFlag } from '../flag-configs/config-snapshot.js';
import { changesKeyEnvironment, type ChangePayload } from './sdk-change.js';

/** What an SDK needs after a change: the flag's whole ruleset in its environment, to evaluate locally. */
@ObjectType('FlagUpdate', {
  description: 'A flag of the SDK key’s environment changed; its ruleset as it is now.',
})
export class FlagUpdateType {
  @Field(() => ID, { description: 'Id of the event.' })
  eventId!: string;

  @SequenceField()
  sequence!: number;

  @Field(() => String, {
    description: 'What happened, e.g. `flag.toggled`, `flag.deleted`, `segment.updated`.',
  })
  action!: string;

  @Field(() => ID, { nullable: true, description: 'The flag’s id (null for segment changes).' })
  flagId!: string | null;

  @Field(() => String, { nullable: true, description: 'The flag (null for segment changes).' })
  flagKey!: string | null;

  @Field(() => Int, { nullable: true, description: 'The configuration version in this environment.' })
  version!: number | null;

  @Field(() => GraphQLJSON, {
    nullable: true,
    description: 'The flag as `@vexil/evaluation` takes it (null once deleted or archived).',
  })
  flag!: unknown;

  @Field(() => GraphQLJSON, {
    description: 'The segments the flag refers to, by key (all changed ones for segment events).',
  })
  segments!: Record<string, EngineSegment>;
}

/** SDKs holding an API key: every change of their environment's flags, as rulesets. */
@Resolver()
export class FlagUpdatesResolver {
  @Subscription(() => FlagUpdateType, {
    topics: 'flag.*',
    description:
      'For SDKs (API key in connection_init): each change of a flag of the key’s environment, with its ruleset.',
  })
  flagUpdates(@AfterArg() _after: number | null, @Root() update: FlagUpdateType): FlagUpdateType {
    return update;
  }

  @Query(() => FlagUpdateType, {
    nullable: true,
    description: 'Gateway only: the `flagUpdates` payload of an event for the calling key, or null.',
  })
  async _flagUpdatesEvent(
    @Arg('event', () => String, { description: 'The committed event.' }) raw: string,
    @Ctx() { principal, loaders }: FlagsContext,
  ): Promise<FlagUpdateType | null> {
    if (principal.via !== 'subscription') throw new DomainError('INSUFFICIENT_PERMISSIONS');
    const event = JSON.parse(raw) as DomainEvent<ChangePayload>;
    if (!changesKeyEnvironment(event, principal)) return null;
    const { payload } = event;
    const segments = await loaders.segmentsByProject.load(principal.projectId);
    const engineSegment = (key: string): [string, EngineSegment] | [] => {
      const segment = segments.find((s) => s.key === key);
      return segment
        ? [
            key,
            {
              key,
              match: segment.match,
              conditions: segment.conditions,
              included: segment.included,
              excluded: segment.excluded,
            },
          ]
        : [];
    };
    const base = { eventId: event.id, sequence: event.seq, action: event.type };
    if (event.type.startsWith('segment.')) {
      return Object.assign(new FlagUpdateType(), {
        ...base,
        flagKey: null,
        version: null,
        flag: null,
        segments: Object.fromEntries([engineSegment(payload.key ?? '')].filter((e) => e.length)),
      });
    }
    const flag = payload.flagId ? await loaders.flagById.load(payload.flagId) : null;
    const environment = (await loaders.environmentsByProject.load(principal.projectId)).find(
      (e) => e.id === principal.environmentId,
    );
    if (!flag || flag.archivedAt || !environment) {
      return Object.assign(new FlagUpdateType(), {
        ...base,
        flagKey: payload.key ?? null,
        version: null,
        flag: null,
        segments: {},
      });
    }
    const current = configured(
      flag,
      environment,
      await loaders.configByFlagEnvironment.load(`${flag.id}:${environment.id}`),
    );
    const referenced = current.config.rules.flatMap((rule) =>
      rule.conditions
        .filter((c) => normalizeOperator(c.operator) === 'in_segment')
        .flatMap((c) => c.values.map(String)),
    );
    return Object.assign(new FlagUpdateType(), {
      ...base,
      flagId: flag.id,
      flagKey: flag.key,
      version: current.version,
      flag: toEngineFlag(flag, current.config, current.version),
      segments: Object.fromEntries([...new Set(referenced)].map(engineSegment).filter((e) => e.length)),
    });
  }
}
