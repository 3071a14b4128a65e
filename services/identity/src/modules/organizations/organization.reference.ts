import type { IdentityContext } from '../../context.js';
import { organizationOf } from '@vexil/platform';
import { toOrganizationType, type OrganizationType } from './organization.type.js';

/** Resolves `Organization` references from other subgraphs, only within the caller's organization. */
export async function resolveOrganizationReference(
  reference: { id: string },
  { principal, loaders }: IdentityContext,
): Promise<OrganizationType | null> {
  if (organizationOf(principal) !== reference.id) return null;
  const organization = await loaders.organizationById.load(reference.id);
  return organization ? toOrganizationType(organization) : null;
}
