import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  DomainError,
  LIMITS,
  slugify,
  type Actor,
  type DomainEvent,
  type PlanGuard,
  type ServiceRuntime,
} from '@vexil/platform';
import { countOf } from '../organizations/organization-usage.js';
import { Environment } from '../environments/environment.entity.js';
import type { Writer } from '../flags/flag.service.js';
import type { CreateProjectInput, UpdateProjectInput } from './project.inputs.js';
import { Project } from './project.entity.js';

/** What slugs and environment keys look like: lower-case words joined by single dashes. */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Seed 001: every new organization starts with project `default` and these environments. */
const DEFAULT_ENVIRONMENTS = [
  { key: 'dev', name: 'Development', color: '#22C55E' },
  { key: 'staging', name: 'Staging', color: '#F59E0B' },
  { key: 'production', name: 'Production', color: '#EF4444' },
] as const;

/** Creating projects, and the default workspace of a new organization. */
export class ProjectService {
  constructor(
    private readonly em: EntityManager,
    private readonly runtime: ServiceRuntime,
    private readonly plans: PlanGuard,
  ) {}

  /** Creates a project with the default environments in the caller's organization. */
  async create(organizationId: string, actor: Actor, input: CreateProjectInput): Promise<Project> {
    const name = input.name.trim();
    const slug = input.slug?.trim() || slugify(name);
    if (!name || name.length > LIMITS.nameLength)
      throw DomainError.validation({ name: [`is required (at most ${LIMITS.nameLength} characters)`] });
    if (!SLUG.test(slug) || slug.length > 64) {
      throw DomainError.validation({ slug: ['must be lower-case letters, digits and single dashes'] });
    }
    try {
      return await this.runtime.relay.transaction(this.em, async (em) => {
        await this.plans.allow(em, organizationId, 'projects', () => countOf(em, 'projects', organizationId));
        const environments = DEFAULT_ENVIRONMENTS.length;
        await this.plans.allow(
          em,
          organizationId,
          'environments',
          () => countOf(em, 'environments', organizationId),
          environments,
        );
        return this.insertProject(em, { organizationId, name, slug }, actor);
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw new DomainError('PROJECT_SLUG_CONFLICT');
      throw error;
    }
  }

  /** Renames a project or changes its slug. */
  async update(writer: Writer, projectId: string, input: UpdateProjectInput): Promise<Project> {
    try {
      return await this.runtime.relay.transaction(this.em, async (em) => {
        const project = await em.findOne(Project, { id: projectId, organizationId: writer.organizationId });
        if (!project) throw new DomainError('PROJECT_NOT_FOUND');
        const before = { name: project.name, slug: project.slug };
        if (input.name != null) {
          const name = input.name.trim();
          if (!name || name.length > LIMITS.nameLength)
            throw DomainError.validation({ name: [`is required (at most ${LIMITS.nameLength} characters)`] });
          project.name = name;
        }
        if (input.slug != null) {
          if (!SLUG.test(input.slug) || input.slug.length > 64) {
            throw DomainError.validation({ slug: ['must be lower-case letters, digits and single dashes'] });
          }
          project.slug = input.slug;
        }
        this.record(em, writer, 'project.updated', project, {
          before,
          after: { name: project.name, slug: project.slug },
        });
        return project;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw new DomainError('PROJECT_SLUG_CONFLICT');
      throw error;
    }
  }

  /** Deletes a project with its environments, flags and segments. */
  delete(writer: Writer, projectId: string): Promise<Project> {
    return this.runtime.relay.transaction(this.em, async (em) => {
      const project = await em.findOne(Project, { id: projectId, organizationId: writer.organizationId });
      if (!project) throw new DomainError('PROJECT_NOT_FOUND');
      this.record(em, writer, 'project.deleted', project, {
        before: { name: project.name, slug: project.slug },
      });
      em.remove(project);
      return project;
    });
  }

  private record(
    em: EntityManager,
    writer: Writer,
    type: string,
    project: Project,
    payload: Record<string, unknown>,
  ) {
    this.runtime.relay.record(em, {
      type,
      organizationId: writer.organizationId,
      aggregateId: project.id,
      actor: writer.actor,
      payload: { projectId: project.id, ...payload },
    });
  }

  /**
   * Reaction to `organization.created`: project `default` with dev, staging and production, then
   * `workspace.provisioned`, which registration waits for.
   */
  async provisionWorkspace(em: EntityManager, event: DomainEvent): Promise<void> {
    const organizationId = event.organizationId!;
    const project = await this.insertProject(
      em,
      { organizationId, name: 'Default', slug: 'default' },
      event.actor,
    );
    this.runtime.relay.record(em, {
      type: 'workspace.provisioned',
      organizationId,
      aggregateId: organizationId,
      actor: event.actor,
      payload: { organizationId, projectId: project.id },
    });
  }

  private async insertProject(
    em: EntityManager,
    fields: { organizationId: string; name: string; slug: string },
    actor: Actor | null,
  ): Promise<Project> {
    const project = em.create(Project, fields);
    const environments = DEFAULT_ENVIRONMENTS.map((environment, position) =>
      em.create(Environment, {
        ...environment,
        position,
        projectId: project.id,
        organizationId: fields.organizationId,
      }),
    );
    this.runtime.relay.record(em, {
      type: 'project.created',
      organizationId: fields.organizationId,
      aggregateId: project.id,
      actor,
      // The environments ride along so other services (identity's API keys) can learn them from the event.
      payload: {
        projectId: project.id,
        name: project.name,
        slug: project.slug,
        environments: environments.map(({ id, key }) => ({ id, key })),
      },
    });
    return project;
  }
}
