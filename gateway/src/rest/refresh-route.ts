import { Type } from '@sinclair/typebox';
import type { RestRoute } from './rest-route.js';

/**
 * The refresh row of the dialects that send `{"refresh_token"}` (FeatureSignals, PhaseFlag): the same
 * request over `refreshTokens`; each dialect says how its tokens answer.
 */
export function refreshRoute(
  answer: Pick<RestRoute, 'result' | 'response'> = { result: 'refreshTokens' },
): Omit<RestRoute, 'tag'> {
  return {
    method: 'POST',
    path: '/auth/refresh',
    auth: 'public',
    summary: 'Trade a refresh token for new tokens (the old one stops working)',
    operation: 'RefreshTokens',
    request: { body: Type.Object({ refresh_token: Type.String({ minLength: 1 }) }) },
    example: { refresh_token: 'the refresh token of the last sign-in' },
    errors: ['INVALID_CREDENTIALS', 'TOKEN_EXPIRED'],
    variables: ({ body }) => ({ refreshToken: body.refresh_token }),
    ...answer,
  };
}
