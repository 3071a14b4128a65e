import { Type } from '@sinclair/typebox';
import { resource, type RestRoute } from '../rest-route.js';

/**
 * Flagify's workspace billing (routes.md §4.2, owner/admin): a workspace is an organization. Checkout,
 * portal and the retention flows need a payment provider and are not served.
 */
export const flagifyBillingRoutes = resource<RestRoute>('Billing', [
  {
    method: 'GET',
    path: '/v1/workspaces/:wid/billing',
    auth: 'user',
    summary: 'The workspace’s subscription and each limit of its plan with the usage',
    operation: 'FlagifyWorkspaceBilling',
    variables: ({ params }) => ({ id: params.wid }),
    result: 'organization',
  },
  {
    method: 'POST',
    path: '/v1/workspaces/:wid/billing/change-plan',
    auth: 'user',
    summary: 'Put the workspace on another plan (owner or admin); nothing is deleted on a downgrade',
    operation: 'FlagifyChangePlan',
    request: { body: Type.Object({ plan: Type.String({ minLength: 1, maxLength: 64 }) }) },
    example: { plan: 'pro' },
    errors: ['ORGANIZATION_NOT_FOUND'],
    variables: ({ params, body }) => ({ organizationId: params.wid, plan: body.plan }),
    result: 'changePlan',
  },
]);
