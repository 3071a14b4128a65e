import { randomUUID } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, type DomainEvent, type PlanGuard, type ServiceRuntime } from '@vexil/platform';
import type { Writer } from '../flags/flag.service.js';
import { deliveryBody, kindRules, type IntegrationKind, type Notice } from './integration-kinds.js';
import { checkWebhookUrl, isPrivateAddress } from './ssrf-guard.js';
import { attemptDelivery } from './webhook-dispatcher.js';
import { WebhookDelivery } from './webhook-delivery.entity.js';
import { Webhook } from './webhook.entity.js';

/** Webhook settings from the platform config. */
export interface WebhookSettings {
  allowPrivateTargets: boolean;
  retryBaseMs: number;
}

/** A webhook or integration as written: its kind's configuration fields in `config`; omitted fields stay. */
export interface EndpointInput {
  name?: string | null;
  config: unknown;
  events?: string[] | null;
  enabled?: boolean | null;
}

/** Which endpoints a call may see: the webhook API only plain webhooks, the integration API every kind. */
export type EndpointScope = 'webhook' | 'integration';

const view = (webhook: Webhook) => ({
  kind: webhook.kind,
  name: webhook.name,
  config: kindRules(webhook.kind).view(webhook),
  events: webhook.events,
  enabled: webhook.enabled,
});

const configOf = (config: unknown): Record<string, unknown> => {
  if (config === null || typeof config !== 'object' || Array.isArray(config))
    throw DomainError.validation({ config: ['must be an object of the provider’s settings'] });
  return config as Record<string, unknown>;
};

const KIND_NAMES: Record<IntegrationKind, string> = {
  webhook: 'Webhook',
  slack: 'Slack',
  teams: 'Microsoft Teams',
  datadog: 'Datadog',
  pagerduty: 'PagerDuty',
};

/**
 * Managing an organization's webhooks and integrations, and turning events into deliveries. A plain
 * webhook's changes are audited as `webhook.*`, an integration's as `integration.*`.
 */
export class WebhookService {
  constructor(
    private readonly em: EntityManager,
    private readonly runtime: ServiceRuntime,
    private readonly settings: WebhookSettings,
    private readonly plans: PlanGuard,
  ) {}

  async create(
    writer: Writer,
    kind: string,
    input: EndpointInput,
  ): Promise<{ webhook: Webhook; secret: string | null }> {
    // Before the URL is resolved: a plan without webhooks learns that first, whatever the URL.
    await this.plans.requireFeature(this.em, writer.organizationId, 'webhooks');
    const rules = kindRules(kind);
    const name = input.name == null ? undefined : input.name.trim();
    if (name === '') throw DomainError.validation({ name: ['must not be blank'] });
    const configured = rules.configure(configOf(input.config), null);
    const url = await this.checkUrl(configured.url, rules.urlField);
    return this.runtime.relay.transaction(this.em, async (em) => {
      const webhook = em.create(Webhook, {
        organizationId: writer.organizationId,
        kind: kind as IntegrationKind,
        name: name ?? KIND_NAMES[kind as IntegrationKind],
        ...configured,
        url,
        events: this.events(input.events),
        enabled: input.enabled ?? true,
      });
      this.record(em, writer, 'created', webhook, { after: view(webhook) });
      // Only a webhook's signing secret is the caller's to keep; a product's credential was theirs already.
      return { webhook, secret: kind === 'webhook' ? configured.secret : null };
    });
  }

  async update(writer: Writer, scope: EndpointScope, id: string, input: EndpointInput): Promise<Webhook> {
    // The new target is resolved before the transaction: a DNS lookup holds no database connection.
    const current = await this.find(this.em, writer, scope, id);
    const rules = kindRules(current.kind);
    const configured = rules.configure(configOf(input.config), current);
    if (configured.url !== current.url) configured.url = await this.checkUrl(configured.url, rules.urlField);
    return this.runtime.relay.transaction(this.em, async (em) => {
      const webhook = await this.find(em, writer, scope, id);
      const before = view(webhook);
      Object.assign(webhook, configured);
      if (input.name != null) webhook.name = input.name.trim() || webhook.name;
      if (input.events != null) webhook.events = this.events(input.events);
      if (input.enabled != null) webhook.enabled = input.enabled;
      this.record(em, writer, 'updated', webhook, { before, after: view(webhook) });
      return webhook;
    });
  }

  delete(writer: Writer, scope: EndpointScope, id: string): Promise<Webhook> {
    return this.runtime.relay.transaction(this.em, async (em) => {
      const webhook = await this.find(em, writer, scope, id);
      this.record(em, writer, 'deleted', webhook, { before: view(webhook) });
      em.remove(webhook);
      return webhook;
    });
  }

  /**
   * Sends a test notification now, through the same delivery as any event (retried if the receiver
   * fails), and answers the delivery as its first attempt left it.
   */
  async test(writer: Writer, id: string): Promise<WebhookDelivery> {
    const delivery = await this.runtime.relay.transaction(this.em, async (em) => {
      const webhook = await this.find(em, writer, 'integration', id);
      const now = this.runtime.now();
      const notice: Notice = {
        event: {
          id: randomUUID(),
          type: 'integration.test',
          organizationId: writer.organizationId,
          actor: writer.actor,
          payload: { message: `Test notification from Vexil for ${webhook.name}` },
          occurredAt: now.toISOString(),
        },
        deliveryId: randomUUID(),
        sentAt: now,
      };
      const delivery = em.create(WebhookDelivery, {
        id: notice.deliveryId,
        webhookId: webhook.id,
        eventId: notice.event.id,
        eventType: notice.event.type,
        body: deliveryBody(webhook, notice),
        // Past the dispatcher's horizon: this request makes the first attempt, the dispatcher any retry.
        nextAttemptAt: new Date(now.getTime() + 60_000),
      });
      this.record(em, writer, 'tested', webhook, { deliveryId: delivery.id });
      return delivery;
    });
    await attemptDelivery(this.runtime, this.settings, delivery.id);
    return this.em.fork().findOneOrFail(WebhookDelivery, { id: delivery.id });
  }

  /** Reaction to every event: one delivery per enabled endpoint of the organization that wants it. */
  async enqueue(em: EntityManager, event: DomainEvent): Promise<void> {
    if (!event.organizationId || /^(webhook|integration)\./.test(event.type)) return;
    const webhooks = await em.find(Webhook, { organizationId: event.organizationId, enabled: true });
    const sentAt = this.runtime.now();
    for (const webhook of webhooks.filter((w) => w.events.includes('*') || w.events.includes(event.type))) {
      const deliveryId = randomUUID();
      em.create(WebhookDelivery, {
        id: deliveryId,
        webhookId: webhook.id,
        eventId: event.id,
        eventType: event.type,
        body: deliveryBody(webhook, { event, deliveryId, sentAt }),
        nextAttemptAt: sentAt,
      });
    }
  }

  private async checkUrl(raw: string, field: string): Promise<string> {
    const url = checkWebhookUrl(raw, this.settings.allowPrivateTargets, field);
    if (this.settings.allowPrivateTargets) return url;
    // Names resolving to private addresses are refused now; delivery checks again at connect time. A
    // name that does not resolve is refused too: what it will point to cannot be checked (fail closed).
    const addresses = await lookup(new URL(url).hostname, { all: true }).catch(() => null);
    if (!addresses || addresses.length === 0) {
      throw DomainError.validation({
        [field]: ['does not resolve; give a host name that resolves to a public address'],
      });
    }
    if (addresses.some((a) => isPrivateAddress(a.address))) {
      throw DomainError.validation({
        [field]: ['must not resolve to a loopback, private or link-local address'],
      });
    }
    return url;
  }

  private events(events: string[] | null | undefined): string[] {
    const list = (events ?? []).map((e) => e.trim()).filter(Boolean);
    return list.length === 0 ? ['*'] : list;
  }

  private async find(em: EntityManager, writer: Writer, scope: EndpointScope, id: string): Promise<Webhook> {
    const webhook = await em.findOne(Webhook, {
      id,
      organizationId: writer.organizationId,
      ...(scope === 'webhook' ? { kind: 'webhook' as const } : {}),
    });
    if (!webhook) throw new DomainError('NOT_FOUND', `${scope} not found`);
    return webhook;
  }

  private record(
    em: EntityManager,
    writer: Writer,
    action: string,
    webhook: Webhook,
    payload: Record<string, unknown>,
  ): void {
    this.runtime.relay.record(em, {
      type: `${webhook.kind === 'webhook' ? 'webhook' : 'integration'}.${action}`,
      organizationId: writer.organizationId,
      aggregateId: webhook.id,
      actor: writer.actor,
      payload: { webhookId: webhook.id, ...payload },
    });
  }
}
