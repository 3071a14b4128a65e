import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { User } from '../users/user.entity.js';
import { CustomRole } from '../roles/custom-role.entity.js';
import { Organization } from './organization.entity.js';
import type { Role } from '@vexil/platform';

/** A user's role in one organization. */
@Entity({ tableName: 'memberships' })
@Unique({ properties: ['organizationId', 'userId'] })
@Index({ properties: ['userId'] })
export class Membership {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => Organization, { mapToPk: true, fieldName: 'organization_id', deleteRule: 'cascade' })
  organizationId!: string;

  @ManyToOne(() => User, { mapToPk: true, fieldName: 'user_id', deleteRule: 'cascade' })
  userId!: string;

  @Property({ type: 'text' })
  role!: Role;

  /** A custom role whose permissions replace those of `role`; `role` still decides ownership rules. */
  @ManyToOne(() => CustomRole, { mapToPk: true, fieldName: 'custom_role_id', nullable: true })
  customRoleId: Opt<string> | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}
