import type { FlagConfig as EngineFlag } from '@vexil/evaluation';
import type { Environment } from '../environments/environment.entity.js';
import type { Flag } from '../flags/flag.entity.js';
import type { FlagConfig } from './flag-config.entity.js';

/** The environment-specific part of the canonical flag model, as stored, versioned and diffed. */
export type ConfigSnapshot = Pick<
  EngineFlag,
  'enabled' | 'offVariation' | 'targets' | 'rules' | 'defaultServe' | 'prerequisites' | 'bucketing'
>;

/** What a flag's defaults are made of: its variations and the defaults it names, if any. */
export type FlagWithDefaults = Pick<Flag, 'type' | 'variations' | 'onVariation' | 'offVariation'>;

/** What a new configuration of a flag is made of: its defaults and the bucketing it was created with. */
export type FlagTemplate = FlagWithDefaults & Pick<Flag, 'bucketing'>;

/**
 * A flag's defaults: the variation served when on and nothing else decides, and the one served while
 * off, until an environment is configured otherwise. The flag's own where it names them; else a
 * boolean flag serves `true` on and `false` off, any other flag its first variation (the control).
 */
export function defaultsOf(flag: FlagWithDefaults): { on: string; off: string } {
  const first = flag.variations[0]?.key ?? '';
  const keyOf = (value: boolean) => flag.variations.find((v) => v.value === value)?.key ?? first;
  const boolean = flag.type === 'boolean';
  return {
    on: flag.onVariation ?? (boolean ? keyOf(true) : first),
    off: flag.offVariation ?? (boolean ? keyOf(false) : first),
  };
}

/**
 * A flag's configuration where nothing was set yet: off, serving its defaults, bucketed by the flag's
 * scheme (Vexil's unless it was created with another).
 */
export function defaultConfig(flag: FlagTemplate): ConfigSnapshot {
  const { on, off } = defaultsOf(flag);
  return {
    enabled: false,
    offVariation: off,
    targets: [],
    rules: [],
    defaultServe: { variation: on },
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
  /** The configuration's own id (its row's). */
  id: string;
  flag: Flag;
  environment: EnvironmentView;
  config: ConfigSnapshot;
  version: number;
  /** When it last changed; null while never set (version 0). */
  updatedAt: Date | null;
  createdAt: Date;
}

/** The configuration a flag has in an environment, from its row (every pair has one). */
export function configured(flag: Flag, environment: EnvironmentView, row: FlagConfig | null): ConfiguredFlag {
  if (!row) throw new Error(`flag ${flag.id} has no configuration row in environment ${environment.id}`);
  return {
    id: row.id,
    flag,
    environment,
    config: snapshotOf(row),
    version: row.version,
    updatedAt: row.version === 0 ? null : row.updatedAt,
    createdAt: row.createdAt,
  };
}
