import { organizationOf } from '@vexil/platform';
import type { BillingContext } from '../../context.js';
import { OrganizationRef } from './organization.type.js';

/** Resolves `Organization` references for its subscription, only within the caller's organization. */
export function resolveOrganizationReference(reference: { id: string }, { principal }: BillingContext) {
  return organizationOf(principal) === reference.id ? Object.assign(new OrganizationRef(), reference) : null;
}
