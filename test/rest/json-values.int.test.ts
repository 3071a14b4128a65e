import { eventually, sharedTestPlatform } from '@vexil/testing';

const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

// JSON flag values as a client writes them: camelCase and snake_case keys at every depth, in an order
// `jsonb` would change (it puts shorter keys first), arrays, unicode (astral, escaped, U+2028), numbers that
// JSON.parse normalises (1.0, 1e21), empty containers.
const DEFAULT = String.raw`{"maxItems":3,"snake_case":{"innerKey":[1.0,1e21,-0.5,{"deepCamel":true,"x_y":null}]},"unicode":"héllo ✓ 😀 \u2028 \"q\" \u00e9","empty":{},"emptyList":[],"CapsKey":"Z"}`;
const RULE = String.raw`[{"ruleKey":"b","nested_obj":{"aB":1,"HTTPServer":"x"}},"text",2.50,[]]`;
const VARIANT = String.raw`{"variantKey":{"deeperKey":{"deepestKey":"c"}},"userID":"u-1"}`;
const OTHER_VARIANT = '{}';

/** The JSON text a client sends for a value: the raw text as JSON.parse and JSON.stringify see it. */
const text = (raw: string) => JSON.stringify(JSON.parse(raw));

/**
 * Asserts that a value reads back byte for byte as it was written: the raw response text holds the
 * value's JSON text, and the value read from it re-serialises to that text (key order included).
 */
const same = (answer: { text: string }, value: unknown, raw: string) => {
  expect(JSON.stringify(value)).toBe(text(raw));
  expect(answer.text).toContain(text(raw));
};

describe('JSON flag values', () => {
  it('read back byte for byte as they were written, through every dialect and GraphQL', async () => {
    const ws = await vexil.workspace();
    const { key: apiKey } = await ws.apiKey('server', 'production');
    const token = ws.account.accessToken;
    const base = `/v1/projects/${ws.projectId}`;
    const sdk = { 'x-api-key': apiKey };

    const created = await vexil.http('POST', `${base}/flags`, {
      token,
      body: `{"key":"config","name":"Config","flag_type":"json","default_value":${DEFAULT}}`,
    });
    expect(created.status).toBe(201);
    same(created, created.body.default_value, DEFAULT);

    // FeatureSignals names values; the flags subgraph adds a variation for each new one.
    const statePath = `${base}/flags/config/environments/${ws.env.production}`;
    const put = await vexil.http('PUT', statePath, {
      token,
      body: `{"enabled":true,"rules":[{"id":"beta","match_type":"all","conditions":[{"attribute":"plan","operator":"eq","values":["beta"]}],"value":${RULE}}],"variants":[{"key":"variant","value":${VARIANT},"weight":10000},{"key":"other","value":${OTHER_VARIANT},"weight":0}]}`,
    });
    expect(put.status).toBe(200);

    // GraphQL: the flag's variations and the configuration's served values.
    const graph = await vexil.http('POST', '/graphql', {
      token,
      body: {
        query: `query ($p: ID!) { project(id: $p) { flag(key: "config") { variations { value } configuration(environmentKey: "production") { offValue rules { serve { value } } defaultServe { rollout { value } } } } } }`,
        variables: { p: ws.projectId },
      },
    });
    const flag = graph.body.data.project.flag;
    [DEFAULT, RULE, VARIANT, OTHER_VARIANT].forEach((raw, index) =>
      same(graph, flag.variations[index].value, raw),
    );
    same(graph, flag.configuration.offValue, DEFAULT);
    same(graph, flag.configuration.rules[0].serve.value, RULE);
    same(graph, flag.configuration.defaultServe.rollout[0].value, VARIANT);

    // FeatureSignals management routes.
    const history = await vexil.http('GET', `${base}/flags/config/history?env_id=${ws.env.production}`, {
      token,
    });
    const states = await vexil.http('GET', `${base}/environments/${ws.env.production}/flag-states`, {
      token,
    });
    const got = await vexil.http('GET', statePath, { token });
    for (const [answer, state] of [
      [put, put.body],
      [got, got.body],
      [states, states.body.data[0]],
      [history, history.body.data[0]],
    ] as const) {
      same(answer, state.default_value, VARIANT);
      same(answer, state.rules[0].value, RULE);
      same(answer, state.variants[0].value, VARIANT);
      same(answer, state.variants[1].value, OTHER_VARIANT);
    }
    const one = await vexil.http('GET', `${base}/flags/config`, { token });
    same(one, one.body.default_value, DEFAULT);
    const list = await vexil.http('GET', `${base}/flags`, { token });
    same(list, list.body.data[0].default_value, DEFAULT);

    // FeatureSignals SDK routes, once the gateway's ruleset has the state.
    const evaluate = (attributes: Record<string, string>) =>
      vexil.http('POST', '/v1/evaluate', {
        headers: sdk,
        body: { flag_key: 'config', context: { key: 'user-1', attributes } },
      });
    const ruled = await eventually(
      () => evaluate({ plan: 'beta' }),
      (answer) => answer.body.reason === 'TARGETED',
    );
    same(ruled, ruled.body.value, RULE);
    const fallen = await evaluate({});
    same(fallen, fallen.body.value, VARIANT);
    const bulk = await vexil.http('POST', '/v1/evaluate/bulk', {
      headers: sdk,
      body: { flag_keys: ['config'], context: { key: 'user-1', attributes: { plan: 'beta' } } },
    });
    same(bulk, bulk.body.config.value, RULE);
    const client = await vexil.http('GET', '/v1/client/production/flags?key=user-1', { headers: sdk });
    same(client, client.body.config, VARIANT);

    // Flagify SDK routes.
    const listed = await vexil.http('GET', '/flagify/v1/eval/flags', { headers: sdk });
    const single = await vexil.http('GET', '/flagify/v1/eval/flags/config', { headers: sdk });
    for (const [answer, flaggy] of [
      [listed, listed.body[0]],
      [single, single.body],
    ] as const) {
      same(answer, flaggy.value, VARIANT);
      same(answer, flaggy.defaultValue, VARIANT);
      same(answer, flaggy.offValue, DEFAULT);
      same(answer, flaggy.targetingRules[0].valueOverride, RULE);
      [DEFAULT, RULE, VARIANT, OTHER_VARIANT].forEach((raw, index) =>
        same(answer, flaggy.variants[index].value, raw),
      );
    }
    const user = { userId: 'user-1', attributes: { plan: 'beta' } };
    const evaluated = await vexil.http('POST', '/flagify/v1/eval/flags/evaluate', {
      headers: sdk,
      body: user,
    });
    same(evaluated, evaluated.body[0].value, RULE);
    const evaluatedOne = await vexil.http('POST', '/flagify/v1/eval/flags/config/evaluate', {
      headers: sdk,
      body: user,
    });
    same(evaluatedOne, evaluatedOne.body.value, RULE);
  });
});
