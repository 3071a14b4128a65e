import { organizationOf } from '@vexil/platform';
import type { AnalyticsContext } from '../../context.js';
import { OrganizationRef } from './organization.type.js';

/** Resolves `Organization` references for its audit log, only within the caller's organization. */
export function resolveOrganizationReference(reference: { id: string }, { principal }: AnalyticsContext) {
  return organizationOf(principal) === reference.id ? Object.assign(new OrganizationRef(), reference) : null;
}
