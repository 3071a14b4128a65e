import type { RolloutRemainder, Rule, Serve } from '@vexil/evaluation';
import type { VariationPool, VariationRef } from '../flags/variation-pool.js';
import type { ConfigSnapshot } from './config-snapshot.js';

/** A rollout slice as written: its variation by key, by value, or both. */
export type SliceSpec = VariationRef & { weight: number };

/** A serve as written: one variation (by key, value or both), or a rollout of such slices. */
export type ServeSpec = VariationRef & {
  rollout?: SliceSpec[] | null;
  bucketBy?: string | null;
  remainder?: RolloutRemainder | null;
};

/** A rule as written. */
export type RuleSpec = Omit<Rule, 'serve'> & { serve: ServeSpec };

/**
 * A change to a configuration as written, and as change requests and schedules keep it until it is
 * applied: serves and the off serve may name variations by value (`offValue`). Only the fields given.
 */
export type ConfigPatch = Omit<Partial<ConfigSnapshot>, 'rules' | 'defaultServe'> & {
  rules?: RuleSpec[];
  defaultServe?: ServeSpec;
  offValue?: unknown;
};

function serveOf(pool: VariationPool, field: string, serve: ServeSpec): Serve {
  if (!serve.rollout) return { variation: pool.keyOf(`${field}.value`, serve) };
  return {
    rollout: serve.rollout.map((slice, index) => ({
      variation: pool.keyOf(`${field}.rollout.${index}.value`, slice),
      weight: slice.weight,
    })),
    ...(serve.bucketBy ? { bucketBy: serve.bucketBy } : {}),
    ...(serve.remainder ? { remainder: serve.remainder } : {}),
  };
}

/**
 * The engine-shaped patch of a written one: every value named becomes the key of its variation in
 * `pool`, which holds the variations to add. Field names of errors are the input's.
 */
export function resolvePatch(pool: VariationPool, patch: ConfigPatch): Partial<ConfigSnapshot> {
  const { rules, defaultServe, offValue, offVariation, ...rest } = patch;
  return {
    ...rest,
    ...(offVariation != null || offValue != null
      ? { offVariation: pool.keyOf('offValue', { variation: offVariation, value: offValue }) }
      : {}),
    ...(rules
      ? {
          rules: rules.map(({ serve, ...rule }, index) => ({
            ...rule,
            serve: serveOf(pool, `rules.${index}.serve`, serve),
          })),
        }
      : {}),
    ...(defaultServe ? { defaultServe: serveOf(pool, 'defaultServe', defaultServe) } : {}),
  };
}
