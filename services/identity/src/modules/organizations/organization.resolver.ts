import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { DomainError, organizationOf } from '@vexil/platform';
import type { IdentityContext } from '../../context.js';
import { OrganizationType, toOrganizationType } from './organization.type.js';

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
}
