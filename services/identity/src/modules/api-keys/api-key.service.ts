import type { EntityManager } from '@mikro-orm/postgresql';
import {
  API_KEY_FORMATS,
  DomainError,
  SERVER_ONLY_FORMATS,
  actorOf,
  generateApiKey,
  parseApiKey,
  type ApiKeyFormat,
  type ApiKeyKind,
  isPermission,
  isUuid,
  permissionsOf,
  requirePermission,
  type Permission,
  type Principal,
  type ServiceRuntime,
} from '@vexil/platform';
import type { IdentitySettings } from '../../identity-settings.js';
import { findInOrganization, isGateway, requireUser, type UserPrincipal } from '../access.js';
import { KnownEnvironment } from '../environments/environment.entity.js';
import { ApiKey } from './api-key.entity.js';
import { apiKeyMatches, hashApiKey } from './api-key.secret.js';
import type { CreateApiKeyInput, RotateApiKeyInput } from './api-key.inputs.js';

/** An environment named by id, or by key in its project. */
export interface EnvironmentRef {
  environmentId?: string | null;
  projectId?: string | null;
  environmentKey?: string | null;
}

export const DEFAULT_GRACE_MINUTES = 24 * 60;
const MAX_GRACE_MINUTES = 30 * 24 * 60;
// Recording every use would turn each request into a write; once a minute is enough for "last used".
const LAST_USED_RESOLUTION_MS = 60_000;

/** API keys of environments: issue, list, rotate with a grace period, revoke, and resolve for the gateway. */
export class ApiKeyService {
  constructor(
    private readonly em: EntityManager,
    private readonly runtime: ServiceRuntime,
    private readonly settings: IdentitySettings,
  ) {}

  /** Every key of an environment of the caller's organization, newest first. */
  async list(principal: Principal, ref: EnvironmentRef): Promise<ApiKey[]> {
    const { organizationId } = requireUser(principal);
    const environment = await this.environmentOf(this.em, ref, organizationId);
    return this.em.find(
      ApiKey,
      { environmentId: environment.id },
      { orderBy: { createdAt: 'desc', id: 'asc' } },
    );
  }

  /**
   * Issues a key; the full key is returned this once and only its HMAC is stored. `replace` first revokes
   * the environment's live keys of the same format, in the same transaction.
   */
  async create(
    principal: Principal,
    input: CreateApiKeyInput,
    { replace = false } = {},
  ): Promise<{ apiKey: ApiKey; key: string }> {
    const caller = this.requireKeyManager(principal);
    const name = input.name.trim();
    const type = input.type ?? 'server';
    const format = (input.format ?? 'vexil') as ApiKeyFormat;
    const problems: Record<string, string[]> = {};
    if (!name || name.length > 100) problems.name = ['is required (at most 100 characters)'];
    if (type !== 'server' && type !== 'client') problems.type = ['must be server or client'];
    if (!API_KEY_FORMATS.includes(format)) problems.format = [`must be one of ${API_KEY_FORMATS.join(', ')}`];
    else if (type === 'client' && SERVER_ONLY_FORMATS.includes(format))
      problems.format = [`${format} keys are server keys; client keys are written pk_`];
    const days = input.expiresInDays;
    if (days != null && (days < 1 || days > 3650)) problems.expiresInDays = ['must be between 1 and 3650'];
    const scopes = [...new Set(input.scopes ?? [])];
    if (scopes.some((scope) => !isPermission(scope))) problems.scopes = ['has unknown permissions'];
    else if (type === 'client' && scopes.length > 0)
      problems.scopes = ['client keys only evaluate; they take no scopes'];
    else if (scopes.some((scope) => !permissionsOf(caller).includes(scope as Permission))) {
      problems.scopes = ['cannot grant permissions you do not have'];
    }
    if (Object.keys(problems).length > 0) throw DomainError.validation(problems);
    const now = this.runtime.now();
    // Identity learns of environments from flags' events: one created a moment ago may still be on its
    // way. Outside the transaction, since catching up needs the database too.
    await this.environment(this.em, input.environmentId, caller.organizationId).catch(() =>
      this.runtime.eventsHandled(),
    );
    return this.runtime.relay.transaction(this.em, async (em) => {
      const environment = await this.environment(em, input.environmentId, caller.organizationId);
      if (replace) {
        const live = await em.find(ApiKey, { environmentId: environment.id, format, revokedAt: null });
        for (const key of live) this.revokeNow(em, caller, key);
      }
      const issued = this.insert(em, caller, environment, {
        name,
        type: type as ApiKeyKind,
        format,
        scopes: scopes as Permission[],
        expiresAt: days == null ? null : new Date(now.getTime() + days * 86_400_000),
      });
      this.record(em, caller, 'key.generated', issued.apiKey, {
        keyId: issued.apiKey.id,
        name,
        type,
        environmentId: environment.id,
        keyPrefix: issued.apiKey.keyPrefix,
      });
      return issued;
    });
  }

  /**
   * A client and a server key of one environment, issued together (Flagify's key pair), as one
   * `key.generated`. With `graceMinutes`, a rotation: the environment's other live keys keep working
   * that long, then stop (one `key.rotated_all`).
   */
  async createPair(
    principal: Principal,
    input: EnvironmentRef,
    pairName: string | null,
    rotation?: { graceMinutes: number },
  ): Promise<{ publishable: { apiKey: ApiKey; key: string }; secret: { apiKey: ApiKey; key: string } }> {
    const caller = this.requireKeyManager(principal);
    const name = (pairName ?? 'Environment keys').trim();
    if (!name || name.length > 100)
      throw DomainError.validation({ name: ['is required (at most 100 characters)'] });
    if (rotation && !(rotation.graceMinutes >= 0 && rotation.graceMinutes <= MAX_GRACE_MINUTES))
      throw DomainError.validation({ graceMinutes: [`must be between 0 and ${MAX_GRACE_MINUTES} minutes`] });
    // As in `create`: an environment created a moment ago may still be on its way.
    await this.environmentOf(this.em, input, caller.organizationId).catch(() => this.runtime.eventsHandled());
    return this.runtime.relay.transaction(this.em, async (em) => {
      const environment = await this.environmentOf(em, input, caller.organizationId);
      const previous = rotation
        ? await em.find(ApiKey, { environmentId: environment.id, revokedAt: null, graceExpiresAt: null })
        : [];
      const graceExpiresAt = rotation
        ? new Date(this.runtime.now().getTime() + rotation.graceMinutes * 60_000)
        : null;
      for (const key of previous) key.graceExpiresAt = graceExpiresAt;
      const issue = (type: ApiKeyKind) =>
        this.insert(em, caller, environment, { name, type, format: 'vexil', scopes: [], expiresAt: null });
      const publishable = issue('client');
      const secret = issue('server');
      const issued = {
        environmentId: environment.id,
        keyIds: [publishable.apiKey.id, secret.apiKey.id],
        keyPrefixes: [publishable.apiKey.keyPrefix, secret.apiKey.keyPrefix],
      };
      if (rotation)
        this.recordFor(em, caller, 'key.rotated_all', environment.id, {
          ...issued,
          keyIds: previous.map((key) => key.id),
          newKeyIds: issued.keyIds,
          graceExpiresAt: graceExpiresAt!.toISOString(),
        });
      else
        this.record(em, caller, 'key.generated', secret.apiKey, { keyId: secret.apiKey.id, name, ...issued });
      return { publishable, secret };
    });
  }

  /** Revokes every live key of an environment at once, as one `key.revoked_all`; the keys revoked. */
  async revokeAll(principal: Principal, ref: EnvironmentRef): Promise<ApiKey[]> {
    const caller = this.requireKeyManager(principal);
    return this.runtime.relay.transaction(this.em, async (em) => {
      const environment = await this.environmentOf(em, ref, caller.organizationId);
      const live = await em.find(ApiKey, { environmentId: environment.id, revokedAt: null });
      const now = this.runtime.now();
      for (const key of live) key.revokedAt = now;
      this.recordFor(em, caller, 'key.revoked_all', environment.id, {
        environmentId: environment.id,
        keyIds: live.map((key) => key.id),
        keyPrefixes: live.map((key) => key.keyPrefix),
      });
      return live;
    });
  }

  /** The one key of an environment in a product with one key per environment, issued anew. */
  regenerate(principal: Principal, environmentId: string, format: string) {
    return this.create(principal, { environmentId, name: 'Environment key', format }, { replace: true });
  }

  /** Replaces a key; the old one keeps working for the grace period (24 h unless told otherwise). */
  async rotate(
    principal: Principal,
    input: RotateApiKeyInput,
  ): Promise<{ apiKey: ApiKey; key: string; old: ApiKey; graceExpiresAt: Date; graceMinutes: number }> {
    const caller = this.requireKeyManager(principal);
    const graceMinutes =
      input.graceMinutes ??
      (input.gracePeriodHours == null ? DEFAULT_GRACE_MINUTES : Math.round(input.gracePeriodHours * 60));
    if (!Number.isFinite(graceMinutes) || graceMinutes < 0 || graceMinutes > MAX_GRACE_MINUTES) {
      const field = input.graceMinutes != null ? 'graceMinutes' : 'gracePeriodHours';
      throw DomainError.validation({ [field]: [`must be between 0 and ${MAX_GRACE_MINUTES} minutes`] });
    }
    const name = input.name?.trim();
    if (input.name != null && (!name || name.length > 100)) {
      throw DomainError.validation({ name: ['is required (at most 100 characters)'] });
    }
    return this.runtime.relay.transaction(this.em, async (em) => {
      const old = await findInOrganization(em, ApiKey, input.id, caller.organizationId, 'API_KEY_NOT_FOUND');
      if (old.revokedAt) throw new DomainError('CONFLICT', 'the key is revoked; create a new one');
      if (old.graceExpiresAt) throw new DomainError('CONFLICT', 'the key was already rotated');
      const environment = await this.environment(em, old.environmentId, caller.organizationId);
      const graceExpiresAt = new Date(this.runtime.now().getTime() + graceMinutes * 60_000);
      old.graceExpiresAt = graceExpiresAt;
      const issued = this.insert(em, caller, environment, {
        name: name ?? old.name,
        type: old.type,
        format: old.format,
        scopes: old.scopes,
        expiresAt: old.expiresAt,
        rotatedFromId: old.id,
      });
      this.record(em, caller, 'key.rotated', old, {
        keyId: old.id,
        newKeyId: issued.apiKey.id,
        graceExpiresAt: graceExpiresAt.toISOString(),
      });
      return { ...issued, old, graceExpiresAt, graceMinutes };
    });
  }

  /**
   * Revokes a key at once; the gateway drops it from its cache on the `key.revoked` event. A key of
   * another environment than the one named, if one is, is not found.
   */
  async revoke(principal: Principal, id: string, ref: EnvironmentRef = {}): Promise<ApiKey> {
    const caller = this.requireKeyManager(principal);
    return this.runtime.relay.transaction(this.em, async (em) => {
      const named = ref.environmentId || ref.environmentKey;
      const environment = named ? await this.environmentOf(em, ref, caller.organizationId) : null;
      const key = await findInOrganization(em, ApiKey, id, caller.organizationId, 'API_KEY_NOT_FOUND');
      if (environment && key.environmentId !== environment.id) throw new DomainError('API_KEY_NOT_FOUND');
      if (!key.revokedAt) this.revokeNow(em, caller, key);
      return key;
    });
  }

  /**
   * Gateway only: the key a presented secret belongs to, if it works now (not revoked, not expired,
   * within its grace period); `null` otherwise, whatever the reason.
   */
  async resolve(
    principal: Principal,
    presented: string,
  ): Promise<{ key: ApiKey; validUntil: Date | null } | null> {
    if (!isGateway(principal)) throw new DomainError('INSUFFICIENT_PERMISSIONS');
    const parsed = parseApiKey(presented);
    if (!parsed) return null;
    const key = await this.em.findOne(ApiKey, { keyId: parsed.keyId });
    if (!key || !apiKeyMatches(presented, key.secretHash, this.settings.apiKeyPepper)) return null;
    const now = this.runtime.now();
    const ends = [key.expiresAt, key.graceExpiresAt].filter((date): date is Date => date !== null);
    const validUntil = ends.length > 0 ? new Date(Math.min(...ends.map((date) => date.getTime()))) : null;
    if (key.revokedAt || (validUntil && validUntil.getTime() <= now.getTime())) return null;
    if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await this.em.nativeUpdate(ApiKey, key.id, { lastUsedAt: now });
    }
    return { key, validUntil };
  }

  private revokeNow(em: EntityManager, caller: UserPrincipal, key: ApiKey): void {
    key.revokedAt = this.runtime.now();
    this.record(em, caller, 'key.revoked', key, { keyId: key.id, keyPrefix: key.keyPrefix });
  }

  private requireKeyManager(principal: Principal): UserPrincipal {
    const caller = requireUser(principal);
    requirePermission(caller, 'apikey:write');
    return caller;
  }

  private async environment(
    em: EntityManager,
    id: string,
    organizationId: string,
  ): Promise<KnownEnvironment> {
    return findInOrganization(em, KnownEnvironment, id, organizationId, 'ENVIRONMENT_NOT_FOUND');
  }

  /** The environment a reference names by id, or by key in its project (Flagify's environment slugs). */
  private async environmentOf(
    em: EntityManager,
    ref: EnvironmentRef,
    organizationId: string,
  ): Promise<KnownEnvironment> {
    if (ref.environmentId) {
      const environment = await this.environment(em, ref.environmentId, organizationId);
      if (ref.projectId && environment.projectId !== ref.projectId)
        throw new DomainError('ENVIRONMENT_NOT_FOUND');
      return environment;
    }
    if (!ref.projectId || !ref.environmentKey)
      throw DomainError.validation({
        environmentId: ['give environmentId, or projectId and environmentKey'],
      });
    const environment = isUuid(ref.projectId)
      ? await em.findOne(KnownEnvironment, {
          projectId: ref.projectId,
          key: ref.environmentKey,
          organizationId,
        })
      : null;
    if (!environment) throw new DomainError('ENVIRONMENT_NOT_FOUND');
    return environment;
  }

  private insert(
    em: EntityManager,
    caller: UserPrincipal,
    environment: KnownEnvironment,
    fields: {
      name: string;
      type: ApiKeyKind;
      format: ApiKeyFormat;
      scopes: Permission[];
      expiresAt: Date | null;
      rotatedFromId?: string;
    },
  ): { apiKey: ApiKey; key: string } {
    const { keyId, key } = generateApiKey(fields.type, environment.key, fields.format);
    const apiKey = em.create(ApiKey, {
      ...fields,
      keyId,
      organizationId: environment.organizationId,
      projectId: environment.projectId,
      environmentId: environment.id,
      environmentKey: environment.key,
      keyPrefix: key.slice(0, 12),
      secretHash: hashApiKey(key, this.settings.apiKeyPepper),
      createdBy: caller.userId,
      createdAt: this.runtime.now(),
    });
    return { apiKey, key };
  }

  private record(
    em: EntityManager,
    caller: UserPrincipal,
    type: string,
    key: ApiKey,
    payload: Record<string, unknown>,
  ): void {
    this.recordFor(em, caller, type, key.id, { environmentId: key.environmentId, ...payload });
  }

  /** An event about the keys of the caller's organization; `aggregateId` a key or, for all of an environment's, the environment. */
  private recordFor(
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
