import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { FlagType as EngineFlagType, Variation } from '@vexil/evaluation';
import {
  checkCount,
  checkLength,
  DomainError,
  LIMITS,
  type Actor,
  type ServiceRuntime,
} from '@vexil/platform';
import { FlagConfig } from '../flag-configs/flag-config.entity.js';
import { Project } from '../projects/project.entity.js';
import { FLAG_STATUSES, Flag, type FlagStatus } from './flag.entity.js';
import type { CreateFlagInput, UpdateFlagInput } from './flag.inputs.js';
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
  tags: flag.tags,
  owner: flag.owner,
  status: flag.status,
  archived: flag.archivedAt !== null,
});

/** The caps of `LIMITS` on a flag's own free-text fields. */
function checkFlagFields(input: CreateFlagInput | UpdateFlagInput): void {
  checkLength('name', input.name?.trim(), LIMITS.nameLength);
  checkLength('description', input.description, LIMITS.descriptionLength);
  checkLength('owner', input.owner, LIMITS.ownerLength);
  if (input.tags) {
    checkCount('tags', input.tags.length, LIMITS.tagsPerFlag, 'tags');
    input.tags.forEach((tag, index) => checkLength(`tags.${index}`, tag, LIMITS.tagLength));
  }
}

/** The variations of a new flag given as values, or the defaults of its type. */
function variationsOf(type: EngineFlagType, values: unknown[] | null | undefined): Variation[] {
  if (!values) return type === 'boolean' ? BOOLEAN_VARIATIONS : [];
  const pool = new VariationPool({ key: '', type, variations: [] });
  values.forEach((value, index) => pool.keyOf(`values.${index}`, { value }));
  return pool.variations;
}

/** Creating, changing, archiving and deleting flags; every change is an event with before and after. */
export class FlagService {
  constructor(
    private readonly em: EntityManager,
    private readonly runtime: ServiceRuntime,
  ) {}

  /** The project, if it exists in the writer's organization; `PROJECT_NOT_FOUND` otherwise. */
  async project(organizationId: string, projectId: string): Promise<Project> {
    const project = await this.em.findOne(Project, { id: projectId, organizationId });
    if (!project) throw new DomainError('PROJECT_NOT_FOUND');
    return project;
  }

  /** A flag of a project of the organization, by key; `FLAG_NOT_FOUND` otherwise. */
  async flag(organizationId: string, projectId: string, key: string): Promise<Flag> {
    const flag = await this.em.findOne(Flag, { projectId, key, organizationId });
    if (!flag) throw new DomainError('FLAG_NOT_FOUND');
    return flag;
  }

  async create(writer: Writer, projectId: string, input: CreateFlagInput): Promise<Flag> {
    await this.project(writer.organizationId, projectId);
    const type = input.type as EngineFlagType;
    if (!FLAG_TYPES.includes(type))
      throw DomainError.validation({ type: [`must be one of ${FLAG_TYPES.join(', ')}`] });
    const key = validateFlagKey(input.key.trim());
    checkFlagFields(input);
    const variations = validateVariations(type, input.variations ?? variationsOf(type, input.values));
    try {
      return await this.runtime.relay.transaction(this.em, async (em) => {
        const flag = em.create(Flag, {
          projectId,
          organizationId: writer.organizationId,
          key,
          name: input.name?.trim() || key,
          description: input.description ?? '',
          type,
          variations,
          tags: input.tags ?? [],
          owner: input.owner ?? null,
        });
        this.record(em, writer, 'flag.created', flag, { after: view(flag) });
        return flag;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw new DomainError('FLAG_KEY_CONFLICT');
      throw error;
    }
  }

  async update(writer: Writer, projectId: string, key: string, input: UpdateFlagInput): Promise<Flag> {
    checkFlagFields(input);
    return this.change(writer, projectId, key, 'flag.updated', async (em, flag) => {
      if (input.status != null && !FLAG_STATUSES.includes(input.status as FlagStatus)) {
        throw DomainError.validation({ status: [`must be one of ${FLAG_STATUSES.join(', ')}`] });
      }
      if (input.variations) {
        const variations = validateVariations(flag.type, input.variations);
        await this.ensureVariationsStillServe(em, flag, new Set(variations.map((v) => v.key)));
        flag.variations = variations;
      }
      if (input.name != null) flag.name = input.name.trim() || flag.key;
      if (input.description != null) flag.description = input.description;
      if (input.tags != null) flag.tags = input.tags;
      if (input.owner !== undefined) flag.owner = input.owner;
      if (input.status != null) flag.status = input.status as FlagStatus;
    });
  }

  archive(writer: Writer, projectId: string, key: string): Promise<Flag> {
    return this.change(writer, projectId, key, 'flag.archived', async (_em, flag) => {
      if (flag.archivedAt) throw new DomainError('CONFLICT', 'flag is already archived');
      flag.archivedAt = new Date();
    });
  }

  restore(writer: Writer, projectId: string, key: string): Promise<Flag> {
    return this.change(writer, projectId, key, 'flag.restored', async (_em, flag) => {
      if (!flag.archivedAt) throw new DomainError('CONFLICT', 'flag is not archived');
      flag.archivedAt = null;
    });
  }

  async delete(writer: Writer, projectId: string, key: string): Promise<Flag> {
    return this.runtime.relay.transaction(this.em, async (em) => {
      const flag = await em.findOne(Flag, { projectId, key, organizationId: writer.organizationId });
      if (!flag) throw new DomainError('FLAG_NOT_FOUND');
      this.record(em, writer, 'flag.deleted', flag, { before: view(flag) });
      em.remove(flag);
      return flag;
    });
  }

  private change(
    writer: Writer,
    projectId: string,
    key: string,
    type: string,
    apply: (em: EntityManager, flag: Flag) => Promise<void>,
  ): Promise<Flag> {
    return this.runtime.relay.transaction(this.em, async (em) => {
      // Locked: a configuration change may be adding a variation (flag-config.service.ts).
      const flag = await em.findOne(
        Flag,
        { projectId, key, organizationId: writer.organizationId },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!flag) throw new DomainError('FLAG_NOT_FOUND');
      const before = view(flag);
      await apply(em, flag);
      this.record(em, writer, type, flag, { before, after: view(flag) });
      return flag;
    });
  }

  /** Variations still referenced by a configuration must not disappear from under it. */
  private async ensureVariationsStillServe(em: EntityManager, flag: Flag, keys: Set<string>): Promise<void> {
    for (const config of await em.find(FlagConfig, { flagId: flag.id })) {
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
