import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { ApiKeyFormat, ApiKeyKind, Permission } from '@vexil/platform';
import { Organization } from '../organizations/organization.entity.js';

/**
 * An API key of one environment. Only an HMAC of the full key is stored; `keyId`, part of the key
 * itself, finds the row without a scan.
 */
@Entity({ tableName: 'api_keys' })
@Index({ properties: ['environmentId'] })
export class ApiKey {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Property({ type: 'text', unique: true })
  keyId!: string;

  @ManyToOne(() => Organization, { mapToPk: true, fieldName: 'organization_id', deleteRule: 'cascade' })
  organizationId!: string;

  @Property({ type: 'uuid' })
  projectId!: string;

  @Property({ type: 'uuid' })
  environmentId!: string;

  @Property({ type: 'text' })
  environmentKey!: string;

  @Property({ type: 'text' })
  type!: ApiKeyKind;

  /** How the key is written; a rotation keeps it. */
  @Property({ type: 'text' })
  format!: ApiKeyFormat;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'jsonb' })
  scopes!: Permission[];

  /** The first 12 characters, to recognise a key in lists. */
  @Property({ type: 'text' })
  keyPrefix!: string;

  @Property({ type: 'text' })
  secretHash!: string;

  @Property({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  lastUsedAt: Opt<Date> | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt: Opt<Date> | null = null;

  /** Set when the key was rotated: it keeps working until then. */
  @Property({ type: 'timestamptz', nullable: true })
  graceExpiresAt: Opt<Date> | null = null;

  @Property({ type: 'uuid', nullable: true })
  rotatedFromId: Opt<string> | null = null;
}
