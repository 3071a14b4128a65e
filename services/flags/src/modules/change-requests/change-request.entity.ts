import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Actor } from '@vexil/platform';
import { Environment } from '../environments/environment.entity.js';
import type { ConfigPatch } from '../flag-configs/config-patch.js';
import { Flag } from '../flags/flag.entity.js';

/** Where a change request stands; approval applies at once, so there is no "approved" state. */
export const changeRequestStatuses = ['pending', 'rejected', 'applied'] as const;

/** Where a change request stands. */
export type ChangeRequestStatus = (typeof changeRequestStatuses)[number];

/**
 * A proposed change to a flag's configuration in an environment that requires approval. Someone other
 * than the requester approves (which applies it) or rejects it.
 */
@Entity({ tableName: 'change_requests' })
@Index({ properties: ['environmentId', 'status'] })
@Index({ properties: ['organizationId'] })
export class ChangeRequest {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Property({ type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Flag, { mapToPk: true, fieldName: 'flag_id', deleteRule: 'cascade' })
  flagId!: string;

  @ManyToOne(() => Environment, { mapToPk: true, fieldName: 'environment_id', deleteRule: 'cascade' })
  environmentId!: string;

  @Property({ type: 'json', columnType: 'json' })
  patch!: ConfigPatch;

  /** The configuration version the change was written against; applying on a newer one is a conflict. */
  @Property({ type: 'integer' })
  baseVersion!: number;

  @Property({ type: 'text', nullable: true })
  note!: string | null;

  /** The requester's own label for the change (FeatureSignals' `change_type`); Vexil only keeps it. */
  @Property({ type: 'text', nullable: true })
  changeType: Opt<string> | null = null;

  @Property({ type: 'jsonb' })
  requestedBy!: Actor;

  @Property({ type: 'text' })
  status: Opt<ChangeRequestStatus> = 'pending';

  @Property({ type: 'jsonb', nullable: true })
  reviewedBy: Opt<Actor> | null = null;

  @Property({ type: 'text', nullable: true })
  reviewNote: Opt<string> | null = null;

  @Property({ type: 'integer', nullable: true })
  appliedVersion: Opt<number> | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
