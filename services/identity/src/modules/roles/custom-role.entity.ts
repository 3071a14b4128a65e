import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { Permission } from '@vexil/platform';
import { Organization } from '../organizations/organization.entity.js';

/** A named set of permissions an organization defines beside the built-in roles. */
@Entity({ tableName: 'custom_roles' })
@Unique({ properties: ['organizationId', 'name'] })
export class CustomRole {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => Organization, { mapToPk: true, fieldName: 'organization_id', deleteRule: 'cascade' })
  organizationId!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  description: Opt<string> = '';

  @Property({ type: 'jsonb' })
  permissions!: Permission[];

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
