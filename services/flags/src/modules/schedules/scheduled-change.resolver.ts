import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { FlagsContext } from '../../context.js';
import { writerOf } from '../access.js';
import { EnvironmentType } from '../environments/environment.type.js';
import { patchOf, UpdateFlagConfigurationInput } from '../flag-configs/flag-config.inputs.js';
import { locateConfiguration } from '../flag-configs/flag-locator.js';
import { ScheduledChangeType, toScheduledChangeType } from './scheduled-change.type.js';

@Resolver(() => ScheduledChangeType)
export class ScheduledChangeResolver {
  @Mutation(() => ScheduledChangeType, {
    description: 'Schedules a configuration change (e.g. turn on at launch time).',
  })
  async scheduleFlagChange(
    @Arg('input', () => UpdateFlagConfigurationInput, {
      description: 'The change; `expectedVersion` is ignored.',
    })
    input: UpdateFlagConfigurationInput,
    @Arg('runAt', () => Date, { description: 'When to apply it.' }) runAt: Date,
    @Ctx() { principal, schedules, em }: FlagsContext,
  ): Promise<ScheduledChangeType> {
    const writer = writerOf(principal);
    return toScheduledChangeType(
      await schedules.schedule(writer, {
        ...(await locateConfiguration(em, writer.organizationId, input)),
        patch: patchOf(input),
        runAt,
      }),
    );
  }

  @Mutation(() => ScheduledChangeType, { description: 'Cancels a pending scheduled change.' })
  async cancelScheduledChange(
    @Arg('id', () => ID, { description: 'The scheduled change.' }) id: string,
    @Ctx() { principal, schedules }: FlagsContext,
  ): Promise<ScheduledChangeType> {
    return toScheduledChangeType(await schedules.cancel(writerOf(principal), id));
  }
}

@Resolver(() => EnvironmentType)
export class EnvironmentSchedulesResolver {
  @FieldResolver(() => [ScheduledChangeType], {
    description: 'Scheduled changes of this environment, soonest first.',
  })
  async scheduledChanges(
    @Root() environment: EnvironmentType,
    @Ctx() { loaders }: FlagsContext,
  ): Promise<ScheduledChangeType[]> {
    return (await loaders.scheduledChangesByEnvironment.load(environment.id)).map(toScheduledChangeType);
  }
}
