import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, slugify, type PlanGuard, type ServiceRuntime } from '@vexil/platform';
import { countOf } from '../organizations/organization-usage.js';
import { FlagConfigVersion } from '../flag-configs/flag-config-version.entity.js';
import { defaultConfig } from '../flag-configs/config-snapshot.js';
import { FlagConfig } from '../flag-configs/flag-config.entity.js';
import { Flag } from '../flags/flag.entity.js';
import type { Writer } from '../flags/flag.service.js';
import { Project } from '../projects/project.entity.js';
import { SLUG } from '../projects/project.service.js';
import type { CreateEnvironmentInput, UpdateEnvironmentInput } from './environment.inputs.js';
import { Environment } from './environment.entity.js';

const COLOR = /^#[0-9A-Fa-f]{6}$/;

const view = (environment: Environment) => ({
  key: environment.key,
  name: environment.name,
  color: environment.color,
  requiresApproval: environment.requiresApproval,
});

/** Creating, changing, cloning and deleting environments. */
export class EnvironmentService {
  constructor(
    private readonly em: EntityManager,
    private readonly runtime: ServiceRuntime,
    private readonly plans: PlanGuard,
  ) {}

  /** A new environment, with a configuration of every flag of the project: never set (version 0). */
  create(writer: Writer, projectId: string, input: CreateEnvironmentInput): Promise<Environment> {
    return this.insert(writer, projectId, input, async (em, environment) => {
      for (const flag of await em.find(Flag, { projectId })) {
        em.create(FlagConfig, {
          ...defaultConfig(flag),
          flagId: flag.id,
          environmentId: environment.id,
          organizationId: writer.organizationId,
          version: 0,
        });
      }
    });
  }

  /** A new environment with every flag configured exactly as in `sourceId` (each at version 1). */
  clone(
    writer: Writer,
    sourceId: string,
    input: CreateEnvironmentInput,
    projectId?: string | null,
  ): Promise<Environment> {
    return this.findInOrganization(writer, sourceId, projectId).then((source) =>
      this.insert(
        writer,
        source.projectId,
        input,
        async (em, environment) => {
          for (const row of await em.find(FlagConfig, { environmentId: source.id })) {
            const {
              id: _id,
              environmentId: _env,
              version: _version,
              updatedAt: _at,
              createdAt: _created,
              ...config
            } = row;
            em.create(FlagConfig, {
              ...config,
              environmentId: environment.id,
              version: 1,
              updatedAt: new Date(),
            });
            const { flagId, organizationId: _org, ...snapshot } = config;
            em.create(FlagConfigVersion, {
              flagId,
              environmentId: environment.id,
              version: 1,
              config: snapshot,
              actor: writer.actor,
            });
          }
        },
        { clonedFrom: sourceId },
      ),
    );
  }

  update(
    writer: Writer,
    environmentId: string,
    input: UpdateEnvironmentInput,
    projectId?: string | null,
  ): Promise<Environment> {
    return this.runtime.relay.transaction(this.em, async (em) => {
      const environment = await this.findInOrganization(writer, environmentId, projectId, em);
      const before = view(environment);
      if (input.name != null) environment.name = this.name(input.name);
      if (input.color != null) environment.color = this.color(input.color);
      // Requiring approval is the plan's feature; an environment that already requires it keeps doing so.
      if (input.requiresApproval && !environment.requiresApproval)
        await this.plans.requireFeature(em, writer.organizationId, 'approvals');
      if (input.requiresApproval != null) environment.requiresApproval = input.requiresApproval;
      this.record(em, writer, 'environment.updated', environment, { before, after: view(environment) });
      return environment;
    });
  }

  delete(writer: Writer, environmentId: string, projectId?: string | null): Promise<Environment> {
    return this.runtime.relay.transaction(this.em, async (em) => {
      const environment = await this.findInOrganization(writer, environmentId, projectId, em);
      this.record(em, writer, 'environment.deleted', environment, { before: view(environment) });
      em.remove(environment);
      return environment;
    });
  }

  private async insert(
    writer: Writer,
    projectId: string,
    input: CreateEnvironmentInput,
    populate: (em: EntityManager, environment: Environment) => Promise<void>,
    extra: Record<string, unknown> = {},
  ): Promise<Environment> {
    const name = this.name(input.name);
    const key = input.key?.trim() || slugify(name);
    if (!SLUG.test(key) || key.length > 64)
      throw DomainError.validation({ key: ['must be lower-case letters, digits and single dashes'] });
    const color = this.color(input.color ?? '#6B7280');
    try {
      return await this.runtime.relay.transaction(this.em, async (em) => {
        // Exclusive of new flags (which share it): each sees the other's configurations.
        const project = await em.findOne(
          Project,
          { id: projectId, organizationId: writer.organizationId },
          { lockMode: LockMode.PESSIMISTIC_WRITE },
        );
        if (!project) throw new DomainError('PROJECT_NOT_FOUND');
        const organizationId = writer.organizationId;
        await this.plans.allow(em, organizationId, 'environments', () =>
          countOf(em, 'environments', organizationId),
        );
        const position = await em.count(Environment, { projectId });
        const environment = em.create(Environment, {
          projectId,
          organizationId: writer.organizationId,
          key,
          name,
          color,
          position,
        });
        await em.flush();
        await populate(em, environment);
        this.record(em, writer, 'environment.created', environment, { after: view(environment), ...extra });
        return environment;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw new DomainError('CONFLICT', `an environment with key "${key}" already exists in this project`);
      }
      throw error;
    }
  }

  /** The environment, when it is the writer's organization's and in `projectId` if one is named. */
  private async findInOrganization(
    writer: Writer,
    environmentId: string,
    projectId: string | null | undefined,
    em: EntityManager = this.em,
  ): Promise<Environment> {
    const environment = await em.findOne(Environment, {
      id: environmentId,
      organizationId: writer.organizationId,
      ...(projectId ? { projectId } : {}),
    });
    if (!environment) throw new DomainError('ENVIRONMENT_NOT_FOUND');
    return environment;
  }

  private name(value: string): string {
    const name = value.trim();
    if (!name || name.length > 100)
      throw DomainError.validation({ name: ['is required (at most 100 characters)'] });
    return name;
  }

  private color(value: string): string {
    if (!COLOR.test(value)) throw DomainError.validation({ color: ['must be #RRGGBB'] });
    return value;
  }

  private record(
    em: EntityManager,
    writer: Writer,
    type: string,
    environment: Environment,
    payload: Record<string, unknown>,
  ) {
    this.runtime.relay.record(em, {
      type,
      organizationId: writer.organizationId,
      aggregateId: environment.id,
      actor: writer.actor,
      payload: {
        environmentId: environment.id,
        projectId: environment.projectId,
        key: environment.key,
        ...payload,
      },
    });
  }
}
