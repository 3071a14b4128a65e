import type { Actor } from '../events/domain-event.js';
import type { Principal } from './principal.js';

/** The caller as it appears in events and the audit log. */
export function actorOf(principal: Principal): Actor {
  switch (principal.kind) {
    case 'user':
      return { type: 'user', id: principal.userId };
    case 'apiKey':
      return { type: 'apiKey', id: principal.keyId };
    default:
      return { type: 'system', id: principal.kind === 'system' ? principal.name : 'anonymous' };
  }
}
