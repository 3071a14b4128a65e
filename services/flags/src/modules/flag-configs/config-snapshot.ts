import type { FlagConfig as EngineFlag } from '@vexil/evaluation';
import type { Environment } from '../environments/environment.entity.js';
import type { Flag } from '../flags/flag.entity.js';
import type { FlagConfig } from './flag-config.entity.js';

/** The environment-specific part of the canonical flag model, as stored, versioned and diffed. */
export type ConfigSnapshot = Pick<
  EngineFlag,
  'enabled' | 'offVariation' | 'targets' | 'rules' | 'defaultServe' | 'prerequisites' | 'bucketing'
>;

/**
 * A flag's configuration where nothing was set yet: off, bucketed by the flag's scheme (Vexil's unless it
 * was created with another). A boolean flag
 * serves `false` when off and `true` when on; any other flag serves its first variation (the control)
 * either way until someone decides otherwise.
 */
export function defaultConfig(flag: Pick<Flag, 'type' | 'variations' | 'bucketing'>): ConfigSnapshot {
  const first = flag.variations[0]?.key ?? '';
  const keyOf = (value: boolean) => flag.variations.find((v) => v.value === value)?.key ?? first;
  const boolean = flag.type === 'boolean';
  return {
    enabled: false,
    offVariation: boolean ? keyOf(false) : first,
    targets: [],
    rules: [],
    defaultServe: { variation: boolean ? keyOf(true) : first },
    prerequisites: [],
    bucketing: flag.bucketing ?? { scheme: 'vexil' },
  };
}

/** The snapshot of a stored configuration row. */
export function snapshotOf(config: FlagConfig): ConfigSnapshot {
  return {
    enabled: config.enabled,
    offVariation: config.offVariation,
    targets: config.targets,
    rules: config.rules,
    defaultServe: config.defaultServe,
    prerequisites: config.prerequisites,
    bucketing: config.bucketing,
  };
}

/** The engine's view of a flag in one environment: what `@vexil/evaluation` evaluates. */
export function toEngineFlag(flag: Flag, config: ConfigSnapshot, version: number): EngineFlag {
  return { key: flag.key, type: flag.type, variations: flag.variations, ...config, version };
}

/** The fields of an environment a configuration shows. */
export type EnvironmentView = Pick<
  Environment,
  'id' | 'key' | 'name' | 'color' | 'requiresApproval' | 'projectId' | 'createdAt'
>;

/** A flag's configuration in one environment, with the flag and environment it belongs to. */
export interface ConfiguredFlag {
  flag: Flag;
  environment: EnvironmentView;
  config: ConfigSnapshot;
  version: number;
  updatedAt: Date | null;
}

/** The configuration a flag has in an environment: its row, or the defaults at version 0. */
export function configured(flag: Flag, environment: EnvironmentView, row: FlagConfig | null): ConfiguredFlag {
  return row
    ? { flag, environment, config: snapshotOf(row), version: row.version, updatedAt: row.updatedAt }
    : { flag, environment, config: defaultConfig(flag), version: 0, updatedAt: null };
}
