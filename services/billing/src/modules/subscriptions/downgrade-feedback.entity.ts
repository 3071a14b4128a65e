import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** Why an owner or admin is leaving a plan, kept for whoever prices the plans. */
@Entity({ tableName: 'downgrade_feedback' })
@Index({ properties: ['organizationId'] })
export class DowngradeFeedback {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Property({ type: 'uuid' })
  organizationId!: string;

  /** Who gave it (a user id; an API key's id for a server key). */
  @Property({ type: 'text', nullable: true })
  userId: string | null = null;

  /** The plan in force when it was given. */
  @Property({ type: 'text' })
  plan!: string;

  @Property({ type: 'text' })
  reason!: string;

  @Property({ type: 'text', nullable: true })
  comment: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}
