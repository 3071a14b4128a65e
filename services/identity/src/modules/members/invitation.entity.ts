import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Role } from '@vexil/platform';
import { Organization } from '../organizations/organization.entity.js';

/** An invitation to join an organization, accepted once by the invited email's account. */
@Entity({ tableName: 'invitations' })
@Index({ properties: ['organizationId'] })
export class Invitation {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => Organization, { mapToPk: true, fieldName: 'organization_id', deleteRule: 'cascade' })
  organizationId!: string;

  @Property({ type: 'text' })
  email!: string;

  @Property({ type: 'text' })
  role!: Role;

  @Property({ type: 'uuid', nullable: true })
  customRoleId: Opt<string> | null = null;

  @Property({ type: 'uuid' })
  invitedBy!: string;

  @Property({ type: 'text' })
  secretHash!: string;

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  acceptedAt: Opt<Date> | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}
