import { LIMITS } from '@vexil/platform';
import { sharedTestPlatform } from '@vexil/testing';

// Issue 10: caps on write (packages/platform/src/limits/limits.ts) come out of the graph as
// `VALIDATION_FAILED` with the offending field, and a refused write leaves nothing behind.

const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

const CREATE_FLAG = `mutation ($projectId: ID!, $input: CreateFlagInput!) {
  createFlag(projectId: $projectId, input: $input) { id }
}`;
const CONFIGURE = `mutation ($input: UpdateFlagConfigurationInput!) {
  updateFlagConfiguration(input: $input) { version }
}`;
const READ = `query ($id: ID!) { flag(id: $id) { configuration(environmentKey: "production") { version rules { id } } } }`;

const rule = (index: number, values: string[], operator = 'equals') => ({
  id: `r${index}`,
  match: 'all',
  conditions: [{ attribute: 'attr', operator, values }],
  serve: { variation: 'on' },
});

describe('caps on write through GraphQL', () => {
  it('refuses a 200 000-character name and 51 tags, creating nothing', async () => {
    const ws = await vexil.workspace();
    const gql = (query: string, variables: Record<string, unknown>) =>
      vexil.graphql(query, variables, ws.account.accessToken);
    const long = await gql(CREATE_FLAG, {
      projectId: ws.projectId,
      input: { key: 'long', type: 'boolean', name: 'n'.repeat(200_000) },
    });
    expect(long.errors?.[0]?.extensions).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { name: [`must be at most ${LIMITS.nameLength} characters (it has 200000)`] },
    });
    const tags = Array.from({ length: LIMITS.tagsPerFlag + 1 }, (_, i) => `t${i}`);
    const tagged = await gql(CREATE_FLAG, {
      projectId: ws.projectId,
      input: { key: 'tagged', type: 'boolean', tags },
    });
    expect(tagged.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    const project = await gql(`query ($id: ID!) { project(id: $id) { flags { totalCount } } }`, {
      id: ws.projectId,
    });
    expect(project.data.project.flags.totalCount).toBe(0);
  });

  it('refuses too many rules, too many patterns and patterns RE2 cannot run, keeping the stored version', async () => {
    const ws = await vexil.workspace();
    const gql = (query: string, variables: Record<string, unknown>) =>
      vexil.graphql(query, variables, ws.account.accessToken);
    const flag = (
      await gql(CREATE_FLAG, { projectId: ws.projectId, input: { key: 'gate', type: 'boolean' } })
    ).data.createFlag;
    const base = { flagId: flag.id, environmentId: ws.env.production };
    expect((await gql(CONFIGURE, { input: { ...base, rules: [rule(1, ['x'])] } })).errors).toBeUndefined();

    const refused = async (rules: unknown[]) =>
      (await gql(CONFIGURE, { input: { ...base, rules } })).errors?.[0]?.extensions;
    expect(
      await refused(Array.from({ length: LIMITS.rulesPerConfiguration + 1 }, (_, i) => rule(i, ['x']))),
    ).toEqual(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        fields: { rules: [`must hold at most ${LIMITS.rulesPerConfiguration} rules (it has 201)`] },
      }),
    );
    const patterns = Array.from({ length: 6 }, (_, i) => rule(i, Array(500).fill('a*a*a*c'), 'matches'));
    expect(await refused(patterns)).toMatchObject({ code: 'VALIDATION_FAILED' });
    const spread = Array.from({ length: LIMITS.patternsPerConfiguration + 1 }, (_, i) =>
      rule(i, ['^a'], 'matches'),
    );
    expect(await refused(spread)).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: {
        rules: [expect.stringContaining(`at most ${LIMITS.patternsPerConfiguration} \`matches\` patterns`)],
      },
    });
    expect(await refused([rule(1, ['^(?=a)'], 'matches')])).toMatchObject({ code: 'VALIDATION_FAILED' });
    const conditions = Array.from({ length: LIMITS.conditionsPerRule + 1 }, () => ({
      attribute: 'attr',
      operator: 'equals',
      values: ['x'],
    }));
    expect(await refused([{ ...rule(1, []), conditions }])).toMatchObject({ code: 'VALIDATION_FAILED' });

    const { data } = await gql(READ, { id: flag.id });
    expect(data.flag.configuration).toEqual({ version: 1, rules: [{ id: 'r1' }] });
  });
});
