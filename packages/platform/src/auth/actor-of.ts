import type { Actor } from '../events/domain-event.js';
import type { Principal } from './principal.js';

/** Where a principal's request came from and which it was, as an actor carries them. */
const requestOf = (principal: Principal) => ({
  ...(principal.source ? { source: principal.source } : {}),
  ...(principal.requestId ? { requestId: principal.requestId } : {}),
});

/**
 * An actor the caller is not yet, within the caller's request: the user a sign-up creates, or who
 * follows a reset link.
 */
export function actingAs(principal: Principal, actor: Actor): Actor {
  return { ...actor, ...requestOf(principal) };
}

/** The caller as it appears in events and the audit log, with the request it made. */
export function actorOf(principal: Principal): Actor {
  const request = requestOf(principal);
  switch (principal.kind) {
    case 'user':
      return { type: 'user', id: principal.userId, ...request };
    case 'apiKey':
      return { type: 'apiKey', id: principal.keyId, ...request };
    default:
      return { type: 'system', id: principal.kind === 'system' ? principal.name : 'anonymous', ...request };
  }
}
