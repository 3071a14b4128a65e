import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { paginate } from '@vexil/platform';
import type { FlagsContext } from '../../context.js';
import { writerOf } from '../access.js';
import { EnvironmentType } from '../environments/environment.type.js';
import { PageArgs } from '../projects/project.resolver.js';
import { configured } from './config-snapshot.js';
import { UpdateFlagConfigurationInput } from './flag-config.inputs.js';
import {
  FlagConfigurationConnection,
  FlagConfigurationType,
  toFlagConfigurationType,
} from './flag-config.type.js';
import { toRule, toServe } from './targeting.types.js';

@Resolver(() => FlagConfigurationType)
export class FlagConfigurationResolver {
  @Mutation(() => FlagConfigurationType, {
    description:
      'Changes a flag’s configuration in one environment; refused with CONFLICT if `expectedVersion` is stale.',
  })
  async updateFlagConfiguration(
    @Arg('input', () => UpdateFlagConfigurationInput) input: UpdateFlagConfigurationInput,
    @Ctx() { principal, configs }: FlagsContext,
  ): Promise<FlagConfigurationType> {
    const {
      flagId,
      environmentId,
      expectedVersion,
      enabled,
      offVariation,
      rules,
      defaultServe,
      targets,
      prerequisites,
      bucketing,
    } = input;
    const result = await configs.update(writerOf(principal), {
      flagId,
      environmentId,
      expectedVersion: expectedVersion ?? null,
      patch: {
        ...(enabled != null ? { enabled } : {}),
        ...(offVariation != null ? { offVariation } : {}),
        ...(rules ? { rules: rules.map(toRule) } : {}),
        ...(defaultServe ? { defaultServe: toServe(defaultServe) } : {}),
        ...(targets ? { targets: targets.map(({ variation, values }) => ({ variation, values })) } : {}),
        ...(prerequisites
          ? { prerequisites: prerequisites.map(({ flagKey, variation }) => ({ flagKey, variation })) }
          : {}),
        ...(bucketing
          ? {
              bucketing: {
                scheme: bucketing.scheme,
                ...(bucketing.attribute ? { attribute: bucketing.attribute } : {}),
                ...(bucketing.seed ? { seed: bucketing.seed } : {}),
              },
            }
          : {}),
      },
    });
    return toFlagConfigurationType(result);
  }

  @Mutation(() => FlagConfigurationType, {
    description: 'Turns a flag on or off in one environment (the kill switch when off).',
  })
  async setFlagEnabled(
    @Arg('flagId', () => ID) flagId: string,
    @Arg('environmentId', () => ID) environmentId: string,
    @Arg('enabled', () => Boolean) enabled: boolean,
    @Ctx() { principal, configs }: FlagsContext,
  ): Promise<FlagConfigurationType> {
    return toFlagConfigurationType(
      await configs.update(writerOf(principal), { flagId, environmentId, patch: { enabled } }),
    );
  }

  @Mutation(() => FlagConfigurationType, {
    description: 'Restores the configuration of an earlier version, as a new version.',
  })
  async rollbackFlagConfiguration(
    @Arg('flagId', () => ID) flagId: string,
    @Arg('environmentId', () => ID) environmentId: string,
    @Arg('version', () => Int) version: number,
    @Ctx() { principal, configs }: FlagsContext,
  ): Promise<FlagConfigurationType> {
    return toFlagConfigurationType(
      await configs.rollback(writerOf(principal), { flagId, environmentId, version }),
    );
  }
}

@Resolver(() => EnvironmentType)
export class EnvironmentFlagsResolver {
  @FieldResolver(() => FlagConfigurationConnection, {
    description: 'Every (unarchived) flag of the project as configured here.',
  })
  async flags(
    @Root() environment: EnvironmentType,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { loaders }: FlagsContext,
  ) {
    const flags = (await loaders.flagsByProject.load(environment.projectId)).filter(
      (flag) => !flag.archivedAt,
    );
    const rows = await loaders.configByFlagEnvironment.loadMany(
      flags.map((flag) => `${flag.id}:${environment.id}`),
    );
    const items = flags.map((flag, index) => {
      const row = rows[index];
      if (row instanceof Error) throw row;
      return toFlagConfigurationType(configured(flag, environment, row ?? null));
    });
    return paginate(items, page);
  }
}
