import { eventually, startTestPlatform, type TestPlatform, type Workspace } from '@vexil/testing';
import { featureFlagsWorkspace } from '../harness/featureflags.js';
import { expectError } from '../harness/featuresignals.js';
import { NO_LIMITS, plansFile } from '../harness/plans.js';

// Issue 15: plans come from a file, every organization starts on the default plan, and the subgraph
// that owns a resource refuses the (limit+1)-th one; changing the plan never deletes anything.

const unlimited = { ...NO_LIMITS, apiRequestsPerMinute: 600 };
const PLANS = {
  small: {
    name: 'Small',
    priceMonthlyCents: 0,
    limits: { ...unlimited, seats: 2, projects: 2, environments: 6, flags: 2, monthlyActiveContexts: 2 },
    features: ['mfa'],
  },
  big: { name: 'Big', priceMonthlyCents: 9900, limits: unlimited, features: ['webhooks', 'sso'] },
};

const LIMITS = `{ organization { subscription { plan status trialPlan trialEndsAt provider planDetails { name } }
  limits { resource limit used reached } } }`;
const CREATE_FLAG = `mutation ($p: ID!, $k: String!) {
  createFlag(projectId: $p, input: { key: $k, type: "boolean" }) { id } }`;
const CREATE_PROJECT = `mutation ($n: String!) { createProject(input: { name: $n }) { id } }`;
const CHANGE_PLAN = `mutation ($p: String!) { changePlan(plan: $p) { plan status } }`;

describe('plan limits', () => {
  let vexil: TestPlatform;
  let ws: Workspace;

  beforeAll(async () => {
    vexil = await startTestPlatform({
      BILLING_PLANS_FILE: plansFile(PLANS),
      BILLING_DEFAULT_PLAN: 'small',
      BILLING_TRIAL_DAYS: '7',
    });
    ws = await vexil.workspace();
  });
  afterAll(() => vexil.dispose());

  const limitsOf = async () => {
    const { data, errors } = await ws.gql(LIMITS);
    expect(errors).toBeUndefined();
    return data.organization;
  };
  const used = (limits: { resource: string; used: number }[], resource: string) =>
    limits.find((limit) => limit.resource === resource);

  it('lists the plans of the file to anyone', async () => {
    const { data } = await vexil.graphql(
      `{ plans { key name priceMonthlyCents limits { flags seats } features } }`,
    );
    expect(data.plans).toEqual([
      {
        key: 'small',
        name: 'Small',
        priceMonthlyCents: 0,
        limits: { flags: 2, seats: 2 },
        features: ['mfa'],
      },
      {
        key: 'big',
        name: 'Big',
        priceMonthlyCents: 9900,
        limits: { flags: null, seats: null },
        features: ['webhooks', 'sso'],
      },
    ]);
  });

  it('starts a new organization on the default plan, with each limit and what it uses', async () => {
    const organization = await limitsOf();
    expect(organization.subscription).toEqual({
      plan: 'small',
      status: 'active',
      trialPlan: null,
      trialEndsAt: null,
      provider: 'manual',
      planDetails: { name: 'Small' },
    });
    expect(organization.limits).toEqual([
      { resource: 'seats', limit: 2, used: 1, reached: false },
      { resource: 'projects', limit: 2, used: 1, reached: false },
      { resource: 'environments', limit: 6, used: 3, reached: false },
      { resource: 'flags', limit: 2, used: 0, reached: false },
      { resource: 'monthlyActiveContexts', limit: 2, used: 0, reached: false },
      { resource: 'evaluationsPerMonth', limit: null, used: 0, reached: false },
      { resource: 'apiRequestsPerMinute', limit: 600, used: null, reached: false },
    ]);
  });

  it('refuses the flag past the limit with the limit and the usage, and writes nothing', async () => {
    await ws.createFlag('one');
    await ws.createFlag('two');
    const refused = await ws.gql(CREATE_FLAG, { p: ws.projectId, k: 'three' });
    expect(refused.errors?.[0]).toMatchObject({
      message:
        'plan limit exceeded: the Small plan allows 2 flags and 2 are in use; upgrade the plan or remove some first',
      extensions: { code: 'PLAN_LIMIT_EXCEEDED' },
    });
    const [row] = await vexil.sql(
      `select count(*)::int as count from flags.flags where organization_id = ?`,
      [ws.account.organizationId],
    );
    expect(row!.count).toBe(2);
    expect(used((await limitsOf()).limits, 'flags')).toEqual({
      resource: 'flags',
      limit: 2,
      used: 2,
      reached: true,
    });
  });

  it('refuses the project past the limit, and environments past theirs', async () => {
    const second = await ws.mutate(CREATE_PROJECT, { n: 'Second' });
    const third = await ws.gql(CREATE_PROJECT, { n: 'Third' });
    expect(third.errors?.[0]?.extensions?.code).toBe('PLAN_LIMIT_EXCEEDED');
    expect(third.errors?.[0]?.message).toContain('allows 2 projects and 2 are in use');
    const environment = await ws.gql(
      `mutation ($p: ID!) { createEnvironment(projectId: $p, input: { name: "QA" }) { id } }`,
      { p: second.createProject.id },
    );
    expect(environment.errors?.[0]?.message).toContain('allows 6 environments and 6 are in use');
  });

  it('refuses an invitation past the seats, counting invitations still open', async () => {
    const invite = (email: string) =>
      ws.gql(`mutation ($e: String!) { inviteMember(input: { email: $e }) { id } }`, { e: email });
    expect((await invite('second@example.com')).errors).toBeUndefined();
    const refused = await invite('third@example.com');
    expect(refused.errors?.[0]?.extensions?.code).toBe('PLAN_LIMIT_EXCEEDED');
    expect(refused.errors?.[0]?.message).toContain('allows 2 seats and 2 are in use');
  });

  it('lets an owner change the plan, then downgrade without losing anything over the limit', async () => {
    expect((await ws.mutate(CHANGE_PLAN, { p: 'big' })).changePlan).toEqual({
      plan: 'big',
      status: 'active',
    });
    const created = await eventually(
      () => ws.gql(CREATE_FLAG, { p: ws.projectId, k: 'three' }),
      (answer) => !answer.errors,
    );
    expect(created.errors).toBeUndefined();
    await ws.mutate(CHANGE_PLAN, { p: 'small' });
    const refused = await eventually(
      () => ws.gql(CREATE_FLAG, { p: ws.projectId, k: `four-${Date.now()}` }),
      (answer) => Boolean(answer.errors),
    );
    expect(refused.errors?.[0]?.message).toContain('allows 2 flags and 3 are in use');
    const flags = await ws.gql(`query ($p: ID!) { project(id: $p) { flags { totalCount } } }`, {
      p: ws.projectId,
    });
    expect(flags.data.project.flags.totalCount).toBe(3);
    expect(used((await limitsOf()).limits, 'flags')).toMatchObject({ used: 3, reached: true });
  });

  it('refuses an unknown plan and a caller without billing:admin', async () => {
    const unknown = await ws.gql(CHANGE_PLAN, { p: 'gold' });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    const anonymous = await vexil.graphql(CHANGE_PLAN, { p: 'big' });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('runs a trial of a plan until it ends, then the organization is back on its own plan', async () => {
    const trial = await ws.mutate(
      `mutation { startTrial(plan: "big") { plan status trialPlan trialEndsAt } }`,
    );
    expect(trial.startTrial).toMatchObject({ plan: 'big', status: 'trialing', trialPlan: 'big' });
    const days = (Date.parse(trial.startTrial.trialEndsAt) - vexil.clock.now().getTime()) / 86_400_000;
    expect(days).toBeCloseTo(7, 1);
    const during = await eventually(
      () => ws.gql(CREATE_FLAG, { p: ws.projectId, k: 'during-trial' }),
      (answer) => !answer.errors,
    );
    expect(during.errors).toBeUndefined();
    const again = await ws.gql(`mutation { startTrial(plan: "big") { plan } }`);
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    vexil.clock.advance(8 * 86_400_000);
    // The session's access token has expired with the trial: sign in again.
    const { email, password } = ws.account;
    const signedIn = await vexil.graphql(
      `mutation ($e: String!, $p: String!) { login(input: { email: $e, password: $p }) { tokens { accessToken } } }`,
      { e: email, p: password },
    );
    const token = signedIn.data.login.tokens.accessToken;
    const { data } = await vexil.graphql(LIMITS, {}, token);
    expect(data.organization.subscription).toMatchObject({
      plan: 'small',
      status: 'active',
      trialEndsAt: null,
    });
    const after = await vexil.graphql(CREATE_FLAG, { p: ws.projectId, k: 'after-trial' }, token);
    expect(after.errors?.[0]?.extensions?.code).toBe('PLAN_LIMIT_EXCEEDED');
  });

  it('refuses requiring approval, an IP allowlist, and enrolling in MFA, on a plan without them', async () => {
    const other = await vexil.workspace();
    const REQUIRE = `mutation ($id: ID!) { updateEnvironment(id: $id, input: { requiresApproval: true }) { requiresApproval } }`;
    const approval = await other.gql(REQUIRE, { id: other.env.production });
    expect(approval.errors?.[0]).toMatchObject({
      message: 'plan limit exceeded: the Small plan does not include approvals; upgrade the plan to use it',
      extensions: { code: 'PLAN_LIMIT_EXCEEDED' },
    });
    const allowlist = await other.gql(
      `mutation { setIpAllowlist(input: { enabled: false, cidrRanges: [] }) { enabled } }`,
    );
    expect(allowlist.errors?.[0]?.message).toBe(
      'plan limit exceeded: the Small plan does not include ipAllowlist; upgrade the plan to use it',
    );
    // Small includes MFA, Big does not.
    expect((await other.gql(`mutation { enableMfa { secret } }`)).errors).toBeUndefined();
    const big = await vexil.workspace();
    await big.mutate(CHANGE_PLAN, { p: 'big' });
    // Identity hears of the new plan from billing's event, a moment after the change.
    const refused = await eventually(
      () => big.gql(`mutation { enableMfa { secret } }`),
      (answer) => answer.errors !== undefined,
    );
    expect(refused.errors?.[0]?.message).toBe(
      'plan limit exceeded: the Big plan does not include mfa; upgrade the plan to use it',
    );
  });

  it('refuses webhooks, integrations, custom roles and audit export on a plan without those features', async () => {
    const other = await vexil.workspace();
    const webhook = await other.gql(
      `mutation { createWebhook(input: { name: "ci", url: "https://example.com/hook" }) { secret } }`,
    );
    expect(webhook.errors?.[0]).toMatchObject({
      message: 'plan limit exceeded: the Small plan does not include webhooks; upgrade the plan to use it',
      extensions: { code: 'PLAN_LIMIT_EXCEEDED' },
    });
    // Integrations are delivered as webhooks are, so they take the same feature (FeatureSignals: 402).
    const slack = await vexil.http('POST', '/v1/integrations', {
      token: other.account.accessToken,
      body: { provider: 'slack', config: { webhook_url: 'https://hooks.slack.com/services/x' } },
    });
    expectError(slack, 402, 'PLAN_LIMIT_EXCEEDED');
    const role = await other.gql(
      `mutation { createRole(input: { name: "Toggler", permissions: ["flag:toggle"] }) { id } }`,
    );
    expect(role.errors?.[0]?.message).toContain('does not include customRoles');
    const exported = await vexil.http('GET', '/v1/audit/export?format=csv', {
      token: other.account.accessToken,
    });
    expectError(exported, 402, 'PLAN_LIMIT_EXCEEDED');
    expect(exported.body.message).toContain('does not include auditExport');
  });

  it('answers FeatureSignals 402 (its FeatureGate) for a flag past the plan', async () => {
    const other = await vexil.workspace();
    const create = (key: string) =>
      vexil.http('POST', `/v1/projects/${other.projectId}/flags`, {
        token: other.account.accessToken,
        body: { key, name: key, flag_type: 'boolean' },
      });
    expect((await create('first')).status).toBe(201);
    expect((await create('second')).status).toBe(201);
    const refused = await create('third');
    expectError(refused, 402, 'PLAN_LIMIT_EXCEEDED');
    expect(refused.body.message).toContain('allows 2 flags and 2 are in use');
  });

  it('answers FeatureFlags telemetry past the plan’s MAU with 429 mau_limit_exceeded', async () => {
    const ff = await featureFlagsWorkspace(vexil);
    const report = (contextId: string) =>
      vexil.http('POST', '/featureflags/v1/telemetry', {
        headers: { accept: 'application/json', authorization: `Bearer ${ff.key}` },
        body: {
          events: [
            { flag_key: 'checkout', value: true, context_id: contextId, timestamp: new Date().toISOString() },
          ],
        },
      });
    expect((await report('user-1')).body).toEqual({ received: true, count: 1 });
    expect((await report('user-2')).body).toEqual({ received: true, count: 1 });
    const refused = await report('user-3');
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({
      received: false,
      error: 'mau_limit_exceeded',
      message: 'Monthly active user limit exceeded.',
    });
    const { data } = await ff
      .gql(`{ organization { limits { resource used reached } } }`)
      .then((data) => ({ data }));
    expect(data.organization.limits[4]).toEqual({
      resource: 'monthlyActiveContexts',
      used: 2,
      reached: true,
    });
  });
});
