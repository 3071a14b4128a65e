import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** One entry of an organization's audit log: who did what to which resource, with the event's data. */
@Entity({ tableName: 'audit_events' })
@Index({ properties: ['organizationId', 'occurredAt'] })
export class AuditEvent {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  /** The domain event this entry records; one entry per event. */
  @Property({ type: 'uuid', unique: true })
  eventId!: string;

  @Property({ type: 'uuid', nullable: true })
  organizationId!: string | null;

  @Property({ type: 'text' })
  action!: string;

  @Property({ type: 'text' })
  actorType!: string;

  @Property({ type: 'text' })
  actorId!: string;

  @Property({ type: 'text' })
  resourceType!: string;

  @Property({ type: 'text', nullable: true })
  resourceId!: string | null;

  @Property({ type: 'jsonb' })
  data!: Record<string, unknown>;

  @Property({ type: 'timestamptz' })
  occurredAt!: Date;
}
