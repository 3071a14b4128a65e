import { DomainError } from '@vexil/platform';
import type { ListResult, RestRequest, RestRoute } from '../rest-route.js';
import { toEnvironmentDiff } from './environment-diff.mapping.js';
import { toConfigurationInput, toFlagState } from './flag-state.mapping.js';
import { toCreateFlagInput, toFlagResponse } from './flag.mapping.js';

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
): RestRoute => ({
  method,
  path: `/projects/:projectID/flags/:flagKey${path}`,
  auth: 'user',
  operation,
  variables: byFlagKey,
  result: (data) => toFlagResponse(data[field] as Data),
});

/** A project's live flags; the archived ones are the same list with `archived: true`. */
const flagList: RestRoute = {
  method: 'GET',
  path: '/projects/:projectID/flags',
  auth: 'user',
  operation: 'Flags',
  list: true,
  variables: ({ params, page }) => ({ projectId: params.projectID, ...page }),
  result: ({ project }: Data) => ({
    nodes: project.flags.nodes.map(toFlagResponse),
    totalCount: project.flags.totalCount,
  }),
};

const historyVariables = (request: RestRequest) => ({
  ...byFlagKey(request),
  environmentId: request.query.get('env_id'),
});

/**
 * FeatureSignals `/v1` routes (shared/reference/routes.md §1.2 to §1.4, seed 001), each over one
 * operation. Mappings only rename and reshape; every rule lives behind the operation.
 */
export const featureSignalsRoutes: RestRoute[] = [
  // §1.2 Auth and session.
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
    variables: ({ body }) => ({
      input: { email: body.email, password: body.password, mfaCode: body.mfa_code },
    }),
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
  {
    method: 'POST',
    path: '/auth/logout',
    auth: 'user',
    operation: 'Logout',
    variables: () => ({}),
    result: (data) => data.logout,
  },
  {
    method: 'POST',
    path: '/auth/forgot-password',
    auth: 'public',
    operation: 'RequestPasswordReset',
    variables: ({ body }) => ({ email: body.email }),
    result: (data) => data.requestPasswordReset,
  },
  {
    method: 'POST',
    path: '/auth/reset-password',
    auth: 'public',
    operation: 'ResetPassword',
    variables: ({ body }) => ({ token: body.token, password: body.password ?? body.new_password }),
    result: (data) => data.resetPassword,
  },
  {
    method: 'GET',
    path: '/auth/verify-email',
    auth: 'public',
    operation: 'VerifyEmail',
    variables: ({ query }) => ({ token: query.get('token'), email: query.get('email') }),
    result: (data) => data.verifyEmail,
    redirect: (data: Data) => data.verifyEmail.redirectUrl,
  },
  {
    method: 'POST',
    path: '/auth/send-verification-email',
    auth: 'user',
    operation: 'SendVerificationEmail',
    variables: () => ({}),
    result: (data) => data.sendVerificationEmail,
  },
  {
    method: 'POST',
    path: '/auth/mfa/enable',
    auth: 'user',
    operation: 'EnableMfa',
    variables: () => ({}),
    result: (data) => data.enableMfa,
  },
  {
    method: 'POST',
    path: '/auth/mfa/verify',
    auth: 'user',
    operation: 'VerifyMfa',
    variables: ({ body }) => ({ code: body.code }),
    result: (data) => data.verifyMfa,
  },
  {
    method: 'POST',
    path: '/auth/mfa/disable',
    auth: 'user',
    operation: 'DisableMfa',
    variables: ({ body }) => ({ code: body.code }),
    result: (data) => data.disableMfa,
  },
  {
    method: 'GET',
    path: '/auth/mfa/status',
    auth: 'user',
    operation: 'MfaStatus',
    variables: () => ({}),
    result: (data) => data.mfaStatus,
  },

  // §1.4 API keys.
  {
    method: 'GET',
    path: '/environments/:envID/api-keys',
    auth: 'user',
    operation: 'ApiKeys',
    list: true,
    variables: ({ params, page }) => ({ environmentId: params.envID, ...page }),
    result: (data) => data.apiKeys as ListResult,
  },
  {
    method: 'POST',
    path: '/environments/:envID/api-keys',
    auth: 'user',
    operation: 'CreateApiKey',
    variables: ({ params, body }) => ({
      input: {
        environmentId: params.envID,
        name: body.name,
        type: body.type,
        expiresInDays: body.expires_in_days,
        scopes: body.scopes,
      },
    }),
    result: ({ createApiKey: created }: Data) => ({ ...created.apiKey, key: created.key }),
    status: 201,
  },
  {
    method: 'DELETE',
    path: '/api-keys/:keyID',
    auth: 'user',
    operation: 'RevokeApiKey',
    variables: ({ params }) => ({ id: params.keyID }),
    result: () => undefined,
    status: 204,
  },
  {
    // routes.md §1.4 CONFLICT: the server's and the docs' shapes are both accepted and both returned.
    method: 'POST',
    path: '/api-keys/:keyID/rotate',
    auth: 'user',
    operation: 'RotateApiKey',
    variables: ({ params, body }) => ({
      input: {
        id: params.keyID,
        name: body.name,
        graceMinutes: body.grace_minutes,
        gracePeriodHours: body.grace_period_hours,
      },
    }),
    result: ({ rotateApiKey: rotated }: Data) => ({
      key: rotated.apiKey,
      raw_key: rotated.key,
      message: rotated.message,
      new_key: rotated.key,
      new_key_id: rotated.apiKey.id,
      old_key_id: rotated.oldApiKey.id,
      grace_expires_at: rotated.graceExpiresAt,
    }),
    status: 201,
  },

  // §1.4 Members and roles.
  {
    method: 'GET',
    path: '/members',
    auth: 'user',
    operation: 'Members',
    list: true,
    variables: ({ page }) => ({ ...page }),
    result: (data) => data.members as ListResult,
  },
  {
    method: 'POST',
    path: '/members/invite',
    auth: 'user',
    operation: 'InviteMember',
    variables: ({ body }) => ({
      input: { email: body.email, role: body.role, customRoleId: body.custom_role_id },
    }),
    result: (data) => data.inviteMember,
    status: 201,
  },
  {
    method: 'PUT',
    path: '/members/:memberID',
    auth: 'user',
    operation: 'ChangeMemberRole',
    variables: ({ params, body }) => ({
      input: { memberId: params.memberID, role: body.role, customRoleId: body.custom_role_id },
    }),
    result: () => undefined,
    status: 204,
  },
  {
    method: 'DELETE',
    path: '/members/:memberID',
    auth: 'user',
    operation: 'RemoveMember',
    variables: ({ params }) => ({ memberId: params.memberID }),
    result: () => undefined,
    status: 204,
  },
  {
    method: 'GET',
    path: '/members/:memberID/permissions',
    auth: 'user',
    operation: 'MemberPermissions',
    variables: ({ params }) => ({ memberId: params.memberID }),
    result: (data) => data.memberPermissions,
  },
  {
    method: 'PUT',
    path: '/members/:memberID/permissions',
    auth: 'user',
    operation: 'SetMemberPermissions',
    variables: ({ params, body }) => ({
      memberId: params.memberID,
      permissions: Array.isArray(body.permissions)
        ? body.permissions.map((permission: Data) => ({
            environmentId: permission?.env_id,
            canToggle: permission?.can_toggle,
            canEditRules: permission?.can_edit_rules,
          }))
        : body.permissions,
    }),
    result: (data) => data.setMemberPermissions,
  },
  {
    method: 'GET',
    path: '/roles',
    auth: 'user',
    operation: 'Roles',
    list: true,
    variables: ({ page }) => ({ ...page }),
    result: (data) => data.roles as ListResult,
  },
  {
    method: 'POST',
    path: '/roles',
    auth: 'user',
    operation: 'CreateRole',
    variables: ({ body }) => ({
      input: { name: body.name, description: body.description, permissions: body.permissions },
    }),
    result: (data) => data.createRole,
    status: 201,
  },
  {
    method: 'PUT',
    path: '/roles/:roleID',
    auth: 'user',
    operation: 'UpdateRole',
    variables: ({ params, body }) => ({
      id: params.roleID,
      input: { name: body.name, description: body.description, permissions: body.permissions },
    }),
    result: (data) => data.updateRole,
  },
  {
    method: 'DELETE',
    path: '/roles/:roleID',
    auth: 'user',
    operation: 'DeleteRole',
    variables: ({ params }) => ({ id: params.roleID }),
    result: () => undefined,
    status: 204,
  },

  // The account of the signed-in user.
  {
    method: 'GET',
    path: '/users/me',
    auth: 'user',
    operation: 'Me',
    variables: () => ({}),
    result: (data) => data.me,
  },
  ...(['PUT', 'PATCH'] as const).map((method): RestRoute => ({
    method,
    path: '/users/me',
    auth: 'user',
    operation: 'UpdateProfile',
    variables: ({ body }) => ({ input: { name: body.name } }),
    result: (data) => data.updateProfile,
  })),
  {
    method: 'DELETE',
    path: '/users/me',
    auth: 'user',
    operation: 'DeleteAccount',
    variables: () => ({}),
    result: () => undefined,
    status: 204,
  },
  {
    method: 'GET',
    path: '/users/me/data',
    auth: 'user',
    operation: 'ExportMyData',
    variables: () => ({}),
    result: (data) => data.exportMyData,
  },

  // §1.3 Projects and environments (an environment's `slug` is its key).
  {
    method: 'GET',
    path: '/projects',
    auth: 'user',
    operation: 'Projects',
    list: true,
    variables: ({ page }) => ({ ...page }),
    result: (data) => (data.organization as { projects: ListResult }).projects,
  },
  {
    method: 'POST',
    path: '/projects',
    auth: 'user',
    operation: 'CreateProject',
    variables: ({ body }) => ({ input: { name: body.name, slug: body.slug } }),
    result: (data) => data.createProject,
    status: 201,
  },
  {
    method: 'GET',
    path: '/projects/:projectID',
    auth: 'user',
    operation: 'Project',
    variables: ({ params }) => ({ id: params.projectID }),
    result: (data) => data.project,
  },
  {
    method: 'PUT',
    path: '/projects/:projectID',
    auth: 'user',
    operation: 'UpdateProject',
    variables: ({ params, body }) => ({ id: params.projectID, input: { name: body.name, slug: body.slug } }),
    result: (data) => data.updateProject,
  },
  {
    method: 'DELETE',
    path: '/projects/:projectID',
    auth: 'user',
    operation: 'DeleteProject',
    variables: ({ params }) => ({ id: params.projectID }),
    result: () => undefined,
    status: 204,
  },
  {
    method: 'GET',
    path: '/projects/:projectID/dashboard',
    auth: 'user',
    operation: 'ProjectDashboard',
    variables: ({ params }) => ({ id: params.projectID }),
    result: (data) => (data.project as { dashboard: unknown }).dashboard,
  },
  {
    method: 'GET',
    path: '/projects/:projectID/environments',
    auth: 'user',
    operation: 'ProjectEnvironments',
    list: true,
    variables: ({ params, page }) => ({ projectId: params.projectID, ...page }),
    result: (data) => (data.project as { environments: ListResult }).environments,
  },
  {
    method: 'POST',
    path: '/projects/:projectID/environments',
    auth: 'user',
    operation: 'CreateEnvironment',
    variables: ({ params, body }) => ({
      projectId: params.projectID,
      input: { name: body.name, key: body.slug, color: body.color },
    }),
    result: (data) => data.createEnvironment,
    status: 201,
  },
  {
    method: 'GET',
    path: '/projects/:projectID/environments/:envID',
    auth: 'user',
    operation: 'Environment',
    variables: ({ params }) => ({ id: params.envID, projectId: params.projectID }),
    result: (data) => data.environment,
  },
  {
    method: 'PUT',
    path: '/projects/:projectID/environments/:envID',
    auth: 'user',
    operation: 'UpdateEnvironment',
    variables: ({ params, body }) => ({
      id: params.envID,
      projectId: params.projectID,
      input: { name: body.name, color: body.color },
    }),
    result: (data) => data.updateEnvironment,
  },
  {
    method: 'DELETE',
    path: '/projects/:projectID/environments/:envID',
    auth: 'user',
    operation: 'DeleteEnvironment',
    variables: ({ params }) => ({ id: params.envID, projectId: params.projectID }),
    result: () => undefined,
    status: 204,
  },
  {
    method: 'POST',
    path: '/projects/:projectID/environments/:envID/clone',
    auth: 'user',
    operation: 'CloneEnvironment',
    variables: ({ params, body }) => ({
      id: params.envID,
      projectId: params.projectID,
      input: { name: body.name, key: body.slug, color: body.color },
    }),
    result: (data) => data.cloneEnvironment,
    status: 201,
  },

  // §1.3 Flags, addressed by key.
  flagList,
  {
    method: 'POST',
    path: '/projects/:projectID/flags',
    auth: 'user',
    operation: 'CreateFlag',
    variables: ({ params, body }) => ({ projectId: params.projectID, input: toCreateFlagInput(body) }),
    result: (data) => toFlagResponse(data.createFlag as Data),
    status: 201,
  },
  {
    ...flagList,
    path: '/projects/:projectID/flags/archived',
    variables: (request) => ({ ...flagList.variables(request), archived: true }),
  },
  {
    method: 'GET',
    path: '/projects/:projectID/flags/:flagKey',
    auth: 'user',
    operation: 'Flag',
    variables: byFlagKey,
    result: (data) => toFlagResponse(flagOf(data)),
  },
  {
    method: 'PUT',
    path: '/projects/:projectID/flags/:flagKey',
    auth: 'user',
    operation: 'UpdateFlag',
    variables: (request) => ({
      ...byFlagKey(request),
      input: {
        name: request.body.name,
        description: request.body.description,
        tags: request.body.tags,
        status: request.body.status,
      },
    }),
    result: (data) => toFlagResponse(data.updateFlag as Data),
  },
  { ...flagRoute('DELETE', '', 'DeleteFlag', 'deleteFlag'), result: () => undefined, status: 204 },
  flagRoute('POST', '/archive', 'ArchiveFlag', 'archiveFlag'),
  flagRoute('POST', '/restore', 'RestoreFlag', 'restoreFlag'),

  // §1.3 Flag states: a flag's configuration in one environment (flag-state.mapping.ts).
  {
    method: 'GET',
    path: '/projects/:projectID/flags/:flagKey/environments/:envID',
    auth: 'user',
    operation: 'FlagState',
    variables: (request) => ({ ...byFlagKey(request), environmentId: request.params.envID }),
    result: (data) => {
      const { configuration } = flagOf(data);
      if (!configuration) throw new DomainError('ENVIRONMENT_NOT_FOUND');
      return toFlagState(configuration);
    },
  },
  {
    method: 'PUT',
    path: '/projects/:projectID/flags/:flagKey/environments/:envID',
    auth: 'user',
    operation: 'UpdateFlagState',
    variables: ({ params, body }) => ({
      input: {
        projectId: params.projectID,
        flagKey: params.flagKey,
        environmentId: params.envID,
        ...toConfigurationInput(body),
      },
    }),
    result: (data) => toFlagState(data.updateFlagConfiguration as Data),
  },
  {
    method: 'POST',
    path: '/projects/:projectID/flags/:flagKey/kill',
    auth: 'user',
    operation: 'KillFlag',
    variables: ({ params, body }) => ({
      projectId: params.projectID,
      flagKey: params.flagKey,
      environmentId: body.env_id,
    }),
    result: (data) => toFlagState(data.setFlagEnabled as Data),
  },
  {
    method: 'GET',
    path: '/projects/:projectID/environments/:envID/flag-states',
    auth: 'user',
    operation: 'EnvironmentFlagStates',
    list: true,
    variables: ({ params, page }) => ({ projectId: params.projectID, environmentId: params.envID, ...page }),
    result: ({ environment }: Data) => ({
      nodes: environment.flags.nodes.map(toFlagState),
      totalCount: environment.flags.totalCount,
    }),
  },
  {
    method: 'POST',
    path: '/projects/:projectID/flags/:flagKey/promote',
    auth: 'user',
    operation: 'PromoteFlag',
    variables: ({ params, body }) => ({
      projectId: params.projectID,
      flagKey: params.flagKey,
      sourceEnvironmentId: body.source_env_id,
      targetEnvironmentId: body.target_env_id,
    }),
    result: (data) => toFlagState(data.promoteFlagConfiguration as Data),
  },
  {
    method: 'POST',
    path: '/projects/:projectID/flags/:flagKey/rollback',
    auth: 'user',
    operation: 'RollbackFlag',
    variables: ({ params, body }) => ({
      projectId: params.projectID,
      flagKey: params.flagKey,
      environmentId: body.env_id,
      version: body.version,
    }),
    result: (data) => toFlagState(data.rollbackFlagConfiguration as Data),
  },

  {
    method: 'GET',
    path: '/projects/:projectID/flags/compare-environments',
    auth: 'user',
    operation: 'CompareEnvironments',
    variables: ({ params, query }) => ({
      projectId: params.projectID,
      sourceEnvironmentId: query.get('source_env_id'),
      targetEnvironmentId: query.get('target_env_id'),
    }),
    result: ({ project, compareEnvironments }: Data) =>
      toEnvironmentDiff(project.flags.totalCount, compareEnvironments),
  },
  {
    // routes.md gives no response body; the states written, in the order of `flag_keys`, say it all.
    method: 'POST',
    path: '/projects/:projectID/flags/sync-environments',
    auth: 'user',
    operation: 'SyncEnvironments',
    variables: ({ params, body }) => {
      // GraphQL would read a lone string as a one-key list; FeatureSignals' clients must send a list.
      if (!Array.isArray(body.flag_keys))
        throw DomainError.validation({ flag_keys: ['must be a list of flag keys'] });
      return {
        projectId: params.projectID,
        sourceEnvironmentId: body.source_env_id,
        targetEnvironmentId: body.target_env_id,
        flagKeys: body.flag_keys,
      };
    },
    result: ({ syncFlagConfigurations: states }: Data) => ({
      synced: states.length,
      states: states.map(toFlagState),
    }),
  },
  {
    method: 'GET',
    path: '/projects/:projectID/flags/:flagKey/history',
    auth: 'user',
    operation: 'FlagHistory',
    list: true,
    variables: (request) => ({ ...historyVariables(request), ...request.page }),
    result: (data) => {
      const { history } = flagOf(data);
      return { nodes: history.nodes.map(historyEntry), totalCount: history.totalCount };
    },
  },
  {
    method: 'GET',
    path: '/projects/:projectID/flags/:flagKey/history/:version',
    auth: 'user',
    operation: 'FlagHistoryVersion',
    variables: (request) => ({ ...historyVariables(request), version: Number(request.params.version) }),
    result: (data, { params }) => {
      const entry = flagOf(data).historyVersion;
      if (!entry) throw new DomainError('NOT_FOUND', `version ${params.version} not found`);
      return historyEntry(entry);
    },
  },

  // §1.3 Segments, by key; FeatureSignals calls a segment's conditions its `rules`.
  {
    method: 'GET',
    path: '/projects/:projectID/segments',
    auth: 'user',
    operation: 'Segments',
    list: true,
    variables: ({ params, page }) => ({ projectId: params.projectID, ...page }),
    result: (data) => (data.project as { segments: ListResult }).segments,
  },
  {
    method: 'POST',
    path: '/projects/:projectID/segments',
    auth: 'user',
    operation: 'CreateSegment',
    variables: ({ params, body }) => ({ projectId: params.projectID, input: toSegmentInput(body) }),
    result: (data) => data.createSegment,
    status: 201,
  },
  {
    method: 'GET',
    path: '/projects/:projectID/segments/:segmentKey',
    auth: 'user',
    operation: 'Segment',
    variables: ({ params }) => ({ projectId: params.projectID, key: params.segmentKey }),
    result: ({ project }: Data) => {
      if (!project.segment) throw new DomainError('NOT_FOUND', 'segment not found');
      return project.segment;
    },
  },
  {
    method: 'PUT',
    path: '/projects/:projectID/segments/:segmentKey',
    auth: 'user',
    operation: 'UpdateSegment',
    variables: ({ params, body }) => ({
      projectId: params.projectID,
      key: params.segmentKey,
      input: toSegmentInput(body),
    }),
    result: (data) => data.updateSegment,
  },
  {
    method: 'DELETE',
    path: '/projects/:projectID/segments/:segmentKey',
    auth: 'user',
    operation: 'DeleteSegment',
    variables: ({ params }) => ({ projectId: params.projectID, key: params.segmentKey }),
    result: () => undefined,
    status: 204,
  },
];
