import { sharedTestPlatform } from '@vexil/testing';

const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

async function setup() {
  const ws = await vexil.workspace();
  const { data } = await ws.gql(
    `mutation ($p: ID!) { createFlag(projectId: $p, input: { key: "f", type: "boolean" }) { id } }`,
    {
      p: ws.projectId,
    },
  );
  return { ...ws, flagId: data.createFlag.id as string };
}

const CONFIGURE = `mutation ($input: UpdateFlagConfigurationInput!) { updateFlagConfiguration(input: $input) { version } }`;

describe('projects', () => {
  it('renames, counts on the dashboard, refuses a taken slug and deletes', async () => {
    const { gql, projectId } = await setup();
    await gql(`mutation { createProject(input: { name: "Other", slug: "other" }) { id } }`);
    const renamed = await gql(
      `mutation ($id: ID!) { updateProject(id: $id, input: { name: "Web" }) { name slug dashboard { totalFlags totalEnvironments activeFlags } } }`,
      { id: projectId },
    );
    expect(renamed.data.updateProject).toEqual({
      name: 'Web',
      slug: 'default',
      dashboard: { totalFlags: 1, totalEnvironments: 3, activeFlags: 1 },
    });
    const taken = await gql(
      `mutation ($id: ID!) { updateProject(id: $id, input: { slug: "other" }) { slug } }`,
      { id: projectId },
    );
    expect(taken.errors?.[0]?.extensions?.code).toBe('PROJECT_SLUG_CONFLICT');
    expect(
      (await gql(`mutation ($id: ID!) { deleteProject(id: $id) { id } }`, { id: projectId })).errors,
    ).toBeUndefined();
    const gone = await gql(`query ($id: ID!) { project(id: $id) { id } }`, { id: projectId });
    expect(gone.errors?.[0]?.extensions?.code).toBe('PROJECT_NOT_FOUND');
  });
});

describe('environments', () => {
  it('creates one with a colour, refuses a bad colour and a duplicate key', async () => {
    const { gql, projectId } = await setup();
    const created = await gql(
      `mutation ($p: ID!) { createEnvironment(projectId: $p, input: { name: "QA Lab", color: "#112233" }) { key name color } }`,
      { p: projectId },
    );
    expect(created.data.createEnvironment).toEqual({ key: 'qa-lab', name: 'QA Lab', color: '#112233' });
    const bad = await gql(
      `mutation ($p: ID!) { createEnvironment(projectId: $p, input: { name: "X", color: "red" }) { key } }`,
      { p: projectId },
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    const duplicate = await gql(
      `mutation ($p: ID!) { createEnvironment(projectId: $p, input: { name: "QA Lab" }) { key } }`,
      { p: projectId },
    );
    expect(duplicate.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('clones an environment with all flag configuration', async () => {
    const { gql, env, flagId } = await setup();
    await gql(CONFIGURE, {
      input: {
        flagId,
        environmentId: env.production,
        enabled: true,
        targets: [{ variation: 'off', values: ['u1'] }],
      },
    });
    const clone = await gql(
      `mutation ($id: ID!) { cloneEnvironment(id: $id, input: { name: "Prod copy" }) { key flags { nodes { enabled version targets { variation values } flag { key } } } } }`,
      { id: env.production },
    );
    expect(clone.errors).toBeUndefined();
    expect(clone.data.cloneEnvironment).toEqual({
      key: 'prod-copy',
      flags: {
        nodes: [
          { enabled: true, version: 1, targets: [{ variation: 'off', values: ['u1'] }], flag: { key: 'f' } },
        ],
      },
    });
  });

  it('promotes a configuration and compares environments', async () => {
    const { gql, env, flagId } = await setup();
    await gql(CONFIGURE, {
      input: {
        flagId,
        environmentId: env.staging,
        enabled: true,
        defaultServe: {
          rollout: [
            { variation: 'on', weight: 2500 },
            { variation: 'off', weight: 7500 },
          ],
        },
      },
    });
    const diff = await gql(
      `query ($a: ID!, $b: ID!) { compareEnvironments(sourceEnvironmentId: $a, targetEnvironmentId: $b) { flagKey differences } }`,
      { a: env.staging, b: env.production },
    );
    expect(diff.data.compareEnvironments).toEqual([
      { flagKey: 'f', differences: ['enabled', 'defaultServe'] },
    ]);
    const promoted = await gql(
      `mutation ($f: ID!, $a: ID!, $b: ID!) { promoteFlagConfiguration(flagId: $f, sourceEnvironmentId: $a, targetEnvironmentId: $b, expectedVersion: 0) { enabled version defaultServe { rollout { variation weight } } } }`,
      { f: flagId, a: env.staging, b: env.production },
    );
    expect(promoted.data.promoteFlagConfiguration).toEqual({
      enabled: true,
      version: 1,
      defaultServe: {
        rollout: [
          { variation: 'on', weight: 2500 },
          { variation: 'off', weight: 7500 },
        ],
      },
    });
    const after = await gql(
      `query ($a: ID!, $b: ID!) { compareEnvironments(sourceEnvironmentId: $a, targetEnvironmentId: $b) { flagKey } }`,
      { a: env.staging, b: env.production },
    );
    expect(after.data.compareEnvironments).toEqual([]);
  });

  it('lets only owners and admins delete, and hides other organizations’ environments', async () => {
    const { gql, env } = await setup();
    const other = await setup();
    const foreign = await other.gql(`mutation ($id: ID!) { deleteEnvironment(id: $id) { id } }`, {
      id: env.dev,
    });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('ENVIRONMENT_NOT_FOUND');
    expect(
      (await gql(`mutation ($id: ID!) { deleteEnvironment(id: $id) { key } }`, { id: env.dev })).data
        .deleteEnvironment.key,
    ).toBe('dev');
  });
});
