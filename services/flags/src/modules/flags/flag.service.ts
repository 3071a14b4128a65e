import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { FlagType as EngineFlagType, Serve, Variation } from '@vexil/evaluation';
import {
  checkCount,
  checkLength,
  DomainError,
  LIMITS,
  slugify,
  type Actor,
  type PlanGuard,
  type ServiceRuntime,
} from '@vexil/platform';
import { countOf } from '../organizations/organization-usage.js';
import { Environment } from '../environments/environment.entity.js';
import { defaultConfig, defaultsOf, snapshotOf } from '../flag-configs/config-snapshot.js';
import { checkBucketing, validateConfig } from '../flag-configs/config-validation.js';
import { FlagConfigVersion } from '../flag-configs/flag-config-version.entity.js';
import { bucketingOf } from '../flag-configs/flag-config.inputs.js';
import { FlagConfig } from '../flag-configs/flag-config.entity.js';
import { Project } from '../projects/project.entity.js';
import { FLAG_STATUSES, Flag, type FlagStatus } from './flag.entity.js';
import type { CloneFlagInput, CreateFlagInput, FlagDefaultsInput, UpdateFlagInput } from './flag.inputs.js';
import { VariationPool } from './variation-pool.js';
import { BOOLEAN_VARIATIONS, FLAG_TYPES, validateFlagKey, validateVariations } from './variations.js';

/** The caller of a write: its organization and how it appears in events. */
export interface Writer {
  organizationId: string;
  actor: Actor;
}

const view = (flag: Flag) => ({
  key: flag.key,
  name: flag.name,
  description: flag.description,
  type: flag.type,
  variations: flag.variations,
  defaults: defaultsOf(flag),
  tags: flag.tags,
  owner: flag.owner,
  expiresAt: flag.expiresAt,
  status: flag.status,
  archived: flag.archivedAt !== null,
  ...(flag.bucketing ? { bucketing: flag.bucketing } : {}),
});

/** The variations a defaults input names (by key or by value), resolved in `pool`; null where none. */
function defaultsIn(pool: VariationPool, defaults: FlagDefaultsInput | null | undefined) {
  const named = (variation: string | null | undefined, value: unknown) =>
    variation != null || (value !== undefined && value !== null);
  return {
    on: named(defaults?.onVariation, defaults?.onValue)
      ? pool.keyOf('defaults.onValue', { variation: defaults!.onVariation, value: defaults!.onValue })
      : null,
    off: named(defaults?.offVariation, defaults?.offValue)
      ? pool.keyOf('defaults.offValue', { variation: defaults!.offVariation, value: defaults!.offValue })
      : null,
  };
}

/** Refuses defaults that name no variation of the flag. */
function checkDefaults(flag: Pick<Flag, 'variations' | 'onVariation' | 'offVariation'>, field: string): void {
  const keys = new Set(flag.variations.map((variation) => variation.key));
  for (const key of [flag.onVariation, flag.offVariation])
    if (key != null && !keys.has(key))
      throw DomainError.validation({ [field]: [`variation "${key}" is the flag's default; keep it`] });
}

/** How a mutation names its flag: by id (REST dialects that address flags so), or by key in a project. */
export interface FlagRef {
  id?: string | null;
  projectId?: string | null;
  key?: string | null;
}

/** The query of the flag a reference names, within the writer's organization. */
function whereOf(organizationId: string, ref: FlagRef) {
  if (ref.id) return { id: ref.id, organizationId, ...(ref.projectId ? { projectId: ref.projectId } : {}) };
  if (!ref.projectId || !ref.key) throw DomainError.validation({ id: ['give id, or projectId and key'] });
  return { projectId: ref.projectId, key: ref.key, organizationId };
}

/** The caps of `LIMITS` on a flag's own free-text fields. */
function checkFlagFields(
  input: Partial<Pick<CreateFlagInput, 'name' | 'description' | 'owner' | 'tags'>>,
): void {
  checkLength('name', input.name?.trim(), LIMITS.nameLength);
  checkLength('description', input.description, LIMITS.descriptionLength);
  checkLength('owner', input.owner, LIMITS.ownerLength);
  if (input.tags) {
    checkCount('tags', input.tags.length, LIMITS.tagsPerFlag, 'tags');
    input.tags.forEach((tag, index) => checkLength(`tags.${index}`, tag, LIMITS.tagLength));
  }
}

/** A scope with nothing in it: a new flag's configuration names no other flag or segment. */
const NO_SCOPE = { flagsByKey: new Map(), segmentKeys: new Set<string>(), prerequisitesOf: new Map() };

/** The variations of a new flag given as values, or the defaults of its type. */
function variationsOf(type: EngineFlagType, values: unknown[] | null | undefined): Variation[] {
  if (!values) return type === 'boolean' ? BOOLEAN_VARIATIONS : [];
  const pool = new VariationPool({ key: '', type, variations: [] });
  values.forEach((value, index) => pool.keyOf(`values.${index}`, { value }));
  return pool.variations;
}

/**
 * A new flag's variations with the one it serves while off where `defaultConfig` looks for it: a boolean
 * flag is off at its `false` variation; another at its first.
 */
function withOffVariation(type: EngineFlagType, variations: Variation[], key: string | null | undefined) {
  if (key == null) return variations;
  const off = variations.find((variation) => variation.key === key);
  if (!off) throw DomainError.validation({ offVariation: [`"${key}" is not one of the variations`] });
  if (type === 'boolean') {
    if (off.value !== false)
      throw DomainError.validation({ offVariation: ['a boolean flag serves false while off'] });
    return variations;
  }
  return [off, ...variations.filter((variation) => variation !== off)];
}

/** Creating, changing, archiving and deleting flags; every change is an event with before and after. */
export class FlagService {
  constructor(
    private readonly em: EntityManager,
    private readonly runtime: ServiceRuntime,
    private readonly plans: PlanGuard,
  ) {}

  /** The project, if it exists in the writer's organization; `PROJECT_NOT_FOUND` otherwise. */
  async project(organizationId: string, projectId: string): Promise<Project> {
    const project = await this.em.findOne(Project, { id: projectId, organizationId });
    if (!project) throw new DomainError('PROJECT_NOT_FOUND');
    return project;
  }

  /** The project named, or the project of the environment named; checked against the organization. */
  private async projectIdOf(
    organizationId: string,
    at: { projectId?: string | null; environmentId?: string | null },
  ): Promise<string> {
    if (at.projectId) return (await this.project(organizationId, at.projectId)).id;
    if (!at.environmentId) throw DomainError.validation({ projectId: ['give projectId or environmentId'] });
    const environment = await this.em.findOne(Environment, { id: at.environmentId, organizationId });
    if (!environment) throw new DomainError('ENVIRONMENT_NOT_FOUND');
    return environment.projectId;
  }

  /** A flag of a project of the organization, by key; `FLAG_NOT_FOUND` otherwise. */
  async flag(organizationId: string, projectId: string, key: string): Promise<Flag> {
    const flag = await this.em.findOne(Flag, { projectId, key, organizationId });
    if (!flag) throw new DomainError('FLAG_NOT_FOUND');
    return flag;
  }

  async create(
    writer: Writer,
    at: { projectId?: string | null; environmentId?: string | null },
    input: CreateFlagInput,
  ): Promise<Flag> {
    const projectId = await this.projectIdOf(writer.organizationId, at);
    const type = input.type as EngineFlagType;
    if (!FLAG_TYPES.includes(type))
      throw DomainError.validation({ type: [`must be one of ${FLAG_TYPES.join(', ')}`] });
    // Flagify's clients may name a flag only (routes.md §4.2): its key is made from the name.
    const key = validateFlagKey(input.key?.trim() || slugify(input.name?.trim() ?? ''));
    checkFlagFields(input);
    const bucketing = input.bucketing ? bucketingOf(input.bucketing) : null;
    if (bucketing) checkBucketing('bucketing', bucketing);
    const pool = new VariationPool({
      key,
      type,
      variations: input.variations ?? variationsOf(type, input.values),
    });
    const defaults = defaultsIn(pool, input.defaults);
    const variations = withOffVariation(type, validateVariations(type, pool.variations), input.offVariation);
    try {
      return await this.runtime.relay.transaction(this.em, async (em) => {
        // Shared with other new flags, exclusive of a new environment: each sees the other's rows.
        await em.findOne(Project, { id: projectId }, { lockMode: LockMode.PESSIMISTIC_READ });
        const organizationId = writer.organizationId;
        await this.plans.allow(em, organizationId, 'flags', () => countOf(em, 'flags', organizationId));
        const flag = em.create(Flag, {
          projectId,
          organizationId: writer.organizationId,
          key,
          name: input.name?.trim() || key,
          description: input.description ?? '',
          type,
          variations,
          onVariation: defaults.on,
          offVariation: defaults.off ?? input.offVariation ?? null,
          tags: input.tags ?? [],
          owner: input.owner ?? null,
          expiresAt: input.expiresAt ?? null,
          bucketing,
        });
        checkDefaults(flag, 'defaults');
        const config = defaultConfig(flag);
        validateConfig(flag, config, NO_SCOPE);
        for (const environment of await em.find(Environment, { projectId })) {
          em.create(FlagConfig, {
            ...config,
            flagId: flag.id,
            environmentId: environment.id,
            organizationId: writer.organizationId,
            version: 0,
          });
        }
        this.record(em, writer, 'flag.created', flag, { after: view(flag) });
        return flag;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw new DomainError('FLAG_KEY_CONFLICT');
      throw error;
    }
  }

  /** A copy of a flag under a new key, configured as the original in every environment (`flag.cloned`). */
  async clone(writer: Writer, ref: FlagRef, input: CloneFlagInput): Promise<Flag> {
    const where = whereOf(writer.organizationId, ref);
    const key = validateFlagKey(input.key.trim());
    checkFlagFields(input);
    try {
      return await this.runtime.relay.transaction(this.em, async (em) => {
        const source = await em.findOne(Flag, where);
        if (!source) throw new DomainError('FLAG_NOT_FOUND');
        await em.findOne(Project, { id: source.projectId }, { lockMode: LockMode.PESSIMISTIC_READ });
        const flag = em.create(Flag, {
          projectId: source.projectId,
          organizationId: writer.organizationId,
          key,
          name: input.name?.trim() || key,
          description: input.description ?? source.description,
          type: source.type,
          variations: source.variations,
          onVariation: source.onVariation,
          offVariation: source.offVariation,
          tags: source.tags,
          owner: source.owner,
          expiresAt: source.expiresAt,
          bucketing: source.bucketing,
        });
        for (const row of await em.find(FlagConfig, { flagId: source.id })) {
          // A configuration that was set starts its own history at version 1.
          const version = row.version === 0 ? 0 : 1;
          em.create(FlagConfig, {
            ...snapshotOf(row),
            flagId: flag.id,
            environmentId: row.environmentId,
            organizationId: writer.organizationId,
            version,
          });
          if (version === 1)
            em.create(FlagConfigVersion, {
              flagId: flag.id,
              environmentId: row.environmentId,
              version,
              config: snapshotOf(row),
              actor: writer.actor,
            });
        }
        this.record(em, writer, 'flag.cloned', flag, {
          clonedFrom: { flagId: source.id, key: source.key },
          after: view(flag),
        });
        return flag;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw new DomainError('FLAG_KEY_CONFLICT');
      throw error;
    }
  }

  async update(writer: Writer, ref: FlagRef, input: UpdateFlagInput): Promise<Flag> {
    checkFlagFields(input);
    return this.change(writer, ref, 'flag.updated', async (em, flag) => {
      if (input.status != null && !FLAG_STATUSES.includes(input.status as FlagStatus)) {
        throw DomainError.validation({ status: [`must be one of ${FLAG_STATUSES.join(', ')}`] });
      }
      const previous = defaultsOf(flag);
      if (input.variations) {
        const variations = validateVariations(flag.type, input.variations);
        await this.ensureVariationsStillServe(em, flag, new Set(variations.map((v) => v.key)));
        checkDefaults({ ...flag, variations }, 'variations');
        flag.variations = variations;
      }
      if (input.defaults) {
        const pool = new VariationPool(flag);
        const { on, off } = defaultsIn(pool, input.defaults);
        flag.variations = validateVariations(flag.type, pool.variations);
        if (on !== null) flag.onVariation = on;
        if (off !== null) flag.offVariation = off;
      }
      if (input.name != null) flag.name = input.name.trim() || flag.key;
      if (input.description != null) flag.description = input.description;
      if (input.tags != null) flag.tags = input.tags;
      if (input.owner !== undefined) flag.owner = input.owner;
      if (input.expiresAt !== undefined) flag.expiresAt = input.expiresAt;
      if (input.status != null) flag.status = input.status as FlagStatus;
      const configurations = await this.followDefaults(em, flag, previous, writer);
      return configurations.length > 0 ? { configurations } : {};
    });
  }

  /**
   * Configurations after a change of the flag's variations or defaults. One never set (version 0) is
   * the flag's defaults, whatever they are now. One that was set follows where it served the previous
   * defaults (its default serve and its slices, its off variation), as a new version.
   */
  private async followDefaults(
    em: EntityManager,
    flag: Flag,
    previous: { on: string; off: string },
    writer: Writer,
  ): Promise<{ environmentId: string; version: number }[]> {
    const now = defaultsOf(flag);
    const moved: { environmentId: string; version: number }[] = [];
    const swap = (variation: string) =>
      variation === previous.on ? now.on : variation === previous.off ? now.off : variation;
    for (const row of await em.find(FlagConfig, { flagId: flag.id })) {
      if (row.version === 0) {
        // Its bucketing is its own: someone may have set it alone.
        Object.assign(row, { ...defaultConfig(flag), bucketing: row.bucketing });
        continue;
      }
      if (now.on === previous.on && now.off === previous.off) continue;
      const serve = row.defaultServe;
      const defaultServe: Serve =
        'variation' in serve
          ? { ...serve, variation: swap(serve.variation) }
          : {
              ...serve,
              rollout: serve.rollout.map((slice) => ({ ...slice, variation: swap(slice.variation) })),
            };
      const offVariation = row.offVariation === previous.off ? now.off : row.offVariation;
      if (offVariation === row.offVariation && JSON.stringify(defaultServe) === JSON.stringify(serve))
        continue;
      Object.assign(row, { defaultServe, offVariation, version: row.version + 1, updatedAt: new Date() });
      em.create(FlagConfigVersion, {
        flagId: flag.id,
        environmentId: row.environmentId,
        version: row.version,
        config: snapshotOf(row),
        actor: writer.actor,
      });
      moved.push({ environmentId: row.environmentId, version: row.version });
    }
    return moved;
  }

  archive(writer: Writer, ref: FlagRef): Promise<Flag> {
    return this.change(writer, ref, 'flag.archived', async (_em, flag) => {
      if (flag.archivedAt) throw new DomainError('CONFLICT', 'flag is already archived');
      flag.archivedAt = new Date();
    });
  }

  restore(writer: Writer, ref: FlagRef): Promise<Flag> {
    return this.change(writer, ref, 'flag.restored', async (_em, flag) => {
      if (!flag.archivedAt) throw new DomainError('CONFLICT', 'flag is not archived');
      flag.archivedAt = null;
    });
  }

  async delete(writer: Writer, ref: FlagRef): Promise<Flag> {
    const where = whereOf(writer.organizationId, ref);
    return this.runtime.relay.transaction(this.em, async (em) => {
      const flag = await em.findOne(Flag, where);
      if (!flag) throw new DomainError('FLAG_NOT_FOUND');
      this.record(em, writer, 'flag.deleted', flag, { before: view(flag) });
      em.remove(flag);
      return flag;
    });
  }

  private change(
    writer: Writer,
    ref: FlagRef,
    type: string,
    apply: (em: EntityManager, flag: Flag) => Promise<Record<string, unknown> | void>,
  ): Promise<Flag> {
    const where = whereOf(writer.organizationId, ref);
    return this.runtime.relay.transaction(this.em, async (em) => {
      // Locked: a configuration change may be adding a variation (flag-config.service.ts).
      const flag = await em.findOne(Flag, where, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!flag) throw new DomainError('FLAG_NOT_FOUND');
      const before = view(flag);
      const extra = await apply(em, flag);
      this.record(em, writer, type, flag, { before, after: view(flag), ...extra });
      return flag;
    });
  }

  /**
   * Variations still referenced by a configuration must not disappear from under it; one never set
   * follows the flag's defaults instead (`followDefaults`).
   */
  private async ensureVariationsStillServe(em: EntityManager, flag: Flag, keys: Set<string>): Promise<void> {
    for (const config of await em.find(FlagConfig, { flagId: flag.id, version: { $gt: 0 } })) {
      const used = [
        config.offVariation,
        ...config.targets.map((t) => t.variation),
        ...[config.defaultServe, ...config.rules.map((r) => r.serve)].flatMap((serve) =>
          'variation' in serve ? [serve.variation] : serve.rollout.map((slice) => slice.variation),
        ),
      ];
      const missing = used.find((variation) => !keys.has(variation));
      if (missing) {
        throw DomainError.validation({
          variations: [`variation "${missing}" is still served in an environment`],
        });
      }
    }
  }

  private record(
    em: EntityManager,
    writer: Writer,
    type: string,
    flag: Flag,
    payload: Record<string, unknown>,
  ): void {
    this.runtime.relay.record(em, {
      type,
      organizationId: writer.organizationId,
      aggregateId: flag.id,
      actor: writer.actor,
      payload: { flagId: flag.id, projectId: flag.projectId, key: flag.key, ...payload },
    });
  }
}
