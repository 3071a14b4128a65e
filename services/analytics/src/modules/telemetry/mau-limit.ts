import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, type PlanGuard } from '@vexil/platform';
import { monthlyActiveContexts } from '../insights/usage.js';

/**
 * Refuses an SDK's telemetry once the organization's distinct contexts this month reach its plan's MAU
 * cap (FeatureFlags answers 429 `mau_limit_exceeded`). Evaluation goes on: only what the SDK reports is
 * refused, and the gateway's own counts are still taken.
 */
export async function refuseOverMau(
  em: EntityManager,
  plans: PlanGuard,
  organizationId: string,
  now: Date,
): Promise<void> {
  const plan = await plans.planOf(em, organizationId);
  const cap = plan.limits.monthlyActiveContexts;
  if (cap === null) return;
  const used = await monthlyActiveContexts(em, organizationId, now.toISOString().slice(0, 7));
  if (used >= cap) {
    throw new DomainError(
      'MAU_LIMIT_EXCEEDED',
      `monthly active user limit exceeded: the ${plan.name} plan allows ${cap} and ${used} were seen this month; upgrade the plan`,
    );
  }
}
