import { evaluate } from '@vexil/evaluation';
import { sharedTestPlatform, subscribe } from '@vexil/testing';

const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

const FLAG_UPDATES = `subscription { flagUpdates { action flagKey version flag segments } }`;

describe('flagUpdates over graphql-ws (SDKs)', () => {
  it('pushes each change of the key’s environment with a ruleset the SDK can evaluate locally', async () => {
    const ws = await vexil.workspace();
    const key = (
      await vexil.http('POST', `/v1/environments/${ws.env.production}/api-keys`, {
        token: ws.account.accessToken,
        body: { name: 'sdk', type: 'client' },
      })
    ).body.key as string;
    const feed = subscribe(vexil.ws({ apiKey: key }), FLAG_UPDATES);
    await feed.ready;

    await ws.gql(
      `mutation ($p: ID!) { createSegment(projectId: $p, input: { key: "beta", included: ["u-beta"] }) { key } }`,
      { p: ws.projectId },
    );
    const { data } = await ws.gql(
      `mutation ($p: ID!) { createFlag(projectId: $p, input: { key: "checkout", type: "boolean" }) { id } }`,
      { p: ws.projectId },
    );
    const configure = (environmentId: string) =>
      ws.gql(
        `mutation ($input: UpdateFlagConfigurationInput!) { updateFlagConfiguration(input: $input) { version } }`,
        {
          input: {
            flagId: data.createFlag.id,
            environmentId,
            enabled: true,
            rules: [
              {
                id: 'beta',
                match: 'all',
                conditions: [{ attribute: 'key', operator: 'in_segment', values: ['beta'] }],
                serve: { variation: 'on' },
              },
            ],
            defaultServe: { variation: 'off' },
          },
        },
      );
    await configure(ws.env.dev);
    await configure(ws.env.production);

    const results = await feed.received(3);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(results.map((r) => r.errors)).toEqual([undefined, undefined, undefined]);
    const updates = results.map((r) => r.data!.flagUpdates);
    expect(updates.map((u: any) => [u.action, u.flagKey, u.version])).toEqual([
      ['segment.created', null, null],
      ['flag.created', 'checkout', 0],
      ['flag.config_updated', 'checkout', 1],
    ]);
    const last = updates[2] as { flag: any; segments: any };
    expect(Object.keys(last.segments)).toEqual(['beta']);
    const ruleset = { flags: { checkout: last.flag }, segments: last.segments };
    const now = new Date();
    expect(evaluate(ruleset, 'checkout', { key: 'u-beta' }, { now })).toMatchObject({
      value: true,
      reason: 'TARGETING_MATCH',
    });
    expect(evaluate(ruleset, 'checkout', { key: 'someone' }, { now })).toMatchObject({
      value: false,
      reason: 'DEFAULT',
    });
    feed.stop();
  });

  it('gives a signed-in user’s subscription nothing: flagUpdates is for API keys', async () => {
    const ws = await vexil.workspace();
    const feed = subscribe(vexil.ws({ authorization: `Bearer ${ws.account.accessToken}` }), FLAG_UPDATES);
    await feed.ready;
    await ws.gql(
      `mutation ($p: ID!) { createFlag(projectId: $p, input: { key: "x", type: "boolean" }) { id } }`,
      { p: ws.projectId },
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(feed.results).toEqual([]);
    feed.stop();
  });
});
