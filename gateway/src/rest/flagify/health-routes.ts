import { Type } from '@sinclair/typebox';
import { resource, type RestRoute } from '../rest-route.js';

/** Flagify's health check (routes.md §4.2), at the root of its API as its docs have it. */
export const flagifyHealthRoutes = resource<RestRoute>('Health', [
  {
    method: 'GET',
    path: '/health/check',
    auth: 'public',
    // Load balancers poll this: it must not eat into the sign-in budget of their address.
    rateLimit: 'management',
    summary: 'The API answers (the graph is reachable)',
    operation: 'Health',
    result: () => ({ status: 'ok' }),
    response: Type.Object({ status: Type.Literal('ok') }),
  },
]);
