import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  DomainError,
  ROLES,
  actorOf,
  isPermission,
  requirePermission,
  type Permission,
  type PlanGuard,
  type Principal,
  type ServiceRuntime,
} from '@vexil/platform';
import { findInOrganization, requireUser } from '../access.js';
import { Membership } from '../organizations/membership.entity.js';
import { CustomRole } from './custom-role.entity.js';
import type { RoleInput } from './role.type.js';

/** Custom roles of an organization: named permission sets beside the built-in roles. */
export class RoleService {
  constructor(
    private readonly em: EntityManager,
    private readonly runtime: ServiceRuntime,
    private readonly plans: PlanGuard,
  ) {}

  /** The caller's organization's custom roles, by name. */
  async list(principal: Principal): Promise<CustomRole[]> {
    const { organizationId } = requireUser(principal);
    return this.em.find(CustomRole, { organizationId }, { orderBy: { name: 'asc' } });
  }

  /** A custom role of the caller's organization. */
  async get(organizationId: string, id: string): Promise<CustomRole> {
    return findInOrganization(this.em, CustomRole, id, organizationId, 'ROLE_NOT_FOUND');
  }

  async create(principal: Principal, input: RoleInput): Promise<CustomRole> {
    const organizationId = this.requireManager(principal);
    const fields = this.check(input, true);
    return this.write(async (em) => {
      await this.plans.requireFeature(em, organizationId, 'customRoles');
      const role = em.create(CustomRole, { organizationId, ...fields } as CustomRole);
      this.record(em, principal, 'role.created', role, { after: fields });
      return role;
    });
  }

  async update(principal: Principal, id: string, input: RoleInput): Promise<CustomRole> {
    const organizationId = this.requireManager(principal);
    const fields = this.check(input, false);
    return this.write(async (em) => {
      const role = await findInOrganization(em, CustomRole, id, organizationId, 'ROLE_NOT_FOUND');
      const before = { name: role.name, description: role.description, permissions: role.permissions };
      Object.assign(role, fields);
      this.record(em, principal, 'role.updated', role, { before, after: fields });
      return role;
    });
  }

  /** Deletes a custom role no member holds. */
  async delete(principal: Principal, id: string): Promise<CustomRole> {
    const organizationId = this.requireManager(principal);
    return this.write(async (em) => {
      const role = await findInOrganization(em, CustomRole, id, organizationId, 'ROLE_NOT_FOUND');
      if (await em.count(Membership, { customRoleId: role.id })) {
        throw new DomainError('CONFLICT', 'members still have this role; give them another role first');
      }
      em.remove(role);
      this.record(em, principal, 'role.deleted', role, { before: { name: role.name } });
      return role;
    });
  }

  private requireManager(principal: Principal): string {
    requireUser(principal);
    return requirePermission(principal, 'team:write');
  }

  private check(
    input: RoleInput,
    creating: boolean,
  ): { name?: string; description?: string; permissions?: Permission[] } {
    const fields: { name?: string; description?: string; permissions?: Permission[] } = {};
    const problems: Record<string, string[]> = {};
    if (input.name != null || creating) {
      const name = input.name?.trim() ?? '';
      if (!name || name.length > 100) problems.name = ['is required (at most 100 characters)'];
      else if ((ROLES as readonly string[]).includes(name.toLowerCase()))
        problems.name = ['is a built-in role'];
      fields.name = name;
    }
    if (input.description != null) {
      if (input.description.length > 500) problems.description = ['must be at most 500 characters'];
      fields.description = input.description.trim();
    }
    if (input.permissions != null || creating) {
      const permissions = input.permissions ?? [];
      const unknown = permissions.filter((permission) => !isPermission(permission));
      if (permissions.length === 0) problems.permissions = ['must name at least one permission'];
      else if (unknown.length > 0) problems.permissions = [`has unknown permissions: ${unknown.join(', ')}`];
      fields.permissions = [...new Set(permissions)] as Permission[];
    }
    if (Object.keys(problems).length > 0) throw DomainError.validation(problems);
    return fields;
  }

  private async write<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.runtime.relay.transaction(this.em, work);
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw new DomainError('CONFLICT', 'a role with this name already exists');
      }
      throw error;
    }
  }

  private record(
    em: EntityManager,
    principal: Principal,
    type: string,
    role: CustomRole,
    change: Record<string, unknown>,
  ): void {
    this.runtime.relay.record(em, {
      type,
      organizationId: role.organizationId,
      aggregateId: role.id,
      actor: actorOf(principal),
      payload: { roleId: role.id, ...change },
    });
  }
}
