import { Type } from '@sinclair/typebox';
import { resource, type RestRoute } from '../rest-route.js';
import { AuthResponse, Tokens, User } from './schemas.js';

type Data = Record<string, any>;

/** A Vexil user as Flagify's: it has no avatar. */
export const toUser = (user: Data) => ({ ...user, avatarUrl: null });

const toAuthResponse = ({ user, tokens }: Data) => ({ user: toUser(user), tokens });

const email = Type.String({ minLength: 3, description: 'an email address' });
const password = Type.String({ minLength: 1 });
// The CLI and the console name the device a session is for; Vexil's sessions do not keep it.
const deviceId = Type.Optional(
  Type.String({ description: 'the device the session is for (accepted, not kept)' }),
);

/** Flagify's auth routes (routes.md §4.2), as its CLI and MCP server call them. */
export const flagifyAuthRoutes = resource<RestRoute>('Auth', [
  {
    method: 'POST',
    path: '/v1/auth/register',
    auth: 'public',
    summary: 'Sign up: an account, its workspace (named after it), a default project and three environments',
    operation: 'FlagifyRegister',
    request: {
      body: Type.Object({ email, password, name: Type.Optional(Type.String({ minLength: 1 })), deviceId }),
    },
    example: {
      email: 'ada@example.com',
      password: 'correct horse battery',
      name: 'Ada',
      deviceId: 'cli-laptop',
    },
    errors: ['EMAIL_ALREADY_EXISTS'],
    variables: ({ body }) => {
      const name = (body.name as string | undefined) ?? (body.email as string).split('@')[0];
      return { input: { email: body.email, password: body.password, name, organizationName: name } };
    },
    result: ({ register }) => toAuthResponse(register),
    response: AuthResponse,
    status: 201,
  },
  {
    method: 'POST',
    path: '/v1/auth/login',
    auth: 'public',
    summary: 'Sign in with email and password',
    operation: 'FlagifyLogin',
    request: {
      body: Type.Object({ email, password, deviceId, mfaCode: Type.Optional(Type.String({ minLength: 1 })) }),
    },
    example: { email: 'ada@example.com', password: 'correct horse battery', deviceId: 'cli-laptop' },
    errors: ['INVALID_CREDENTIALS', 'MFA_REQUIRED', 'INVALID_MFA_CODE'],
    variables: ({ body }) => ({
      input: { email: body.email, password: body.password, mfaCode: body.mfaCode },
    }),
    result: ({ login }) => toAuthResponse(login),
    response: AuthResponse,
  },
  {
    method: 'POST',
    path: '/v1/auth/refresh',
    auth: 'public',
    summary:
      'Trade a refresh token for new tokens (the old one stops working); what the CLI and MCP do on a 401',
    operation: 'RefreshTokens',
    request: { body: Type.Object({ refreshToken: Type.String({ minLength: 1 }) }) },
    example: { refreshToken: 'the refresh token of the last sign-in' },
    errors: ['INVALID_CREDENTIALS', 'TOKEN_EXPIRED'],
    variables: ({ body }) => ({ refreshToken: body.refreshToken }),
    result: ({ refreshTokens }) => ({
      accessToken: refreshTokens.accessToken,
      refreshToken: refreshTokens.refreshToken,
    }),
    response: Tokens,
  },
  {
    method: 'POST',
    path: '/v1/auth/logout',
    auth: 'user',
    summary: 'Sign out: the session and its tokens stop working',
    operation: 'Logout',
  },
  {
    method: 'GET',
    path: '/v1/users/me',
    auth: 'user',
    summary: 'The signed-in user',
    operation: 'FlagifyMe',
    result: ({ me }) => toUser(me),
    response: User,
  },
]);
