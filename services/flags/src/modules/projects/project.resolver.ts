import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DomainError, PageArgs, paginate } from '@vexil/platform';
import type { FlagsContext } from '../../context.js';
import { actorOf, requireAdmin, requireOrganization, requireWriter, writerOf } from '../access.js';
import { EnvironmentConnection, toEnvironmentType } from '../environments/environment.type.js';
import { organizationRef, OrganizationRef } from '../organizations/organization.type.js';
import { CreateProjectInput, UpdateProjectInput } from './project.inputs.js';
import { ProjectDashboardType } from './project-dashboard.type.js';
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

  @Mutation(() => ProjectType, { description: 'Renames a project or changes its slug.' })
  async updateProject(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateProjectInput) input: UpdateProjectInput,
    @Ctx() { principal, projects }: FlagsContext,
  ): Promise<ProjectType> {
    return toProjectType(await projects.update(writerOf(principal), id, input));
  }

  @Mutation(() => ProjectType, {
    description: 'Deletes a project with its environments, flags and segments (owners and admins).',
  })
  async deleteProject(
    @Arg('id', () => ID) id: string,
    @Ctx() { principal, projects }: FlagsContext,
  ): Promise<ProjectType> {
    return toProjectType(await projects.delete(requireAdmin(principal), id));
  }

  @FieldResolver(() => ProjectDashboardType, { description: 'Counts for the project’s dashboard.' })
  async dashboard(
    @Root() project: ProjectType,
    @Ctx() { loaders }: FlagsContext,
  ): Promise<ProjectDashboardType> {
    const [flags, environments] = await Promise.all([
      loaders.flagsByProject.load(project.id),
      loaders.environmentsByProject.load(project.id),
    ]);
    const live = flags.filter((flag) => !flag.archivedAt);
    return Object.assign(new ProjectDashboardType(), {
      totalFlags: flags.length,
      totalEnvironments: environments.length,
      activeFlags: live.filter((flag) => flag.status === 'active').length,
      archivedFlags: flags.length - live.length,
      rolledOutFlags: live.filter((flag) => flag.status === 'rolled_out').length,
      deprecatedFlags: live.filter((flag) => flag.status === 'deprecated').length,
    });
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
