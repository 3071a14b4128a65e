import { toFlagState } from './flag-state.mapping.js';

type Data = Record<string, any>;

// A flag state shows Vexil's default serve as `default_value`/`percentage_rollout`; FeatureSignals
// calls a difference there a rollout difference. The other fields keep their (snake_case) names.
const FIELD: Record<string, string> = {
  defaultServe: 'rollout',
  offVariation: 'off_variation',
};

/**
 * Vexil's `compareEnvironments` as FeatureSignals' compare-environments body (routes.md §1.3): each
 * side read as a flag state, so rollouts and rules look as they do on the flag state routes.
 */
export function toEnvironmentDiff(total: number, differences: Data[]): Data {
  return {
    total,
    diff_count: differences.length,
    diffs: differences.map((difference) => {
      const source = toFlagState(difference.source);
      const target = toFlagState(difference.target);
      return {
        flag_key: difference.flagKey,
        source_enabled: source.enabled,
        target_enabled: target.enabled,
        source_rollout: source.percentage_rollout,
        target_rollout: target.percentage_rollout,
        source_rules: source.rules,
        target_rules: target.rules,
        differences: (difference.differences as string[]).map((field) => FIELD[field] ?? field),
      };
    }),
  };
}
