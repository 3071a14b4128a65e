import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Opt } from '@mikro-orm/core';
import type { Actor } from './domain-event.js';

/**
 * A row of a service's `outbox` table. It is written in the same transaction as the change it
 * describes, so an event exists if and only if its change committed.
 */
@Entity({ tableName: 'outbox' })
// The relay only ever looks for unpublished rows; a partial index keeps that lookup small forever.
@Index({ name: 'outbox_unpublished_index', properties: ['seq'], where: 'published_at is null' })
export class OutboxEvent {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  seq!: Opt<string>;

  @Property({ type: 'uuid', unique: true })
  id: Opt<string> = randomUUID();

  @Property({ type: 'text' })
  type!: string;

  @Property({ type: 'uuid', nullable: true })
  organizationId!: string | null;

  @Property({ type: 'text', nullable: true })
  aggregateId!: string | null;

  @Property({ type: 'jsonb', nullable: true })
  actor!: Actor | null;

  @Property({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Property({ type: 'timestamptz' })
  occurredAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  publishedAt: Opt<Date> | null = null;
}
