import type { Serve } from '@vexil/evaluation';
import type { ConfigSnapshot } from '../flag-configs/config-snapshot.js';

/** A configuration problem of one flag, as Flagify's `overview/health` reports them (routes.md §4.2). */
export interface FlagHealthIssue {
  flagId: string;
  flagKey: string;
  flagName: string;
  /** `env_mismatch` or `rule_value_matches_default`. */
  type: string;
  /** `warning` or `info`. */
  severity: string;
  message: string;
  /** The environment's key, where the problem is in one. */
  environment: string | null;
  ruleId: string | null;
  fix: string | null;
}

/** What the check reads of a flag. */
export interface CheckedFlag {
  id: string;
  key: string;
  name: string;
}

const sameServe = (a: Serve, b: Serve) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The hygiene problems of a project's flags, environments in their order (dev before staging before
 * production):
 * - `env_mismatch` (warning): on in an environment but off in the one before it, which a release
 *   usually goes through first;
 * - `env_mismatch` (info): on in both, serving differently by default (drift between stages);
 * - `rule_value_matches_default` (info): a rule that serves everyone it matches what the default
 *   serve gives everyone, so it changes nothing.
 */
export function flagHealth(
  flags: CheckedFlag[],
  environments: { id: string; key: string }[],
  configOf: (flagId: string, environmentId: string) => ConfigSnapshot | null,
): FlagHealthIssue[] {
  const issues: FlagHealthIssue[] = [];
  for (const flag of flags) {
    const issue = (
      fields: Omit<FlagHealthIssue, 'flagId' | 'flagKey' | 'flagName' | 'ruleId'> & { ruleId?: string },
    ) => issues.push({ flagId: flag.id, flagKey: flag.key, flagName: flag.name, ruleId: null, ...fields });
    environments.forEach((environment, index) => {
      const config = configOf(flag.id, environment.id);
      if (!config) return;
      const previous = index > 0 ? environments[index - 1]! : null;
      const before = previous && configOf(flag.id, previous.id);
      if (previous && before && config.enabled && !before.enabled)
        issue({
          type: 'env_mismatch',
          severity: 'warning',
          message: `on in ${environment.key} but off in ${previous.key}`,
          environment: environment.key,
          fix: `turn it on in ${previous.key} first, or off in ${environment.key}`,
        });
      else if (
        previous &&
        before?.enabled &&
        config.enabled &&
        !sameServe(before.defaultServe, config.defaultServe)
      )
        issue({
          type: 'env_mismatch',
          severity: 'info',
          message: `serves differently in ${environment.key} than in ${previous.key}`,
          environment: environment.key,
          fix: `promote ${previous.key} to ${environment.key} if they should agree`,
        });
      if (!('variation' in config.defaultServe)) return;
      for (const rule of config.rules)
        if ('variation' in rule.serve && rule.serve.variation === config.defaultServe.variation)
          issue({
            type: 'rule_value_matches_default',
            severity: 'info',
            message: `rule ${rule.id} in ${environment.key} serves what the flag serves by default`,
            environment: environment.key,
            ruleId: rule.id,
            fix: 'remove the rule, or make it serve another value',
          });
    });
  }
  return issues;
}
