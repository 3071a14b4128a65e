import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Actor } from '@vexil/platform';
import { Environment } from '../environments/environment.entity.js';
import type { ConfigPatch } from '../flag-configs/config-patch.js';
import { Flag } from '../flags/flag.entity.js';

/** Where a scheduled change stands. */
export type ScheduledChangeStatus = 'pending' | 'applied' | 'failed' | 'canceled';

/** A change to a flag's configuration that the scheduler applies at `runAt`. */
@Entity({ tableName: 'scheduled_changes' })
@Index({ properties: ['status', 'runAt'] })
export class ScheduledChange {
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

  @Property({ type: 'timestamptz' })
  runAt!: Date;

  @Property({ type: 'jsonb' })
  createdBy!: Actor;

  @Property({ type: 'text' })
  status: Opt<ScheduledChangeStatus> = 'pending';

  @Property({ type: 'integer', nullable: true })
  appliedVersion: Opt<number> | null = null;

  @Property({ type: 'text', nullable: true })
  error: Opt<string> | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}
