import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPlatformConfig } from '../config/platform-config.js';
import { assertWithinPlan, effectivePlanKey, planOf } from './plans.js';

const write = (content: unknown) => {
  const path = join(mkdtempSync(join(tmpdir(), 'plans-')), 'plans.json');
  writeFileSync(path, JSON.stringify(content));
  return path;
};

describe('plans configuration', () => {
  it('ships free, pro, enterprise and an unlimited self-hosted plan every organization starts on', () => {
    const { billing } = readPlatformConfig({});
    expect(billing.plans.map((plan) => plan.key)).toEqual(['self-hosted', 'free', 'pro', 'enterprise']);
    expect(billing.defaultPlan).toBe('self-hosted');
    expect(billing.trialDays).toBe(14);
    const selfHosted = planOf(billing, 'self-hosted');
    expect(selfHosted.limits).toMatchObject({
      seats: null,
      projects: null,
      flags: null,
      monthlyActiveContexts: null,
    });
    expect(selfHosted.features).toHaveLength(9);
    expect(planOf(billing, 'free').limits.apiRequestsPerMinute).toBe(60);
    expect(planOf(billing, 'pro').limits.apiRequestsPerMinute).toBe(600);
  });

  it('reads another plans file and default plan from the environment', () => {
    const path = write({
      plans: {
        tiny: {
          name: 'Tiny',
          limits: {
            seats: 1,
            projects: 1,
            environments: 1,
            flags: 1,
            monthlyActiveContexts: 1,
            evaluationsPerMonth: 1,
            apiRequestsPerMinute: 1,
          },
        },
      },
    });
    const { billing } = readPlatformConfig({
      BILLING_PLANS_FILE: path,
      BILLING_DEFAULT_PLAN: 'tiny',
      BILLING_TRIAL_DAYS: '3',
    });
    expect(billing).toMatchObject({ defaultPlan: 'tiny', trialDays: 3 });
    expect(billing.plans[0]).toMatchObject({ key: 'tiny', features: [], priceMonthlyCents: null });
  });

  it('names the variable and the field of a malformed plans file', () => {
    const path = write({ plans: { bad: { limits: { seats: -1 } } } });
    expect(() => readPlatformConfig({ BILLING_PLANS_FILE: path })).toThrow(
      `BILLING_PLANS_FILE ${path}: plans.bad.limits.seats must be a whole number or null (no limit)`,
    );
    expect(() => readPlatformConfig({ BILLING_DEFAULT_PLAN: 'gold' })).toThrow(
      /BILLING_DEFAULT_PLAN must be one of/,
    );
  });

  it('puts a trial in force until it ends, then the subscription’s own plan', () => {
    const { billing } = readPlatformConfig({});
    const assignment = { plan: 'free', trialPlan: 'pro', trialEndsAt: new Date('2026-01-15T00:00:00Z') };
    expect(effectivePlanKey(assignment, billing, new Date('2026-01-14T23:59:59Z'))).toBe('pro');
    expect(effectivePlanKey(assignment, billing, new Date('2026-01-15T00:00:00Z'))).toBe('free');
    expect(effectivePlanKey(null, billing, new Date())).toBe('self-hosted');
  });

  it('refuses the (limit+1)-th resource with the limit and the usage in the message', () => {
    const free = planOf(readPlatformConfig({}).billing, 'free');
    expect(() => assertWithinPlan(free, 'projects', 0)).not.toThrow();
    expect(() => assertWithinPlan(free, 'projects', 1)).toThrow(
      'plan limit exceeded: the Free plan allows 1 projects and 1 are in use; upgrade the plan or remove some first',
    );
  });
});
