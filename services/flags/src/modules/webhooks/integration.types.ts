import { connectionType } from '@vexil/platform';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { kindRules } from './integration-kinds.js';
import type { Webhook } from './webhook.entity.js';

/** Where the organization's events go: a signed webhook or a product's intake. */
@ObjectType('Integration', {
  description:
    'Where the organization’s events go: a signed `webhook`, or `slack`, `teams`, `datadog`, `pagerduty`.',
})
export class IntegrationType {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: string;

  @Field(() => ID, { description: 'The organization it belongs to.' })
  organizationId!: string;

  @Field(() => String, { description: '`webhook`, `slack`, `teams`, `datadog` or `pagerduty`.' })
  provider!: string;

  @Field(() => String, { description: 'Display name.' })
  name!: string;

  @Field(() => GraphQLJSON, {
    description: 'The provider’s settings; its credential (secret, API key, routing key, Slack URL) masked.',
  })
  config!: Record<string, unknown>;

  @Field(() => [String], { description: 'Event types delivered; `*` is all.' })
  events!: string[];

  @Field(() => Boolean, { description: 'Whether events are delivered.' })
  enabled!: boolean;

  @Field(() => Date, { description: 'When it was created.' })
  createdAt!: Date;

  @Field(() => Date, { description: 'When it last changed.' })
  updatedAt!: Date;
}

/** A page of integrations. */
export const IntegrationConnection = connectionType('Integration', IntegrationType);

/** A new integration; a webhook's signing secret is shown only here. */
@ObjectType('CreatedIntegration', {
  description: 'A new integration, with a webhook’s signing secret (shown only once).',
})
export class CreatedIntegrationType {
  @Field(() => IntegrationType, { description: 'The integration.' })
  integration!: IntegrationType;

  @Field(() => String, {
    nullable: true,
    description: 'A `webhook`’s signing secret; null for products, whose credential the caller gave.',
  })
  secret!: string | null;
}

/** An integration's fields; on update, omitted fields (and configuration fields) stay. */
@InputType({ description: 'An integration; on update, omitted fields and configuration fields stay.' })
export class IntegrationInput {
  @Field(() => String, { nullable: true, description: 'Display name; default the provider’s name.' })
  name?: string | null;

  @Field(() => GraphQLJSON, {
    nullable: true,
    description:
      'The provider’s configuration: webhook `url`, `secret`, `format`; slack `webhook_url`, `channel`; teams `webhook_url`; datadog `api_key`, `site`, `tags`, `url`; pagerduty `routing_key`, `url`.',
  })
  config?: Record<string, unknown> | null;

  @Field(() => [String], { nullable: true, description: 'Event types, or `*` (default) for all.' })
  events?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether events are delivered.' })
  enabled?: boolean | null;
}

/** The GraphQL view of an integration (its credential masked). */
export function toIntegrationType(webhook: Webhook): IntegrationType {
  return Object.assign(new IntegrationType(), {
    id: webhook.id,
    organizationId: webhook.organizationId,
    provider: webhook.kind,
    name: webhook.name,
    config: kindRules(webhook.kind).view(webhook),
    events: webhook.events,
    enabled: webhook.enabled,
    createdAt: webhook.createdAt,
    updatedAt: webhook.updatedAt,
  });
}
