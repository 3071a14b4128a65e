import { randomBytes } from 'node:crypto';
import { DomainError, type DomainEvent } from '@vexil/platform';
import { WEBHOOK_FORMATS, type Webhook, type WebhookFormat } from './webhook.entity.js';
import { signatureHeaders } from './webhook-signature.js';

/**
 * Where an organization's events go: a generic signed webhook, or a product's own intake (Slack and
 * Microsoft Teams incoming webhooks, Datadog's events API, PagerDuty's change events). Every kind is a
 * row of `webhooks` delivered by the same dispatcher; a kind only decides the body and the headers.
 */
const INTEGRATION_KINDS = ['webhook', 'slack', 'teams', 'datadog', 'pagerduty'] as const;
export type IntegrationKind = (typeof INTEGRATION_KINDS)[number];

/** How a secret configuration field is shown: set, but never returned. */
const SECRET_MASK = '********';

/** A kind's configuration as stored: the delivery target, its one secret, and the other settings. */
export interface Configured {
  url: string;
  secret: string;
  format: WebhookFormat;
  settings: Record<string, unknown>;
}

/** What a body is made of: the event, and the delivery it travels in. */
export interface Notice {
  event: Pick<DomainEvent, 'id' | 'type' | 'organizationId' | 'actor' | 'payload' | 'occurredAt'>;
  deliveryId: string;
  sentAt: Date;
}

interface KindRules {
  /** The configuration field that names the target, for errors about the URL. */
  urlField: string;
  /**
   * The stored configuration from what the caller gave (`config`) over what was stored (`previous`);
   * throws `VALIDATION_FAILED` naming the configuration field at fault.
   */
  configure(config: Record<string, unknown>, previous: Configured | null): Configured;
  /** The configuration as returned: settings and URL, the credential masked. */
  view(webhook: Webhook): Record<string, unknown>;
  body(notice: Notice, webhook: Webhook): unknown;
  headers(webhook: Webhook, body: string, now: Date): Record<string, string>;
}

const text = (config: Record<string, unknown>, field: string): string | undefined => {
  const value = config[field];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw DomainError.validation({ [field]: ['must be a string'] });
  return value;
};

const required = (value: string | undefined, field: string): string => {
  if (!value) throw DomainError.validation({ [field]: ['is required'] });
  return value;
};

const tags = (config: Record<string, unknown>, previous: unknown): string[] | undefined => {
  const value = config.tags;
  if (value === undefined) return previous as string[] | undefined;
  if (!Array.isArray(value) || value.some((tag) => typeof tag !== 'string'))
    throw DomainError.validation({ tags: ['must be a list of strings'] });
  return value as string[];
};

const definedOnly = (settings: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));

/** One line about an event, the way a person reads it in a channel. */
function summaryOf({ event }: Notice): string {
  const payload = event.payload as {
    key?: string;
    environmentKey?: string;
    after?: { enabled?: boolean };
    message?: string;
  };
  if (payload.message) return payload.message;
  const subject = payload.key ? `\`${payload.key}\`` : (event.type.split('.')[0] ?? 'resource');
  const where = payload.environmentKey ? ` in ${payload.environmentKey}` : '';
  const state =
    event.type === 'flag.toggled' && payload.after?.enabled !== undefined
      ? ` (now ${payload.after.enabled ? 'on' : 'off'})`
      : '';
  return `${event.type}: ${subject}${where}${state}`;
}

/** The generic body: the fields FeatureSignals receivers read (type, action, org_id, env_id, flag_id, sent_at, timestamp) plus ours. */
function genericBody({ event, deliveryId, sentAt }: Notice) {
  const payload = event.payload as { environmentId?: string; flagId?: string };
  return {
    delivery_id: deliveryId,
    event_id: event.id,
    type: event.type,
    action: event.type.slice(event.type.indexOf('.') + 1),
    org_id: event.organizationId,
    env_id: payload.environmentId ?? null,
    flag_id: payload.flagId ?? null,
    actor: event.actor,
    occurred_at: event.occurredAt,
    sent_at: sentAt.toISOString(),
    timestamp: sentAt.toISOString(),
    payload: event.payload,
  };
}

/** Slack and Teams: the incoming webhook's URL is itself the credential. */
const urlIsSecret = (
  settings: (config: Record<string, unknown>, previous: Configured | null) => Configured['settings'],
) => ({
  urlField: 'webhook_url',
  configure: (config: Record<string, unknown>, previous: Configured | null): Configured => {
    const url = required(text(config, 'webhook_url') ?? previous?.secret, 'webhook_url');
    return { url, secret: url, format: 'vexil', settings: settings(config, previous) };
  },
});

const noHeaders = () => ({});

const RULES: Record<IntegrationKind, KindRules> = {
  webhook: {
    urlField: 'url',
    configure: (config, previous) => {
      const format = text(config, 'format') ?? previous?.format ?? 'vexil';
      if (!(WEBHOOK_FORMATS as readonly string[]).includes(format))
        throw DomainError.validation({ format: [`must be one of ${WEBHOOK_FORMATS.join(', ')}`] });
      return {
        url: required(text(config, 'url') ?? previous?.url, 'url'),
        secret: text(config, 'secret') ?? previous?.secret ?? `whsec_${randomBytes(24).toString('hex')}`,
        format: format as WebhookFormat,
        settings: {},
      };
    },
    view: (webhook) => ({ url: webhook.url, format: webhook.format, secret: SECRET_MASK }),
    body: genericBody,
    headers: (webhook, body, now) => signatureHeaders(webhook.format, webhook.secret, body, now),
  },
  slack: {
    ...urlIsSecret((config, previous) =>
      definedOnly({ channel: text(config, 'channel') ?? previous?.settings.channel }),
    ),
    view: (webhook) => ({ ...webhook.settings, webhook_url: SECRET_MASK }),
    // Incoming webhooks take `text` (the notification) and Block Kit `blocks` (what is shown).
    body: (notice, webhook) => {
      const summary = summaryOf(notice);
      return {
        ...(webhook.settings.channel ? { channel: webhook.settings.channel } : {}),
        text: summary,
        blocks: [
          { type: 'section', text: { type: 'mrkdwn', text: summary } },
          {
            type: 'context',
            elements: [{ type: 'mrkdwn', text: `Vexil · ${notice.event.occurredAt}` }],
          },
        ],
      };
    },
    headers: noHeaders,
  },
  teams: {
    ...urlIsSecret(() => ({})),
    view: () => ({ webhook_url: SECRET_MASK }),
    // An Adaptive Card in a message: what Teams' workflow webhooks (and the older connectors) accept.
    body: (notice) => ({
      type: 'message',
      summary: summaryOf(notice),
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          contentUrl: null,
          content: {
            $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
            type: 'AdaptiveCard',
            version: '1.4',
            body: [
              { type: 'TextBlock', size: 'Medium', weight: 'Bolder', text: notice.event.type },
              { type: 'TextBlock', wrap: true, text: summaryOf(notice) },
            ],
          },
        },
      ],
    }),
    headers: noHeaders,
  },
  datadog: {
    urlField: 'url',
    configure: (config, previous) => {
      const site = text(config, 'site') ?? (previous?.settings.site as string | undefined);
      const url = text(config, 'url') ?? (previous?.settings.url as string | undefined);
      return {
        url: url ?? `https://api.${site ?? 'datadoghq.com'}/api/v1/events`,
        secret: required(text(config, 'api_key') ?? previous?.secret, 'api_key'),
        format: 'vexil',
        settings: definedOnly({ site, url, tags: tags(config, previous?.settings.tags) }),
      };
    },
    view: (webhook) => ({ ...webhook.settings, api_key: SECRET_MASK }),
    // Events API v1: one event per change, grouped per flag so Datadog's event stream rolls them up.
    body: (notice, webhook) => {
      const payload = notice.event.payload as { key?: string; environmentKey?: string };
      return {
        title: `Vexil: ${notice.event.type}${payload.key ? ` ${payload.key}` : ''}`,
        text: summaryOf(notice),
        alert_type: 'info',
        source_type_name: 'vexil',
        aggregation_key: payload.key ?? notice.event.type,
        date_happened: Math.floor(Date.parse(notice.event.occurredAt) / 1000),
        tags: [
          'source:vexil',
          `event:${notice.event.type}`,
          ...(payload.key ? [`flag:${payload.key}`] : []),
          ...(payload.environmentKey ? [`env:${payload.environmentKey}`] : []),
          ...((webhook.settings.tags as string[] | undefined) ?? []),
        ],
      };
    },
    headers: (webhook) => ({ 'dd-api-key': webhook.secret }),
  },
  pagerduty: {
    urlField: 'url',
    configure: (config, previous) => {
      const url = text(config, 'url') ?? (previous?.settings.url as string | undefined);
      return {
        // A flag change is a change, not an incident: PagerDuty's change events show it on the
        // service's timeline next to the incidents it may explain, without paging anyone.
        url: url ?? 'https://events.pagerduty.com/v2/change/enqueue',
        secret: required(text(config, 'routing_key') ?? previous?.secret, 'routing_key'),
        format: 'vexil',
        settings: definedOnly({ url }),
      };
    },
    view: (webhook) => ({ ...webhook.settings, routing_key: SECRET_MASK }),
    body: (notice, webhook) => ({
      routing_key: webhook.secret,
      payload: {
        summary: summaryOf(notice).slice(0, 1024),
        timestamp: notice.event.occurredAt,
        source: 'vexil',
        custom_details: { event_id: notice.event.id, type: notice.event.type, ...notice.event.payload },
      },
    }),
    headers: noHeaders,
  },
};

/** The rules of a kind, or `VALIDATION_FAILED` naming the kinds there are. */
export function kindRules(kind: string): KindRules {
  if (!(INTEGRATION_KINDS as readonly string[]).includes(kind)) {
    throw DomainError.validation({ provider: [`must be one of ${INTEGRATION_KINDS.join(', ')}`] });
  }
  return RULES[kind as IntegrationKind];
}

/** The exact body a delivery sends, in its integration's format. */
export function deliveryBody(webhook: Webhook, notice: Notice): string {
  return JSON.stringify(kindRules(webhook.kind).body(notice, webhook));
}

/** The headers a delivery's attempt sends besides Vexil's own: a signature, or the intake's key. */
export function deliveryHeaders(webhook: Webhook, body: string, now: Date): Record<string, string> {
  return kindRules(webhook.kind).headers(webhook, body, now);
}
