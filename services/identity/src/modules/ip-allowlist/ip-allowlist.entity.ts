import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** The addresses an organization's people may reach the management API from (the gateway enforces it). */
@Entity({ tableName: 'ip_allowlists' })
export class IpAllowlist {
  @PrimaryKey({ type: 'uuid' })
  organizationId!: string;

  @Property({ type: 'boolean' })
  enabled: Opt<boolean> = false;

  /** CIDR ranges, IPv4 and IPv6, as given (`203.0.113.0/24`, `2001:db8::/32`). */
  @Property({ type: 'jsonb' })
  cidrRanges: Opt<string[]> = [];

  /** Whether API keys (SDKs) are held to it too; by default only signed-in people are. */
  @Property({ type: 'boolean' })
  includeApiKeys: Opt<boolean> = false;

  @Property({ type: 'timestamptz' })
  updatedAt: Opt<Date> = new Date();
}
