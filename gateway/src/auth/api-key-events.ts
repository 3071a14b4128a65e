import type { DomainEvent } from '@vexil/platform';

/**
 * The keys an identity event ends or shortens: one key revoked or rotated, or all of an environment's
 * (`key.revoked_all`, `key.rotated_all`, whose payload lists them).
 */
export function keysChangedBy(event: DomainEvent): { revoked: string[]; rotated: string[] } {
  const listed = () => (Array.isArray(event.payload.keyIds) ? (event.payload.keyIds as string[]) : []);
  const own = event.aggregateId ? [event.aggregateId] : [];
  switch (event.type) {
    case 'key.revoked':
      return { revoked: own, rotated: [] };
    case 'key.revoked_all':
      return { revoked: listed(), rotated: [] };
    case 'key.rotated':
      return { revoked: [], rotated: own };
    case 'key.rotated_all':
      return { revoked: [], rotated: listed() };
    default:
      return { revoked: [], rotated: [] };
  }
}
