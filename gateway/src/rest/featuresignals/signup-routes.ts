import { Type } from '@sinclair/typebox';
import { resource, type RestRoute } from '../rest-route.js';
import { registerVariables } from './routes.js';

const email = Type.String({ minLength: 3, description: 'an email address' });

/**
 * FeatureSignals' signup by emailed code and its one-time token exchange (routes.md §1.2): the account
 * is created when the six-digit code comes back; codes are single-use, expire after ten minutes and
 * are throttled (five wrong codes, a minute between sends, five sends).
 */
export const featureSignalsSignupRoutes: RestRoute[] = resource<RestRoute>('Auth', [
  {
    method: 'POST',
    path: '/auth/initiate-signup',
    auth: 'public',
    summary: 'Start a signup: mails a verification code; nothing is created yet',
    operation: 'InitiateSignup',
    request: {
      body: Type.Object({
        email,
        password: Type.String({ minLength: 1 }),
        name: Type.String({ minLength: 1 }),
        org_name: Type.String({ minLength: 1 }),
        data_region: Type.Optional(Type.String({ description: 'accepted; one region here' })),
      }),
    },
    example: { email: 'ada@example.com', password: 'correct horse battery', name: 'Ada', org_name: 'Acme' },
    errors: ['EMAIL_ALREADY_EXISTS', 'RATE_LIMIT_EXCEEDED'],
    variables: registerVariables,
    result: 'initiateSignup',
  },
  {
    method: 'POST',
    path: '/auth/resend-signup-otp',
    auth: 'public',
    summary: 'Mail a new code for a waiting signup; the previous one stops working',
    operation: 'ResendSignupCode',
    request: { body: Type.Object({ email }) },
    example: { email: 'ada@example.com' },
    errors: ['INVALID_TOKEN', 'RATE_LIMIT_EXCEEDED'],
    variables: ({ body }) => ({ email: body.email }),
    result: 'resendSignupCode',
  },
  {
    method: 'POST',
    path: '/auth/complete-signup',
    auth: 'public',
    summary: 'Complete a signup with its code: the account, its organization, project and environments',
    operation: 'CompleteSignup',
    request: {
      body: Type.Object({ email, otp: Type.String({ minLength: 1, description: 'the six-digit code' }) }),
    },
    example: { email: 'ada@example.com', otp: '123456' },
    errors: ['INVALID_TOKEN', 'RATE_LIMIT_EXCEEDED', 'EMAIL_ALREADY_EXISTS'],
    variables: ({ body }) => ({ email: body.email, code: body.otp }),
    result: 'completeSignup',
    status: 201,
  },
  {
    method: 'POST',
    path: '/auth/token-exchange',
    auth: 'public',
    summary: 'Exchange a one-time login token (once, within five minutes) for a session',
    operation: 'ExchangeOneTimeLogin',
    request: { body: Type.Object({ token: Type.String({ minLength: 1 }) }) },
    example: { token: '00000000-0000-4000-8000-000000000000.secret' },
    errors: ['INVALID_TOKEN'],
    variables: ({ body }) => ({ token: body.token }),
    result: 'exchangeOneTimeLogin',
  },
]);
