import { Type } from '@sinclair/typebox';
import type { ErrorCode } from '@vexil/platform';
import { resource, type RestRoute } from '../rest-route.js';
import { stripeWebhookRoute } from '../stripe-webhook-route.js';

const PLAN_BODY = Type.Object({ plan: Type.String({ minLength: 1, maxLength: 64 }) });

/** What a row that only a payment provider serves can answer. */
const PROVIDER_ERRORS: ErrorCode[] = [
  'ORGANIZATION_NOT_FOUND',
  'CONFLICT',
  'PAYMENT_PROVIDER_NOT_CONFIGURED',
  'PAYMENT_PROVIDER_FAILED',
];

/**
 * Flagify's workspace billing (routes.md §4.2, seed 004; owner/admin): a workspace is an organization.
 * Its bodies were not recovered, so they are Vexil's GraphQL shapes in camelCase. With manual billing a
 * checkout changes the plan at once (`url` null); the portal and the retention discount need a
 * payment provider (`payment_provider_not_configured`, 400).
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
  {
    method: 'POST',
    path: '/v1/workspaces/:wid/billing/checkout',
    auth: 'user',
    summary: 'Pay for a plan: Stripe’s checkout page, or with manual billing the plan at once',
    operation: 'FlagifyCheckout',
    request: { body: PLAN_BODY },
    example: { plan: 'pro' },
    errors: ['ORGANIZATION_NOT_FOUND', 'CONFLICT', 'PAYMENT_PROVIDER_FAILED'],
    variables: ({ params, body }) => ({ organizationId: params.wid, plan: body.plan }),
    result: 'startCheckout',
  },
  {
    method: 'POST',
    path: '/v1/workspaces/:wid/billing/portal',
    auth: 'user',
    summary: 'A link to Stripe’s customer portal',
    operation: 'BillingPortal',
    errors: PROVIDER_ERRORS,
    variables: ({ params }) => ({ organizationId: params.wid }),
    result: 'createBillingPortalSession',
  },
  {
    method: 'POST',
    path: '/v1/workspaces/:wid/billing/preview-change',
    auth: 'user',
    summary: 'What a plan change would charge now, prorated',
    operation: 'PlanChangePreview',
    request: { body: PLAN_BODY },
    example: { plan: 'pro' },
    errors: ['ORGANIZATION_NOT_FOUND', 'PAYMENT_PROVIDER_FAILED'],
    variables: ({ params, body }) => ({ id: params.wid, plan: body.plan }),
    result: 'organization.planChangePreview',
  },
  {
    method: 'POST',
    path: '/v1/workspaces/:wid/billing/apply-retention-discount',
    auth: 'user',
    summary: 'Apply the retention discount to a subscription about to be cancelled (once)',
    operation: 'FlagifyRetentionDiscount',
    errors: PROVIDER_ERRORS,
    variables: ({ params }) => ({ organizationId: params.wid }),
    result: 'applyRetentionDiscount',
  },
  {
    method: 'POST',
    path: '/v1/workspaces/:wid/billing/downgrade-feedback',
    auth: 'user',
    summary: 'Record why the workspace is downgrading',
    operation: 'FlagifyDowngradeFeedback',
    request: {
      body: Type.Object({
        reason: Type.String({ minLength: 1, maxLength: 200 }),
        comment: Type.Optional(Type.String({ maxLength: 2000 })),
      }),
    },
    example: { reason: 'too expensive', comment: 'we only use two flags' },
    errors: ['ORGANIZATION_NOT_FOUND'],
    variables: ({ params, body }) => ({
      organizationId: params.wid,
      reason: body.reason,
      comment: body.comment ?? null,
    }),
    result: 'submitDowngradeFeedback',
    status: 201,
  },
  stripeWebhookRoute('/v1/webhooks/stripe'),
]);
