import { resource, type RestRoute } from '../rest-route.js';

/**
 * FeatureSignals' billing, limits and pricing routes (routes.md §1.5). Plans come from the plans file
 * (decision 15); a self-hosted install's plan has no limits, so these answer what the install runs on.
 */
export const featureSignalsBillingRoutes = resource<RestRoute>('Billing', [
  {
    method: 'GET',
    path: '/billing/subscription',
    auth: 'user',
    summary: 'The organization’s plan, its status, and a trial’s end',
    operation: 'FeatureSignalsBillingSubscription',
    result: 'organization.subscription',
  },
  {
    method: 'GET',
    path: '/billing/usage',
    auth: 'user',
    summary: 'Each limit of the plan with what the organization uses of it',
    operation: 'BillingUsage',
    result: 'organization.limits',
  },
  {
    method: 'POST',
    path: '/billing/cancel',
    auth: 'user',
    summary: 'Cancel the subscription (billing:admin): back to the default plan, nothing is deleted',
    operation: 'CancelSubscription',
    result: 'cancelSubscription',
  },
  {
    method: 'GET',
    path: '/limits',
    auth: 'user',
    summary: 'The caps of the organization’s plan (null: no limit)',
    operation: 'PlanLimits',
    result: 'organization.subscription.planDetails.limits',
  },
  {
    method: 'GET',
    path: '/features',
    auth: 'user',
    summary: 'The features the organization’s plan includes',
    operation: 'PlanFeatures',
    result: 'organization.subscription.planDetails.features',
  },
  {
    method: 'GET',
    path: '/pricing',
    auth: 'public',
    summary: 'The plans of this install with their prices, limits and features',
    operation: 'Pricing',
    result: 'plans',
  },
]);
