import { connectionType } from '@vexil/platform';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { WebhookDelivery } from './webhook-delivery.entity.js';
import type { Webhook } from './webhook.entity.js';

/** An endpoint that receives the organization's events. */
@ObjectType('Webhook', { description: 'An endpoint that receives the organization’s events, signed.' })
export class WebhookType {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: string;

  @Field(() => String, { description: 'Display name.' })
  name!: string;

  @Field(() => String, { description: 'Where deliveries are POSTed.' })
  url!: string;

  @Field(() => [String], { description: 'Event types delivered; `*` is all.' })
  events!: string[];

  @Field(() => String, {
    description: 'Signature scheme: `vexil`, `featuresignals`, `featureflags` or `flagify`.',
  })
  format!: string;

  @Field(() => Boolean, { description: 'Whether events are delivered.' })
  enabled!: boolean;

  @Field(() => Boolean, { description: 'Always true: every webhook signs; the secret is shown once.' })
  hasSecret!: boolean;

  @Field(() => Date, { description: 'When the webhook was created.' })
  createdAt!: Date;

  @Field(() => Date, { description: 'When the webhook last changed.' })
  updatedAt!: Date;
}

/** A page of webhooks. */
export const WebhookConnection = connectionType('Webhook', WebhookType);

/** One attempt of a delivery. */
@ObjectType('WebhookAttempt', { description: 'One attempt to deliver.' })
export class WebhookAttemptType {
  @Field(() => Date, { description: 'When.' })
  at!: Date;

  @Field(() => Int, { nullable: true, description: 'HTTP status answered (null: no answer).' })
  status!: number | null;

  @Field(() => Int, { description: 'How long it took.' })
  durationMs!: number;

  @Field(() => String, { nullable: true, description: 'Why there was no answer.' })
  error!: string | null;
}

/** One event for one webhook. */
@ObjectType('WebhookDelivery', { description: 'One event for one webhook, with every attempt.' })
export class WebhookDeliveryType {
  @Field(() => ID, { description: 'Sent as `X-Vexil-Delivery`, for receivers to drop duplicates.' })
  id!: string;

  @Field(() => String, { description: 'The event type.' })
  eventType!: string;

  @Field(() => String, { description: '`pending`, `succeeded` or `failed`.' })
  status!: string;

  @Field(() => Boolean, { description: 'Whether a 2xx answer was received.' })
  success!: boolean;

  @Field(() => Int, { nullable: true, description: 'Status of the last attempt.' })
  responseStatus!: number | null;

  @Field(() => [WebhookAttemptType], { description: 'Every attempt, in order.' })
  attempts!: WebhookAttemptType[];

  @Field(() => Date, { nullable: true, description: 'When it was delivered.' })
  deliveredAt!: Date | null;
}

/** A page of deliveries. */
export const WebhookDeliveryConnection = connectionType('WebhookDelivery', WebhookDeliveryType);

/** A new webhook with its secret, shown only here. */
@ObjectType('CreatedWebhook', { description: 'A new webhook and its signing secret (shown only once).' })
export class CreatedWebhookType {
  @Field(() => WebhookType, { description: 'The webhook.' })
  webhook!: WebhookType;

  @Field(() => String, { description: 'The signing secret.' })
  secret!: string;
}

/** A webhook's fields; on update, omitted fields stay. */
@InputType({ description: 'A webhook; on update, omitted fields stay.' })
export class WebhookInput {
  @Field(() => String, { nullable: true, description: 'Display name (required to create).' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'http(s) URL (required to create).' })
  url?: string | null;

  @Field(() => String, { nullable: true, description: 'Signing secret; generated if omitted.' })
  secret?: string | null;

  @Field(() => [String], { nullable: true, description: 'Event types, or `*` (default) for all.' })
  events?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Signature scheme (default `vexil`).' })
  format?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether events are delivered.' })
  enabled?: boolean | null;
}

/** The GraphQL view of a webhook (never its secret). */
export function toWebhookType(webhook: Webhook): WebhookType {
  return Object.assign(new WebhookType(), {
    id: webhook.id,
    name: webhook.name,
    url: webhook.url,
    events: webhook.events,
    format: webhook.format,
    enabled: webhook.enabled,
    hasSecret: true,
    createdAt: webhook.createdAt,
    updatedAt: webhook.updatedAt,
  });
}

/** The GraphQL view of a delivery. */
export function toWebhookDeliveryType(delivery: WebhookDelivery): WebhookDeliveryType {
  return Object.assign(new WebhookDeliveryType(), {
    id: delivery.id,
    eventType: delivery.eventType,
    status: delivery.status,
    success: delivery.status === 'succeeded',
    responseStatus: delivery.attempts.at(-1)?.status ?? null,
    attempts: delivery.attempts.map((a) =>
      Object.assign(new WebhookAttemptType(), { ...a, at: new Date(a.at), error: a.error ?? null }),
    ),
    deliveredAt: delivery.deliveredAt,
  });
}
