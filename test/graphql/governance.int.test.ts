import { sharedTestPlatform } from '@vexil/testing';

const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

async function setup() {
  const ws = await vexil.workspace();
  const { data } = await ws.gql(
    `mutation ($p: ID!) { createFlag(projectId: $p, input: { key: "gated", type: "boolean" }) { id } }`,
    {
      p: ws.projectId,
    },
  );
  return { ...ws, flagId: data.createFlag.id as string };
}

const configuration = (gql: any, flagId: string, key: string) =>
  gql(`query ($id: ID!) { flag(id: $id) { configuration(environmentKey: "${key}") { enabled version } } }`, {
    id: flagId,
  }).then((answer: any) => answer.data.flag.configuration);

describe('change requests', () => {
  it('requires an approved request in an approval environment, and the requester cannot approve their own', async () => {
    const { gql, env, flagId } = await setup();
    await gql(
      `mutation ($id: ID!) { updateEnvironment(id: $id, input: { requiresApproval: true }) { requiresApproval } }`,
      { id: env.production },
    );

    const direct = await gql(
      `mutation ($f: ID!, $e: ID!) { setFlagEnabled(flagId: $f, environmentId: $e, enabled: true) { enabled } }`,
      {
        f: flagId,
        e: env.production,
      },
    );
    expect(direct.errors?.[0]?.extensions?.code).toBe('INSUFFICIENT_PERMISSIONS');

    const requested = await gql(
      `mutation ($input: UpdateFlagConfigurationInput!) { requestFlagChange(input: $input, note: "launch") { id status baseVersion } }`,
      { input: { flagId, environmentId: env.production, enabled: true } },
    );
    expect(requested.data.requestFlagChange).toMatchObject({ status: 'pending', baseVersion: 0 });
    const own = await gql(`mutation ($id: ID!) { reviewChangeRequest(id: $id, approve: true) { status } }`, {
      id: requested.data.requestFlagChange.id,
    });
    expect(own.errors?.[0]?.extensions?.code).toBe('INSUFFICIENT_PERMISSIONS');
    expect(await configuration(gql, flagId, 'production')).toEqual({ enabled: false, version: 0 });

    const { data } = await gql(
      `query ($p: ID!) { project(id: $p) { environments { nodes { key changeRequests(status: "pending") { note } } } } }`,
      {
        p: (await gql(`query ($id: ID!) { flag(id: $id) { project { id } } }`, { id: flagId })).data.flag
          .project.id,
      },
    );
    expect(data.project.environments.nodes.find((e: any) => e.key === 'production').changeRequests).toEqual([
      { note: 'launch' },
    ]);
  });

  it('refuses change requests where no approval is required', async () => {
    const { gql, env, flagId } = await setup();
    const answer = await gql(
      `mutation ($input: UpdateFlagConfigurationInput!) { requestFlagChange(input: $input) { id } }`,
      {
        input: { flagId, environmentId: env.dev, enabled: true },
      },
    );
    expect(answer.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });
});

describe('scheduled changes', () => {
  it('are applied by the scheduler at their time, and can be cancelled before', async () => {
    const { gql, env, flagId } = await setup();
    const soon = new Date(Date.now() + 300).toISOString();
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const schedule = (environmentId: string, runAt: string) =>
      gql(
        `mutation ($input: UpdateFlagConfigurationInput!, $at: DateTimeISO!) { scheduleFlagChange(input: $input, runAt: $at) { id status } }`,
        {
          input: { flagId, environmentId, enabled: true },
          at: runAt,
        },
      );
    expect((await schedule(env.staging, soon)).data.scheduleFlagChange.status).toBe('pending');
    const cancelled = (await schedule(env.dev, later)).data.scheduleFlagChange.id;
    expect(
      (await gql(`mutation ($id: ID!) { cancelScheduledChange(id: $id) { status } }`, { id: cancelled })).data
        .cancelScheduledChange.status,
    ).toBe('canceled');

    let staging = await configuration(gql, flagId, 'staging');
    for (let attempt = 0; attempt < 60 && !staging.enabled; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      staging = await configuration(gql, flagId, 'staging');
    }
    expect(staging).toEqual({ enabled: true, version: 1 });
    expect(await configuration(gql, flagId, 'dev')).toEqual({ enabled: false, version: 0 });
  });
});

describe('history', () => {
  it('lists every version with who changed it, newest first', async () => {
    const { gql, env, flagId, account } = await setup();
    await gql(
      `mutation ($f: ID!, $e: ID!) { setFlagEnabled(flagId: $f, environmentId: $e, enabled: true) { version } }`,
      { f: flagId, e: env.dev },
    );
    await gql(
      `mutation ($f: ID!, $e: ID!) { setFlagEnabled(flagId: $f, environmentId: $e, enabled: false) { version } }`,
      { f: flagId, e: env.dev },
    );
    const { data } = await gql(
      `query ($id: ID!) { flag(id: $id) { history(environmentKey: "dev") { version changedBy configuration } } }`,
      { id: flagId },
    );
    expect(data.flag.history.map((h: any) => [h.version, h.configuration.enabled])).toEqual([
      [2, false],
      [1, true],
    ]);
    expect(data.flag.history[0].changedBy).toBe(`user:${account.userId}`);
  });
});
