import {
  effectivePlanKey,
  planAssignmentFrom,
  planOf,
  type BillingSettings,
  type DomainEvent,
  type EventBus,
  type PlanAssignment,
  type Principal,
} from '@vexil/platform';

const HISTORY_PAGE = 500;

/**
 * Each organization's API rate (`apiRequestsPerMinute` of its plan), kept in memory from billing's
 * plan events so a request costs a Map lookup and never a call (decision 15). At start it folds
 * billing's outbox from the beginning (one event per plan change, never pruned); it listens first, so
 * nothing committed meanwhile is missed, and converges by `seq` as the services' plan copies do.
 */
export class PlanRates {
  readonly #plans = new Map<string, PlanAssignment & { seq: number }>();
  readonly #unsubscribe: () => void;

  private constructor(
    bus: EventBus,
    private readonly settings: BillingSettings,
    private readonly now: () => Date,
  ) {
    this.#unsubscribe = bus.subscribe((event) => this.#heard(event));
  }

  static async open(options: {
    bus: EventBus;
    settings: BillingSettings;
    now: () => Date;
  }): Promise<PlanRates> {
    const rates = new PlanRates(options.bus, options.settings, options.now);
    try {
      for (let after = 0; ;) {
        const page = await options.bus.history('billing', after, HISTORY_PAGE);
        page.forEach((event) => rates.#heard(event));
        if (page.length < HISTORY_PAGE) break;
        after = page.at(-1)!.seq;
      }
    } catch (error) {
      rates.close();
      throw error;
    }
    return rates;
  }

  /** The caller's organization's requests per minute; null when its plan sets none (or no organization). */
  rateOf(principal: Principal): number | null {
    if (principal.kind !== 'user' && principal.kind !== 'apiKey') return null;
    const assignment = this.#plans.get(principal.organizationId) ?? null;
    const plan = planOf(this.settings, effectivePlanKey(assignment, this.settings, this.now()));
    return plan.limits.apiRequestsPerMinute;
  }

  close(): void {
    this.#unsubscribe();
    this.#plans.clear();
  }

  #heard(event: DomainEvent): void {
    const assignment = planAssignmentFrom(event);
    if (!assignment) return;
    const { organizationId, ...plan } = assignment;
    const known = this.#plans.get(organizationId);
    if (known && known.seq >= event.seq) return;
    this.#plans.set(organizationId, { ...plan, seq: event.seq });
  }
}
