import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { decodeCursor, DomainError, isUuid, pageBounds, pageOf, paginate, PageArgs } from '@vexil/platform';
import type { FlagsContext } from '../../context.js';
import { requireOrganization, writerOf } from '../access.js';
import { configured, type EnvironmentView } from '../flag-configs/config-snapshot.js';
import { FlagConfigurationType, toFlagConfigurationType } from '../flag-configs/flag-config.type.js';
import {
  FlagConfigurationVersionConnection,
  FlagConfigurationVersionType,
  toFlagConfigurationVersionType,
} from '../flag-configs/flag-config-version.type.js';
import { ProjectType, toProjectType } from '../projects/project.type.js';
import type { Flag } from './flag.entity.js';
import { CloneFlagInput, CreateFlagInput, UpdateFlagInput } from './flag.inputs.js';
import { FlagConnection, FlagType, toFlagType } from './flag.type.js';

/** Page arguments of a project's flag list. */
@ArgsType()
export class FlagPageArgs extends PageArgs {
  @Field(() => Boolean, { nullable: true, description: 'Include archived flags (default false).' })
  includeArchived?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only archived flags (true) or only live ones (false); overrides `includeArchived`.',
  })
  archived?: boolean | null;
}

/** How a flag mutation names its flag: by id, or by project and key. */
@ArgsType()
class FlagRefArgs {
  @Field(() => ID, { nullable: true, description: 'The flag (or give `projectId` and `key`).' })
  id?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The project of the flag named by `key`; with `id`, a flag of another is not found.',
  })
  projectId?: string | null;

  @Field(() => String, { nullable: true, description: 'The flag, by key in `projectId`.' })
  key?: string | null;
}

const ENVIRONMENT_ID = 'The environment, by id; REST dialects name environments by id.';
const ENVIRONMENT_KEY = 'The environment, by key (or give `environmentId`).';

/** The environment of the flag's project a field names by id or by key; null when there is none. */
async function environmentOf(
  flag: FlagType,
  { environmentId, environmentKey }: { environmentId: string | null; environmentKey: string | null },
  loaders: FlagsContext['loaders'],
): Promise<EnvironmentView | null> {
  if (!environmentKey && !environmentId)
    throw DomainError.validation({ environmentId: ['give environmentId or environmentKey'] });
  const environments = await loaders.environmentsByProject.load(flag.projectId);
  return (
    environments.find((e) => (environmentId ? e.id === environmentId : e.key === environmentKey)) ?? null
  );
}

@Resolver(() => FlagType)
export class FlagResolver {
  @Query(() => FlagType, { description: 'A flag of the caller’s organization, by id or by project and key.' })
  async flag(
    @Args(() => FlagRefArgs) { id, projectId, key }: FlagRefArgs,
    @Ctx() { principal, loaders }: FlagsContext,
  ): Promise<FlagType> {
    const organizationId = requireOrganization(principal);
    if (!id && (!projectId || !key)) throw DomainError.validation({ id: ['give id, or projectId and key'] });
    const flag = id
      ? isUuid(id)
        ? await loaders.flagById.load(id)
        : null
      : ((await loaders.flagsByProject.load(projectId!)).find((candidate) => candidate.key === key) ?? null);
    if (!flag || flag.organizationId !== organizationId || (projectId && flag.projectId !== projectId))
      throw new DomainError('FLAG_NOT_FOUND');
    return toFlagType(flag);
  }

  @Mutation(() => FlagType, {
    description: 'Copies a flag under a new key, configured as the original in every environment.',
  })
  async cloneFlag(
    @Args(() => FlagRefArgs) ref: FlagRefArgs,
    @Arg('input', () => CloneFlagInput, { description: 'The copy.' }) input: CloneFlagInput,
    @Ctx() { principal, flags }: FlagsContext,
  ): Promise<FlagType> {
    return toFlagType(await flags.clone(writerOf(principal), ref, input));
  }

  @Mutation(() => FlagType, { description: 'Creates a flag; it starts off in every environment.' })
  async createFlag(
    @Arg('projectId', () => ID, { nullable: true, description: 'The project (or give `environmentId`).' })
    projectId: string | null,
    @Arg('environmentId', () => ID, {
      nullable: true,
      description: 'An environment of the project, for REST dialects that name only environments.',
    })
    environmentId: string | null,
    @Arg('input', () => CreateFlagInput, { description: 'The new flag.' }) input: CreateFlagInput,
    @Ctx() { principal, flags }: FlagsContext,
  ): Promise<FlagType> {
    return toFlagType(await flags.create(writerOf(principal), { projectId, environmentId }, input));
  }

  @Mutation(() => FlagType, { description: 'Changes a flag’s own fields.' })
  async updateFlag(
    @Args(() => FlagRefArgs) ref: FlagRefArgs,
    @Arg('input', () => UpdateFlagInput, { description: 'The fields to change; omitted ones stay.' })
    input: UpdateFlagInput,
    @Ctx() { principal, flags }: FlagsContext,
  ): Promise<FlagType> {
    return toFlagType(await flags.update(writerOf(principal), ref, input));
  }

  @Mutation(() => FlagType, { description: 'Archives a flag: hidden from lists and SDKs, restorable.' })
  async archiveFlag(@Args(() => FlagRefArgs) ref: FlagRefArgs, @Ctx() { principal, flags }: FlagsContext) {
    return toFlagType(await flags.archive(writerOf(principal), ref));
  }

  @Mutation(() => FlagType, { description: 'Restores an archived flag.' })
  async restoreFlag(@Args(() => FlagRefArgs) ref: FlagRefArgs, @Ctx() { principal, flags }: FlagsContext) {
    return toFlagType(await flags.restore(writerOf(principal), ref));
  }

  @Mutation(() => FlagType, { description: 'Deletes a flag and its configuration everywhere.' })
  async deleteFlag(@Args(() => FlagRefArgs) ref: FlagRefArgs, @Ctx() { principal, flags }: FlagsContext) {
    return toFlagType(await flags.delete(writerOf(principal), ref));
  }

  @FieldResolver(() => ProjectType, { description: 'The project the flag belongs to.' })
  async project(@Root() flag: FlagType, @Ctx() { loaders }: FlagsContext): Promise<ProjectType> {
    return toProjectType((await loaders.projectById.load(flag.projectId))!);
  }

  @FieldResolver(() => FlagConfigurationType, {
    nullable: true,
    description:
      'The flag’s configuration in one environment, by id or key; null if there is no such environment.',
  })
  async configuration(
    @Root() flag: FlagType,
    @Arg('environmentId', () => ID, { nullable: true, description: ENVIRONMENT_ID })
    environmentId: string | null,
    @Arg('environmentKey', () => String, { nullable: true, description: ENVIRONMENT_KEY })
    environmentKey: string | null,
    @Ctx() { loaders }: FlagsContext,
  ) {
    const environment = await environmentOf(flag, { environmentId, environmentKey }, loaders);
    return environment && this.configurationIn(flag, environment, loaders);
  }

  @FieldResolver(() => [FlagConfigurationType], {
    description: 'The flag’s configuration in every environment.',
  })
  async configurations(@Root() flag: FlagType, @Ctx() { loaders }: FlagsContext) {
    const environments = await loaders.environmentsByProject.load(flag.projectId);
    return Promise.all(environments.map((environment) => this.configurationIn(flag, environment, loaders)));
  }

  @FieldResolver(() => FlagConfigurationVersionConnection, {
    description:
      'The flag’s configuration history in one environment, newest first; the cursor of an entry is its version.',
  })
  async history(
    @Root() flag: FlagType,
    @Arg('environmentKey', () => String, { nullable: true, description: ENVIRONMENT_KEY })
    environmentKey: string | null,
    @Arg('environmentId', () => ID, { nullable: true, description: ENVIRONMENT_ID })
    environmentId: string | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { loaders }: FlagsContext,
  ) {
    const environment = await environmentOf(flag, { environmentId, environmentKey }, loaders);
    if (!environment) throw new DomainError('ENVIRONMENT_NOT_FOUND');
    const { first, offset } = pageBounds(page);
    const beforeVersion = page.after ? Number(decodeCursor(page.after)) : null;
    if (beforeVersion !== null && !Number.isInteger(beforeVersion))
      throw DomainError.validation({ after: ['is not a cursor of this list'] });
    const [entity, row, history] = await Promise.all([
      loaders.flagById.load(flag.id),
      loaders.configByFlagEnvironment.load(`${flag.id}:${environment.id}`),
      loaders.historyPage({ first, offset, beforeVersion }).load(`${flag.id}:${environment.id}`),
    ]);
    const last = history.entries.at(-1);
    return pageOf(
      history.entries.map((entry) => ({
        node: toFlagConfigurationVersionType(entity!, environment, row!, entry),
        id: String(entry.version),
      })),
      history.totalCount,
      // Versions only grow, so older ones than the last of this page are 1 … its version − 1.
      last !== undefined && last.version > 1,
    );
  }

  @FieldResolver(() => FlagConfigurationVersionType, {
    nullable: true,
    description: 'One version of the flag’s configuration history in one environment; null if there is none.',
  })
  async historyVersion(
    @Root() flag: FlagType,
    @Arg('environmentKey', () => String, { nullable: true, description: ENVIRONMENT_KEY })
    environmentKey: string | null,
    @Arg('environmentId', () => ID, { nullable: true, description: ENVIRONMENT_ID })
    environmentId: string | null,
    @Arg('version', () => Int, { description: 'The version number.' }) version: number,
    @Ctx() { loaders }: FlagsContext,
  ): Promise<FlagConfigurationVersionType | null> {
    const environment = await environmentOf(flag, { environmentId, environmentKey }, loaders);
    if (!environment) throw new DomainError('ENVIRONMENT_NOT_FOUND');
    const [entity, row, entry] = await Promise.all([
      loaders.flagById.load(flag.id),
      loaders.configByFlagEnvironment.load(`${flag.id}:${environment.id}`),
      loaders.historyVersion.load(`${flag.id}:${environment.id}:${version}`),
    ]);
    return entry && toFlagConfigurationVersionType(entity!, environment, row!, entry);
  }

  private async configurationIn(
    flag: FlagType,
    environment: Parameters<typeof configured>[1],
    loaders: FlagsContext['loaders'],
  ) {
    const [entity, row] = await Promise.all([
      loaders.flagById.load(flag.id),
      loaders.configByFlagEnvironment.load(`${flag.id}:${environment.id}`),
    ]);
    return toFlagConfigurationType(configured(entity!, environment, row));
  }
}

@Resolver(() => ProjectType)
export class ProjectFlagsResolver {
  @FieldResolver(() => FlagConnection, { description: 'The project’s flags, oldest first.' })
  async flags(
    @Root() project: ProjectType,
    @Args(() => FlagPageArgs) page: FlagPageArgs,
    @Ctx() { loaders }: FlagsContext,
  ) {
    const flags = await loaders.flagsByProject.load(project.id);
    const wanted = (flag: Flag) =>
      page.archived == null ? page.includeArchived || !flag.archivedAt : page.archived === !!flag.archivedAt;
    return paginate(flags.filter(wanted).map(toFlagType), page);
  }

  @FieldResolver(() => FlagType, { nullable: true, description: 'One flag of the project, by key.' })
  async flag(
    @Root() project: ProjectType,
    @Arg('key', () => String) key: string,
    @Ctx() { loaders }: FlagsContext,
  ) {
    const flag = (await loaders.flagsByProject.load(project.id)).find((f) => f.key === key);
    return flag ? toFlagType(flag) : null;
  }
}
