import { randomUUID } from 'node:crypto';
import { CidrList, DomainError, type DomainEvent, type EventBus, type Principal } from '@vexil/platform';
import type { Graph } from '../graph/create-graph.js';

const LOAD = `query IpAllowlists { ipAllowlists { organizationId enabled cidrRanges includeApiKeys } }`;

interface Allowlist {
  ranges: CidrList;
  includeApiKeys: boolean;
}

interface Stored {
  organizationId: string;
  enabled: boolean;
  cidrRanges: string[];
  includeApiKeys: boolean;
}

/**
 * Each organization's IP allowlist, held in memory so a request costs a Map lookup: loaded from identity
 * at start (it listens first, so a change made meanwhile is not missed) and kept by identity's
 * `ip_allowlist.updated` events. Signed-in people are held to their organization's list everywhere;
 * API keys (SDKs) only where the organization asks for it.
 */
export class IpAllowlists {
  readonly #lists = new Map<string, Allowlist>();
  readonly #unsubscribe: () => void;

  private constructor(bus: EventBus) {
    this.#unsubscribe = bus.subscribe((event) => this.#heard(event));
  }

  /**
   * Loads every enforced list. Identity may still be starting (its own process): the gateway waits for
   * it rather than serve without the lists, up to `waitMs`.
   */
  static async open(graph: Graph, bus: EventBus, waitMs = 30_000): Promise<IpAllowlists> {
    const allowlists = new IpAllowlists(bus);
    for (const started = Date.now(); ;) {
      const loaded = await graph.execute(
        { query: LOAD },
        { principal: { kind: 'system', name: 'gateway' }, requestId: randomUUID() },
      );
      if (!loaded.errors?.length) {
        for (const stored of (loaded.data?.ipAllowlists ?? []) as Stored[]) allowlists.#keep(stored);
        return allowlists;
      }
      if (Date.now() - started > waitMs) {
        allowlists.close();
        throw new Error(`IP allowlists not loaded: ${loaded.errors[0]!.message}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  /** Refuses a caller whose organization's allowlist does not include the address it called from. */
  check(principal: Principal): void {
    if (principal.kind !== 'user' && principal.kind !== 'apiKey') return;
    const list = this.#lists.get(principal.organizationId);
    if (!list || (principal.kind === 'apiKey' && !list.includeApiKeys)) return;
    if (principal.clientIp && list.ranges.includes(principal.clientIp)) return;
    throw new DomainError(
      'IP_NOT_ALLOWED',
      `your address (${principal.clientIp ?? 'unknown'}) is not on the organization’s IP allowlist`,
    );
  }

  close(): void {
    this.#unsubscribe();
    this.#lists.clear();
  }

  #heard(event: DomainEvent): void {
    if (event.source !== 'identity' || event.type !== 'ip_allowlist.updated') return;
    this.#keep((event.payload as { after: Stored }).after);
  }

  #keep({ organizationId, enabled, cidrRanges, includeApiKeys }: Stored): void {
    const ranges = CidrList.parse(cidrRanges);
    if (enabled && ranges instanceof CidrList) this.#lists.set(organizationId, { ranges, includeApiKeys });
    else this.#lists.delete(organizationId);
  }
}
