import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { IdentityContext } from '../../context.js';
import { OrganizationType } from './organization.type.js';

/** Seats in use; billing's `limits` reads it through `@requires`. */
@Resolver(() => OrganizationType)
export class OrganizationSeatsResolver {
  @FieldResolver(() => Int, { description: 'Members of the organization (identity).' })
  seatCount(@Root() organization: OrganizationType, @Ctx() { loaders }: IdentityContext) {
    return loaders.seatCount.load(organization.id);
  }
}
