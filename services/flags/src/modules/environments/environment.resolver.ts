import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DomainError } from '@vexil/platform';
import { Environment } from './environment.entity.js';
import type { FlagsContext } from '../../context.js';
import { requireAdmin, requireOrganization, writerOf } from '../access.js';
import { ProjectType, toProjectType } from '../projects/project.type.js';
import { CreateEnvironmentInput, UpdateEnvironmentInput } from './environment.inputs.js';
import { EnvironmentType, toEnvironmentType } from './environment.type.js';

const IN_PROJECT = 'Its project, when the caller names one: another is not found.';

@Resolver(() => EnvironmentType)
export class EnvironmentResolver {
  @Query(() => EnvironmentType, { description: 'An environment of the caller’s organization.' })
  async environment(
    @Arg('id', () => ID, { description: 'The environment.' }) id: string,
    @Arg('projectId', () => ID, { nullable: true, description: IN_PROJECT }) projectId: string | null,
    @Ctx() { principal, em }: FlagsContext,
  ): Promise<EnvironmentType> {
    const environment = await em.findOne(Environment, { id, organizationId: requireOrganization(principal) });
    if (!environment || (projectId && environment.projectId !== projectId))
      throw new DomainError('ENVIRONMENT_NOT_FOUND');
    return toEnvironmentType(environment);
  }

  @Mutation(() => EnvironmentType, {
    description: 'Adds an environment to a project; flags start off in it.',
  })
  async createEnvironment(
    @Arg('projectId', () => ID) projectId: string,
    @Arg('input', () => CreateEnvironmentInput) input: CreateEnvironmentInput,
    @Ctx() { principal, environments }: FlagsContext,
  ): Promise<EnvironmentType> {
    return toEnvironmentType(await environments.create(writerOf(principal), projectId, input));
  }

  @Mutation(() => EnvironmentType, {
    description: 'A new environment with every flag configured as in the source.',
  })
  async cloneEnvironment(
    @Arg('id', () => ID, { description: 'The source environment.' }) id: string,
    @Arg('input', () => CreateEnvironmentInput, { description: 'Name, key and colour of the clone.' })
    input: CreateEnvironmentInput,
    @Arg('projectId', () => ID, { nullable: true, description: IN_PROJECT }) projectId: string | null,
    @Ctx() { principal, environments }: FlagsContext,
  ): Promise<EnvironmentType> {
    return toEnvironmentType(await environments.clone(writerOf(principal), id, input, projectId));
  }

  @Mutation(() => EnvironmentType, { description: 'Renames or recolours an environment.' })
  async updateEnvironment(
    @Arg('id', () => ID, { description: 'The environment.' }) id: string,
    @Arg('input', () => UpdateEnvironmentInput, { description: 'The fields to change; omitted ones stay.' })
    input: UpdateEnvironmentInput,
    @Arg('projectId', () => ID, { nullable: true, description: IN_PROJECT }) projectId: string | null,
    @Ctx() { principal, environments }: FlagsContext,
  ): Promise<EnvironmentType> {
    const writer = input.requiresApproval != null ? requireAdmin(principal) : writerOf(principal);
    return toEnvironmentType(await environments.update(writer, id, input, projectId));
  }

  @Mutation(() => EnvironmentType, {
    description: 'Deletes an environment and its flag configuration (owners and admins).',
  })
  async deleteEnvironment(
    @Arg('id', () => ID, { description: 'The environment.' }) id: string,
    @Arg('projectId', () => ID, { nullable: true, description: IN_PROJECT }) projectId: string | null,
    @Ctx() { principal, environments }: FlagsContext,
  ): Promise<EnvironmentType> {
    return toEnvironmentType(await environments.delete(requireAdmin(principal), id, projectId));
  }

  @FieldResolver(() => ProjectType, { description: 'The project the environment belongs to.' })
  async project(
    @Root() environment: EnvironmentType,
    @Ctx() { loaders }: FlagsContext,
  ): Promise<ProjectType> {
    return toProjectType((await loaders.projectById.load(environment.projectId))!);
  }
}
