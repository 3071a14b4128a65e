import type { EntityManager } from '@mikro-orm/postgresql';
import {
  DomainError,
  PlanGuard,
  ROLES,
  actorOf,
  requirePermission,
  type Principal,
  type Role,
  type ServiceRuntime,
} from '@vexil/platform';
import type { IdentitySettings } from '../../identity-settings.js';
import { findInOrganization, requireUser, type UserPrincipal } from '../access.js';
import { newSecretToken, parseSecretToken, secretMatches } from '../auth/secret-token.js';
import { revokeAccessTokens, revokeSessions } from '../auth/sessions.js';
import { invitationMail } from '../mail/mail-templates.js';
import type { MailTransport } from '../mail/mail.transport.js';
import { Membership } from '../organizations/membership.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import { CustomRole } from '../roles/custom-role.entity.js';
import { isEmail, normalizeEmail } from '../users/email-address.js';
import { User } from '../users/user.entity.js';
import { KnownEnvironment } from '../environments/environment.entity.js';
import { Invitation } from './invitation.entity.js';
import { seatsTaken, seatsTakenOrPromised } from './seats.js';
import { MemberPermission } from './member-permission.entity.js';
import type { MemberPermissionInput } from './member-permission.type.js';
import {
  toMemberType,
  type ChangeMemberRoleInput,
  type InviteMemberInput,
  type MemberType,
} from './member.type.js';

const INVITATION_DAYS = 7;

/** Who belongs to an organization, with which role: listing, inviting, role changes, removal. */
export class MemberService {
  constructor(
    private readonly em: EntityManager,
    private readonly runtime: ServiceRuntime,
    private readonly settings: IdentitySettings,
    private readonly mail: MailTransport,
  ) {
    this.plans = new PlanGuard(settings.billing, runtime.now);
  }

  private readonly plans: PlanGuard;

  /** The members of the caller's organization, oldest first. */
  async list(principal: Principal): Promise<MemberType[]> {
    const { organizationId } = requireUser(principal);
    const memberships = await this.em.find(
      Membership,
      { organizationId },
      { orderBy: { createdAt: 'asc', id: 'asc' } },
    );
    const users = await this.em.find(User, { id: { $in: memberships.map((m) => m.userId) } });
    const byId = new Map(users.map((user) => [user.id, user]));
    return memberships.flatMap((m) => (byId.has(m.userId) ? [toMemberType(m, byId.get(m.userId)!)] : []));
  }

  /** Mails an invitation with a role; an address that already belongs to a member is a conflict. */
  async invite(principal: Principal, input: InviteMemberInput): Promise<Invitation> {
    const caller = this.requireManager(principal);
    const email = normalizeEmail(input.email);
    if (!isEmail(email)) throw DomainError.validation({ email: ['must be a valid email address'] });
    const role = this.checkRole(caller, input.role ?? 'developer');
    return this.runtime.relay.transaction(this.em, async (em) => {
      const customRole = await this.customRole(em, caller.organizationId, input.customRoleId);
      const existing = await em.findOne(User, { email });
      if (
        existing &&
        (await em.count(Membership, { organizationId: caller.organizationId, userId: existing.id }))
      ) {
        throw new DomainError('CONFLICT', 'this person is already a member');
      }
      const organization = await em.findOneOrFail(Organization, caller.organizationId);
      await this.plans.allow(em, organization.id, 'seats', () =>
        seatsTakenOrPromised(em, organization.id, this.runtime.now()),
      );
      const token = newSecretToken();
      const invitation = em.create(Invitation, {
        id: token.id,
        organizationId: caller.organizationId,
        email,
        role,
        customRoleId: customRole?.id ?? null,
        invitedBy: caller.userId,
        secretHash: token.hash,
        expiresAt: new Date(this.runtime.now().getTime() + INVITATION_DAYS * 86_400_000),
      });
      const link = `${this.settings.appUrl}/invitations/accept?token=${encodeURIComponent(token.presented)}`;
      this.mail.send(
        em,
        invitationMail(email, organization.name, customRole?.name ?? role, link, token.presented),
      );
      this.record(em, caller, 'member.invited', invitation.id, {
        invitationId: invitation.id,
        email,
        role,
        customRoleId: invitation.customRoleId,
      });
      return invitation;
    });
  }

  /**
   * Joins the organization of a mailed invitation, once, before it expires, as the invited address:
   * an invitation for someone else is not found.
   */
  async accept(principal: Principal, presented: string): Promise<MemberType> {
    const caller = requireUser(principal);
    const parsed = parseSecretToken(presented);
    return this.runtime.relay.transaction(this.em, async (em) => {
      const invitation = parsed ? await em.findOne(Invitation, parsed.id) : null;
      const user = await em.findOneOrFail(User, caller.userId);
      const now = this.runtime.now();
      if (
        !parsed ||
        !invitation ||
        !secretMatches(invitation.secretHash, parsed.secret) ||
        invitation.acceptedAt ||
        invitation.expiresAt.getTime() <= now.getTime() ||
        invitation.email !== user.email
      ) {
        throw new DomainError('INVITATION_NOT_FOUND');
      }
      if (await em.count(Membership, { organizationId: invitation.organizationId, userId: user.id })) {
        throw new DomainError('CONFLICT', 'you are already a member');
      }
      await this.plans.allow(em, invitation.organizationId, 'seats', () =>
        seatsTaken(em, invitation.organizationId),
      );
      invitation.acceptedAt = now;
      const membership = em.create(Membership, {
        organizationId: invitation.organizationId,
        userId: user.id,
        role: invitation.role,
        customRoleId: invitation.customRoleId,
      });
      this.runtime.relay.record(em, {
        type: 'member.joined',
        organizationId: invitation.organizationId,
        aggregateId: membership.id,
        actor: actorOf(caller),
        payload: {
          memberId: membership.id,
          userId: user.id,
          role: membership.role,
          invitationId: invitation.id,
        },
      });
      return toMemberType(membership, user);
    });
  }

  /** Gives a member another role. Only owners grant or take ownership; the last owner stays one. */
  async changeRole(principal: Principal, input: ChangeMemberRoleInput): Promise<MemberType> {
    const caller = this.requireManager(principal);
    if (input.role == null && input.customRoleId == null) {
      throw DomainError.validation({ role: ['give a role or a custom role'] });
    }
    return this.runtime.relay.transaction(this.em, async (em) => {
      const membership = await this.membership(em, caller.organizationId, input.memberId);
      const role = input.role == null ? membership.role : this.checkRole(caller, input.role);
      const customRole = await this.customRole(em, caller.organizationId, input.customRoleId);
      if (membership.role === 'owner' && role !== 'owner') {
        if (caller.role !== 'owner')
          throw new DomainError('INSUFFICIENT_PERMISSIONS', 'only an owner can change an owner’s role');
        await this.keepAnOwner(em, membership);
      }
      const before = { role: membership.role, customRoleId: membership.customRoleId };
      membership.role = role;
      membership.customRoleId = customRole?.id ?? null;
      this.record(em, caller, 'member.role_changed', membership.id, {
        memberId: membership.id,
        userId: membership.userId,
        before,
        after: { role, customRoleId: membership.customRoleId },
      });
      // The member's tokens carry the old role; their refresh token stays good and brings the new one.
      if (before.role !== role || before.customRoleId !== membership.customRoleId)
        revokeAccessTokens(
          this.runtime,
          em,
          { userId: membership.userId, organizationId: caller.organizationId },
          { actor: actorOf(caller), organizationId: caller.organizationId, reason: 'role changed' },
        );
      const user = await em.findOneOrFail(User, membership.userId);
      return toMemberType(membership, user);
    });
  }

  /** Removes a member and ends their sessions in the organization; nobody removes themselves. */
  async remove(principal: Principal, memberId: string): Promise<MemberType> {
    const caller = this.requireManager(principal);
    return this.runtime.relay.transaction(this.em, async (em) => {
      const membership = await this.membership(em, caller.organizationId, memberId);
      if (membership.userId === caller.userId) {
        throw new DomainError('VALIDATION_FAILED', 'you cannot remove yourself from the organization');
      }
      if (membership.role === 'owner') {
        if (caller.role !== 'owner')
          throw new DomainError('INSUFFICIENT_PERMISSIONS', 'only an owner can remove an owner');
        await this.keepAnOwner(em, membership);
      }
      const user = await em.findOneOrFail(User, membership.userId);
      const removed = toMemberType(membership, user);
      em.remove(membership);
      await revokeSessions(
        em,
        { userId: membership.userId, organizationId: caller.organizationId },
        this.runtime.now(),
      );
      this.record(em, caller, 'member.removed', membership.id, {
        memberId: membership.id,
        userId: membership.userId,
        before: { role: membership.role },
      });
      revokeAccessTokens(
        this.runtime,
        em,
        { userId: membership.userId, organizationId: caller.organizationId },
        { actor: actorOf(caller), organizationId: caller.organizationId, reason: 'member removed' },
      );
      return removed;
    });
  }

  /** A member's per-environment rights, in the caller's organization. */
  async permissions(principal: Principal, memberId: string): Promise<MemberPermission[]> {
    const { organizationId } = requireUser(principal);
    await this.membership(this.em, organizationId, memberId);
    return this.em.find(
      MemberPermission,
      { membershipId: memberId },
      { orderBy: { createdAt: 'asc', id: 'asc' } },
    );
  }

  /** Replaces a member's per-environment rights; every environment must be the organization's. */
  async setPermissions(
    principal: Principal,
    memberId: string,
    permissions: MemberPermissionInput[],
  ): Promise<MemberPermission[]> {
    const caller = this.requireManager(principal);
    const environmentIds = permissions.map((permission) => permission.environmentId);
    if (new Set(environmentIds).size !== environmentIds.length) {
      throw DomainError.validation({ permissions: ['names an environment twice'] });
    }
    return this.runtime.relay.transaction(this.em, async (em) => {
      const membership = await this.membership(em, caller.organizationId, memberId);
      for (const id of environmentIds) {
        await findInOrganization(em, KnownEnvironment, id, caller.organizationId, 'ENVIRONMENT_NOT_FOUND');
      }
      await em.nativeDelete(MemberPermission, { membershipId: membership.id });
      const rows = permissions.map((permission) =>
        em.create(MemberPermission, { membershipId: membership.id, ...permission }),
      );
      this.record(em, caller, 'member.permissions_changed', membership.id, {
        memberId: membership.id,
        after: permissions,
      });
      return rows;
    });
  }

  private membership(em: EntityManager, organizationId: string, id: string): Promise<Membership> {
    return findInOrganization(em, Membership, id, organizationId, 'MEMBER_NOT_FOUND');
  }

  private requireManager(principal: Principal): UserPrincipal {
    const caller = requireUser(principal);
    requirePermission(caller, 'team:write');
    return caller;
  }

  private checkRole(caller: UserPrincipal, role: string): Role {
    if (!(ROLES as readonly string[]).includes(role)) {
      throw DomainError.validation({ role: [`must be one of ${ROLES.join(', ')}`] });
    }
    if (role === 'owner' && caller.role !== 'owner') {
      throw new DomainError('INSUFFICIENT_PERMISSIONS', 'only an owner can make someone an owner');
    }
    return role as Role;
  }

  private async customRole(
    em: EntityManager,
    organizationId: string,
    id: string | null | undefined,
  ): Promise<CustomRole | null> {
    return id == null ? null : findInOrganization(em, CustomRole, id, organizationId, 'ROLE_NOT_FOUND');
  }

  private async keepAnOwner(em: EntityManager, owner: Membership): Promise<void> {
    const owners = await em.count(Membership, { organizationId: owner.organizationId, role: 'owner' });
    if (owners <= 1)
      throw new DomainError('CONFLICT', 'an organization needs an owner; make someone else owner first');
  }

  private record(
    em: EntityManager,
    caller: UserPrincipal,
    type: string,
    aggregateId: string,
    payload: Record<string, unknown>,
  ): void {
    this.runtime.relay.record(em, {
      type,
      organizationId: caller.organizationId,
      aggregateId,
      actor: actorOf(caller),
      payload,
    });
  }
}
