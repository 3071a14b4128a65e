import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { normalizeOperator } from '@vexil/evaluation';
import { DomainError, type NewEvent, type ServiceRuntime } from '@vexil/platform';
import { Environment } from '../environments/environment.entity.js';
import { Flag } from '../flags/flag.entity.js';
import type { Writer } from '../flags/flag.service.js';
import { VariationPool } from '../flags/variation-pool.js';
import { Segment } from '../segments/segment.entity.js';
import { defaultConfig, snapshotOf, type ConfigSnapshot, type ConfiguredFlag } from './config-snapshot.js';
import { resolvePatch, type ConfigPatch } from './config-patch.js';
import { validateConfig } from './config-validation.js';
import { FlagConfigVersion } from './flag-config-version.entity.js';
import { FlagConfig } from './flag-config.entity.js';

/** A change to a flag's configuration in one environment. */
export interface ConfigChange {
  flagId: string;
  environmentId: string;
  /** The version the change is based on; null skips the check (toggles, kill switch). */
  expectedVersion?: number | null;
  /** May name variations by value: those missing are added to the flag with the change. */
  patch: ConfigPatch;
  /** Event type; default `flag.config_updated`, or `flag.toggled` when only `enabled` changes. */
  action?: string;
  /** Set only when applying an approved change request in an environment that requires approval. */
  approved?: boolean;
}

/**
 * Changes a flag's configuration in one environment. Each change locks the row, checks the version
 * the caller saw (a stale one is `CONFLICT`, never a lost write), validates the whole result, bumps the
 * version, keeps it in the history and emits an event with before and after.
 */
export class FlagConfigService {
  constructor(
    private readonly em: EntityManager,
    private readonly runtime: ServiceRuntime,
  ) {}

  /** Applies a change in its own transaction. */
  async update(writer: Writer, change: ConfigChange): Promise<ConfiguredFlag> {
    try {
      return await this.runtime.relay.transaction(this.em, (em) => this.applyIn(em, writer, change));
    } catch (error) {
      // Two first writes of one configuration race to insert the row: the loser saw a stale version.
      if (error instanceof UniqueConstraintViolationException)
        throw new DomainError('CONFLICT', 'the configuration changed; reload and retry');
      throw error;
    }
  }

  /** Applies a change inside the caller's transaction (change requests and the scheduler use this). */
  async applyIn(em: EntityManager, writer: Writer, change: ConfigChange): Promise<ConfiguredFlag> {
    const { configured, event } = await this.writeIn(em, writer, change);
    this.runtime.relay.record(em, event);
    return configured;
  }

  /**
   * Writes a change and returns its event unrecorded: the outbox wants events recorded after the last
   * flush, and a later change in the same transaction queries (and so flushes) again.
   */
  private async writeIn(
    em: EntityManager,
    writer: Writer,
    change: ConfigChange,
  ): Promise<{ configured: ConfiguredFlag; event: NewEvent }> {
    // Locked: a value this change names may add a variation, which another write must not overwrite.
    const flag = await em.findOne(
      Flag,
      { id: change.flagId, organizationId: writer.organizationId },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (!flag) throw new DomainError('FLAG_NOT_FOUND');
    const environment = await em.findOne(Environment, {
      id: change.environmentId,
      projectId: flag.projectId,
      organizationId: writer.organizationId,
    });
    if (!environment) throw new DomainError('ENVIRONMENT_NOT_FOUND');
    if (environment.requiresApproval && !change.approved) {
      throw new DomainError(
        'INSUFFICIENT_PERMISSIONS',
        `changes in "${environment.key}" need an approved change request`,
      );
    }
    const row = await em.findOne(
      FlagConfig,
      { flagId: flag.id, environmentId: environment.id },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    const current = row?.version ?? 0;
    if (change.expectedVersion != null && change.expectedVersion !== current) {
      throw new DomainError(
        'CONFLICT',
        `the configuration is at version ${current}, not ${change.expectedVersion}; reload and retry`,
      );
    }
    const before = row ? snapshotOf(row) : defaultConfig(flag);
    const pool = new VariationPool(flag);
    const scope = await this.scope(em, flag, environment.id);
    const after = withSegmentKeys(
      { ...before, ...definedOnly(resolvePatch(pool, change.patch, before)) },
      scope.segmentKeyById,
    );
    const added = pool.added;
    if (added.length > 0) flag.variations = pool.variations;
    validateConfig(flag, after, scope);

    const version = current + 1;
    const updatedAt = new Date();
    const saved = row
      ? Object.assign(row, after, { version, updatedAt })
      : em.create(FlagConfig, {
          ...after,
          flagId: flag.id,
          environmentId: environment.id,
          organizationId: writer.organizationId,
          version,
          updatedAt,
        });
    em.create(FlagConfigVersion, {
      flagId: flag.id,
      environmentId: environment.id,
      version,
      config: after,
      actor: writer.actor,
    });
    const event: NewEvent = {
      type: change.action ?? (onlyEnabledChanged(change.patch) ? 'flag.toggled' : 'flag.config_updated'),
      organizationId: writer.organizationId,
      aggregateId: flag.id,
      actor: writer.actor,
      payload: {
        flagId: flag.id,
        key: flag.key,
        projectId: flag.projectId,
        environmentId: environment.id,
        environmentKey: environment.key,
        version,
        before,
        after,
        ...(added.length > 0 ? { variationsAdded: added } : {}),
      },
    };
    return {
      configured: {
        id: saved.id,
        flag,
        environment,
        config: after,
        version,
        updatedAt,
        createdAt: saved.createdAt,
      },
      event,
    };
  }

  /** Checks that a change would be valid now, without applying it (change requests, schedules). */
  async check(
    writer: Writer,
    change: Omit<ConfigChange, 'expectedVersion' | 'action'>,
  ): Promise<{ version: number; requiresApproval: boolean }> {
    const flag = await this.em.findOne(Flag, { id: change.flagId, organizationId: writer.organizationId });
    if (!flag) throw new DomainError('FLAG_NOT_FOUND');
    const environment = await this.em.findOne(Environment, {
      id: change.environmentId,
      projectId: flag.projectId,
    });
    if (!environment) throw new DomainError('ENVIRONMENT_NOT_FOUND');
    const row = await this.em.findOne(FlagConfig, { flagId: flag.id, environmentId: environment.id });
    const pool = new VariationPool(flag);
    const current = row ? snapshotOf(row) : defaultConfig(flag);
    const scope = await this.scope(this.em, flag, environment.id);
    validateConfig(
      { ...flag, variations: pool.variations },
      withSegmentKeys(
        { ...current, ...definedOnly(resolvePatch(pool, change.patch, current)) },
        scope.segmentKeyById,
      ),
      scope,
    );
    return { version: row?.version ?? 0, requiresApproval: environment.requiresApproval };
  }

  /** Restores the configuration of an earlier version, as a new version. */
  async rollback(
    writer: Writer,
    target: { flagId: string; environmentId: string; version: number },
  ): Promise<ConfiguredFlag> {
    const entry = await this.em.findOne(FlagConfigVersion, {
      flagId: target.flagId,
      environmentId: target.environmentId,
      version: target.version,
    });
    const flag =
      entry && (await this.em.findOne(Flag, { id: entry.flagId, organizationId: writer.organizationId }));
    if (!entry || !flag) throw new DomainError('NOT_FOUND', `version ${target.version} not found`);
    return this.update(writer, {
      flagId: target.flagId,
      environmentId: target.environmentId,
      patch: entry.config,
      action: 'flag.rolled_back',
    });
  }

  /** Copies a flag's configuration from one environment of its project to another (`flag.promoted`). */
  async promote(
    writer: Writer,
    move: {
      flagId: string;
      sourceEnvironmentId: string;
      targetEnvironmentId: string;
      expectedVersion?: number | null;
    },
  ): Promise<ConfiguredFlag> {
    const flag = await this.em.findOne(Flag, { id: move.flagId, organizationId: writer.organizationId });
    if (!flag) throw new DomainError('FLAG_NOT_FOUND');
    const source = await this.em.findOne(Environment, {
      id: move.sourceEnvironmentId,
      projectId: flag.projectId,
    });
    if (!source) throw new DomainError('ENVIRONMENT_NOT_FOUND');
    return this.update(writer, {
      flagId: flag.id,
      environmentId: move.targetEnvironmentId,
      expectedVersion: move.expectedVersion ?? null,
      patch: await this.snapshotIn(this.em, flag, source),
      action: 'flag.promoted',
    });
  }

  /**
   * Promotes several flags, by key, in one transaction: all of them or, when any key or change is
   * refused, none (FeatureSignals' sync-environments must not leave a target half-synced).
   */
  sync(
    writer: Writer,
    move: {
      sourceEnvironmentId: string;
      targetEnvironmentId: string;
      flagKeys: string[];
      projectId?: string | null;
    },
  ): Promise<ConfiguredFlag[]> {
    const keys = [...new Set(move.flagKeys)];
    if (keys.length === 0) throw DomainError.validation({ flagKeys: ['name at least one flag'] });
    return this.runtime.relay.transaction(this.em, async (em) => {
      const source = await em.findOne(Environment, {
        id: move.sourceEnvironmentId,
        organizationId: writer.organizationId,
        ...(move.projectId ? { projectId: move.projectId } : {}),
      });
      if (!source) throw new DomainError('ENVIRONMENT_NOT_FOUND');
      const flags = await em.find(Flag, { projectId: source.projectId, key: { $in: keys } });
      const missing = keys.filter((key) => !flags.some((flag) => flag.key === key));
      if (missing.length > 0)
        throw new DomainError('FLAG_NOT_FOUND', `no flag ${missing.join(', ')} in this project`);
      const written: { configured: ConfiguredFlag; event: NewEvent }[] = [];
      for (const key of keys) {
        const flag = flags.find((candidate) => candidate.key === key)!;
        written.push(
          await this.writeIn(em, writer, {
            flagId: flag.id,
            environmentId: move.targetEnvironmentId,
            patch: await this.snapshotIn(em, flag, source),
            action: 'flag.promoted',
          }),
        );
      }
      for (const { event } of written) this.runtime.relay.record(em, event);
      return written.map(({ configured }) => configured);
    });
  }

  /** A flag's configuration in an environment as it stands, the default when never configured. */
  private async snapshotIn(em: EntityManager, flag: Flag, environment: Environment): Promise<ConfigSnapshot> {
    const row = await em.findOne(FlagConfig, { flagId: flag.id, environmentId: environment.id });
    return row ? snapshotOf(row) : defaultConfig(flag);
  }

  private async scope(em: EntityManager, flag: Flag, environmentId: string) {
    const [flags, segments, configs] = await Promise.all([
      em.find(Flag, { projectId: flag.projectId }),
      em.find(Segment, { projectId: flag.projectId }, { fields: ['id', 'key'] }),
      em.find(FlagConfig, { environmentId }),
    ]);
    const keyOf = new Map(flags.map((f) => [f.id, f.key]));
    return {
      flagsByKey: new Map(flags.map((f) => [f.key, f])),
      segmentKeys: new Set(segments.map((s) => s.key)),
      segmentKeyById: new Map(segments.map((s) => [s.id, s.key])),
      prerequisitesOf: new Map(
        configs.map((c) => [keyOf.get(c.flagId)!, c.prerequisites.map((p) => p.flagKey)]),
      ),
    };
  }
}

/**
 * Segments named by id in `in_segment` conditions, by key: Flagify's rules name segments by id
 * (routes.md §4.2), the engine by key.
 */
function withSegmentKeys(config: ConfigSnapshot, keyById: Map<string, string>): ConfigSnapshot {
  const rules = config.rules.map((rule) => ({
    ...rule,
    conditions: rule.conditions.map((condition) =>
      normalizeOperator(condition.operator) === 'in_segment'
        ? { ...condition, values: condition.values.map((value) => keyById.get(value as string) ?? value) }
        : condition,
    ),
  }));
  return { ...config, rules };
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(patch).filter(([, value]) => value !== undefined && value !== null),
  ) as Partial<T>;
}

function onlyEnabledChanged(patch: ConfigPatch): boolean {
  const keys = Object.keys(definedOnly(patch));
  return keys.length === 1 && keys[0] === 'enabled';
}
