import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '../errors/domain-error.js';
import type { DomainEvent } from '../events/domain-event.js';
import type { EventReaction } from '../events/event-consumer.js';
import { OrganizationPlan } from './organization-plan.entity.js';
import {
  assertWithinPlan,
  effectivePlanKey,
  planOf,
  type BillingSettings,
  type PlanAssignment,
  type PlanFeature,
  type PlanLimit,
} from './plans.js';

/** DDL of the `organization_plans` read model a service that enforces plan limits keeps in its schema. */
export function organizationPlansTableSql(schema: string): string[] {
  return [
    `create table "${schema}".organization_plans (
      organization_id uuid primary key,
      plan text not null,
      trial_plan text null,
      trial_ends_at timestamptz null,
      billing_seq bigint not null)`,
  ];
}

/** What billing's `subscription.changed` carries. */
export interface SubscriptionChangedPayload {
  subscriptionId: string;
  plan: string;
  trialPlan: string | null;
  trialEndsAt: string | null;
  status: string;
}

/** Billing's events that say which plan an organization is on. */
export const PLAN_EVENTS = ['subscription.created', 'subscription.changed'];

/** The plan an event of billing puts its organization on; null for any other event. */
export function planAssignmentFrom(event: DomainEvent): (PlanAssignment & { organizationId: string }) | null {
  if (event.source !== 'billing' || !PLAN_EVENTS.includes(event.type) || !event.organizationId) return null;
  const payload = event.payload as unknown as SubscriptionChangedPayload;
  return {
    organizationId: event.organizationId,
    plan: payload.plan,
    trialPlan: payload.trialPlan,
    trialEndsAt: payload.trialEndsAt ? new Date(payload.trialEndsAt) : null,
  };
}

const keepPlan: EventReaction = async (em, event: DomainEvent) => {
  const assignment = planAssignmentFrom(event);
  if (!assignment) return;
  const { organizationId, ...plan } = assignment;
  const row = await em.findOne(OrganizationPlan, { organizationId });
  // Converges whatever the order: an older event never overwrites what a newer one said.
  if (row && row.billingSeq >= event.seq) return;
  const fields = { ...plan, billingSeq: event.seq };
  if (row) Object.assign(row, fields);
  else em.create(OrganizationPlan, { organizationId, ...fields });
};

/**
 * A service's reactions, plus keeping `organization_plans` from billing's subscription events; a
 * reaction the service already had for those events (or its `'*'`) still runs after.
 */
export function withOrganizationPlans(
  reactions: Record<string, EventReaction>,
): Record<string, EventReaction> {
  const planned = Object.fromEntries(
    PLAN_EVENTS.map((type) => {
      const also = reactions[type] ?? reactions['*'];
      const react: EventReaction = async (em, event) => {
        await keepPlan(em, event);
        await also?.(em, event);
      };
      return [type, react];
    }),
  );
  return { ...reactions, ...planned };
}

/**
 * The plan limits a service enforces where it creates the resource: it counts inside the transaction
 * that creates, and a plan without that cap costs no count.
 */
export class PlanGuard {
  constructor(
    private readonly settings: BillingSettings,
    private readonly now: () => Date,
  ) {}

  /** The plan in force for the organization, as this service last heard from billing. */
  async planOf(em: EntityManager, organizationId: string) {
    return planOf(
      this.settings,
      effectivePlanKey(await planAssignmentOf(em, organizationId), this.settings, this.now()),
    );
  }

  /** Refuses `adding` more `limit` resources when `countUsage()` plus them would pass the cap. */
  async allow(
    em: EntityManager,
    organizationId: string,
    limit: PlanLimit,
    countUsage: () => Promise<number>,
    adding = 1,
  ): Promise<void> {
    const plan = await this.planOf(em, organizationId);
    if (plan.limits[limit] === null) return;
    assertWithinPlan(plan, limit, await countUsage(), adding);
  }

  /** Refuses what needs `feature` when the plan in force does not include it (FeatureSignals' FeatureGate: 402). */
  async requireFeature(em: EntityManager, organizationId: string, feature: PlanFeature): Promise<void> {
    const plan = await this.planOf(em, organizationId);
    if (plan.features.includes(feature)) return;
    throw new DomainError(
      'PLAN_LIMIT_EXCEEDED',
      `plan limit exceeded: the ${plan.name} plan does not include ${feature}; upgrade the plan to use it`,
    );
  }
}

/** The organization's plan as this service last heard of it; null until billing has said anything. */
export async function planAssignmentOf(
  em: EntityManager,
  organizationId: string,
): Promise<PlanAssignment | null> {
  return em.findOne(OrganizationPlan, { organizationId });
}
