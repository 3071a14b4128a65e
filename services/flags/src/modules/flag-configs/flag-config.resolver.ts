import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DomainError, pageOf } from '@vexil/platform';
import type { FlagsContext } from '../../context.js';
import { requireOrganization, writerOf } from '../access.js';
import { Environment } from '../environments/environment.entity.js';
import { EnvironmentType } from '../environments/environment.type.js';
import { configured, type ConfigSnapshot } from './config-snapshot.js';
import { EnvironmentFlagsArgs } from './environment-flags.js';
import { FlagDifferenceType } from './flag-difference.type.js';
import { configurationById, locateConfiguration, locateFlag } from './flag-locator.js';
import { patchOf, UpdateFlagConfigurationInput } from './flag-config.inputs.js';
import {
  FlagConfigurationConnection,
  FlagConfigurationType,
  toFlagConfigurationType,
} from './flag-config.type.js';

const FLAG_KEY = 'The flag by key, in the environment’s project (instead of `flagId`).';
const IN_PROJECT = 'The project the flag and environments must belong to, when the caller names one.';

@Resolver(() => FlagConfigurationType)
export class FlagConfigurationResolver {
  @Mutation(() => FlagConfigurationType, {
    description:
      'Changes a flag’s configuration in one environment; refused with CONFLICT if `expectedVersion` is stale.',
  })
  async updateFlagConfiguration(
    @Arg('input', () => UpdateFlagConfigurationInput) input: UpdateFlagConfigurationInput,
    @Ctx() { principal, configs, em }: FlagsContext,
  ): Promise<FlagConfigurationType> {
    const writer = writerOf(principal);
    const result = await configs.update(writer, {
      ...(await locateConfiguration(em, writer.organizationId, input)),
      expectedVersion: input.expectedVersion ?? null,
      patch: patchOf(input),
    });
    return toFlagConfigurationType(result);
  }

  @Query(() => FlagConfigurationType, {
    description: 'A flag’s configuration in one environment, by its own id (Flagify’s flag environment).',
  })
  async flagConfiguration(
    @Arg('id', () => ID, { description: 'The configuration’s id.' }) id: string,
    @Arg('projectId', () => ID, { nullable: true, description: IN_PROJECT }) projectId: string | null,
    @Ctx() { principal, em, loaders }: FlagsContext,
  ): Promise<FlagConfigurationType> {
    const row = await configurationById(em, requireOrganization(principal), id, projectId);
    const [flag, environment] = await Promise.all([
      loaders.flagById.load(row.flagId),
      em.findOneOrFail(Environment, row.environmentId),
    ]);
    return toFlagConfigurationType(configured(flag!, environment, row));
  }

  @Mutation(() => FlagConfigurationType, {
    description: 'Turns a flag on or off in one environment (the kill switch when off).',
  })
  async setFlagEnabled(
    @Arg('flagId', () => ID, { nullable: true, description: 'The flag (or give `flagKey`).' })
    flagId: string | null,
    @Arg('flagKey', () => String, { nullable: true, description: FLAG_KEY })
    flagKey: string | null,
    @Arg('environmentId', () => ID, { description: 'The environment.' }) environmentId: string,
    @Arg('enabled', () => Boolean, { description: 'On (true) or off (false).' }) enabled: boolean,
    @Arg('projectId', () => ID, { nullable: true, description: IN_PROJECT }) projectId: string | null,
    @Ctx() { principal, configs, em }: FlagsContext,
  ): Promise<FlagConfigurationType> {
    const writer = writerOf(principal, 'flag:toggle');
    const id = await locateFlag(em, writer.organizationId, { flagId, flagKey, environmentId, projectId });
    return toFlagConfigurationType(
      await configs.update(writer, { flagId: id, environmentId, patch: { enabled } }),
    );
  }

  @Mutation(() => FlagConfigurationType, {
    description: 'Copies a flag’s configuration from one environment to another.',
  })
  async promoteFlagConfiguration(
    @Arg('flagId', () => ID, { nullable: true, description: 'The flag (or give `flagKey`).' })
    flagId: string | null,
    @Arg('flagKey', () => String, { nullable: true, description: FLAG_KEY })
    flagKey: string | null,
    @Arg('sourceEnvironmentId', () => ID, { description: 'Where the configuration comes from.' })
    sourceEnvironmentId: string,
    @Arg('targetEnvironmentId', () => ID, { description: 'Where it goes.' }) targetEnvironmentId: string,
    @Arg('expectedVersion', () => Int, {
      nullable: true,
      description: 'Version of the target configuration the promotion is based on.',
    })
    expectedVersion: number | null,
    @Arg('projectId', () => ID, { nullable: true, description: IN_PROJECT }) projectId: string | null,
    @Ctx() { principal, configs, em }: FlagsContext,
  ): Promise<FlagConfigurationType> {
    const writer = writerOf(principal);
    const locator = { flagId, flagKey, environmentId: sourceEnvironmentId, projectId };
    return toFlagConfigurationType(
      await configs.promote(writer, {
        flagId: await locateFlag(em, writer.organizationId, locator),
        sourceEnvironmentId,
        targetEnvironmentId,
        expectedVersion,
      }),
    );
  }

  @Mutation(() => [FlagConfigurationType], {
    description: 'Copies the configuration of several flags from one environment to another, all or none.',
  })
  async syncFlagConfigurations(
    @Arg('sourceEnvironmentId', () => ID, { description: 'Where the configurations come from.' })
    sourceEnvironmentId: string,
    @Arg('targetEnvironmentId', () => ID, { description: 'Where they go, in the same project.' })
    targetEnvironmentId: string,
    @Arg('flagKeys', () => [String], { description: 'The flags to copy, by key.' }) flagKeys: string[],
    @Arg('projectId', () => ID, { nullable: true, description: IN_PROJECT }) projectId: string | null,
    @Ctx() { principal, configs }: FlagsContext,
  ): Promise<FlagConfigurationType[]> {
    const synced = await configs.sync(writerOf(principal, 'flag:toggle'), {
      sourceEnvironmentId,
      targetEnvironmentId,
      flagKeys,
      projectId,
    });
    return synced.map(toFlagConfigurationType);
  }

  @Query(() => [FlagDifferenceType], {
    description: 'The flags configured differently in two environments of one project.',
  })
  async compareEnvironments(
    @Arg('sourceEnvironmentId', () => ID, { description: 'One environment.' }) sourceEnvironmentId: string,
    @Arg('targetEnvironmentId', () => ID, { description: 'The other, in the same project.' })
    targetEnvironmentId: string,
    @Arg('projectId', () => ID, { nullable: true, description: IN_PROJECT }) projectId: string | null,
    @Ctx() { principal, em, loaders }: FlagsContext,
  ): Promise<FlagDifferenceType[]> {
    const organizationId = requireOrganization(principal);
    const environments = await em.find(Environment, {
      id: { $in: [sourceEnvironmentId, targetEnvironmentId] },
      organizationId,
    });
    const source = environments.find((e) => e.id === sourceEnvironmentId);
    const target = environments.find((e) => e.id === targetEnvironmentId);
    if (
      !source ||
      !target ||
      source.projectId !== target.projectId ||
      (projectId && source.projectId !== projectId)
    )
      throw new DomainError('ENVIRONMENT_NOT_FOUND');
    const flags = (await loaders.flagsByProject.load(source.projectId)).filter((flag) => !flag.archivedAt);
    const pairs = await Promise.all(
      flags.map(async (flag) => {
        const [a, b] = await Promise.all([
          loaders.configByFlagEnvironment.load(`${flag.id}:${source.id}`),
          loaders.configByFlagEnvironment.load(`${flag.id}:${target.id}`),
        ]);
        return [configured(flag, source, a), configured(flag, target, b)] as const;
      }),
    );
    return pairs.flatMap(([left, right]) => {
      const fields = (Object.keys(left.config) as (keyof ConfigSnapshot)[]).filter(
        (field) => JSON.stringify(left.config[field]) !== JSON.stringify(right.config[field]),
      );
      if (fields.length === 0) return [];
      return [
        Object.assign(new FlagDifferenceType(), {
          flagKey: left.flag.key,
          differences: fields,
          source: toFlagConfigurationType(left),
          target: toFlagConfigurationType(right),
        }),
      ];
    });
  }

  @Mutation(() => FlagConfigurationType, {
    description: 'Restores the configuration of an earlier version, as a new version.',
  })
  async rollbackFlagConfiguration(
    @Arg('flagId', () => ID, { nullable: true, description: 'The flag (or give `flagKey`).' })
    flagId: string | null,
    @Arg('flagKey', () => String, { nullable: true, description: FLAG_KEY })
    flagKey: string | null,
    @Arg('environmentId', () => ID, { description: 'The environment.' }) environmentId: string,
    @Arg('version', () => Int, { description: 'The version to restore.' }) version: number,
    @Arg('projectId', () => ID, { nullable: true, description: IN_PROJECT }) projectId: string | null,
    @Ctx() { principal, configs, em }: FlagsContext,
  ): Promise<FlagConfigurationType> {
    const writer = writerOf(principal);
    const id = await locateFlag(em, writer.organizationId, { flagId, flagKey, environmentId, projectId });
    return toFlagConfigurationType(await configs.rollback(writer, { flagId: id, environmentId, version }));
  }
}

@Resolver(() => EnvironmentType)
export class EnvironmentFlagsResolver {
  @FieldResolver(() => FlagConfigurationConnection, {
    description: 'The project’s flags as configured here, filtered, ordered and paged in SQL.',
  })
  async flags(
    @Root() environment: EnvironmentType,
    @Args(() => EnvironmentFlagsArgs) args: EnvironmentFlagsArgs,
    @Ctx() { loaders }: FlagsContext,
  ) {
    const page = await loaders.environmentFlags(args).load(`${environment.id}:${environment.projectId}`);
    const [flags, rows] = await Promise.all([
      loaders.flagById.loadMany(page.ids),
      loaders.configByFlagEnvironment.loadMany(page.ids.map((id) => `${id}:${environment.id}`)),
    ]);
    const items = page.ids.map((id, index) => {
      const flag = flags[index];
      const row = rows[index];
      if (flag instanceof Error) throw flag;
      if (row instanceof Error) throw row;
      return { node: toFlagConfigurationType(configured(flag!, environment, row ?? null)), id };
    });
    return pageOf(items, page.totalCount, page.hasNextPage);
  }
}
