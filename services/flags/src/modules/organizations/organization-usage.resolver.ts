import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { FlagsContext } from '../../context.js';
import { OrganizationRef } from './organization.type.js';

/** What the organization uses of what flags owns; billing's `limits` reads these through `@requires`. */
@Resolver(() => OrganizationRef)
export class OrganizationUsageResolver {
  @FieldResolver(() => Int, { description: 'Projects of the organization (flags).' })
  projectCount(@Root() organization: OrganizationRef, @Ctx() { loaders }: FlagsContext) {
    return loaders.projectCount.load(organization.id);
  }

  @FieldResolver(() => Int, { description: 'Environments over all projects (flags).' })
  environmentCount(@Root() organization: OrganizationRef, @Ctx() { loaders }: FlagsContext) {
    return loaders.environmentCount.load(organization.id);
  }

  @FieldResolver(() => Int, { description: 'Flags over all projects (flags).' })
  flagCount(@Root() organization: OrganizationRef, @Ctx() { loaders }: FlagsContext) {
    return loaders.flagCount.load(organization.id);
  }
}
