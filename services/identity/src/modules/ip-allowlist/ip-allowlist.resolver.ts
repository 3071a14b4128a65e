import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { actorOf, CidrList, DomainError, requirePermission } from '@vexil/platform';
import type { IdentityContext } from '../../context.js';
import { isGateway } from '../access.js';
import { OrganizationType } from '../organizations/organization.type.js';
import { IpAllowlist } from './ip-allowlist.entity.js';

/** At most this many ranges per organization: an allowlist names offices and VPNs, not customers. */
const MAX_RANGES = 100;

@ObjectType('IpAllowlist', { description: 'The addresses an organization’s people may reach the API from.' })
export class IpAllowlistType {
  @Field(() => ID, { description: 'The organization.' })
  organizationId!: string;

  @Field(() => Boolean, { description: 'Whether it is enforced.' })
  enabled!: boolean;

  @Field(() => [String], { description: 'CIDR ranges, IPv4 and IPv6.' })
  cidrRanges!: string[];

  @Field(() => Boolean, {
    description: 'Whether API keys (SDKs) are held to it too; signed-in people always are.',
  })
  includeApiKeys!: boolean;
}

@InputType({ description: 'An organization’s IP allowlist.' })
export class IpAllowlistInput {
  @Field(() => Boolean, { description: 'Whether it is enforced.' })
  enabled!: boolean;

  @Field(() => [String], {
    description: 'CIDR ranges (`203.0.113.0/24`, `2001:db8::/32`; a bare address is its own).',
  })
  cidrRanges!: string[];

  @Field(() => Boolean, { nullable: true, description: 'Hold API keys (SDKs) to it too (default false).' })
  includeApiKeys?: boolean | null;
}

const toType = (organizationId: string, found: IpAllowlist | null): IpAllowlistType => ({
  organizationId,
  enabled: found?.enabled ?? false,
  cidrRanges: found?.cidrRanges ?? [],
  includeApiKeys: found?.includeApiKeys ?? false,
});

/**
 * Each organization's IP allowlist. Identity keeps it; the gateway enforces it from memory, loaded with
 * `ipAllowlists` at start and kept by `ip_allowlist.updated` events (gateway/src/auth/ip-allowlists.ts).
 */
@Resolver(() => OrganizationType)
export class IpAllowlistResolver {
  @FieldResolver(() => IpAllowlistType, {
    description: 'The organization’s IP allowlist (owners and admins).',
  })
  async ipAllowlist(@Root() organization: OrganizationType, @Ctx() { em, principal }: IdentityContext) {
    const organizationId = requirePermission(principal, 'admin');
    if (organizationId !== organization.id) throw new DomainError('INSUFFICIENT_PERMISSIONS');
    return toType(organizationId, await em.findOne(IpAllowlist, { organizationId }));
  }

  @Query(() => [IpAllowlistType], {
    description: 'Gateway only: every enforced allowlist, to hold in memory.',
  })
  async ipAllowlists(@Ctx() { em, principal }: IdentityContext): Promise<IpAllowlistType[]> {
    if (!isGateway(principal)) throw new DomainError('INSUFFICIENT_PERMISSIONS', 'the gateway only');
    return (await em.find(IpAllowlist, { enabled: true })).map((found) =>
      toType(found.organizationId, found),
    );
  }

  @Mutation(() => IpAllowlistType, {
    description:
      'Sets the organization’s IP allowlist (owners and admins, on a plan with it). A list that would shut out your own address is refused.',
  })
  async setIpAllowlist(
    @Arg('input', () => IpAllowlistInput, { description: 'The allowlist.' }) input: IpAllowlistInput,
    @Ctx() { em, runtime, principal, plans }: IdentityContext,
  ): Promise<IpAllowlistType> {
    const organizationId = requirePermission(principal, 'admin');
    await plans.requireFeature(em, organizationId, 'ipAllowlist');
    if (input.cidrRanges.length > MAX_RANGES)
      throw DomainError.validation({ cidr_ranges: [`at most ${MAX_RANGES} ranges`] });
    const ranges = CidrList.parse(input.cidrRanges);
    if (!(ranges instanceof CidrList))
      throw DomainError.validation({ [`cidr_ranges.${ranges.index}`]: [ranges.problem] });
    // The caller's address as the gateway established it: a list without it would lock the caller out.
    if (input.enabled && !(principal.clientIp && ranges.includes(principal.clientIp)))
      throw new DomainError(
        'CONFLICT',
        `the allowlist does not include your address (${principal.clientIp ?? 'unknown'}); add it, or you would be locked out`,
      );
    return runtime.relay.transaction(em, async (tx) => {
      const found =
        (await tx.findOne(IpAllowlist, { organizationId })) ?? tx.create(IpAllowlist, { organizationId });
      const before = toType(organizationId, found);
      found.enabled = input.enabled;
      found.cidrRanges = input.cidrRanges.map((range) => range.trim());
      found.includeApiKeys = input.includeApiKeys ?? false;
      found.updatedAt = runtime.now();
      const after = toType(organizationId, found);
      runtime.relay.record(tx, {
        type: 'ip_allowlist.updated',
        organizationId,
        aggregateId: organizationId,
        actor: actorOf(principal),
        payload: { before, after },
      });
      return after;
    });
  }
}
