import { hash, randomUUID } from 'node:crypto';
import { DomainError, isPermission, type EventBus, type Principal } from '@vexil/platform';
import type { Graph } from '../graph/create-graph.js';
import { keysChangedBy } from './api-key-events.js';

const RESOLVE = /* GraphQL */ `
  query ResolveApiKey($key: String!) {
    _apiKeyPrincipal(key: $key) {
      id
      type
      organizationId
      projectId
      environmentId
      environmentKey
      scopes
      validUntil
    }
  }
`;

interface Resolved {
  id: string;
  type: string;
  organizationId: string;
  projectId: string;
  environmentId: string;
  environmentKey: string;
  scopes: string[];
  validUntil: string | null;
}

interface Entry {
  principal: Extract<Principal, { kind: 'apiKey' }>;
  /** When the key itself stops working (expiry, end of a rotation's grace), ms. */
  validUntil: number;
  /** When this entry must be asked for again, ms. */
  staleAt: number;
}

/**
 * Turns API keys into principals by asking identity through the graph (as the gateway itself), with a
 * short in-memory cache so SDK traffic does not hit identity on every request. Revocations and
 * rotations (`keysChangedBy`) evict a key at once; entries also end when the key's own validity does.
 */
export class ApiKeyAuthenticator {
  readonly #entries = new Map<string, Entry>();
  readonly #unsubscribe: () => void;

  constructor(
    private readonly graph: Graph,
    bus: EventBus,
    private readonly ttlMs: number,
    private readonly now: () => Date,
  ) {
    this.#unsubscribe = bus.subscribe((event) => {
      const { revoked, rotated } = keysChangedBy(event);
      const changed = [...revoked, ...rotated];
      if (changed.length > 0) this.#evict((p) => changed.includes(p.keyId));
      if (event.type === 'organization.deleted')
        this.#evict((p) => p.organizationId === event.organizationId);
    });
  }

  /** The principal of a key, or `UNAUTHENTICATED` ("invalid API key") if it does not work. */
  async authenticate(key: string): Promise<Principal> {
    const cacheKey = hash('sha256', key, 'base64url');
    const now = this.now().getTime();
    const cached = this.#entries.get(cacheKey);
    if (cached && cached.staleAt > now && cached.validUntil > now) return cached.principal;
    this.#entries.delete(cacheKey);
    const result = await this.graph.execute(
      { query: RESOLVE, variables: { key } },
      { principal: { kind: 'system', name: 'gateway' }, requestId: randomUUID() },
    );
    if (result.errors?.length) throw new DomainError('SERVICE_UNAVAILABLE', 'could not check the API key');
    const resolved = (result.data as { _apiKeyPrincipal: Resolved | null } | undefined)?._apiKeyPrincipal;
    if (!resolved) throw new DomainError('UNAUTHENTICATED', 'invalid API key');
    const principal: Entry['principal'] = {
      kind: 'apiKey',
      keyId: resolved.id,
      keyType: resolved.type === 'client' ? 'client' : 'server',
      organizationId: resolved.organizationId,
      projectId: resolved.projectId,
      environmentId: resolved.environmentId,
      environmentKey: resolved.environmentKey,
      scopes: resolved.scopes.filter(isPermission),
    };
    const validUntil = resolved.validUntil ? Date.parse(resolved.validUntil) : Number.POSITIVE_INFINITY;
    this.#entries.set(cacheKey, { principal, validUntil, staleAt: now + this.ttlMs });
    return principal;
  }

  close(): void {
    this.#unsubscribe();
    this.#entries.clear();
  }

  #evict(matches: (principal: Entry['principal']) => boolean): void {
    for (const [cacheKey, entry] of this.#entries)
      if (matches(entry.principal)) this.#entries.delete(cacheKey);
  }
}
