import { createHash } from 'node:crypto';
import { sharedTestPlatform } from '@vexil/testing';

const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

// JSON flag values as a client writes them: camelCase and snake_case keys at every depth, arrays,
// unicode (astral, escaped, U+2028), numbers that JSON.parse normalises (1.0, 1e21), empty containers.
const DEFAULT = String.raw`{"maxItems":3,"snake_case":{"innerKey":[1.0,1e21,-0.5,{"deepCamel":true,"x_y":null}]},"unicode":"héllo ✓ 😀 \u2028 \"q\" \u00e9","empty":{},"emptyList":[],"CapsKey":"Z"}`;
const RULE = String.raw`[{"ruleKey":"b","nested_obj":{"aB":1,"HTTPServer":"x"}},"text",2.50,[]]`;
const VARIANT = String.raw`{"variantKey":{"deeperKey":{"deepestKey":"c"}},"userID":"u-1"}`;
const OTHER_VARIANT = '{}';

/** The JSON text a client sends for a value: the raw text as JSON.parse and JSON.stringify see it. */
const text = (raw: string) => JSON.stringify(JSON.parse(raw));

/**
 * JSON text with every object's keys sorted. Flag values are stored as PostgreSQL `jsonb`, which keeps
 * its own key order (shorter keys first), so key order is the one thing that does not round-trip.
 */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );

/** Asserts that a value reads back with the JSON text it was written with, up to key order. */
const same = (value: unknown, raw: string) => expect(canonical(value)).toBe(canonical(JSON.parse(raw)));

/** FeatureSignals names a value's variation by a digest of its JSON (flag-state.mapping.ts). */
const featureSignalsKey = (raw: string) =>
  `v-${createHash('sha256').update(text(raw)).digest('hex').slice(0, 16)}`;

/** Retries `read` until `done` holds: SDK routes answer from rulesets the gateway updates from events. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let attempt = 0; attempt < 100 && !done(value); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    value = await read();
  }
  return value;
}

describe('JSON flag values', () => {
  it('read back with the JSON text they were written with, through every dialect and GraphQL', async () => {
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
    same(created.body.default_value, DEFAULT);

    // The rule's and the variants' values enter through GraphQL; FeatureSignals names them below.
    const [written] = (
      await ws.mutate(`query ($p: ID!) { project(id: $p) { flag(key: "config") { variations { key } } } }`, {
        p: ws.projectId,
      })
    ).project.flag.variations;
    await ws.mutate(
      `mutation ($p: ID!, $input: UpdateFlagInput!) { updateFlag(projectId: $p, key: "config", input: $input) { id } }`,
      {
        p: ws.projectId,
        input: {
          variations: [
            { key: written.key, value: JSON.parse(DEFAULT) },
            { key: featureSignalsKey(RULE), value: JSON.parse(RULE) },
            { key: 'variant', value: JSON.parse(VARIANT) },
            { key: 'other', value: JSON.parse(OTHER_VARIANT) },
          ],
        },
      },
    );
    const statePath = `${base}/flags/config/environments/${ws.env.production}`;
    const put = await vexil.http('PUT', statePath, {
      token,
      body: `{"enabled":true,"rules":[{"id":"beta","match_type":"all","conditions":[{"attribute":"plan","operator":"eq","values":["beta"]}],"value":${RULE}}],"variants":[{"key":"variant","weight":10000},{"key":"other","weight":0}]}`,
    });
    expect(put.status).toBe(200);

    const graph = await ws.mutate(
      `query ($p: ID!) { project(id: $p) { flag(key: "config") { variations { value } } } }`,
      { p: ws.projectId },
    );
    const values = graph.project.flag.variations.map((variation: { value: unknown }) => variation.value);
    [DEFAULT, RULE, VARIANT, OTHER_VARIANT].forEach((raw, index) => same(values[index], raw));

    // FeatureSignals management routes.
    const states = [
      put.body,
      (await vexil.http('GET', statePath, { token })).body,
      (await vexil.http('GET', `${base}/environments/${ws.env.production}/flag-states`, { token })).body
        .data[0],
      (await vexil.http('GET', `${base}/flags/config/history?env_id=${ws.env.production}`, { token })).body
        .data[0],
    ];
    for (const state of states) {
      same(state.default_value, VARIANT);
      same(state.rules[0].value, RULE);
      same(state.variants[0].value, VARIANT);
      same(state.variants[1].value, OTHER_VARIANT);
    }
    same((await vexil.http('GET', `${base}/flags/config`, { token })).body.default_value, DEFAULT);
    same((await vexil.http('GET', `${base}/flags`, { token })).body.data[0].default_value, DEFAULT);

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
    same(ruled.body.value, RULE);
    same((await evaluate({})).body.value, VARIANT);
    const bulk = await vexil.http('POST', '/v1/evaluate/bulk', {
      headers: sdk,
      body: { flag_keys: ['config'], context: { key: 'user-1', attributes: { plan: 'beta' } } },
    });
    same(bulk.body.config.value, RULE);
    same(
      (await vexil.http('GET', '/v1/client/production/flags?key=user-1', { headers: sdk })).body.config,
      VARIANT,
    );

    // Flagify SDK routes.
    const flaggies = [
      (await vexil.http('GET', '/flagify/v1/eval/flags', { headers: sdk })).body[0],
      (await vexil.http('GET', '/flagify/v1/eval/flags/config', { headers: sdk })).body,
    ];
    for (const flaggy of flaggies) {
      same(flaggy.value, VARIANT);
      same(flaggy.defaultValue, VARIANT);
      same(flaggy.offValue, DEFAULT);
      same(flaggy.targetingRules[0].valueOverride, RULE);
      [DEFAULT, RULE, VARIANT, OTHER_VARIANT].forEach((raw, index) =>
        same(flaggy.variants[index].value, raw),
      );
    }
    const user = { userId: 'user-1', attributes: { plan: 'beta' } };
    same(
      (await vexil.http('POST', '/flagify/v1/eval/flags/evaluate', { headers: sdk, body: user })).body[0]
        .value,
      RULE,
    );
    same(
      (await vexil.http('POST', '/flagify/v1/eval/flags/config/evaluate', { headers: sdk, body: user })).body
        .value,
      RULE,
    );
  });
});
