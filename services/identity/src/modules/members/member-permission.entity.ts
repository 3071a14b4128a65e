import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Membership } from '../organizations/membership.entity.js';

/**
 * What one member may do in one environment beyond reading (routes.md §1.4,
 * `/v1/members/{memberID}/permissions`): toggle flags, edit targeting rules.
 */
@Entity({ tableName: 'member_permissions' })
@Unique({ properties: ['membershipId', 'environmentId'] })
export class MemberPermission {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => Membership, { mapToPk: true, fieldName: 'membership_id', deleteRule: 'cascade' })
  membershipId!: string;

  @Property({ type: 'uuid' })
  environmentId!: string;

  @Property({ type: 'boolean' })
  canToggle!: boolean;

  @Property({ type: 'boolean' })
  canEditRules!: boolean;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}
