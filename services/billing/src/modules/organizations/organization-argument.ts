import { DomainError, organizationOf, type Principal } from '@vexil/platform';

/** The optional `organizationId` of billing's mutations, for APIs that name the workspace in the path. */
export const ORGANIZATION_ID_ARG = {
  nullable: true,
  description: 'Defaults to the caller’s organization; another one is not found.',
} as const;

/** Billing acts on the caller's own organization only: naming another one finds nothing. */
export function requireOwnOrganization(organizationId: string | null, principal: Principal): void {
  if (organizationId && organizationId !== organizationOf(principal)) {
    throw new DomainError('ORGANIZATION_NOT_FOUND');
  }
}
