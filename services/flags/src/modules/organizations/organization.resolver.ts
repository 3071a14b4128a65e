import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { PageArgs, paginate } from '@vexil/platform';
import type { FlagsContext } from '../../context.js';
import { ProjectConnection, toProjectType } from '../projects/project.type.js';
import { OrganizationRef } from './organization.type.js';

@Resolver(() => OrganizationRef)
export class OrganizationProjectsResolver {
  @FieldResolver(() => ProjectConnection, { description: 'The organization’s projects, oldest first.' })
  async projects(
    @Root() organization: OrganizationRef,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { loaders }: FlagsContext,
  ) {
    const projects = await loaders.projectsByOrganization.load(organization.id);
    return paginate(projects.map(toProjectType), page);
  }
}
