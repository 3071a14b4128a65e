import type { Actor } from '../events/domain-event.js';
import type { Principal } from './principal.js';

/** The caller as it appears in events and the audit log, with the request it made. */
export function actorOf(principal: Principal): Actor {
  const request = {
    ...(principal.source ? { source: principal.source } : {}),
    ...(principal.requestId ? { requestId: principal.requestId } : {}),
  };
  switch (principal.kind) {
    case 'user':
      return { type: 'user', id: principal.userId, ...request };
    case 'apiKey':
      return { type: 'apiKey', id: principal.keyId, ...request };
    default:
      return { type: 'system', id: principal.kind === 'system' ? principal.name : 'anonymous', ...request };
  }
}
