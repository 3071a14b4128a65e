import { Type } from '@sinclair/typebox';
import { DomainError } from '@vexil/platform';
import { Uuid } from '../request-schema.js';
import { projectRoutes } from '../project-routes.js';
import { resource, type RestRequest, type RestRoute } from '../rest-route.js';
import { toEnvironmentDiff } from './environment-diff.mapping.js';
import { toConfigurationInput, toFlagState } from './flag-state.mapping.js';
import { toCreateFlagInput, toFlagResponse } from './flag.mapping.js';
import {
  ApiKeyWithSecret,
  CreateFlagBody,
  CreateSegmentBody,
  EnvironmentDiff,
  EnvironmentPair,
  FlagResponse,
  FlagState,
  FlagStateBody,
  HistoryEntry,
  RotatedApiKey,
  SegmentBody,
  UpdateFlagBody,
} from './schemas.js';
import { refreshRoute } from '../refresh-route.js';

type Data = Record<string, any>;

/** The flag a route names by key; a project's missing flag is null in GraphQL and 404 here. */
const flagOf = (data: Data): Data => {
  const flag = data.project.flag;
  if (!flag) throw new DomainError('FLAG_NOT_FOUND');
  return flag;
};

/** A FeatureSignals segment body as a `SegmentInput`; omitted fields stay on update. */
const toSegmentInput = (body: Data) => ({
  key: body.key,
  name: body.name,
  description: body.description,
  match: body.match_type,
  conditions: body.rules,
});

/** A history entry, read as the flag state it was, with who changed it and when. */
const historyEntry = (entry: Data): Data => ({
  ...toFlagState(entry.snapshot),
  changed_by: entry.changed_by,
  created_at: entry.created_at,
});

const byFlagKey = ({ params }: RestRequest) => ({ projectId: params.projectID, key: params.flagKey });

/** Flag routes that answer with the flag itself. */
const flagRoute = (
  method: RestRoute['method'],
  path: string,
  operation: string,
  field: string,
  summary: string,
) => ({
  method,
  path: `/projects/:projectID/flags/:flagKey${path}`,
  auth: 'user' as const,
  summary,
  operation,
  errors: ['FLAG_NOT_FOUND' as const],
  variables: byFlagKey,
  result: (data: Data) => toFlagResponse(data[field]),
  response: FlagResponse,
});

/** A project's live flags; the archived ones are the same list with `archived: true`. */
const flagList = {
  method: 'GET' as const,
  path: '/projects/:projectID/flags',
  auth: 'user' as const,
  summary: "A project's flags",
  operation: 'Flags',
  list: true,
  variables: ({ params, page }: RestRequest) => ({ projectId: params.projectID, ...page }),
  result: ({ project }: Data) => ({
    nodes: project.flags.nodes.map(toFlagResponse),
    totalCount: project.flags.totalCount,
  }),
  response: FlagResponse,
};

const historyQuery = Type.Object({ env_id: Uuid({ description: 'the environment whose history to read' }) });

const historyVariables = (request: RestRequest) => ({
  ...byFlagKey(request),
  environmentId: request.query.get('env_id'),
});

const page = ({ page }: RestRequest) => ({ ...page });

/** A FeatureSignals sign-up body as a `RegisterInput` (registering, or starting a signup by code). */
export const registerVariables = ({ body }: RestRequest) => ({
  input: { email: body.email, password: body.password, name: body.name, organizationName: body.org_name },
});

const email = Type.String({ minLength: 3, description: 'an email address' });
const password = Type.String({ minLength: 1 });
const name = Type.String({ minLength: 1 });
const slug = Type.String({ minLength: 1, description: 'lower-case letters, digits and `-`' });
const role = Type.String({ description: 'owner, admin, developer or viewer' });
const environmentBody = Type.Object({
  name: Type.Optional(name),
  slug: Type.Optional(slug),
  color: Type.Optional(Type.String({ description: 'a CSS color, `#6B7280` by default' })),
});
const roleBody = Type.Object({
  name: Type.Optional(name),
  description: Type.Optional(Type.String()),
  permissions: Type.Optional(Type.Array(Type.String())),
});

/**
 * FeatureSignals `/v1` routes (shared/reference/routes.md §1.2 to §1.4, seed 001), each over one
 * operation. Mappings only rename and reshape; every rule lives behind the operation.
 */
export const featureSignalsRoutes: RestRoute[] = [
  // §1.2 Auth and session.
  ...resource<RestRoute>('Auth', [
    {
      method: 'POST',
      path: '/auth/register',
      auth: 'public',
      summary: 'Sign up: an account, its organization, a default project and three environments',
      operation: 'Register',
      request: {
        body: Type.Object({ email, password, name: Type.Optional(name), org_name: Type.Optional(name) }),
      },
      example: { email: 'ada@example.com', password: 'correct horse battery', name: 'Ada', org_name: 'Acme' },
      errors: ['EMAIL_ALREADY_EXISTS'],
      variables: registerVariables,
      result: 'register',
      status: 201,
    },
    {
      method: 'POST',
      path: '/auth/login',
      auth: 'public',
      summary: 'Sign in with email and password (and the MFA code when MFA is on)',
      operation: 'Login',
      request: {
        body: Type.Object({
          email,
          password,
          mfa_code: Type.Optional(Type.String({ description: 'six digits' })),
        }),
      },
      example: { email: 'ada@example.com', password: 'correct horse battery' },
      errors: ['INVALID_CREDENTIALS', 'MFA_REQUIRED', 'INVALID_MFA_CODE', 'RATE_LIMIT_EXCEEDED'],
      variables: ({ body }) => ({
        input: { email: body.email, password: body.password, mfaCode: body.mfa_code },
      }),
      result: 'login',
    },
    refreshRoute(),
    {
      method: 'POST',
      path: '/auth/logout',
      auth: 'user',
      summary: 'Sign out: the session and its tokens stop working',
      operation: 'Logout',
      result: 'logout',
    },
    {
      method: 'POST',
      path: '/auth/forgot-password',
      auth: 'public',
      summary: 'Mail a password reset link (answers the same whether or not the address is known)',
      operation: 'RequestPasswordReset',
      request: { body: Type.Object({ email }) },
      example: { email: 'ada@example.com' },
      errors: ['RATE_LIMIT_EXCEEDED'],
      variables: ({ body }) => ({ email: body.email }),
      result: 'requestPasswordReset',
    },
    {
      method: 'POST',
      path: '/auth/reset-password',
      auth: 'public',
      summary: 'Set a new password with the token of a reset link',
      operation: 'ResetPassword',
      request: {
        body: Type.Object({
          token: Type.String({ minLength: 1 }),
          password: Type.Optional(password),
          new_password: Type.Optional(password),
        }),
      },
      example: { token: 'the token of the mailed link', password: 'a new long passphrase' },
      errors: ['INVALID_TOKEN'],
      variables: ({ body }) => ({ token: body.token, password: body.password ?? body.new_password }),
      result: 'resetPassword',
    },
    {
      method: 'GET',
      path: '/auth/verify-email',
      auth: 'public',
      summary: 'Verify an email address from the mailed link; redirects to the app',
      operation: 'VerifyEmail',
      request: {
        query: Type.Object({ token: Type.String({ minLength: 1 }), email: Type.Optional(Type.String()) }),
      },
      errors: ['INVALID_TOKEN'],
      variables: ({ query }) => ({ token: query.get('token'), email: query.get('email') }),
      redirect: (data: Data) => data.verifyEmail.redirectUrl,
    },
    {
      method: 'POST',
      path: '/auth/send-verification-email',
      auth: 'user',
      summary: 'Mail the signed-in user a new verification link',
      operation: 'SendVerificationEmail',
      errors: ['RATE_LIMIT_EXCEEDED'],
      result: 'sendVerificationEmail',
    },
    {
      method: 'POST',
      path: '/auth/mfa/enable',
      auth: 'user',
      summary: 'Start MFA: a TOTP secret to add to an authenticator app',
      operation: 'EnableMfa',
      errors: ['CONFLICT'],
      result: 'enableMfa',
    },
    {
      method: 'POST',
      path: '/auth/mfa/verify',
      auth: 'user',
      summary: 'Turn MFA on with a code of the authenticator app',
      operation: 'VerifyMfa',
      request: { body: Type.Object({ code: Type.String({ minLength: 1, description: 'six digits' }) }) },
      example: { code: '123456' },
      errors: ['INVALID_MFA_CODE'],
      variables: ({ body }) => ({ code: body.code }),
      result: 'verifyMfa',
    },
    {
      method: 'POST',
      path: '/auth/mfa/disable',
      auth: 'user',
      summary: 'Turn MFA off with a current code',
      operation: 'DisableMfa',
      request: { body: Type.Object({ code: Type.String({ minLength: 1, description: 'six digits' }) }) },
      example: { code: '123456' },
      errors: ['INVALID_MFA_CODE'],
      variables: ({ body }) => ({ code: body.code }),
      result: 'disableMfa',
    },
    {
      method: 'GET',
      path: '/auth/mfa/status',
      auth: 'user',
      summary: 'Whether MFA is on for the signed-in user',
      operation: 'MfaStatus',
      result: 'mfaStatus',
    },
  ]),

  // §1.4 API keys.
  ...resource<RestRoute>('API keys', [
    {
      method: 'GET',
      path: '/environments/:envID/api-keys',
      auth: 'user',
      summary: "An environment's API keys (never the keys themselves)",
      operation: 'ApiKeys',
      list: true,
      variables: ({ params, page }) => ({ environmentId: params.envID, ...page }),
      result: 'apiKeys',
    },
    {
      method: 'POST',
      path: '/environments/:envID/api-keys',
      auth: 'user',
      summary:
        'Create an API key: `server` (sk_) evaluates anything, `client` (pk_) only what browsers may see',
      operation: 'CreateApiKey',
      request: {
        body: Type.Object({
          name,
          type: Type.Optional(Type.Union([Type.Literal('server'), Type.Literal('client')])),
          expires_in_days: Type.Optional(Type.Integer({ minimum: 1 })),
          scopes: Type.Optional(Type.Array(Type.String())),
        }),
      },
      example: { name: 'checkout service', type: 'server', expires_in_days: 90 },
      variables: ({ params, body }) => ({
        input: {
          environmentId: params.envID,
          name: body.name,
          type: body.type,
          expiresInDays: body.expires_in_days,
          scopes: body.scopes,
        },
      }),
      result: ({ createApiKey: created }) => ({ ...created.apiKey, key: created.key }),
      response: ApiKeyWithSecret,
      status: 201,
    },
    {
      method: 'DELETE',
      path: '/api-keys/:keyID',
      auth: 'user',
      summary: 'Revoke an API key at once',
      operation: 'RevokeApiKey',
      variables: ({ params }) => ({ id: params.keyID }),
    },
    {
      // routes.md §1.4 CONFLICT: the server's and the docs' shapes are both accepted and both returned.
      method: 'POST',
      path: '/api-keys/:keyID/rotate',
      auth: 'user',
      summary: 'Replace an API key; the old one keeps working for a grace period',
      operation: 'RotateApiKey',
      request: {
        body: Type.Object({
          name: Type.Optional(name),
          grace_minutes: Type.Optional(Type.Integer({ minimum: 0, description: 'default 1440' })),
          grace_period_hours: Type.Optional(Type.Integer({ minimum: 0 })),
        }),
      },
      example: { grace_minutes: 60 },
      variables: ({ params, body }) => ({
        input: {
          id: params.keyID,
          name: body.name,
          graceMinutes: body.grace_minutes,
          gracePeriodHours: body.grace_period_hours,
        },
      }),
      result: ({ rotateApiKey: rotated }) => ({
        key: rotated.apiKey,
        raw_key: rotated.key,
        message: rotated.message,
        new_key: rotated.key,
        new_key_id: rotated.apiKey.id,
        old_key_id: rotated.oldApiKey.id,
        grace_expires_at: rotated.graceExpiresAt,
      }),
      response: RotatedApiKey,
      status: 201,
    },
  ]),

  // §1.4 Members and roles.
  ...resource<RestRoute>('Members', [
    {
      method: 'GET',
      path: '/members',
      auth: 'user',
      summary: "The organization's members",
      operation: 'Members',
      list: true,
      variables: page,
      result: 'members',
    },
    {
      method: 'POST',
      path: '/members/invite',
      auth: 'user',
      summary: 'Invite someone by email, with a role',
      operation: 'InviteMember',
      request: {
        body: Type.Object({ email, role: Type.Optional(role), custom_role_id: Type.Optional(Uuid()) }),
      },
      example: { email: 'grace@example.com', role: 'developer' },
      errors: ['CONFLICT', 'PLAN_LIMIT_EXCEEDED'],
      variables: ({ body }) => ({
        input: { email: body.email, role: body.role, customRoleId: body.custom_role_id },
      }),
      result: 'inviteMember',
      status: 201,
    },
    {
      method: 'PUT',
      path: '/members/:memberID',
      auth: 'user',
      summary: "Change a member's role",
      operation: 'ChangeMemberRole',
      request: { body: Type.Object({ role: Type.Optional(role), custom_role_id: Type.Optional(Uuid()) }) },
      example: { role: 'admin' },
      variables: ({ params, body }) => ({
        input: { memberId: params.memberID, role: body.role, customRoleId: body.custom_role_id },
      }),
    },
    {
      method: 'DELETE',
      path: '/members/:memberID',
      auth: 'user',
      summary: 'Remove a member; their sessions and keys stop working',
      operation: 'RemoveMember',
      variables: ({ params }) => ({ memberId: params.memberID }),
    },
    {
      method: 'GET',
      path: '/members/:memberID/permissions',
      auth: 'user',
      summary: "A member's permissions per environment",
      operation: 'MemberPermissions',
      variables: ({ params }) => ({ memberId: params.memberID }),
      result: 'memberPermissions',
    },
    {
      method: 'PUT',
      path: '/members/:memberID/permissions',
      auth: 'user',
      summary: "Set a member's permissions per environment (the whole list)",
      operation: 'SetMemberPermissions',
      request: {
        body: Type.Object({
          permissions: Type.Array(
            Type.Object({
              env_id: Uuid(),
              can_toggle: Type.Optional(Type.Boolean()),
              can_edit_rules: Type.Optional(Type.Boolean()),
            }),
          ),
        }),
      },
      example: {
        permissions: [
          { env_id: '7f1c0e4e-8a7b-4c55-9a77-0f3a2b1c9d10', can_toggle: true, can_edit_rules: false },
        ],
      },
      variables: ({ params, body }) => ({
        memberId: params.memberID,
        permissions: (body.permissions as Data[]).map((permission) => ({
          environmentId: permission.env_id,
          canToggle: permission.can_toggle,
          canEditRules: permission.can_edit_rules,
        })),
      }),
      result: 'setMemberPermissions',
    },
  ]),
  ...resource<RestRoute>('Roles', [
    {
      method: 'GET',
      path: '/roles',
      auth: 'user',
      summary: 'The built-in and custom roles of the organization',
      operation: 'Roles',
      list: true,
      variables: page,
      result: 'roles',
    },
    {
      method: 'POST',
      path: '/roles',
      auth: 'user',
      summary: 'Create a custom role from permissions',
      operation: 'CreateRole',
      request: { body: Type.Object({ ...roleBody.properties, name }) },
      example: { name: 'release manager', permissions: ['flag:read', 'flag:toggle'] },
      variables: ({ body }) => ({
        input: { name: body.name, description: body.description, permissions: body.permissions },
      }),
      result: 'createRole',
      status: 201,
    },
    {
      method: 'PUT',
      path: '/roles/:roleID',
      auth: 'user',
      summary: 'Change a custom role',
      operation: 'UpdateRole',
      request: { body: roleBody },
      example: { permissions: ['flag:read'] },
      variables: ({ params, body }) => ({
        id: params.roleID,
        input: { name: body.name, description: body.description, permissions: body.permissions },
      }),
      result: 'updateRole',
    },
    {
      method: 'DELETE',
      path: '/roles/:roleID',
      auth: 'user',
      summary: 'Delete a custom role no member holds',
      operation: 'DeleteRole',
      errors: ['CONFLICT'],
      variables: ({ params }) => ({ id: params.roleID }),
    },
  ]),

  // The account of the signed-in user.
  ...resource<RestRoute>('Account', [
    {
      method: 'GET',
      path: '/users/me',
      auth: 'user',
      summary: 'The signed-in user',
      operation: 'Me',
      result: 'me',
    },
    ...(['PUT', 'PATCH'] as const).map((method) => ({
      method,
      path: '/users/me',
      auth: 'user' as const,
      summary: "Change the signed-in user's name",
      operation: 'UpdateProfile',
      request: { body: Type.Object({ name: Type.Optional(name) }) },
      example: { name: 'Ada Lovelace' },
      variables: ({ body }: RestRequest) => ({ input: { name: body.name } }),
      result: 'updateProfile',
    })),
    {
      method: 'DELETE',
      path: '/users/me',
      auth: 'user',
      summary: 'Delete the account (refused while it is the last owner of an organization)',
      operation: 'DeleteAccount',
      errors: ['CONFLICT'],
    },
    {
      method: 'GET',
      path: '/users/me/data',
      auth: 'user',
      summary: 'Everything stored about the signed-in user',
      operation: 'ExportMyData',
      result: 'exportMyData',
    },
  ]),

  // §1.3 Projects and environments (an environment's `slug` is its key).
  ...resource<RestRoute>('Projects', [
    ...projectRoutes('PUT'),
    {
      method: 'GET',
      path: '/projects/:projectID/dashboard',
      auth: 'user',
      summary: "Counts of a project's flags by state, and of its environments",
      operation: 'ProjectDashboard',
      variables: ({ params }) => ({ id: params.projectID }),
      result: 'project.dashboard',
    },
  ]),
  ...resource<RestRoute>('Environments', [
    {
      method: 'GET',
      path: '/projects/:projectID/environments',
      auth: 'user',
      summary: "A project's environments",
      operation: 'ProjectEnvironments',
      list: true,
      variables: ({ params, page }) => ({ projectId: params.projectID, ...page }),
      result: 'project.environments',
    },
    {
      method: 'POST',
      path: '/projects/:projectID/environments',
      auth: 'user',
      summary: 'Create an environment',
      operation: 'CreateEnvironment',
      request: { body: Type.Object({ ...environmentBody.properties, name }) },
      example: { name: 'QA', slug: 'qa', color: '#22C55E' },
      errors: ['CONFLICT', 'PLAN_LIMIT_EXCEEDED'],
      variables: ({ params, body }) => ({
        projectId: params.projectID,
        input: { name: body.name, key: body.slug, color: body.color },
      }),
      result: 'createEnvironment',
      status: 201,
    },
    {
      method: 'GET',
      path: '/projects/:projectID/environments/:envID',
      auth: 'user',
      summary: 'An environment',
      operation: 'Environment',
      variables: ({ params }) => ({ id: params.envID, projectId: params.projectID }),
      result: 'environment',
    },
    {
      method: 'PUT',
      path: '/projects/:projectID/environments/:envID',
      auth: 'user',
      summary: 'Rename or recolor an environment',
      operation: 'UpdateEnvironment',
      request: { body: environmentBody },
      example: { color: '#EF4444' },
      variables: ({ params, body }) => ({
        id: params.envID,
        projectId: params.projectID,
        input: { name: body.name, color: body.color },
      }),
      result: 'updateEnvironment',
    },
    {
      method: 'DELETE',
      path: '/projects/:projectID/environments/:envID',
      auth: 'user',
      summary: 'Delete an environment with its flag states and keys',
      operation: 'DeleteEnvironment',
      variables: ({ params }) => ({ id: params.envID, projectId: params.projectID }),
    },
    {
      method: 'POST',
      path: '/projects/:projectID/environments/:envID/clone',
      auth: 'user',
      summary: "A new environment with a copy of another's flag states",
      operation: 'CloneEnvironment',
      request: { body: Type.Object({ ...environmentBody.properties, name }) },
      example: { name: 'Staging 2', slug: 'staging-2' },
      errors: ['CONFLICT'],
      variables: ({ params, body }) => ({
        id: params.envID,
        projectId: params.projectID,
        input: { name: body.name, key: body.slug, color: body.color },
      }),
      result: 'cloneEnvironment',
      status: 201,
    },
  ]),

  // §1.3 Flags, addressed by key.
  ...resource<RestRoute>('Flags', [
    flagList,
    {
      method: 'POST',
      path: '/projects/:projectID/flags',
      auth: 'user',
      summary: 'Create a flag (off in every environment)',
      operation: 'CreateFlag',
      request: { body: CreateFlagBody },
      example: { key: 'new-checkout', name: 'New checkout', flag_type: 'boolean', tags: ['web'] },
      errors: ['FLAG_KEY_CONFLICT', 'VARIATION_COUNT_INVALID', 'PLAN_LIMIT_EXCEEDED'],
      variables: ({ params, body }) => ({ projectId: params.projectID, input: toCreateFlagInput(body) }),
      result: (data) => toFlagResponse(data.createFlag),
      response: FlagResponse,
      status: 201,
    },
    {
      ...flagList,
      path: '/projects/:projectID/flags/archived',
      summary: "A project's archived flags",
      variables: (request) => ({ ...flagList.variables(request), archived: true }),
    },
    {
      ...flagRoute('GET', '', 'Flag', 'project', 'A flag'),
      result: (data) => toFlagResponse(flagOf(data)),
    },
    {
      ...flagRoute(
        'PUT',
        '',
        'UpdateFlag',
        'updateFlag',
        "Change a flag's name, description, tags or status",
      ),
      request: { body: UpdateFlagBody },
      example: { description: 'The one-page checkout', tags: ['web', 'checkout'] },
      variables: (request) => ({
        ...byFlagKey(request),
        input: {
          name: request.body.name,
          description: request.body.description,
          tags: request.body.tags,
          expiresAt: request.body.expires_at,
          status: request.body.status,
        },
      }),
    },
    {
      ...flagRoute('DELETE', '', 'DeleteFlag', 'deleteFlag', 'Delete a flag'),
      result: undefined,
      response: undefined,
    },
    flagRoute('POST', '/archive', 'ArchiveFlag', 'archiveFlag', 'Archive a flag: SDKs no longer see it'),
    flagRoute('POST', '/restore', 'RestoreFlag', 'restoreFlag', 'Bring an archived flag back'),
  ]),

  // §1.3 Flag states: a flag's configuration in one environment (flag-state.mapping.ts).
  ...resource<RestRoute>('Flag states', [
    {
      method: 'GET',
      path: '/projects/:projectID/flags/:flagKey/environments/:envID',
      auth: 'user',
      summary: "A flag's state in one environment: on or off, rules, rollout",
      operation: 'FlagState',
      errors: ['FLAG_NOT_FOUND'],
      variables: (request) => ({ ...byFlagKey(request), environmentId: request.params.envID }),
      result: (data) => {
        const { configuration } = flagOf(data);
        if (!configuration) throw new DomainError('ENVIRONMENT_NOT_FOUND');
        return toFlagState(configuration);
      },
      response: FlagState,
    },
    {
      method: 'PUT',
      path: '/projects/:projectID/flags/:flagKey/environments/:envID',
      auth: 'user',
      summary: "Change a flag's state in one environment; every field is optional",
      operation: 'UpdateFlagState',
      request: { body: FlagStateBody },
      example: {
        enabled: true,
        default_value: true,
        rules: [
          {
            priority: 1,
            match_type: 'all',
            conditions: [{ attribute: 'country', operator: 'in', values: ['US', 'CA'] }],
            value: true,
            percentage: 5000,
          },
        ],
      },
      errors: ['FLAG_NOT_FOUND', 'CONFLICT'],
      variables: ({ params, body }) => ({
        input: {
          projectId: params.projectID,
          flagKey: params.flagKey,
          environmentId: params.envID,
          ...toConfigurationInput(body),
        },
      }),
      result: (data) => toFlagState(data.updateFlagConfiguration),
      response: FlagState,
    },
    {
      method: 'POST',
      path: '/projects/:projectID/flags/:flagKey/kill',
      auth: 'user',
      summary: 'Kill switch: turn a flag off in one environment at once',
      operation: 'KillFlag',
      request: { body: Type.Object({ env_id: Uuid() }) },
      example: { env_id: '7f1c0e4e-8a7b-4c55-9a77-0f3a2b1c9d10' },
      errors: ['FLAG_NOT_FOUND', 'ENVIRONMENT_NOT_FOUND'],
      variables: ({ params, body }) => ({
        projectId: params.projectID,
        flagKey: params.flagKey,
        environmentId: body.env_id,
      }),
      result: (data) => toFlagState(data.setFlagEnabled),
      response: FlagState,
    },
    {
      method: 'GET',
      path: '/projects/:projectID/environments/:envID/flag-states',
      auth: 'user',
      summary: 'Every flag state of an environment',
      operation: 'EnvironmentFlagStates',
      list: true,
      variables: ({ params, page }) => ({
        projectId: params.projectID,
        environmentId: params.envID,
        ...page,
      }),
      result: ({ environment }) => ({
        nodes: environment.flags.nodes.map(toFlagState),
        totalCount: environment.flags.totalCount,
      }),
      response: FlagState,
    },
    {
      method: 'POST',
      path: '/projects/:projectID/flags/:flagKey/promote',
      auth: 'user',
      summary: "Copy a flag's state from one environment to another",
      operation: 'PromoteFlag',
      request: { body: Type.Object(EnvironmentPair) },
      example: {
        source_env_id: '7f1c0e4e-8a7b-4c55-9a77-0f3a2b1c9d10',
        target_env_id: '0b6f3c2a-1d4e-4f5a-8b9c-7d6e5f4a3b2c',
      },
      errors: ['FLAG_NOT_FOUND', 'ENVIRONMENT_NOT_FOUND'],
      variables: ({ params, body }) => ({
        projectId: params.projectID,
        flagKey: params.flagKey,
        sourceEnvironmentId: body.source_env_id,
        targetEnvironmentId: body.target_env_id,
      }),
      result: (data) => toFlagState(data.promoteFlagConfiguration),
      response: FlagState,
    },
    {
      method: 'POST',
      path: '/projects/:projectID/flags/:flagKey/rollback',
      auth: 'user',
      summary: "Put a flag's state in one environment back as it was at a version",
      operation: 'RollbackFlag',
      request: { body: Type.Object({ env_id: Uuid(), version: Type.Integer({ minimum: 1 }) }) },
      example: { env_id: '7f1c0e4e-8a7b-4c55-9a77-0f3a2b1c9d10', version: 3 },
      errors: ['FLAG_NOT_FOUND', 'ENVIRONMENT_NOT_FOUND', 'NOT_FOUND'],
      variables: ({ params, body }) => ({
        projectId: params.projectID,
        flagKey: params.flagKey,
        environmentId: body.env_id,
        version: body.version,
      }),
      result: (data) => toFlagState(data.rollbackFlagConfiguration),
      response: FlagState,
    },
    {
      method: 'GET',
      path: '/projects/:projectID/flags/compare-environments',
      auth: 'user',
      summary: 'The flags whose states differ between two environments',
      operation: 'CompareEnvironments',
      request: { query: Type.Object(EnvironmentPair) },
      errors: ['ENVIRONMENT_NOT_FOUND'],
      variables: ({ params, query }) => ({
        projectId: params.projectID,
        sourceEnvironmentId: query.get('source_env_id'),
        targetEnvironmentId: query.get('target_env_id'),
      }),
      result: ({ project, compareEnvironments }) =>
        toEnvironmentDiff(project.flags.totalCount, compareEnvironments),
      response: EnvironmentDiff,
    },
    {
      // routes.md gives no response body; the states written, in the order of `flag_keys`, say it all.
      method: 'POST',
      path: '/projects/:projectID/flags/sync-environments',
      auth: 'user',
      summary: 'Copy the states of some flags from one environment to another',
      operation: 'SyncEnvironments',
      request: {
        body: Type.Object({ ...EnvironmentPair, flag_keys: Type.Array(Type.String(), { minItems: 1 }) }),
      },
      example: {
        source_env_id: '7f1c0e4e-8a7b-4c55-9a77-0f3a2b1c9d10',
        target_env_id: '0b6f3c2a-1d4e-4f5a-8b9c-7d6e5f4a3b2c',
        flag_keys: ['new-checkout'],
      },
      errors: ['FLAG_NOT_FOUND', 'ENVIRONMENT_NOT_FOUND'],
      variables: ({ params, body }) => ({
        projectId: params.projectID,
        sourceEnvironmentId: body.source_env_id,
        targetEnvironmentId: body.target_env_id,
        flagKeys: body.flag_keys,
      }),
      result: ({ syncFlagConfigurations: states }) => ({
        synced: states.length,
        states: states.map(toFlagState),
      }),
      response: Type.Object({ synced: Type.Integer(), states: Type.Array(FlagState) }),
    },
    {
      method: 'GET',
      path: '/projects/:projectID/flags/:flagKey/history',
      auth: 'user',
      summary: "The versions of a flag's state in one environment, newest first",
      operation: 'FlagHistory',
      list: true,
      request: { query: historyQuery },
      errors: ['FLAG_NOT_FOUND'],
      variables: (request) => ({ ...historyVariables(request), ...request.page }),
      result: (data) => {
        const { history } = flagOf(data);
        return { nodes: history.nodes.map(historyEntry), totalCount: history.totalCount };
      },
      response: HistoryEntry,
    },
    {
      method: 'GET',
      path: '/projects/:projectID/flags/:flagKey/history/:version',
      auth: 'user',
      summary: "One version of a flag's state in one environment",
      operation: 'FlagHistoryVersion',
      request: { query: historyQuery },
      errors: ['FLAG_NOT_FOUND', 'NOT_FOUND'],
      variables: (request) => ({ ...historyVariables(request), version: Number(request.params.version) }),
      result: (data, { params }) => {
        const entry = flagOf(data).historyVersion;
        if (!entry) throw new DomainError('NOT_FOUND', `version ${params.version} not found`);
        return historyEntry(entry);
      },
      response: HistoryEntry,
    },
  ]),

  // §1.3 Segments, by key; FeatureSignals calls a segment's conditions its `rules`.
  ...resource<RestRoute>('Segments', [
    {
      method: 'GET',
      path: '/projects/:projectID/segments',
      auth: 'user',
      summary: "A project's segments",
      operation: 'Segments',
      list: true,
      variables: ({ params, page }) => ({ projectId: params.projectID, ...page }),
      result: 'project.segments',
    },
    {
      method: 'POST',
      path: '/projects/:projectID/segments',
      auth: 'user',
      summary: 'Create a segment: contexts matching its rules',
      operation: 'CreateSegment',
      request: { body: CreateSegmentBody },
      example: {
        key: 'beta-testers',
        name: 'Beta testers',
        match_type: 'any',
        rules: [{ attribute: 'email', operator: 'ends_with', values: ['@example.com'] }],
      },
      errors: ['CONFLICT'],
      variables: ({ params, body }) => ({ projectId: params.projectID, input: toSegmentInput(body) }),
      result: 'createSegment',
      status: 201,
    },
    {
      method: 'GET',
      path: '/projects/:projectID/segments/:segmentKey',
      auth: 'user',
      summary: 'A segment',
      operation: 'Segment',
      variables: ({ params }) => ({ projectId: params.projectID, key: params.segmentKey }),
      result: 'project.segment',
    },
    {
      method: 'PUT',
      path: '/projects/:projectID/segments/:segmentKey',
      auth: 'user',
      summary: "Change a segment's name, description or rules",
      operation: 'UpdateSegment',
      request: { body: SegmentBody },
      example: { rules: [{ attribute: 'plan', operator: 'eq', values: ['enterprise'] }] },
      variables: ({ params, body }) => ({
        projectId: params.projectID,
        key: params.segmentKey,
        input: toSegmentInput(body),
      }),
      result: 'updateSegment',
    },
    {
      method: 'DELETE',
      path: '/projects/:projectID/segments/:segmentKey',
      auth: 'user',
      summary: 'Delete a segment no rule uses',
      operation: 'DeleteSegment',
      errors: ['CONFLICT'],
      variables: ({ params }) => ({ projectId: params.projectID, key: params.segmentKey }),
    },
    {
      method: 'GET',
      path: '/projects/:projectID/segments/:segmentKey/evaluate',
      auth: 'user',
      summary: 'Whether a context is in the segment: `?key=` and any attributes as query parameters',
      operation: 'SegmentMatch',
      // FeatureSignals reads the entity from a GET body, which HTTP leaves undefined and proxies drop;
      // here it is the query string, every value a string.
      variables: ({ params, query }) => ({
        projectId: params.projectID,
        key: params.segmentKey,
        context: { key: '', ...Object.fromEntries(query) },
      }),
      result: ({ project: { segment, segmentMatch } }, { params }) => {
        return {
          segment_key: params.segmentKey,
          segment_name: segment.name,
          matched: segmentMatch.matched,
          match_type: segment.match,
          total_rules: segmentMatch.conditions,
          rules_matched: segmentMatch.conditionsMet,
        };
      },
      response: Type.Object({
        segment_key: Type.String(),
        segment_name: Type.String(),
        matched: Type.Boolean(),
        match_type: Type.String({ description: '`all` or `any`' }),
        total_rules: Type.Integer(),
        rules_matched: Type.Integer({ description: 'rules the context meets' }),
      }),
    },
  ]),
];
