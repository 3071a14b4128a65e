import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Webhook } from './webhook.entity.js';

/** One try to deliver, as logged. */
export interface DeliveryAttempt {
  at: string;
  status: number | null;
  durationMs: number;
  error?: string;
}

/** Where a delivery stands. */
export type DeliveryStatus = 'pending' | 'succeeded' | 'failed';

/**
 * One event for one webhook. It lives in the database, so deliveries survive restarts; its id is sent
 * with every attempt so receivers can drop duplicates.
 */
@Entity({ tableName: 'webhook_deliveries' })
@Unique({ properties: ['webhookId', 'eventId'] })
@Index({ properties: ['status', 'nextAttemptAt'] })
export class WebhookDelivery {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => Webhook, { mapToPk: true, fieldName: 'webhook_id', deleteRule: 'cascade' })
  webhookId!: string;

  @Property({ type: 'uuid' })
  eventId!: string;

  @Property({ type: 'text' })
  eventType!: string;

  /** The exact body sent, so every attempt signs and sends the same bytes. */
  @Property({ type: 'text' })
  body!: string;

  @Property({ type: 'text' })
  status: Opt<DeliveryStatus> = 'pending';

  @Property({ type: 'jsonb' })
  attempts: Opt<DeliveryAttempt[]> = [];

  @Property({ type: 'timestamptz' })
  nextAttemptAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  deliveredAt: Opt<Date> | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}
