import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { DomainError, PageArgs, organizationOf, paginate } from '@vexil/platform';
import type { IdentityContext } from '../../context.js';
import { OrganizationConnection, OrganizationType, toOrganizationType } from './organization.type.js';

@Resolver(() => OrganizationType)
export class OrganizationResolver {
  @Query(() => OrganizationType, {
    description: 'The organization the caller acts in, or the one named by `id` if it is that one.',
  })
  async organization(
    @Arg('id', () => ID, { nullable: true, description: 'Defaults to the caller’s organization.' })
    id: string | null,
    @Ctx() { principal, loaders }: IdentityContext,
  ): Promise<OrganizationType> {
    const own = organizationOf(principal);
    if (!own) throw new DomainError('UNAUTHENTICATED');
    // Another organization's id is answered exactly like an id that does not exist.
    if (id && id !== own) throw new DomainError('ORGANIZATION_NOT_FOUND');
    const organization = await loaders.organizationById.load(own);
    if (!organization) throw new DomainError('ORGANIZATION_NOT_FOUND');
    return toOrganizationType(organization);
  }

  @Query(() => OrganizationConnection, {
    description: 'The organizations you belong to; `switchOrganization` gives a session in another one.',
  })
  async myOrganizations(
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { organizations, principal }: IdentityContext,
  ) {
    return paginate((await organizations.listMine(principal)).map(toOrganizationType), page);
  }

  @Mutation(() => OrganizationType, {
    description: 'Creates another organization you own, with project `default` and its environments.',
  })
  async createOrganization(
    @Arg('name', () => String) name: string,
    @Ctx() { organizations, principal }: IdentityContext,
  ): Promise<OrganizationType> {
    return toOrganizationType(await organizations.create(principal, name));
  }

  @Mutation(() => OrganizationType, {
    description: 'Renames your organization (owner or admin); the slug stays.',
  })
  async renameOrganization(
    @Arg('id', () => ID) id: string,
    @Arg('name', () => String) name: string,
    @Ctx() { organizations, principal }: IdentityContext,
  ): Promise<OrganizationType> {
    return toOrganizationType(await organizations.rename(principal, id, name));
  }
}
