import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  DomainError,
  LIMITS,
  actorOf,
  requirePermission,
  slugify,
  waitForEvent,
  type Actor,
  type Principal,
  type ServiceRuntime,
} from '@vexil/platform';
import type { IdentitySettings } from '../../identity-settings.js';
import { requireUser } from '../access.js';
import { Membership } from './membership.entity.js';
import { Organization } from './organization.entity.js';

/** Checks an organization's display name; returns it trimmed. */
export function organizationName(name: string, field = 'name'): string {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > LIMITS.nameLength)
    throw DomainError.validation({ [field]: [`is required (at most ${LIMITS.nameLength} characters)`] });
  return trimmed;
}

/** Creating, renaming and listing organizations. */
export class OrganizationService {
  constructor(
    private readonly em: EntityManager,
    private readonly runtime: ServiceRuntime,
    private readonly settings: IdentitySettings,
  ) {}

  /**
   * Runs `work`, which creates organization `organizationId`, then waits until the flags service has
   * created its default project and this service has learnt its environments, so the very next
   * request sees them (seed 001).
   */
  async provisioned<T>(organizationId: string, work: () => Promise<T>): Promise<T> {
    const provisioned = waitForEvent(
      this.runtime.bus,
      (event) => event.type === 'workspace.provisioned' && event.organizationId === organizationId,
      this.settings.provisioningTimeoutMs,
    );
    try {
      const result = await work();
      if (!(await provisioned.promise)) {
        this.runtime.log.warn('default project not provisioned in time', { organizationId });
      }
      await this.runtime.eventsHandled();
      return result;
    } catch (error) {
      provisioned.cancel();
      throw error;
    }
  }

  /**
   * Runs `work`, which creates an organization, again when a concurrent creation took the slug it
   * picked (two sign-ups of "Acme" at once).
   */
  async retryingSlug<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        const slugTaken =
          error instanceof UniqueConstraintViolationException &&
          error.message.includes('organizations_slug_unique');
        if (!slugTaken || attempt >= 5) throw error;
      }
    }
  }

  /** Adds an organization owned by `ownerId` to the unit of work of `em`, with its event. */
  async insert(
    em: EntityManager,
    fields: { id: string; name: string; ownerId: string; actor: Actor },
  ): Promise<{ organization: Organization; membership: Membership }> {
    const organization = em.create(Organization, {
      id: fields.id,
      name: fields.name,
      slug: await this.freeSlug(em, slugify(fields.name)),
    });
    const membership = em.create(Membership, {
      organizationId: fields.id,
      userId: fields.ownerId,
      role: 'owner',
    });
    this.runtime.relay.record(em, {
      type: 'organization.created',
      organizationId: fields.id,
      aggregateId: fields.id,
      actor: fields.actor,
      payload: {
        organizationId: fields.id,
        name: organization.name,
        slug: organization.slug,
        ownerId: fields.ownerId,
      },
    });
    return { organization, membership };
  }

  /** Creates another organization owned by the caller, with its default project. */
  async create(principal: Principal, name: string): Promise<Organization> {
    const user = requireUser(principal);
    const checked = organizationName(name);
    const id = randomUUID();
    return this.provisioned(id, () =>
      this.retryingSlug(() =>
        this.runtime.relay.transaction(this.em, async (em) => {
          const { organization } = await this.insert(em, {
            id,
            name: checked,
            ownerId: user.userId,
            actor: actorOf(user),
          });
          return organization;
        }),
      ),
    );
  }

  /** Renames the caller's organization; any other id is not found. The slug stays, so links keep working. */
  async rename(principal: Principal, id: string, name: string): Promise<Organization> {
    const organizationId = requirePermission(principal, 'admin');
    if (id !== organizationId) throw new DomainError('ORGANIZATION_NOT_FOUND');
    const checked = organizationName(name);
    return this.runtime.relay.transaction(this.em, async (em) => {
      const organization = await em.findOneOrFail(Organization, id);
      const before = organization.name;
      organization.name = checked;
      this.runtime.relay.record(em, {
        type: 'organization.renamed',
        organizationId: id,
        aggregateId: id,
        actor: actorOf(principal),
        payload: { before: { name: before }, after: { name: checked } },
      });
      return organization;
    });
  }

  /** The organizations the signed-in user belongs to, oldest membership first. */
  async listMine(principal: Principal): Promise<Organization[]> {
    const user = requireUser(principal);
    const memberships = await this.em.find(
      Membership,
      { userId: user.userId },
      { orderBy: { createdAt: 'asc', id: 'asc' } },
    );
    const organizations = await this.em.find(Organization, {
      id: { $in: memberships.map((m) => m.organizationId) },
    });
    const byId = new Map(organizations.map((organization) => [organization.id, organization]));
    return memberships.flatMap((membership) => byId.get(membership.organizationId) ?? []);
  }

  private async freeSlug(em: EntityManager, base: string): Promise<string> {
    const taken = new Set(
      (await em.find(Organization, { slug: { $like: `${base}%` } }, { fields: ['slug'] })).map((o) => o.slug),
    );
    if (!taken.has(base)) return base;
    for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
  }
}
