import type { RestRoute } from '../rest-route.js';

/** FeatureSignals `/v1` routes (shared/reference/routes.md §1.2, seed 001), each over one operation. */
export const featureSignalsRoutes: RestRoute[] = [
  {
    method: 'POST',
    path: '/auth/register',
    auth: 'public',
    operation: 'Register',
    variables: ({ body }) => ({
      input: { email: body.email, password: body.password, name: body.name, organizationName: body.org_name },
    }),
    result: (data) => data.register,
    status: 201,
  },
  {
    method: 'POST',
    path: '/auth/login',
    auth: 'public',
    operation: 'Login',
    variables: ({ body }) => ({ input: { email: body.email, password: body.password } }),
    result: (data) => data.login,
  },
  {
    method: 'POST',
    path: '/auth/refresh',
    auth: 'public',
    operation: 'RefreshTokens',
    variables: ({ body }) => ({ refreshToken: body.refresh_token }),
    result: (data) => data.refreshTokens,
  },
];
