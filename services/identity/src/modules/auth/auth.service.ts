import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  DomainError,
  LIMITS,
  actingAs,
  actorOf,
  issueAccessToken,
  type FieldErrors,
  type Principal,
  type ServiceRuntime,
  type Actor,
} from '@vexil/platform';
import type { IdentitySettings } from '../../identity-settings.js';
import { requireUser, type UserPrincipal } from '../access.js';
import type { MfaService } from '../mfa/mfa.service.js';
import { Membership } from '../organizations/membership.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import {
  organizationName as checkedOrganizationName,
  type OrganizationService,
} from '../organizations/organization.service.js';
import { toOrganizationType } from '../organizations/organization.type.js';
import { CustomRole } from '../roles/custom-role.entity.js';
import { isEmail, normalizeEmail } from '../users/email-address.js';
import { User } from '../users/user.entity.js';
import { toUserType } from '../users/user.type.js';
import { AuthPayload, AuthTokens, OneTimeLogin, type LoginInput, type RegisterInput } from './auth.types.js';
import { issueUserToken, redeemUserToken } from '../accounts/user-tokens.js';
import { throttleKeys, type LoginThrottleService } from './login-throttle.service.js';
import { hashPassword, passwordProblem, verifyPassword } from './password.js';
import { RefreshToken } from './refresh-token.entity.js';
import { newSecretToken, parseSecretToken, secretMatches } from './secret-token.js';
import { revokeAccessTokens, revokeSessions } from './sessions.js';

/** What signing in (or up) answers. */
const authPayload = (user: User, organization: Organization, tokens: AuthTokens): AuthPayload =>
  Object.assign(new AuthPayload(), {
    user: toUserType(user),
    organization: toOrganizationType(organization),
    tokens,
  });

/** How long a one-time login may wait to be exchanged. */
const ONE_TIME_LOGIN_MINUTES = 5;

/** An account to create: checked, its password already hashed. */
export interface NewAccount {
  email: string;
  name: string;
  organizationName: string;
  passwordHash: string;
  /** True when the address was proven on the way (a mailed signup code). */
  emailVerified: boolean;
}

/** Registration, sign-in, refresh-token rotation, sign-out and switching organization. */
export class AuthService {
  constructor(
    private readonly em: EntityManager,
    private readonly runtime: ServiceRuntime,
    private readonly settings: IdentitySettings,
    private readonly organizations: OrganizationService,
    private readonly throttle: LoginThrottleService,
    private readonly mfa: MfaService,
  ) {}

  /**
   * Creates the user as owner of a new organization, then waits until the flags service has created
   * the organization's default project and environments, so the very next request sees them.
   */
  async register(principal: Principal, input: RegisterInput): Promise<AuthPayload> {
    const account = await this.checkRegistration(input);
    const passwordHash = await hashPassword(input.password);
    return this.createAccount(principal, { ...account, passwordHash, emailVerified: false });
  }

  /** A registration's fields, normalized, or `VALIDATION_FAILED` / `EMAIL_ALREADY_EXISTS`. */
  async checkRegistration(
    input: RegisterInput,
  ): Promise<{ email: string; name: string; organizationName: string }> {
    const email = normalizeEmail(input.email);
    const name = input.name.trim();
    const problems: FieldErrors = {};
    if (!isEmail(email)) problems.email = ['must be a valid email address'];
    const weak = passwordProblem(input.password);
    if (weak) problems.password = [weak];
    if (!name || name.length > LIMITS.nameLength)
      problems.name = [`is required (at most ${LIMITS.nameLength} characters)`];
    if (Object.keys(problems).length > 0) throw DomainError.validation(problems);
    const organizationName = checkedOrganizationName(input.organizationName, 'organizationName');
    if (await this.em.count(User, { email })) throw new DomainError('EMAIL_ALREADY_EXISTS');
    return { email, name, organizationName };
  }

  /**
   * Creates a checked account: the user, its organization and a session, then waits for the
   * organization's provisioning. `within` runs in the creating transaction (a signup code consumed).
   */
  async createAccount(
    principal: Principal,
    account: NewAccount,
    within?: (em: EntityManager) => Promise<void>,
  ): Promise<AuthPayload> {
    const { email, name, passwordHash, emailVerified } = account;
    const organizationId = randomUUID();
    try {
      return await this.organizations.provisioned(organizationId, () =>
        this.organizations.retryingSlug(() =>
          this.runtime.relay.transaction(this.em, async (em) => {
            await within?.(em);
            const user = em.create(User, { email, name, passwordHash, emailVerified });
            const actor = actingAs(principal, { type: 'user', id: user.id });
            this.runtime.relay.record(em, {
              type: 'user.registered',
              organizationId,
              aggregateId: user.id,
              actor,
              payload: { userId: user.id, email, name },
            });
            const { organization, membership } = await this.organizations.insert(em, {
              id: organizationId,
              name: account.organizationName,
              ownerId: user.id,
              actor,
            });
            const tokens = await this.issueTokens(em, membership, randomUUID());
            return authPayload(user, organization, tokens);
          }),
        ),
      );
    } catch (error) {
      if (
        error instanceof UniqueConstraintViolationException &&
        error.message.includes('users_email_unique')
      ) {
        throw new DomainError('EMAIL_ALREADY_EXISTS');
      }
      throw error;
    }
  }

  /**
   * Signs in with email and password (and a TOTP code when the account has MFA) into the user's first
   * organization. Failures are throttled per account and per IP; no answer tells which part was wrong.
   */
  async login(principal: Principal, input: LoginInput): Promise<AuthPayload> {
    const email = normalizeEmail(input.email);
    const keys = throttleKeys(email, principal.clientIp);
    const user = await this.throttle.attempt(keys, async (throttle, em) => {
      const user = await em.findOne(User, { email });
      const valid = await verifyPassword(user?.passwordHash, input.password);
      if (!user || !valid) {
        await throttle.fail(keys);
        throw new DomainError('INVALID_CREDENTIALS');
      }
      if (user.mfaEnabledAt) {
        if (!input.mfaCode) throw new DomainError('MFA_REQUIRED');
        if (!this.mfa.consumeCode(user, input.mfaCode)) {
          await throttle.fail(keys);
          throw new DomainError('INVALID_MFA_CODE');
        }
      }
      await throttle.clear(keys[0]!);
      return user;
    });
    const membership = await this.em.findOne(
      Membership,
      { userId: user.id },
      { orderBy: { createdAt: 'asc' } },
    );
    if (!membership) throw new DomainError('INVALID_CREDENTIALS');
    const organization = await this.em.findOneOrFail(Organization, membership.organizationId);
    const tokens = await this.runtime.relay.transaction(this.em, async (em) => {
      if (user.mfaEnabledAt) await em.nativeUpdate(User, user.id, { mfaLastStep: user.mfaLastStep });
      this.recordSession(
        em,
        'user.logged_in',
        membership,
        actingAs(principal, { type: 'user', id: user.id }),
      );
      return this.issueTokens(em, membership, randomUUID());
    });
    return authPayload(user, organization, tokens);
  }

  /**
   * Exchanges a refresh token for a new pair in the same family. A token presented twice was stolen or
   * replayed: the whole family is revoked, so the thief and the victim both have to sign in again.
   */
  async refresh(presented: string): Promise<AuthTokens> {
    const invalid = new DomainError('UNAUTHENTICATED', 'invalid refresh token');
    const parsed = parseSecretToken(presented);
    if (!parsed) throw invalid;
    const token = await this.em.findOne(RefreshToken, { id: parsed.id });
    if (!token || !secretMatches(token.secretHash, parsed.secret) || token.revokedAt) throw invalid;
    const now = this.runtime.now();
    if (token.usedAt) {
      // The access tokens of the family go too: one of them may be the thief's.
      await this.runtime.relay.transaction(this.em, async (em) => {
        await revokeSessions(em, { familyId: token.familyId }, now);
        revokeAccessTokens(
          this.runtime,
          em,
          { userId: token.userId, sessionId: token.familyId },
          {
            actor: { type: 'system', id: 'identity' },
            organizationId: token.organizationId,
            reason: 'refresh token reuse',
          },
        );
      });
      this.runtime.log.warn('refresh token reuse: family revoked', { familyId: token.familyId });
      throw new DomainError('UNAUTHENTICATED', 'refresh token reuse detected; sign in again');
    }
    if (token.expiresAt.getTime() <= now.getTime())
      throw new DomainError('TOKEN_EXPIRED', 'refresh token expired');
    const membership = await this.em.findOne(Membership, {
      userId: token.userId,
      organizationId: token.organizationId,
    });
    if (!membership) throw invalid;
    return this.runtime.relay.transaction(this.em, async (em) => {
      // Marking used only if still unused makes two concurrent exchanges of one token produce one pair.
      const claimed = await em.nativeUpdate(RefreshToken, { id: token.id, usedAt: null }, { usedAt: now });
      if (claimed !== 1) throw invalid;
      return this.issueTokens(em, membership, token.familyId);
    });
  }

  /** Ends the caller's session: its refresh-token family is revoked, and its access tokens refused. */
  async logout(principal: Principal): Promise<void> {
    const user = requireUser(principal);
    await this.runtime.relay.transaction(this.em, async (em) => {
      if (user.sessionId)
        await revokeSessions(em, { familyId: user.sessionId, userId: user.userId }, this.runtime.now());
      this.recordCaller(em, 'user.logged_out', user);
      if (user.sessionId)
        revokeAccessTokens(
          this.runtime,
          em,
          { userId: user.userId, sessionId: user.sessionId },
          { actor: actorOf(user), organizationId: user.organizationId, reason: 'logout' },
        );
    });
  }

  /** A new session in another organization of the caller; one they do not belong to is not found. */
  async switchOrganization(principal: Principal, organizationId: string): Promise<AuthTokens> {
    const user = requireUser(principal);
    const membership = await this.em.findOne(Membership, { userId: user.userId, organizationId });
    if (!membership) throw new DomainError('ORGANIZATION_NOT_FOUND');
    return this.runtime.relay.transaction(this.em, (em) => {
      this.recordSession(em, 'user.organization_switched', membership, actorOf(principal));
      return this.issueTokens(em, membership, randomUUID());
    });
  }

  /**
   * A single-use login into the caller's organization, valid a few minutes, for another domain to
   * exchange for a session of its own (FeatureSignals' token exchange after a payment redirect).
   */
  async issueOneTimeLogin(principal: Principal): Promise<OneTimeLogin> {
    const user = requireUser(principal);
    return this.runtime.relay.transaction(this.em, async (em) => {
      const now = this.runtime.now();
      const token = issueUserToken(em, now, {
        userId: user.userId,
        organizationId: user.organizationId,
        purpose: 'one_time_login',
        ttlMs: ONE_TIME_LOGIN_MINUTES * 60_000,
      });
      this.recordCaller(em, 'user.one_time_login_issued', user);
      return Object.assign(new OneTimeLogin(), {
        token,
        expiresAt: new Date(now.getTime() + ONE_TIME_LOGIN_MINUTES * 60_000),
      });
    });
  }

  /** Exchanges a one-time login (once, before it expires) for a session in its organization. */
  async exchangeOneTimeLogin(principal: Principal, presented: string): Promise<AuthPayload> {
    return this.runtime.relay.transaction(this.em, async (em) => {
      const token = await redeemUserToken(em, this.runtime.now(), presented, 'one_time_login');
      const membership =
        token.organizationId &&
        (await em.findOne(Membership, { userId: token.userId, organizationId: token.organizationId }));
      if (!membership) throw new DomainError('INVALID_TOKEN');
      const user = await em.findOneOrFail(User, token.userId);
      const organization = await em.findOneOrFail(Organization, membership.organizationId);
      this.recordSession(
        em,
        'user.logged_in',
        membership,
        actingAs(principal, { type: 'user', id: user.id }),
      );
      return authPayload(user, organization, await this.issueTokens(em, membership, randomUUID()));
    });
  }

  /** Something the signed-in caller did to their own account. */
  private recordCaller(em: EntityManager, type: string, user: UserPrincipal): void {
    this.runtime.relay.record(em, {
      type,
      organizationId: user.organizationId,
      aggregateId: user.userId,
      actor: actorOf(user),
      payload: { userId: user.userId },
    });
  }

  /** A session that starts: signing in, or into another organization. */
  private recordSession(em: EntityManager, type: string, membership: Membership, actor: Actor): void {
    this.runtime.relay.record(em, {
      type,
      organizationId: membership.organizationId,
      aggregateId: membership.userId,
      actor,
      payload: { userId: membership.userId, organizationId: membership.organizationId },
    });
  }

  private async issueTokens(
    em: EntityManager,
    membership: Membership,
    familyId: string,
  ): Promise<AuthTokens> {
    const now = this.runtime.now();
    const secret = newSecretToken();
    em.create(RefreshToken, {
      id: secret.id,
      familyId,
      userId: membership.userId,
      organizationId: membership.organizationId,
      secretHash: secret.hash,
      expiresAt: new Date(now.getTime() + this.settings.refreshTokenTtlHours * 3_600_000),
    });
    const customRole = membership.customRoleId ? await em.findOne(CustomRole, membership.customRoleId) : null;
    const access = await issueAccessToken(
      {
        userId: membership.userId,
        organizationId: membership.organizationId,
        role: membership.role,
        sessionId: familyId,
        ...(customRole ? { permissions: customRole.permissions } : {}),
      },
      this.settings.jwtSecret,
      this.settings.accessTokenTtlMinutes,
      now,
    );
    return Object.assign(new AuthTokens(), {
      accessToken: access.token,
      refreshToken: secret.presented,
      expiresAt: access.expiresAt,
    });
  }
}
