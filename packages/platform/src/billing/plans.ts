import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../config/env.js';
import { DomainError } from '../errors/domain-error.js';

/** What a plan counts and caps; `null` in a plan means no limit. */
export const PLAN_LIMITS = [
  'seats',
  'projects',
  'environments',
  'flags',
  'monthlyActiveContexts',
  'evaluationsPerMonth',
  'apiRequestsPerMinute',
] as const;
export type PlanLimit = (typeof PLAN_LIMITS)[number];

/** What a plan may switch on (routes.md §1.5: FeatureSignals' FeatureGate answers 402 outside it). */
export const PLAN_FEATURES = [
  'webhooks',
  'approvals',
  'auditExport',
  'dataExport',
  'customRoles',
  'sso',
  'scim',
  'mfa',
  'ipAllowlist',
] as const;
export type PlanFeature = (typeof PLAN_FEATURES)[number];

/** One plan of the plans file. */
export interface PlanDefinition {
  key: string;
  name: string;
  description: string;
  /** Null: priced on request. */
  priceMonthlyCents: number | null;
  limits: Record<PlanLimit, number | null>;
  features: PlanFeature[];
}

/** The plans of this install and the one every organization starts on. */
export interface BillingSettings {
  plans: PlanDefinition[];
  /** `BILLING_DEFAULT_PLAN`: new organizations start here, and an ended trial falls back here. */
  defaultPlan: string;
  /** `BILLING_TRIAL_DAYS`: how long a trial of a plan lasts. */
  trialDays: number;
}

/** The plans file shipped with Vexil; `BILLING_PLANS_FILE` names another. */
export const DEFAULT_PLANS_FILE = fileURLToPath(new URL('../../plans.json', import.meta.url));

/** Reads and validates a plans file; every problem names the file and the field at fault. */
export function readPlansFile(path: string): PlanDefinition[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`BILLING_PLANS_FILE ${path} is not readable JSON: ${(error as Error).message}`);
  }
  const plans = (parsed as { plans?: unknown })?.plans;
  if (!plans || typeof plans !== 'object' || Array.isArray(plans)) {
    throw new ConfigError(`BILLING_PLANS_FILE ${path} must hold {"plans": {"<key>": {...}}}`);
  }
  return Object.entries(plans as Record<string, any>).map(([key, plan]) => {
    const at = `BILLING_PLANS_FILE ${path}: plans.${key}`;
    if (!/^[a-z0-9][a-z0-9-]*$/.test(key))
      throw new ConfigError(`${at}: keys are lower-case words and dashes`);
    if (!plan || typeof plan !== 'object') throw new ConfigError(`${at} must be an object`);
    const limits = {} as Record<PlanLimit, number | null>;
    for (const limit of PLAN_LIMITS) {
      const value = plan.limits?.[limit];
      if (value !== null && !(Number.isInteger(value) && value >= 0)) {
        throw new ConfigError(`${at}.limits.${limit} must be a whole number or null (no limit)`);
      }
      limits[limit] = value;
    }
    const features = plan.features ?? [];
    if (!Array.isArray(features) || features.some((f) => !(PLAN_FEATURES as readonly string[]).includes(f))) {
      throw new ConfigError(`${at}.features must list some of ${PLAN_FEATURES.join(', ')}`);
    }
    const price = plan.priceMonthlyCents ?? null;
    if (price !== null && !(Number.isInteger(price) && price >= 0)) {
      throw new ConfigError(`${at}.priceMonthlyCents must be a whole number of cents or null`);
    }
    return {
      key,
      name: typeof plan.name === 'string' ? plan.name : key,
      description: typeof plan.description === 'string' ? plan.description : '',
      priceMonthlyCents: price,
      limits,
      features: [...features] as PlanFeature[],
    };
  });
}

/** The plans of `settings`, looked up by key; a key the file no longer has falls back to the default plan. */
export function planOf(settings: BillingSettings, key: string | null | undefined): PlanDefinition {
  return (
    settings.plans.find((plan) => plan.key === key) ??
    settings.plans.find((plan) => plan.key === settings.defaultPlan)!
  );
}

/**
 * Where an organization stands: its plan, and a trial of another one until `trialEndsAt`. Each service
 * that enforces a limit keeps this per organization from billing's `subscription.changed` events.
 */
export interface PlanAssignment {
  plan: string;
  trialPlan: string | null;
  trialEndsAt: Date | null;
}

/** The plan in force at `now`: the trial's until it ends, then the subscription's own. */
export function effectivePlanKey(
  assignment: PlanAssignment | null,
  settings: BillingSettings,
  now: Date,
): string {
  if (!assignment) return settings.defaultPlan;
  if (assignment.trialPlan && assignment.trialEndsAt && assignment.trialEndsAt > now)
    return assignment.trialPlan;
  return assignment.plan;
}

const LIMIT_NOUNS: Record<PlanLimit, string> = {
  seats: 'seats',
  projects: 'projects',
  environments: 'environments',
  flags: 'flags',
  monthlyActiveContexts: 'monthly active users',
  evaluationsPerMonth: 'evaluations this month',
  apiRequestsPerMinute: 'API requests per minute',
};

/**
 * Refuses the creation of `adding` more `limit` resources when they would take `usage` past the plan's
 * cap. Existing resources past a lowered cap stay: only creating more is refused.
 */
export function assertWithinPlan(plan: PlanDefinition, limit: PlanLimit, usage: number, adding = 1): void {
  const cap = plan.limits[limit];
  if (cap === null || usage + adding <= cap) return;
  throw new DomainError(
    'PLAN_LIMIT_EXCEEDED',
    `plan limit exceeded: the ${plan.name} plan allows ${cap} ${LIMIT_NOUNS[limit]} and ${usage} are in use; ` +
      'upgrade the plan or remove some first',
  );
}
