import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DomainError, PageArgs, paginate } from '@vexil/platform';
import type { FlagsContext } from '../../context.js';
import { actorOf, requireOrganization, requireWriter } from '../access.js';
import { EnvironmentConnection, toEnvironmentType } from '../environments/environment.type.js';
import { organizationRef, OrganizationRef } from '../organizations/organization.type.js';
import { CreateProjectInput } from './project.inputs.js';
import { ProjectType, toProjectType } from './project.type.js';

@Resolver(() => ProjectType)
export class ProjectResolver {
  @Query(() => ProjectType, { description: 'A project of the caller’s organization.' })
  async project(
    @Arg('id', () => ID) id: string,
    @Ctx() { principal, loaders }: FlagsContext,
  ): Promise<ProjectType> {
    const organizationId = requireOrganization(principal);
    const project = await loaders.projectById.load(id);
    if (!project || project.organizationId !== organizationId) throw new DomainError('PROJECT_NOT_FOUND');
    return toProjectType(project);
  }

  @Mutation(() => ProjectType, {
    description: 'Creates a project with environments dev, staging and production.',
  })
  async createProject(
    @Arg('input', () => CreateProjectInput) input: CreateProjectInput,
    @Ctx() { principal, projects }: FlagsContext,
  ): Promise<ProjectType> {
    const organizationId = requireWriter(principal);
    return toProjectType(await projects.create(organizationId, actorOf(principal), input));
  }

  @FieldResolver(() => EnvironmentConnection, {
    description: 'The project’s environments, in display order.',
  })
  async environments(
    @Root() project: ProjectType,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { loaders }: FlagsContext,
  ) {
    const environments = await loaders.environmentsByProject.load(project.id);
    return paginate(environments.map(toEnvironmentType), page);
  }

  @FieldResolver(() => OrganizationRef, { description: 'The organization that owns the project.' })
  organization(@Root() project: ProjectType): OrganizationRef {
    return organizationRef(project.organizationId);
  }
}
