import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Membership } from '../organizations/membership.entity.js';
import { Invitation } from './invitation.entity.js';

/** Seats taken: the organization's members (what `Organization.seatCount` and the plan's seat limit count). */
export function seatsTaken(em: EntityManager, organizationId: string): Promise<number> {
  return em.count(Membership, { organizationId });
}

/**
 * Seats taken or promised: members and invitations still open, so an organization at its limit cannot
 * send more invitations than it has seats.
 */
export async function seatsTakenOrPromised(
  em: EntityManager,
  organizationId: string,
  now: Date,
): Promise<number> {
  const open = await em.count(Invitation, { organizationId, acceptedAt: null, expiresAt: { $gt: now } });
  return (await seatsTaken(em, organizationId)) + open;
}

/** Request-scoped seat counts; a caller only sees its own organization, so a batch holds one id. */
export function createSeatLoaders(em: EntityManager) {
  return {
    seatCount: new DataLoader<string, number>((ids) => Promise.all(ids.map((id) => seatsTaken(em, id)))),
  };
}
