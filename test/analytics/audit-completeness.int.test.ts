import { randomBytes, randomUUID } from 'node:crypto';
import { totpCode, totpStep } from '@vexil/platform';
import { eventually, sharedTestPlatform, type PlatformClients, type Workspace } from '@vexil/testing';
import { buildSchema, isObjectType } from 'graphql';
import { readFileSync } from 'node:fs';
import { artifactPaths } from '@vexil/schema';
import {
  fakeStripe,
  startStripePlatform,
  stripeEvent,
  stripeSignature,
  type FakeStripe,
} from '../harness/stripe.js';

// Issue 14: every mutation of the supergraph, read from the composed schema, is called once
// successfully, and its request leaves exactly one audit entry of the resource it changed, made by
// its caller (the changes it makes along, such as a project's default environments, add theirs).

const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

/** Mutations that write no audit entry, and why. */
const UNAUDITED: Record<string, string> = {
  ingestTelemetry: 'SDK telemetry is counted by analytics, not a change anyone made to the configuration',
  refreshTokens:
    'rotates a session’s tokens every few minutes; the session is audited when it starts and ends',
  recordEvaluations: 'the gateway’s counts of SDK evaluations: telemetry, like ingestTelemetry',
  recordStatusCheck: 'the gateway’s periodic health checks: the status history, not a change anyone made',
};

/** What one mutation's call must leave in the audit log. */
interface Expected {
  type: string;
  id?: string;
  /** The caller, when it is not the workspace's owner. */
  actorId?: string;
}

interface Call {
  query: string;
  variables?: Record<string, unknown>;
  /** The caller's access token; anonymous when null. */
  token?: string | null;
  /** The platform called, when not the shared one (what only a payment provider answers). */
  platform?: PlatformClients;
}

const mutationsOfSchema = () => {
  const schema = buildSchema(readFileSync(artifactPaths.supergraph, 'utf8'), { assumeValidSDL: true });
  const mutation = schema.getMutationType();
  if (!mutation || !isObjectType(mutation)) throw new Error('no Mutation type');
  return Object.keys(mutation.getFields()).sort();
};

describe('audit completeness', () => {
  const called = new Map<string, Expected & { requestId: string; platform: PlatformClients }>();
  let ws: Workspace;
  let owner: string;

  /** Calls a mutation as the owner (or as `token`), with a request id of its own; its data. */
  async function call(
    field: string,
    { query, variables = {}, token, platform = vexil }: Call,
    expected: (data: any) => Expected,
  ) {
    const requestId = `audit-${field}-${randomUUID()}`;
    const answer = await platform.http('POST', '/graphql', {
      body: { query, variables },
      headers: { 'x-request-id': requestId },
      ...(token === null ? {} : { token: token ?? owner }),
    });
    if (answer.body?.errors) throw new Error(`${field}: ${JSON.stringify(answer.body.errors)}`);
    const data = answer.body.data;
    called.set(field, { ...expected(data), requestId, platform });
    return data;
  }

  const stripe = {} as { fake: FakeStripe; platform: Awaited<ReturnType<typeof startStripePlatform>> };

  beforeAll(async () => {
    ws = await vexil.workspace();
    owner = ws.account.accessToken;
    stripe.fake = fakeStripe();
    stripe.platform = await startStripePlatform(await stripe.fake.start());
  });
  afterAll(async () => {
    await stripe.platform?.dispose();
    await stripe.fake?.stop();
  });

  it('calls every mutation of the supergraph once', async () => {
    const project = ws.projectId;
    const { dev, staging, production } = ws.env;
    const user = { type: 'user', id: ws.account.userId };

    // Identity: accounts and sessions.
    const newcomer = `audit-${randomBytes(4).toString('hex')}@example.com`;
    const registered = await call(
      'register',
      {
        token: null,
        query: `mutation ($input: RegisterInput!) { register(input: $input) { user { id } tokens { accessToken } } }`,
        variables: {
          input: { email: newcomer, password: 'correct-horse-battery', name: 'N', organizationName: 'N Org' },
        },
      },
      (data) => ({ type: 'user', id: data.register.user.id, actorId: data.register.user.id }),
    );
    const newcomerId = registered.register.user.id;
    const loggedIn = await call(
      'login',
      {
        token: null,
        query: `mutation ($input: LoginInput!) { login(input: $input) { tokens { accessToken refreshToken } } }`,
        variables: { input: { email: newcomer, password: 'correct-horse-battery' } },
      },
      () => ({ type: 'user', id: newcomerId, actorId: newcomerId }),
    );
    const newcomerToken = loggedIn.login.tokens.accessToken;
    const oneTimeLogin = await call(
      'issueOneTimeLogin',
      { token: newcomerToken, query: `mutation { issueOneTimeLogin { token } }` },
      () => ({ type: 'user', id: newcomerId, actorId: newcomerId }),
    );
    await call(
      'exchangeOneTimeLogin',
      {
        token: null,
        query: `mutation ($t: String!) { exchangeOneTimeLogin(token: $t) { user { id } } }`,
        variables: { t: oneTimeLogin.issueOneTimeLogin.token },
      },
      () => ({ type: 'user', id: newcomerId, actorId: newcomerId }),
    );

    // Signup by emailed code: started and resent anonymously, completed as the new user.
    const signingUp = `audit-code-${randomBytes(4).toString('hex')}@example.com`;
    const started = await call(
      'initiateSignup',
      {
        token: null,
        query: `mutation ($input: RegisterInput!) { initiateSignup(input: $input) { expiresIn } }`,
        variables: {
          input: {
            email: signingUp,
            password: 'correct-horse-battery',
            name: 'S',
            organizationName: 'S Org',
          },
        },
      },
      () => ({ type: 'signup', actorId: 'anonymous' }),
    );
    expect(started.initiateSignup.expiresIn).toBeGreaterThan(0);
    // The shared platform runs on the real clock: the resend's one-minute wait is taken from the row.
    await vexil.sql(
      `update identity.pending_signups set last_sent_at = last_sent_at - interval '2 minutes' where email = ?`,
      [signingUp],
    );
    await call(
      'resendSignupCode',
      {
        token: null,
        query: `mutation ($e: String!) { resendSignupCode(email: $e) { expiresIn } }`,
        variables: { e: signingUp },
      },
      () => ({ type: 'signup', actorId: 'anonymous' }),
    );
    const { code } = await vexil.lastMail(signingUp, 'signup_code');
    await call(
      'completeSignup',
      {
        token: null,
        query: `mutation ($e: String!, $c: String!) { completeSignup(email: $e, code: $c) { user { id } } }`,
        variables: { e: signingUp, c: code },
      },
      (data) => ({ type: 'user', id: data.completeSignup.user.id, actorId: data.completeSignup.user.id }),
    );
    await call(
      'updateProfile',
      { token: newcomerToken, query: `mutation { updateProfile(input: { name: "Newcomer" }) { id } }` },
      () => ({ type: 'user', id: newcomerId, actorId: newcomerId }),
    );
    await call(
      'sendVerificationEmail',
      { token: newcomerToken, query: `mutation { sendVerificationEmail { message } }` },
      () => ({ type: 'user', id: newcomerId, actorId: newcomerId }),
    );
    const { token: verification } = await vexil.lastMail(newcomer, 'email_verification');
    await call(
      'verifyEmail',
      {
        token: null,
        query: `mutation ($e: String!, $t: String!) { verifyEmail(email: $e, token: $t) { message } }`,
        variables: { e: newcomer, t: verification },
      },
      () => ({ type: 'user', id: newcomerId, actorId: newcomerId }),
    );
    await call(
      'changePassword',
      {
        token: newcomerToken,
        query: `mutation { changePassword(input: { currentPassword: "correct-horse-battery", newPassword: "battery-staple-horse" }) { message } }`,
      },
      () => ({ type: 'user', id: newcomerId, actorId: newcomerId }),
    );
    await call(
      'requestPasswordReset',
      {
        token: null,
        query: `mutation ($e: String!) { requestPasswordReset(email: $e) { message } }`,
        variables: { e: newcomer },
      },
      () => ({ type: 'user', id: newcomerId, actorId: newcomerId }),
    );
    const { token: reset } = await vexil.lastMail(newcomer, 'password_reset');
    await call(
      'resetPassword',
      {
        token: null,
        query: `mutation ($t: String!) { resetPassword(token: $t, password: "a-new-long-password") { message } }`,
        variables: { t: reset },
      },
      () => ({ type: 'user', id: newcomerId, actorId: newcomerId }),
    );
    const again = await vexil.graphql(
      `mutation { login(input: { email: "${newcomer}", password: "a-new-long-password" }) { tokens { accessToken } } }`,
    );
    const newcomerSession = again.data.login.tokens.accessToken;

    // MFA: the enrollment's secret gives the codes; each code is used once, so disabling takes a later one.
    const enrolled = await call(
      'enableMfa',
      { token: newcomerSession, query: `mutation { enableMfa { secret } }` },
      () => ({ type: 'user', id: newcomerId, actorId: newcomerId }),
    );
    const secret = enrolled.enableMfa.secret;
    await call(
      'verifyMfa',
      {
        token: newcomerSession,
        query: `mutation ($c: String!) { verifyMfa(code: $c) { enabled } }`,
        variables: { c: totpCode(secret, totpStep(new Date()) - 1) },
      },
      () => ({ type: 'user', id: newcomerId, actorId: newcomerId }),
    );
    await call(
      'disableMfa',
      {
        token: newcomerSession,
        query: `mutation ($c: String!) { disableMfa(code: $c) { enabled } }`,
        variables: { c: totpCode(secret, totpStep(new Date()) + 1) },
      },
      () => ({ type: 'user', id: newcomerId, actorId: newcomerId }),
    );

    // Organizations, members and roles.
    const created = await call(
      'createOrganization',
      { query: `mutation { createOrganization(name: "Second Org") { id } }` },
      (data) => ({ type: 'organization', id: data.createOrganization.id }),
    );
    await call(
      'renameOrganization',
      {
        query: `mutation ($id: ID!) { renameOrganization(id: $id, name: "Renamed Org") { id } }`,
        variables: { id: ws.account.organizationId },
      },
      () => ({ type: 'organization', id: ws.account.organizationId }),
    );
    await call(
      'switchOrganization',
      {
        query: `mutation ($id: ID!) { switchOrganization(organizationId: $id) { accessToken } }`,
        variables: { id: created.createOrganization.id },
      },
      () => user,
    );
    const role = await call(
      'createRole',
      {
        query: `mutation { createRole(input: { name: "Releaser", permissions: ["flag:read", "flag:toggle"] }) { id } }`,
      },
      (data) => ({ type: 'role', id: data.createRole.id }),
    );
    await call(
      'updateRole',
      {
        query: `mutation ($id: ID!) { updateRole(id: $id, input: { description: "ships" }) { id } }`,
        variables: { id: role.createRole.id },
      },
      () => ({ type: 'role', id: role.createRole.id }),
    );
    await call(
      'inviteMember',
      {
        query: `mutation ($e: String!) { inviteMember(input: { email: $e, role: "developer" }) { id } }`,
        variables: { e: newcomer },
      },
      // An invitation is a member to be: filed under `member`.
      (data) => ({ type: 'member', id: data.inviteMember.id }),
    );
    const { token: invitation } = await vexil.lastMail(newcomer, 'invitation');
    const joined = await call(
      'acceptInvitation',
      {
        token: newcomerSession,
        query: `mutation ($t: String!) { acceptInvitation(token: $t) { id } }`,
        variables: { t: invitation },
      },
      (data) => ({ type: 'member', id: data.acceptInvitation.id, actorId: newcomerId }),
    );
    const memberId = joined.acceptInvitation.id;
    await call(
      'changeMemberRole',
      {
        query: `mutation ($m: ID!) { changeMemberRole(input: { memberId: $m, role: "admin" }) { id } }`,
        variables: { m: memberId },
      },
      () => ({ type: 'member', id: memberId }),
    );
    await call(
      'setMemberPermissions',
      {
        query: `mutation ($m: ID!, $e: ID!) { setMemberPermissions(memberId: $m, permissions: [{ environmentId: $e, canToggle: true, canEditRules: false }]) { id } }`,
        variables: { m: memberId, e: dev },
      },
      () => ({ type: 'member', id: memberId }),
    );
    await call(
      'deleteRole',
      { query: `mutation ($id: ID!) { deleteRole(id: $id) { id } }`, variables: { id: role.createRole.id } },
      () => ({ type: 'role', id: role.createRole.id }),
    );

    // Projects and environments.
    const other = await call(
      'createProject',
      { query: `mutation { createProject(input: { name: "Audit Other" }) { id } }` },
      (data) => ({ type: 'project', id: data.createProject.id }),
    );
    await call(
      'updateProject',
      {
        query: `mutation ($id: ID!) { updateProject(id: $id, input: { name: "Audit Other 2" }) { id } }`,
        variables: { id: other.createProject.id },
      },
      () => ({ type: 'project', id: other.createProject.id }),
    );
    const qa = await call(
      'createEnvironment',
      {
        query: `mutation ($p: ID!) { createEnvironment(projectId: $p, input: { name: "QA" }) { id } }`,
        variables: { p: project },
      },
      (data) => ({ type: 'environment', id: data.createEnvironment.id }),
    );
    const clone = await call(
      'cloneEnvironment',
      {
        query: `mutation ($id: ID!) { cloneEnvironment(id: $id, input: { name: "QA 2" }) { id } }`,
        variables: { id: qa.createEnvironment.id },
      },
      (data) => ({ type: 'environment', id: data.cloneEnvironment.id }),
    );
    await call(
      'updateEnvironment',
      {
        query: `mutation ($id: ID!) { updateEnvironment(id: $id, input: { requiresApproval: true }) { id } }`,
        variables: { id: qa.createEnvironment.id },
      },
      () => ({ type: 'environment', id: qa.createEnvironment.id }),
    );
    await call(
      'deleteEnvironment',
      {
        query: `mutation ($id: ID!) { deleteEnvironment(id: $id) { id } }`,
        variables: { id: clone.cloneEnvironment.id },
      },
      () => ({ type: 'environment', id: clone.cloneEnvironment.id }),
    );

    // API keys.
    const key = await call(
      'createApiKey',
      {
        query: `mutation ($e: ID!) { createApiKey(input: { environmentId: $e, name: "ci" }) { apiKey { id } } }`,
        variables: { e: production },
      },
      (data) => ({ type: 'key', id: data.createApiKey.apiKey.id }),
    );
    const rotated = await call(
      'rotateApiKey',
      {
        query: `mutation ($id: ID!) { rotateApiKey(input: { id: $id, graceMinutes: 0 }) { apiKey { id } } }`,
        variables: { id: key.createApiKey.apiKey.id },
      },
      () => ({ type: 'key', id: key.createApiKey.apiKey.id }),
    );
    await call(
      'revokeApiKey',
      {
        query: `mutation ($id: ID!) { revokeApiKey(id: $id) { id } }`,
        variables: { id: rotated.rotateApiKey.apiKey.id },
      },
      () => ({ type: 'key', id: rotated.rotateApiKey.apiKey.id }),
    );
    await call(
      'regenerateApiKey',
      {
        query: `mutation ($e: ID!) { regenerateApiKey(environmentId: $e, format: "featureflags") { apiKey { id } } }`,
        variables: { e: staging },
      },
      (data) => ({ type: 'key', id: data.regenerateApiKey.apiKey.id }),
    );
    // Flagify's key pair: both keys in one entry (of the secret key); rotation and revocation of all of
    // an environment's keys: one entry of the environment's keys.
    await call(
      'createApiKeyPair',
      {
        query: `mutation ($e: ID!) { createApiKeyPair(environmentId: $e) { secret { apiKey { id } } } }`,
        variables: { e: dev },
      },
      (data) => ({ type: 'key', id: data.createApiKeyPair.secret.apiKey.id }),
    );
    await call(
      'rotateApiKeyPair',
      {
        query: `mutation ($e: ID!) { rotateApiKeyPair(environmentId: $e, graceMinutes: 0) { secret { key } } }`,
        variables: { e: dev },
      },
      () => ({ type: 'key', id: dev }),
    );
    await call(
      'revokeEnvironmentApiKeys',
      {
        query: `mutation ($e: ID!) { revokeEnvironmentApiKeys(environmentId: $e) { id } }`,
        variables: { e: dev },
      },
      () => ({ type: 'key', id: dev }),
    );

    // Flags and their configurations.
    const flag = await call(
      'createFlag',
      {
        query: `mutation ($p: ID!) { createFlag(projectId: $p, input: { key: "audited", type: "boolean" }) { id } }`,
        variables: { p: project },
      },
      (data) => ({ type: 'flag', id: data.createFlag.id }),
    );
    const flagId = flag.createFlag.id;
    const asFlag = () => ({ type: 'flag', id: flagId });
    await call(
      'cloneFlag',
      {
        query: `mutation ($id: ID!) { cloneFlag(id: $id, input: { key: "audited-copy" }) { id } }`,
        variables: { id: flagId },
      },
      (data) => ({ type: 'flag', id: data.cloneFlag.id }),
    );
    await call(
      'updateFlag',
      {
        query: `mutation ($id: ID!) { updateFlag(id: $id, input: { description: "audited" }) { id } }`,
        variables: { id: flagId },
      },
      asFlag,
    );
    await call(
      'updateFlagConfiguration',
      {
        query: `mutation ($f: ID!, $e: ID!) { updateFlagConfiguration(input: { flagId: $f, environmentId: $e, defaultServe: { value: true } }) { version } }`,
        variables: { f: flagId, e: dev },
      },
      asFlag,
    );
    await call(
      'setFlagEnabled',
      {
        query: `mutation ($f: ID!, $e: ID!) { setFlagEnabled(flagId: $f, environmentId: $e, enabled: true) { version } }`,
        variables: { f: flagId, e: dev },
      },
      asFlag,
    );
    await call(
      'promoteFlagConfiguration',
      {
        query: `mutation ($f: ID!, $s: ID!, $t: ID!) { promoteFlagConfiguration(flagId: $f, sourceEnvironmentId: $s, targetEnvironmentId: $t) { version } }`,
        variables: { f: flagId, s: dev, t: staging },
      },
      asFlag,
    );
    await call(
      'syncFlagConfigurations',
      {
        query: `mutation ($p: ID!, $s: ID!, $t: ID!) { syncFlagConfigurations(projectId: $p, flagKeys: ["audited"], sourceEnvironmentId: $s, targetEnvironmentId: $t) { version } }`,
        variables: { p: project, s: dev, t: production },
      },
      asFlag,
    );
    await call(
      'rollbackFlagConfiguration',
      {
        query: `mutation ($f: ID!, $e: ID!) { rollbackFlagConfiguration(flagId: $f, environmentId: $e, version: 1) { version } }`,
        variables: { f: flagId, e: dev },
      },
      asFlag,
    );
    const scheduled = await call(
      'scheduleFlagChange',
      {
        query: `mutation ($f: ID!, $e: ID!, $at: DateTimeISO!) { scheduleFlagChange(runAt: $at, input: { flagId: $f, environmentId: $e, enabled: false }) { id } }`,
        variables: { f: flagId, e: dev, at: new Date(Date.now() + 86_400_000).toISOString() },
      },
      asFlag,
    );
    await call(
      'cancelScheduledChange',
      {
        query: `mutation ($id: ID!) { cancelScheduledChange(id: $id) { id } }`,
        variables: { id: scheduled.scheduleFlagChange.id },
      },
      asFlag,
    );
    // The QA environment requires approval: the newcomer (now an admin) reviews the owner's request.
    const requested = await call(
      'requestFlagChange',
      {
        query: `mutation ($f: ID!, $e: ID!) { requestFlagChange(input: { flagId: $f, environmentId: $e, enabled: true }) { id } }`,
        variables: { f: flagId, e: qa.createEnvironment.id },
      },
      (data) => ({ type: 'change_request', id: data.requestFlagChange.id }),
    );
    const reviewer = (
      await vexil.graphql(
        `mutation ($id: ID!) { switchOrganization(organizationId: $id) { accessToken } }`,
        { id: ws.account.organizationId },
        newcomerSession,
      )
    ).data.switchOrganization.accessToken;
    await call(
      'reviewChangeRequest',
      {
        token: reviewer,
        query: `mutation ($id: ID!) { reviewChangeRequest(id: $id, approve: false, note: "not yet") { id } }`,
        variables: { id: requested.requestFlagChange.id },
      },
      () => ({ type: 'change_request', id: requested.requestFlagChange.id, actorId: newcomerId }),
    );
    await call(
      'archiveFlag',
      { query: `mutation ($id: ID!) { archiveFlag(id: $id) { id } }`, variables: { id: flagId } },
      asFlag,
    );
    await call(
      'restoreFlag',
      { query: `mutation ($id: ID!) { restoreFlag(id: $id) { id } }`, variables: { id: flagId } },
      asFlag,
    );

    // Segments and webhooks.
    await call(
      'createSegment',
      {
        query: `mutation ($p: ID!) { createSegment(projectId: $p, input: { key: "beta", name: "Beta" }) { id } }`,
        variables: { p: project },
      },
      (data) => ({ type: 'segment', id: data.createSegment.id }),
    );
    await call(
      'updateSegment',
      {
        query: `mutation ($p: ID!) { updateSegment(projectId: $p, key: "beta", input: { name: "Beta users" }) { id } }`,
        variables: { p: project },
      },
      (data) => ({ type: 'segment', id: data.updateSegment.id }),
    );
    await call(
      'deleteSegment',
      {
        query: `mutation ($p: ID!) { deleteSegment(projectId: $p, key: "beta") { id } }`,
        variables: { p: project },
      },
      (data) => ({ type: 'segment', id: data.deleteSegment.id }),
    );
    const hook = await call(
      'createWebhook',
      {
        query: `mutation { createWebhook(input: { name: "ci", url: "https://93.184.215.14/vexil" }) { webhook { id } } }`,
      },
      (data) => ({ type: 'webhook', id: data.createWebhook.webhook.id }),
    );
    const hookId = hook.createWebhook.webhook.id;
    await call(
      'updateWebhook',
      {
        query: `mutation ($id: ID!) { updateWebhook(id: $id, input: { enabled: false }) { id } }`,
        variables: { id: hookId },
      },
      () => ({ type: 'webhook', id: hookId }),
    );
    await call(
      'deleteWebhook',
      { query: `mutation ($id: ID!) { deleteWebhook(id: $id) { id } }`, variables: { id: hookId } },
      () => ({ type: 'webhook', id: hookId }),
    );
    const integration = await call(
      'createIntegration',
      {
        query: `mutation { createIntegration(provider: "datadog", input: { config: { api_key: "k", url: "https://93.184.215.14/dd" } }) { integration { id } } }`,
      },
      (data) => ({ type: 'integration', id: data.createIntegration.integration.id }),
    );
    const integrationId = integration.createIntegration.integration.id;
    const asIntegration = () => ({ type: 'integration', id: integrationId });
    const byId = { id: integrationId };
    await call(
      'updateIntegration',
      {
        query: `mutation ($id: ID!) { updateIntegration(id: $id, input: { enabled: false }) { id } }`,
        variables: byId,
      },
      asIntegration,
    );
    await call(
      'testIntegration',
      { query: `mutation ($id: ID!) { testIntegration(id: $id) { id } }`, variables: byId },
      asIntegration,
    );
    await call(
      'deleteIntegration',
      { query: `mutation ($id: ID!) { deleteIntegration(id: $id) { id } }`, variables: byId },
      asIntegration,
    );

    // Metrics windows (analytics' own settings).
    const organization = { type: 'metrics', id: ws.account.organizationId };
    await call(
      'resetEvaluationMetrics',
      { query: `mutation { resetEvaluationMetrics }` },
      () => organization,
    );
    await call(
      'flushImpressions',
      { query: `mutation { flushImpressions { flagKey } }` },
      () => organization,
    );

    await call(
      'setIpAllowlist',
      {
        query: `mutation { setIpAllowlist(input: { enabled: false, cidrRanges: ["10.0.0.0/8"] }) { enabled } }`,
      },
      () => ({ type: 'ip_allowlist', id: ws.account.organizationId }),
    );
    // Identity: the console's onboarding, a user's preferences and pins, feedback.
    const asOwner = { type: 'user', id: ws.account.userId };
    await call(
      'updateOnboarding',
      { query: `mutation { updateOnboarding(input: { planSelected: true }) { completed } }` },
      () => ({ type: 'onboarding', id: ws.account.organizationId }),
    );
    await call(
      'dismissHint',
      { query: `mutation { dismissHint(hintId: "intro") { dismissedHints } }` },
      () => asOwner,
    );
    await call(
      'updateEmailPreferences',
      {
        query: `mutation { updateEmailPreferences(consent: false, preference: "important") { emailPreference } }`,
      },
      () => asOwner,
    );
    await call(
      'submitFeedback',
      { query: `mutation { submitFeedback(input: { message: "Thanks" }) { id } }` },
      (data) => ({ type: 'feedback', id: data.submitFeedback.id }),
    );
    const pinned = await call(
      'pinItem',
      {
        query: `mutation ($p: ID!) { pinItem(input: { projectId: $p, resourceType: "flag", resourceId: "x" }) { id } }`,
        variables: { p: project },
      },
      (data) => ({ type: 'pin', id: data.pinItem.id }),
    );
    await call(
      'unpinItem',
      { query: `mutation ($id: ID!) { unpinItem(id: $id) }`, variables: { id: pinned.pinItem.id } },
      () => ({ type: 'pin', id: pinned.pinItem.id }),
    );

    await call('beginDataExport', { query: `mutation { beginDataExport { exportedAt } }` }, () => ({
      type: 'data',
      id: ws.account.organizationId,
    }));

    // Billing: a trial, a plan change and a cancellation, each one subscription.* entry.
    const subscriptionId = (await ws.gql(`{ organization { subscription { id } } }`)).data.organization
      .subscription.id;
    const asSubscription = () => ({ type: 'subscription', id: subscriptionId });
    await call('startTrial', { query: `mutation { startTrial(plan: "pro") { id } }` }, asSubscription);
    await call('changePlan', { query: `mutation { changePlan(plan: "enterprise") { id } }` }, asSubscription);
    await call('cancelSubscription', { query: `mutation { cancelSubscription { id } }` }, asSubscription);
    // Manual billing: a checkout is the plan change itself.
    await call('startCheckout', { query: `mutation { startCheckout(plan: "pro") { url } }` }, asSubscription);
    await call(
      'submitDowngradeFeedback',
      { query: `mutation { submitDowngradeFeedback(reason: "too big") { id } }` },
      asSubscription,
    );
    await call(
      'setBillingGateway',
      { query: `mutation { setBillingGateway(gateway: "manual") { id } }` },
      asSubscription,
    );
    // What only a payment provider answers, on a platform that bills with a local stand-in of Stripe.
    const paying = await stripe.platform.workspace();
    const payingSubscription = {
      type: 'subscription',
      id: (await paying.gql(`{ organization { subscription { id } } }`)).data.organization.subscription.id,
    };
    const asPayer = { platform: stripe.platform, token: paying.account.accessToken };
    const asPayingOwner = () => ({ ...payingSubscription, actorId: paying.account.userId });
    await call(
      'startCheckout (Stripe)',
      { ...asPayer, query: `mutation { startCheckout(plan: "pro") { url } }` },
      asPayingOwner,
    );
    const checkout = stripe.fake.completeCheckout(stripe.fake.sessionOf(paying.account.organizationId).id);
    const event = stripeEvent('checkout.session.completed', checkout.session);
    await call(
      'receiveStripeEvent',
      {
        ...asPayer,
        token: null,
        query: `mutation ($p: String!, $s: String!) { receiveStripeEvent(payload: $p, signature: $s) { applied } }`,
        variables: { p: event, s: stripeSignature(event) },
      },
      () => ({ ...payingSubscription, actorId: 'stripe' }),
    );
    await call(
      'createBillingPortalSession',
      { ...asPayer, query: `mutation { createBillingPortalSession { url } }` },
      asPayingOwner,
    );
    await call(
      'applyRetentionDiscount',
      { ...asPayer, query: `mutation { applyRetentionDiscount { id } }` },
      asPayingOwner,
    );
    await call(
      'purchaseCredits',
      { ...asPayer, query: `mutation { purchaseCredits(amountCents: 1000) { url } }` },
      asPayingOwner,
    );

    // What ends things: a flag deleted, a project deleted, a member removed, a session and an account ended.
    await call(
      'deleteFlag',
      { query: `mutation ($id: ID!) { deleteFlag(id: $id) { id } }`, variables: { id: flagId } },
      asFlag,
    );
    await call(
      'deleteProject',
      {
        query: `mutation ($id: ID!) { deleteProject(id: $id) { id } }`,
        variables: { id: other.createProject.id },
      },
      () => ({ type: 'project', id: other.createProject.id }),
    );
    await call(
      'removeMember',
      { query: `mutation ($m: ID!) { removeMember(memberId: $m) { id } }`, variables: { m: memberId } },
      () => ({ type: 'member', id: memberId }),
    );
    await call('logout', { token: newcomerSession, query: `mutation { logout { message } }` }, () => ({
      type: 'user',
      id: newcomerId,
      actorId: newcomerId,
    }));
    const leaving = await vexil.register();
    await call(
      'deleteAccount',
      { token: leaving.accessToken, query: `mutation { deleteAccount { message } }` },
      () => ({ type: 'user', id: leaving.userId, actorId: leaving.userId }),
    );

    const missing = mutationsOfSchema().filter((field) => !called.has(field) && !UNAUDITED[field]);
    expect(missing).toEqual([]);
  }, 60_000);

  it('leaves exactly one audit entry of the changed resource per call, made by its caller', async () => {
    const problems: string[] = [];
    for (const [field, { requestId, type, id, actorId, platform }] of called) {
      const rows = await eventually(
        () =>
          platform.sql<{ action: string; resource_type: string; resource_id: string; actor_id: string }>(
            'select action, resource_type, resource_id, actor_id from analytics.audit_events where request_id = ?',
            [requestId],
          ),
        (found) => found.some((row) => row.resource_type === type),
        2_000,
      );
      const own = rows.filter((row) => row.resource_type === type && (!id || row.resource_id === id));
      const actor = actorId ?? ws.account.userId;
      if (own.length !== 1)
        problems.push(
          `${field}: ${own.length} entries of ${type} ${id ?? ''} (request has ${rows.map((r) => r.action).join(', ') || 'none'})`,
        );
      else if (own[0]!.actor_id !== actor)
        problems.push(`${field}: made by ${own[0]!.actor_id}, not ${actor}`);
    }
    expect(problems).toEqual([]);
  }, 120_000);
});
