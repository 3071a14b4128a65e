import { randomUUID } from 'node:crypto';
import { DomainError } from '@vexil/platform';
import type { RolloutRemainder, Rule, Serve } from '@vexil/evaluation';
import type { VariationPool, VariationRef } from '../flags/variation-pool.js';
import type { ConfigSnapshot } from './config-snapshot.js';
import { shareOf, shareServe } from './serve-share.js';

/** A rollout slice as written: its variation by key, by value, or both. */
export type SliceSpec = VariationRef & { weight: number };

/** A serve as written: one variation (by key, value or both), or a rollout of such slices. */
export type ServeSpec = VariationRef & {
  rollout?: SliceSpec[] | null;
  bucketBy?: string | null;
  remainder?: RolloutRemainder | null;
};

/** A rule as written; one without an id gets a new one. */
export type RuleSpec = Omit<Rule, 'serve' | 'id'> & { id?: string | null; serve: ServeSpec };

/**
 * The default serve as one variation given to a percentage of contexts, the off variation to the rest
 * (`shareServe`); what is not given stays as the default serve has it.
 */
export type OnServeSpec = VariationRef & { percentage?: number | null; everyone?: boolean | null };

/**
 * A change to a configuration as written, and as change requests and schedules keep it until it is
 * applied: serves and the off serve may name variations by value (`offValue`). Only the fields given.
 */
export type ConfigPatch = Omit<Partial<ConfigSnapshot>, 'rules' | 'defaultServe'> & {
  rules?: RuleSpec[];
  defaultServe?: ServeSpec;
  onServe?: OnServeSpec;
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

/** The default serve an `onServe` asks for, from the one the configuration has. */
function onServeOf(
  pool: VariationPool,
  current: ConfigSnapshot,
  offVariation: string,
  spec: OnServeSpec,
): Serve {
  const now = shareOf(current.defaultServe, current.offVariation);
  const named = spec.flagDefault || spec.variation != null || spec.value != null;
  const variation = named ? pool.keyOf('onServe.value', spec) : now?.variation;
  if (variation === undefined)
    throw DomainError.validation({
      'onServe.value': ['the default serve splits contexts over several variations: name the value to serve'],
    });
  const percentage = spec.everyone ? null : (spec.percentage ?? now?.percentage ?? null);
  if (percentage !== null && !(percentage >= 0 && percentage <= 100))
    throw DomainError.validation({ 'onServe.percentage': ['must be between 0 and 100'] });
  return shareServe(variation, percentage, offVariation);
}

/**
 * The engine-shaped patch of a written one, applied to `current`: every value named becomes the key of
 * its variation in `pool`, which holds the variations to add. Field names of errors are the input's.
 */
export function resolvePatch(
  pool: VariationPool,
  patch: ConfigPatch,
  current: ConfigSnapshot,
): Partial<ConfigSnapshot> {
  const { rules, defaultServe, onServe, offValue, offVariation, ...rest } = patch;
  const off =
    offVariation != null || offValue != null
      ? pool.keyOf('offValue', { variation: offVariation, value: offValue })
      : undefined;
  if (defaultServe && onServe)
    throw DomainError.validation({ onServe: ['give defaultServe or onServe, not both'] });
  return {
    ...rest,
    ...(off !== undefined ? { offVariation: off } : {}),
    ...(rules
      ? {
          rules: rules.map(({ serve, id, ...rule }, index) => ({
            ...rule,
            id: id ?? randomUUID(),
            serve: serveOf(pool, `rules.${index}.serve`, serve),
          })),
        }
      : {}),
    ...(defaultServe ? { defaultServe: serveOf(pool, 'defaultServe', defaultServe) } : {}),
    ...(onServe ? { defaultServe: onServeOf(pool, current, off ?? current.offVariation, onServe) } : {}),
  };
}
