import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { AuditSource } from '@vexil/platform';

/** One entry of an organization's audit log: who did what to which resource, with the event's data. */
@Entity({ tableName: 'audit_events' })
@Index({ name: 'audit_events_page_index', properties: ['organizationId', 'occurredAt', 'id'] })
@Index({
  name: 'audit_events_resource_index',
  properties: ['organizationId', 'resourceType', 'resourceId', 'occurredAt'],
})
@Index({ name: 'audit_events_project_index', properties: ['projectId', 'occurredAt'] })
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

  /** The project the change touched, when it touched one. */
  @Property({ type: 'uuid', nullable: true })
  projectId!: string | null;

  @Property({ type: 'uuid', nullable: true })
  environmentId!: string | null;

  /** Where the request came from: web, api, sdk, cli or mcp; none for the system's own work. */
  @Property({ type: 'text', nullable: true })
  source!: AuditSource | null;

  /** The request that made the change (`X-Request-Id`). */
  @Property({ type: 'text', nullable: true })
  requestId!: string | null;

  @Property({ type: 'jsonb' })
  data!: Record<string, unknown>;

  @Property({ type: 'timestamptz' })
  occurredAt!: Date;
}
