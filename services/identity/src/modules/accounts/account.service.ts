import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, LIMITS, actingAs, actorOf, type Principal, type ServiceRuntime } from '@vexil/platform';
import type { IdentitySettings } from '../../identity-settings.js';
import { requireUser, type UserPrincipal } from '../access.js';
import type { LoginThrottleService } from '../auth/login-throttle.service.js';
import { hashPassword, passwordProblem, verifyPassword } from '../auth/password.js';
import { revokeAccessTokens, revokeSessions } from '../auth/sessions.js';
import { emailVerificationMail, passwordResetMail } from '../mail/mail-templates.js';
import type { MailTransport } from '../mail/mail.transport.js';
import { Membership } from '../organizations/membership.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import { toOrganizationType } from '../organizations/organization.type.js';
import { normalizeEmail } from '../users/email-address.js';
import { User } from '../users/user.entity.js';
import { toUserType } from '../users/user.type.js';
import {
  AccountExport,
  EmailVerification,
  ExportedMembership,
  type UpdateProfileInput,
} from './account.types.js';
import { message, type MessagePayload } from './message.type.js';
import { UserToken } from './user-token.entity.js';
import { issueUserToken, redeemUserToken } from './user-tokens.js';

const RESET_MINUTES = 60;
const VERIFICATION_HOURS = 48;

/** The signed-in user's own account: profile, password, email verification, deletion and export. */
export class AccountService {
  constructor(
    private readonly em: EntityManager,
    private readonly runtime: ServiceRuntime,
    private readonly settings: IdentitySettings,
    private readonly mail: MailTransport,
    private readonly throttle: LoginThrottleService,
  ) {}

  /** Changes the caller's display name. */
  async updateProfile(principal: Principal, input: UpdateProfileInput): Promise<User> {
    const caller = requireUser(principal);
    const name = input.name?.trim();
    if (input.name !== undefined && input.name !== null && (!name || name.length > LIMITS.nameLength)) {
      throw DomainError.validation({ name: [`is required (at most ${LIMITS.nameLength} characters)`] });
    }
    return this.runtime.relay.transaction(this.em, async (em) => {
      const user = await this.user(caller, em);
      const before = { name: user.name };
      if (name) user.name = name;
      this.record(em, caller, 'user.profile_updated', { before, after: { name: user.name } });
      return user;
    });
  }

  /** Changes the password after checking the current one; every other session of the user ends. */
  async changePassword(
    principal: Principal,
    currentPassword: string,
    newPassword: string,
  ): Promise<MessagePayload> {
    const caller = requireUser(principal);
    const weak = passwordProblem(newPassword);
    if (weak) throw DomainError.validation({ newPassword: [weak] });
    const user = await this.user(caller);
    if (!(await verifyPassword(user.passwordHash, currentPassword)))
      throw new DomainError('INVALID_CREDENTIALS');
    const passwordHash = await hashPassword(newPassword);
    await this.runtime.relay.transaction(this.em, async (em) => {
      await em.nativeUpdate(User, user.id, { passwordHash });
      await revokeSessions(
        em,
        { userId: user.id, ...(caller.sessionId ? { familyId: { $ne: caller.sessionId } } : {}) },
        this.runtime.now(),
      );
      this.record(em, caller, 'user.password_changed', {});
      revokeAccessTokens(
        this.runtime,
        em,
        { userId: user.id, ...(caller.sessionId ? { exceptSessionId: caller.sessionId } : {}) },
        { actor: actorOf(caller), organizationId: caller.organizationId, reason: 'password changed' },
      );
    });
    return message('password changed; your other sessions were signed out');
  }

  /** Mails a single-use reset link if an account has this address; answers the same either way. */
  async requestPasswordReset(principal: Principal, email: string): Promise<MessagePayload> {
    const user = await this.em.findOne(User, { email: normalizeEmail(email) });
    if (user) {
      await this.runtime.relay.transaction(this.em, async (em) => {
        const token = issueUserToken(em, this.runtime.now(), {
          userId: user.id,
          purpose: 'password_reset',
          ttlMs: RESET_MINUTES * 60_000,
        });
        const link = `${this.settings.appUrl}/reset-password?token=${encodeURIComponent(token)}`;
        this.mail.send(em, passwordResetMail(user.email, link, token, RESET_MINUTES));
        this.recordFor(em, principal, user.id, 'user.password_reset_requested');
      });
    }
    return message('if an account exists for this email, a reset link has been sent');
  }

  /** Sets a new password from a reset token (once, before it expires) and ends every session. */
  async resetPassword(principal: Principal, presented: string, password: string): Promise<MessagePayload> {
    const weak = passwordProblem(password);
    if (weak) throw DomainError.validation({ password: [weak] });
    const passwordHash = await hashPassword(password);
    await this.runtime.relay.transaction(this.em, async (em) => {
      const token = await redeemUserToken(em, this.runtime.now(), presented, 'password_reset');
      const user = await em.findOneOrFail(User, token.userId);
      user.passwordHash = passwordHash;
      // Any other reset link mailed before is void now.
      await em.nativeUpdate(
        UserToken,
        { userId: user.id, purpose: 'password_reset', usedAt: null },
        { usedAt: this.runtime.now() },
      );
      await revokeSessions(em, { userId: user.id }, this.runtime.now());
      await this.throttle.clear(`account:${user.email}`, em);
      this.recordFor(em, principal, user.id, 'user.password_reset');
      revokeAccessTokens(
        this.runtime,
        em,
        { userId: user.id },
        {
          actor: actingAs(principal, { type: 'user', id: user.id }),
          organizationId: null,
          reason: 'password reset',
        },
      );
    });
    return message('password reset; sign in with the new password');
  }

  /** Mails the caller a link that confirms their address. */
  async sendVerificationEmail(principal: Principal): Promise<MessagePayload> {
    const caller = requireUser(principal);
    const user = await this.user(caller);
    if (user.emailVerified) return message('email already verified');
    await this.runtime.relay.transaction(this.em, async (em) => {
      const token = issueUserToken(em, this.runtime.now(), {
        userId: user.id,
        purpose: 'email_verification',
        ttlMs: VERIFICATION_HOURS * 3_600_000,
      });
      const query = new URLSearchParams({ token, email: user.email });
      const link = `${this.settings.appUrl}/v1/auth/verify-email?${query}`;
      this.mail.send(em, emailVerificationMail(user.email, link, token));
      this.record(em, caller, 'user.email_verification_sent', {});
    });
    return message('verification email sent');
  }

  /** Confirms an address from the mailed link; the token must belong to that address. */
  async verifyEmail(principal: Principal, presented: string, email: string): Promise<EmailVerification> {
    await this.runtime.relay.transaction(this.em, async (em) => {
      const token = await redeemUserToken(em, this.runtime.now(), presented, 'email_verification');
      const user = await em.findOneOrFail(User, token.userId);
      if (user.email !== normalizeEmail(email)) throw new DomainError('INVALID_TOKEN');
      user.emailVerified = true;
      this.recordFor(em, principal, user.id, 'user.email_verified');
    });
    return Object.assign(new EmailVerification(), {
      message: 'email verified',
      redirectUrl: `${this.settings.appUrl}/login?email_verified=true`,
    });
  }

  /**
   * Deletes the caller's account. Organizations where they are the only member go with it; one where
   * they are the last owner of other members must get another owner first.
   */
  async deleteAccount(principal: Principal): Promise<MessagePayload> {
    const caller = requireUser(principal);
    await this.runtime.relay.transaction(this.em, async (em) => {
      const memberships = await em.find(Membership, { userId: caller.userId });
      for (const membership of memberships) {
        const others = await em.find(Membership, {
          organizationId: membership.organizationId,
          userId: { $ne: caller.userId },
        });
        if (others.length === 0) {
          await em.nativeDelete(Organization, membership.organizationId);
          this.runtime.relay.record(em, {
            type: 'organization.deleted',
            organizationId: membership.organizationId,
            aggregateId: membership.organizationId,
            actor: actorOf(caller),
            payload: { organizationId: membership.organizationId, reason: 'owner account deleted' },
          });
        } else if (membership.role === 'owner' && !others.some((other) => other.role === 'owner')) {
          throw new DomainError(
            'CONFLICT',
            'you are the last owner of an organization with other members; make someone else owner first',
          );
        }
      }
      await em.nativeDelete(User, caller.userId);
      this.record(em, caller, 'user.deleted', {});
      revokeAccessTokens(
        this.runtime,
        em,
        { userId: caller.userId },
        { actor: actorOf(caller), organizationId: caller.organizationId, reason: 'account deleted' },
      );
    });
    return message('account deleted');
  }

  /** Everything identity keeps about the caller. */
  async exportData(principal: Principal): Promise<AccountExport> {
    const caller = requireUser(principal);
    const user = await this.user(caller);
    const memberships = await this.em.find(
      Membership,
      { userId: user.id },
      { orderBy: { createdAt: 'asc' } },
    );
    const organizations = await this.em.find(Organization, {
      id: { $in: memberships.map((m) => m.organizationId) },
    });
    return Object.assign(new AccountExport(), {
      user: toUserType(user),
      memberships: memberships.map((membership) =>
        Object.assign(new ExportedMembership(), {
          organization: toOrganizationType(organizations.find((o) => o.id === membership.organizationId)!),
          role: membership.role,
          joinedAt: membership.createdAt,
        }),
      ),
      mfaEnabled: user.mfaEnabledAt !== null,
      exportedAt: this.runtime.now(),
    });
  }

  private async user(caller: UserPrincipal, em = this.em): Promise<User> {
    const user = await em.findOne(User, caller.userId);
    if (!user) throw new DomainError('UNAUTHENTICATED');
    return user;
  }

  private record(
    em: EntityManager,
    caller: UserPrincipal,
    type: string,
    payload: Record<string, unknown>,
  ): void {
    this.runtime.relay.record(em, {
      type,
      organizationId: caller.organizationId,
      aggregateId: caller.userId,
      actor: actorOf(caller),
      payload: { userId: caller.userId, ...payload },
    });
  }

  /** An event about a user acting without a session (reset and verification links). */
  private recordFor(em: EntityManager, principal: Principal, userId: string, type: string): void {
    this.runtime.relay.record(em, {
      type,
      organizationId: null,
      aggregateId: userId,
      actor: actingAs(principal, { type: 'user', id: userId }),
      payload: { userId },
    });
  }
}
