import { Type } from '@sinclair/typebox';
import { refreshRoute } from '../refresh-route.js';
import { resource, type RestRoute } from '../rest-route.js';

type Data = Record<string, any>;

/** A Vexil user as PhaseFlag's: the display name is its `full_name`. */
const toUser = ({ name, ...user }: Data) => ({ ...user, fullName: name });

const User = Type.Object({
  id: Type.String({ format: 'uuid' }),
  email: Type.String(),
  full_name: Type.String(),
  email_verified: Type.Boolean(),
  created_at: Type.String({ format: 'date-time' }),
  updated_at: Type.String({ format: 'date-time' }),
});

/** Vexil's tokens as PhaseFlag's login answer: a bearer token and the seconds it lives. */
const toTokens = ({ accessToken, refreshToken, expiresAt }: Data) => ({
  access_token: accessToken,
  token_type: 'bearer',
  expires_in: Math.max(0, Math.round(expiresAt - Date.now() / 1000)),
  refresh_token: refreshToken,
});

const Tokens = Type.Object({
  access_token: Type.String(),
  token_type: Type.Literal('bearer'),
  expires_in: Type.Integer({ description: 'seconds until the access token expires' }),
  refresh_token: Type.String(),
});

const email = Type.String({ minLength: 3, description: 'an email address' });

/** PhaseFlag `/api/v1` management routes (routes.md §3.1), each over one operation. */
export const phaseFlagRoutes: RestRoute[] = resource<RestRoute>('Auth', [
  {
    method: 'POST',
    path: '/auth/register',
    auth: 'public',
    summary: 'Sign up: an account and its own organization, of which it is the admin',
    operation: 'Register',
    request: {
      body: Type.Object({
        email,
        password: Type.String({ minLength: 8 }),
        full_name: Type.Optional(Type.String({ minLength: 1 })),
      }),
    },
    example: { email: 'ada@example.com', password: 'correct horse battery', full_name: 'Ada Lovelace' },
    errors: ['EMAIL_ALREADY_EXISTS'],
    // PhaseFlag has one organization per install; in Vexil each sign-up gets its own, named after the user.
    variables: ({ body }) => {
      const name = (body.full_name as string | undefined) ?? (body.email as string).split('@')[0];
      return { input: { email: body.email, password: body.password, name, organizationName: name } };
    },
    // The user who registers owns the new organization: PhaseFlag's `admin`.
    result: ({ register }) => ({ ...toUser(register.user), role: 'admin' }),
    response: Type.Object({ ...User.properties, role: Type.Literal('admin') }),
    status: 201,
  },
  {
    method: 'POST',
    path: '/auth/login',
    auth: 'public',
    summary: 'Sign in: an access token and a refresh token',
    operation: 'Login',
    request: { body: Type.Object({ email, password: Type.String({ minLength: 1 }) }) },
    example: { email: 'ada@example.com', password: 'correct horse battery' },
    errors: ['INVALID_CREDENTIALS', 'MFA_REQUIRED', 'RATE_LIMIT_EXCEEDED'],
    variables: ({ body }) => ({ input: { email: body.email, password: body.password } }),
    result: ({ login }) => toTokens(login.tokens),
    response: Tokens,
  },
  {
    method: 'GET',
    path: '/auth/me',
    auth: 'user',
    summary: 'The signed-in user',
    operation: 'Me',
    result: ({ me }) => toUser(me),
    response: User,
  },
  refreshRoute({ result: ({ refreshTokens }) => toTokens(refreshTokens), response: Tokens }),
  {
    method: 'POST',
    path: '/auth/logout',
    auth: 'user',
    summary: 'Sign out: the session and its tokens stop working',
    operation: 'Logout',
  },
]);
