import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Writes a plans file (`{"plans": {…}}`) of a test's own and returns its path, for `BILLING_PLANS_FILE`. */
export function plansFile(plans: Record<string, unknown>): string {
  const path = join(mkdtempSync(join(tmpdir(), 'plans-')), 'plans.json');
  writeFileSync(path, JSON.stringify({ plans }));
  return path;
}

/** Every cap of a plan but the API rate, unlimited: a test's plan sets the ones it is about. */
export const NO_LIMITS = {
  seats: null,
  projects: null,
  environments: null,
  flags: null,
  monthlyActiveContexts: null,
  evaluationsPerMonth: null,
};
