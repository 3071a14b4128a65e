import { randomBytes } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, type DomainEvent, type PlanGuard, type ServiceRuntime } from '@vexil/platform';
import type { Writer } from '../flags/flag.service.js';
import { checkWebhookUrl, isPrivateAddress } from './ssrf-guard.js';
import { WebhookDelivery } from './webhook-delivery.entity.js';
import { WEBHOOK_FORMATS, Webhook, type WebhookFormat } from './webhook.entity.js';
import type { WebhookInput } from './webhook.types.js';

/** Webhook settings from the platform config. */
export interface WebhookSettings {
  allowPrivateTargets: boolean;
  retryBaseMs: number;
}

const view = (webhook: Webhook) => ({
  name: webhook.name,
  url: webhook.url,
  events: webhook.events,
  format: webhook.format,
  enabled: webhook.enabled,
});

/** Managing an organization's webhooks, and turning events into deliveries. */
export class WebhookService {
  constructor(
    private readonly em: EntityManager,
    private readonly runtime: ServiceRuntime,
    private readonly settings: WebhookSettings,
    private readonly plans: PlanGuard,
  ) {}

  async create(writer: Writer, input: WebhookInput): Promise<{ webhook: Webhook; secret: string }> {
    // Before the URL is resolved: a plan without webhooks learns that first, whatever the URL.
    await this.plans.requireFeature(this.em, writer.organizationId, 'webhooks');
    const name = input.name?.trim();
    if (!name) throw DomainError.validation({ name: ['is required'] });
    if (!input.url) throw DomainError.validation({ url: ['is required'] });
    const url = await this.checkUrl(input.url);
    const secret = input.secret || `whsec_${randomBytes(24).toString('hex')}`;
    return this.runtime.relay.transaction(this.em, async (em) => {
      const webhook = em.create(Webhook, {
        organizationId: writer.organizationId,
        name,
        url,
        secret,
        events: this.events(input.events),
        format: this.format(input.format ?? 'vexil'),
        enabled: input.enabled ?? true,
      });
      this.record(em, writer, 'webhook.created', webhook, { after: view(webhook) });
      return { webhook, secret };
    });
  }

  async update(writer: Writer, id: string, input: WebhookInput): Promise<Webhook> {
    const url = input.url ? await this.checkUrl(input.url) : undefined;
    return this.runtime.relay.transaction(this.em, async (em) => {
      const webhook = await this.find(em, writer, id);
      const before = view(webhook);
      if (input.name != null) webhook.name = input.name.trim() || webhook.name;
      if (url) webhook.url = url;
      if (input.secret) webhook.secret = input.secret;
      if (input.events != null) webhook.events = this.events(input.events);
      if (input.format != null) webhook.format = this.format(input.format);
      if (input.enabled != null) webhook.enabled = input.enabled;
      this.record(em, writer, 'webhook.updated', webhook, { before, after: view(webhook) });
      return webhook;
    });
  }

  delete(writer: Writer, id: string): Promise<Webhook> {
    return this.runtime.relay.transaction(this.em, async (em) => {
      const webhook = await this.find(em, writer, id);
      this.record(em, writer, 'webhook.deleted', webhook, { before: view(webhook) });
      em.remove(webhook);
      return webhook;
    });
  }

  /** Reaction to every event: one delivery per enabled webhook of the organization that wants it. */
  async enqueue(em: EntityManager, event: DomainEvent): Promise<void> {
    if (!event.organizationId || event.type.startsWith('webhook.')) return;
    const webhooks = await em.find(Webhook, { organizationId: event.organizationId, enabled: true });
    const now = this.runtime.now();
    for (const webhook of webhooks.filter((w) => w.events.includes('*') || w.events.includes(event.type))) {
      const delivery = em.create(WebhookDelivery, {
        webhookId: webhook.id,
        eventId: event.id,
        eventType: event.type,
        body: '',
        nextAttemptAt: now,
      });
      const payload = event.payload as { environmentId?: string; flagId?: string };
      // One body for every scheme: the fields FeatureSignals receivers read (type, action, org_id, env_id,
      // flag_id, sent_at and the docs' timestamp) plus ours.
      delivery.body = JSON.stringify({
        delivery_id: delivery.id,
        event_id: event.id,
        type: event.type,
        action: event.type.slice(event.type.indexOf('.') + 1),
        org_id: event.organizationId,
        env_id: payload.environmentId ?? null,
        flag_id: payload.flagId ?? null,
        actor: event.actor,
        occurred_at: event.occurredAt,
        sent_at: now.toISOString(),
        timestamp: now.toISOString(),
        payload: event.payload,
      });
    }
  }

  private async checkUrl(raw: string): Promise<string> {
    const url = checkWebhookUrl(raw, this.settings.allowPrivateTargets);
    if (this.settings.allowPrivateTargets) return url;
    // Names resolving to private addresses are refused now; delivery checks again at connect time. A
    // name that does not resolve is refused too: what it will point to cannot be checked (fail closed).
    const addresses = await lookup(new URL(url).hostname, { all: true }).catch(() => null);
    if (!addresses || addresses.length === 0) {
      throw DomainError.validation({
        url: ['does not resolve; give a host name that resolves to a public address'],
      });
    }
    if (addresses.some((a) => isPrivateAddress(a.address))) {
      throw DomainError.validation({
        url: ['must not resolve to a loopback, private or link-local address'],
      });
    }
    return url;
  }

  private events(events: string[] | null | undefined): string[] {
    const list = (events ?? []).map((e) => e.trim()).filter(Boolean);
    return list.length === 0 ? ['*'] : list;
  }

  private format(format: string): WebhookFormat {
    if (!(WEBHOOK_FORMATS as readonly string[]).includes(format)) {
      throw DomainError.validation({ format: [`must be one of ${WEBHOOK_FORMATS.join(', ')}`] });
    }
    return format as WebhookFormat;
  }

  private async find(em: EntityManager, writer: Writer, id: string): Promise<Webhook> {
    const webhook = await em.findOne(Webhook, { id, organizationId: writer.organizationId });
    if (!webhook) throw new DomainError('NOT_FOUND', 'webhook not found');
    return webhook;
  }

  private record(
    em: EntityManager,
    writer: Writer,
    type: string,
    webhook: Webhook,
    payload: Record<string, unknown>,
  ): void {
    this.runtime.relay.record(em, {
      type,
      organizationId: writer.organizationId,
      aggregateId: webhook.id,
      actor: writer.actor,
      payload: { webhookId: webhook.id, ...payload },
    });
  }
}
