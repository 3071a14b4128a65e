import { Arg, Ctx, Field, ID, Int, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import { DomainError, organizationOf, type DomainEvent } from '@vexil/platform';
import type { FlagsContext } from '../../context.js';
import { AfterArg, SequenceField } from '../event-sequence.js';
import { EnvironmentType, toEnvironmentType } from '../environments/environment.type.js';
import { configured } from '../flag-configs/config-snapshot.js';
import { FlagConfigurationType, toFlagConfigurationType } from '../flag-configs/flag-config.type.js';
import { FlagType, toFlagType } from './flag.type.js';

/** A flag of the subscribed project changed: its own fields, or its configuration in one environment. */
@ObjectType('FlagChangedEvent', {
  description: 'A flag changed (its fields, or its configuration in an environment).',
})
export class FlagChangedEvent {
  @Field(() => ID, { description: 'Id of the event; the same for every subscriber.' })
  eventId!: string;

  @SequenceField()
  sequence!: number;

  @Field(() => String, {
    description: 'What happened: `flag.created`, `flag.toggled`, `flag.config_updated`, `flag.deleted`, …',
  })
  action!: string;

  @Field(() => String, { description: 'Key of the flag.' })
  flagKey!: string;

  @Field(() => FlagType, { nullable: true, description: 'The flag as it is now (null once deleted).' })
  flag!: FlagType | null;

  @Field(() => EnvironmentType, {
    nullable: true,
    description: 'The environment, for configuration changes.',
  })
  environment!: EnvironmentType | null;

  @Field(() => FlagConfigurationType, {
    nullable: true,
    description: 'The configuration there as it is now.',
  })
  configuration!: FlagConfigurationType | null;

  @Field(() => Int, { nullable: true, description: 'The configuration version this change produced.' })
  version!: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Who made the change, as `user:<id>`, `apiKey:<id>` or `system:<name>`.',
  })
  changedBy!: string | null;

  @Field(() => Date, { description: 'When the change committed.' })
  occurredAt!: Date;
}

interface FlagEventPayload {
  flagId: string;
  key: string;
  projectId: string;
  environmentId?: string;
  environmentKey?: string;
  version?: number;
}

/** Dashboards' live view of a project's flags (executed by the gateway; see docs/decisions/0001). */
@Resolver()
export class FlagEventsResolver {
  @Subscription(() => FlagChangedEvent, {
    topics: 'flag.*',
    description:
      'Fires when a flag of the project changes; with `environmentKey`, only that environment’s configuration changes and flag-wide changes.',
  })
  flagChanged(
    @Arg('projectId', () => ID, { description: 'The project.' }) _projectId: string,
    @Arg('environmentKey', () => String, { nullable: true, description: 'Only this environment.' })
    _environmentKey: string | null,
    @AfterArg() _after: number | null,
    @Root() event: FlagChangedEvent,
  ): FlagChangedEvent {
    return event;
  }

  @Query(() => FlagChangedEvent, {
    nullable: true,
    description: 'Gateway only: the `flagChanged` payload of an event for the calling subscriber, or null.',
  })
  async _flagChangedEvent(
    @Arg('event', () => String, { description: 'The committed event.' }) raw: string,
    @Arg('projectId', () => ID, { description: 'The subscription’s project.' }) projectId: string,
    @Arg('environmentKey', () => String, { nullable: true, description: 'The subscription’s environment.' })
    environmentKey: string | null,
    @Ctx() { principal, loaders }: FlagsContext,
  ): Promise<FlagChangedEvent | null> {
    if (principal.via !== 'subscription') throw new DomainError('INSUFFICIENT_PERMISSIONS');
    const event = JSON.parse(raw) as DomainEvent<FlagEventPayload>;
    const { payload } = event;
    if (
      !event.type.startsWith('flag.') ||
      event.organizationId !== organizationOf(principal) ||
      payload.projectId !== projectId
    ) {
      return null;
    }
    if (environmentKey && payload.environmentKey && payload.environmentKey !== environmentKey) return null;
    const flag = await loaders.flagById.load(payload.flagId);
    const environment = payload.environmentId
      ? ((await loaders.environmentsByProject.load(projectId)).find((e) => e.id === payload.environmentId) ??
        null)
      : null;
    const row =
      flag && environment ? await loaders.configByFlagEnvironment.load(`${flag.id}:${environment.id}`) : null;
    return Object.assign(new FlagChangedEvent(), {
      eventId: event.id,
      sequence: event.seq,
      action: event.type,
      flagKey: payload.key,
      flag: flag ? toFlagType(flag) : null,
      environment: environment ? toEnvironmentType(environment) : null,
      configuration: flag && environment ? toFlagConfigurationType(configured(flag, environment, row)) : null,
      version: payload.version ?? null,
      changedBy: event.actor ? `${event.actor.type}:${event.actor.id}` : null,
      occurredAt: new Date(event.occurredAt),
    });
  }
}
