import { organizationOf } from '@vexil/platform';
import type { FlagsContext } from '../../context.js';
import { organizationRef, type OrganizationRef } from './organization.type.js';

/** Resolves `Organization` references for its projects, only within the caller's organization. */
export function resolveOrganizationReference(
  reference: { id: string },
  { principal }: FlagsContext,
): OrganizationRef | null {
  return organizationOf(principal) === reference.id ? organizationRef(reference.id) : null;
}
