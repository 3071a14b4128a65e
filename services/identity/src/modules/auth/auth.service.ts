import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  DomainError,
  slugify,
  issueAccessToken,
  waitForEvent,
  type FieldErrors,
  type Role,
  type ServiceRuntime,
} from '@vexil/platform';
import { Membership } from '../organizations/membership.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import { toOrganizationType } from '../organizations/organization.type.js';
import { User } from '../users/user.entity.js';
import { toUserType } from '../users/user.type.js';
import { AuthPayload, AuthTokens, type LoginInput, type RegisterInput } from './auth.types.js';
import { hashPassword, verifyPassword } from './password.js';
import { RefreshToken } from './refresh-token.entity.js';

/** Token lifetimes and signing key (seed 001: `TOKEN_TTL_MINUTES`, `REFRESH_TTL_HOURS`, `JWT_SECRET`). */
export interface AuthSettings {
  jwtSecret: string;
  accessTokenTtlMinutes: number;
  refreshTokenTtlHours: number;
  /** How long registration waits for the flags service to create the default project. */
  provisioningTimeoutMs: number;
  now: () => Date;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const sha256 = (value: string) => createHash('sha256').update(value).digest();

/** Registration, sign-in and refresh-token rotation. */
export class AuthService {
  constructor(
    private readonly em: EntityManager,
    private readonly runtime: ServiceRuntime,
    private readonly settings: AuthSettings,
  ) {}

  /**
   * Creates the user as owner of a new organization, then waits until the flags service has created
   * the organization's default project and environments, so the very next request sees them.
   */
  async register(input: RegisterInput): Promise<AuthPayload> {
    const email = input.email.trim().toLowerCase();
    const name = input.name.trim();
    const organizationName = input.organizationName.trim();
    const problems: FieldErrors = {};
    if (!EMAIL.test(email) || email.length > 254) problems.email = ['must be a valid email address'];
    if (input.password.length < 8) problems.password = ['must be at least 8 characters'];
    if (input.password.length > 256) problems.password = ['must be at most 256 characters'];
    if (!name || name.length > 200) problems.name = ['is required (at most 200 characters)'];
    if (!organizationName || organizationName.length > 200) {
      problems.organizationName = ['is required (at most 200 characters)'];
    }
    if (Object.keys(problems).length > 0) throw DomainError.validation(problems);
    if (await this.em.count(User, { email })) throw new DomainError('EMAIL_ALREADY_EXISTS');

    const passwordHash = await hashPassword(input.password);
    const organizationId = randomUUID();
    const provisioned = waitForEvent(
      this.runtime.bus,
      (event) => event.type === 'workspace.provisioned' && event.organizationId === organizationId,
      this.settings.provisioningTimeoutMs,
    );
    try {
      const result = await this.runtime.relay.transaction(this.em, async (em) => {
        const user = em.create(User, { email, name, passwordHash });
        const organization = em.create(Organization, {
          id: organizationId,
          name: organizationName,
          slug: await this.freeSlug(em, slugify(organizationName)),
        });
        em.create(Membership, { organizationId, userId: user.id, role: 'owner' });
        const actor = { type: 'user' as const, id: user.id };
        this.runtime.relay.record(em, {
          type: 'user.registered',
          organizationId,
          aggregateId: user.id,
          actor,
          payload: { userId: user.id, email, name },
        });
        this.runtime.relay.record(em, {
          type: 'organization.created',
          organizationId,
          aggregateId: organizationId,
          actor,
          payload: { organizationId, name: organization.name, slug: organization.slug, ownerId: user.id },
        });
        const tokens = await this.issueTokens(em, user.id, organizationId, 'owner', randomUUID());
        return Object.assign(new AuthPayload(), {
          user: toUserType(user),
          organization: toOrganizationType(organization),
          tokens,
        });
      });
      if (!(await provisioned.promise)) {
        this.runtime.log.warn('default project not provisioned in time', { organizationId });
      }
      return result;
    } catch (error) {
      provisioned.cancel();
      if (error instanceof UniqueConstraintViolationException) throw new DomainError('EMAIL_ALREADY_EXISTS');
      throw error;
    }
  }

  /** Signs in with email and password into the user's first organization. No hint which part was wrong. */
  async login(input: LoginInput): Promise<AuthPayload> {
    const user = await this.em.findOne(User, { email: input.email.trim().toLowerCase() });
    const valid = await verifyPassword(user?.passwordHash, input.password);
    if (!user || !valid) throw new DomainError('INVALID_CREDENTIALS');
    const membership = await this.em.findOne(
      Membership,
      { userId: user.id },
      { orderBy: { createdAt: 'asc' } },
    );
    if (!membership) throw new DomainError('INVALID_CREDENTIALS');
    const organization = await this.em.findOneOrFail(Organization, membership.organizationId);
    const tokens = await this.runtime.relay.transaction(this.em, (em) =>
      this.issueTokens(em, user.id, organization.id, membership.role, randomUUID()),
    );
    return Object.assign(new AuthPayload(), {
      user: toUserType(user),
      organization: toOrganizationType(organization),
      tokens,
    });
  }

  /**
   * Exchanges a refresh token for a new pair in the same family. A token presented twice was stolen or
   * replayed: the whole family is revoked, so the thief and the victim both have to sign in again.
   */
  async refresh(presented: string): Promise<AuthTokens> {
    const [id, secret] = presented.split('.');
    const invalid = new DomainError('UNAUTHENTICATED', 'invalid refresh token');
    if (!id || !secret || !/^[0-9a-f-]{36}$/.test(id)) throw invalid;
    const token = await this.em.findOne(RefreshToken, { id });
    if (!token) throw invalid;
    const expected = Buffer.from(token.secretHash, 'hex');
    const given = sha256(secret);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid;
    if (token.revokedAt) throw invalid;
    const now = this.settings.now();
    if (token.usedAt) {
      await this.em.nativeUpdate(
        RefreshToken,
        { familyId: token.familyId, revokedAt: null },
        { revokedAt: now },
      );
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
      const claimed = await em.nativeUpdate(RefreshToken, { id, usedAt: null }, { usedAt: now });
      if (claimed !== 1) throw invalid;
      return this.issueTokens(em, token.userId, token.organizationId, membership.role, token.familyId);
    });
  }

  private async issueTokens(
    em: EntityManager,
    userId: string,
    organizationId: string,
    role: Role,
    familyId: string,
  ): Promise<AuthTokens> {
    const now = this.settings.now();
    const secret = randomBytes(32).toString('base64url');
    const row = em.create(RefreshToken, {
      familyId,
      userId,
      organizationId,
      secretHash: sha256(secret).toString('hex'),
      expiresAt: new Date(now.getTime() + this.settings.refreshTokenTtlHours * 3_600_000),
    });
    const access = await issueAccessToken(
      { userId, organizationId, role },
      this.settings.jwtSecret,
      this.settings.accessTokenTtlMinutes,
      now,
    );
    return Object.assign(new AuthTokens(), {
      accessToken: access.token,
      refreshToken: `${row.id}.${secret}`,
      expiresAt: access.expiresAt,
    });
  }

  private async freeSlug(em: EntityManager, base: string): Promise<string> {
    const taken = new Set(
      (await em.find(Organization, { slug: { $like: `${base}%` } }, { fields: ['slug'] })).map((o) => o.slug),
    );
    if (!taken.has(base)) return base;
    for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
  }
}
