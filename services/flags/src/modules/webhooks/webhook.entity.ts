import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { IntegrationKind } from './integration-kinds.js';

/** How a webhook signs its deliveries: each product's receivers verify their own scheme (REST.md). */
export const WEBHOOK_FORMATS = ['vexil', 'featuresignals', 'featureflags', 'flagify'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/**
 * An endpoint of an organization that receives its events, filtered by type: a signed webhook, or an
 * integration with a product (its `kind`), which shapes the body (`integration-kinds.ts`).
 */
@Entity({ tableName: 'webhooks' })
@Index({ properties: ['organizationId'] })
export class Webhook {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Property({ type: 'uuid' })
  organizationId!: string;

  @Property({ type: 'text' })
  kind: Opt<IntegrationKind> = 'webhook';

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  url!: string;

  // Kept as given: signing (or the product's intake) needs the secret itself. A webhook's is shown once,
  // at creation; an integration's credential (an API key, a routing key, a Slack URL) never.
  @Property({ type: 'text' })
  secret!: string;

  /** An integration's settings besides its URL and credential (a Slack channel, Datadog tags). */
  @Property({ type: 'jsonb' })
  settings: Opt<Record<string, unknown>> = {};

  /** Event types to deliver; `*` (or empty) is every event. */
  @Property({ type: 'jsonb' })
  events!: string[];

  @Property({ type: 'text' })
  format!: WebhookFormat;

  @Property({ type: 'boolean' })
  enabled: Opt<boolean> = true;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
