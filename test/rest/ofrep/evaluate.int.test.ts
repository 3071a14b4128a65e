import { eventually, sharedTestPlatform } from '@vexil/testing';
import { preflight } from '../../harness/cors.js';
import { expectOfrepError, ofrepWorkspace } from '../../harness/ofrep.js';

// OFREP (open-feature/protocol, service/openapi.yaml) at /ofrep/v1, as its providers send and parse it.

const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

type Seeded = Awaited<ReturnType<typeof ofrepWorkspace>>;
let ws: Seeded;
beforeAll(async () => {
  ws = await ofrepWorkspace(vexil);
});

const post = (path: string, body: unknown, headers: Record<string, string>) =>
  vexil.http('POST', `/ofrep/v1${path}`, { body, headers });
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const us = { targetingKey: 'user-1', country: 'US' };

describe('POST /ofrep/v1/evaluate/flags/{key}', () => {
  it('evaluates each type of flag with its reason, variant and configuration version', async () => {
    const one = async (key: string, context: Record<string, unknown>) => {
      const answer = await post(`/evaluate/flags/${key}`, { context }, bearer(ws.serverKey));
      expect([key, answer.status]).toEqual([key, 200]);
      return answer.body;
    };
    expect(await one('new-checkout', us)).toEqual({
      key: 'new-checkout',
      value: true,
      reason: 'TARGETING_MATCH',
      variant: 'on',
      metadata: { version: 1, ruleId: 'us' },
    });
    expect(await one('new-checkout', { targetingKey: 'user-1', country: 'FR' })).toMatchObject({
      value: expect.any(Boolean),
      reason: 'SPLIT',
      metadata: { version: 1 },
    });
    expect(await one('theme', { targetingKey: 'user-1' })).toEqual({
      key: 'theme',
      value: 'dark',
      reason: 'STATIC',
      variant: 'dark',
      metadata: { version: 1 },
    });
    expect(await one('max-items', { targetingKey: 'vip-1' })).toMatchObject({
      value: 50,
      reason: 'TARGETING_MATCH',
      variant: 'fifty',
    });
    expect(await one('max-items', { targetingKey: 'user-1' })).toMatchObject({
      value: 10,
      reason: 'DEFAULT',
      variant: 'ten',
    });
    expect(await one('banner', { targetingKey: 'user-1' })).toMatchObject({
      value: { text: 'Hello', color: 'blue' },
      reason: 'STATIC',
    });
    expect(await one('legacy', { targetingKey: 'user-1' })).toEqual({
      key: 'legacy',
      value: false,
      reason: 'DISABLED',
      variant: 'off',
      metadata: { version: 0 },
    });
  });

  it('answers what GraphQL evaluate answers for the same context, targetingKey being the context key', async () => {
    const contexts = [
      us,
      { targetingKey: 'vip-1' },
      ...Array.from({ length: 8 }, (_, i) => ({ targetingKey: `u-${i}` })),
    ];
    for (const context of contexts) {
      const { targetingKey, ...attributes } = context;
      const { evaluate } = await ws.mutate(
        `query ($e: ID!, $c: JSON!) { evaluate(environmentId: $e, context: $c) { flagKey value variation reason } }`,
        { e: ws.env.production, c: { ...attributes, key: targetingKey } },
      );
      for (const expected of evaluate) {
        const answer = await post(`/evaluate/flags/${expected.flagKey}`, { context }, bearer(ws.serverKey));
        expect(answer.body).toMatchObject({ value: expected.value, variant: expected.variation });
        if (answer.body.reason !== 'STATIC') expect(answer.body.reason).toBe(expected.reason);
      }
    }
  });

  it('answers a flag that does not exist 404 FLAG_NOT_FOUND, naming it', async () => {
    const answer = await post('/evaluate/flags/nope', { context: us }, bearer(ws.serverKey));
    expectOfrepError(answer, 404, 'FLAG_NOT_FOUND', 'nope');
    expect(answer.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses a context without a targeting key, or that is not one, with 400 naming the flag', async () => {
    const single = (body: unknown) => post('/evaluate/flags/theme', body, bearer(ws.serverKey));
    expectOfrepError(await single({ context: { country: 'US' } }), 400, 'TARGETING_KEY_MISSING', 'theme');
    expectOfrepError(await single({ context: { targetingKey: '' } }), 400, 'TARGETING_KEY_MISSING', 'theme');
    expectOfrepError(await single({ context: { targetingKey: 42 } }), 400, 'INVALID_CONTEXT', 'theme');
    expectOfrepError(await single({}), 400, 'INVALID_CONTEXT', 'theme');
    expectOfrepError(await single({ context: 'user-1' }), 400, 'INVALID_CONTEXT', 'theme');
    expectOfrepError(await single({ context: ['user-1'] }), 400, 'INVALID_CONTEXT', 'theme');
    const crowded = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`a${i}`, i]));
    expectOfrepError(
      await single({ context: { targetingKey: 'u', ...crowded } }),
      400,
      'INVALID_CONTEXT',
      'theme',
    );
    expectOfrepError(await single('{"context":'), 400, 'PARSE_ERROR', 'theme');
    expectOfrepError(await single('[]'), 400, 'PARSE_ERROR', 'theme');
  });
});

describe('POST /ofrep/v1/evaluate/flags', () => {
  it('evaluates every flag of the key’s environment for the context', async () => {
    const answer = await post('/evaluate/flags', { context: us }, bearer(ws.serverKey));
    expect(answer.status).toBe(200);
    const byKey = Object.fromEntries(answer.body.flags.map((flag: { key: string }) => [flag.key, flag]));
    expect(Object.keys(byKey).sort()).toEqual(['banner', 'legacy', 'max-items', 'new-checkout', 'theme']);
    expect(byKey['new-checkout']).toEqual({
      key: 'new-checkout',
      value: true,
      reason: 'TARGETING_MATCH',
      variant: 'on',
      metadata: { version: 1, ruleId: 'us' },
    });
    for (const key of Object.keys(byKey)) {
      const single = await post(`/evaluate/flags/${key}`, { context: us }, bearer(ws.serverKey));
      expect(single.body).toEqual(byKey[key]);
    }
  });

  it('sends an ETag and answers 304 until a change through GraphQL, then 200 with a new ETag', async () => {
    const own = await ofrepWorkspace(vexil);
    const headers = { 'x-api-key': own.clientKey };
    const first = await post('/evaluate/flags', { context: us }, headers);
    const etag = first.headers.get('etag')!;
    expect([first.status, etag, first.headers.get('cache-control')]).toEqual([
      200,
      expect.stringMatching(/^W\/"[\w-]+"$/),
      'private, no-cache',
    ]);
    const again = await post('/evaluate/flags', { context: us }, { ...headers, 'if-none-match': etag });
    expect([again.status, again.text, again.headers.get('etag')]).toEqual([304, '', etag]);
    // Another context is another answer.
    const other = await post('/evaluate/flags', { context: { targetingKey: 'vip-1' } }, headers);
    expect(other.headers.get('etag')).not.toBe(etag);

    await own.setEnabled(own.flags.legacy, 'production', true);
    const changed = await eventually(
      () => post('/evaluate/flags', { context: us }, { ...headers, 'if-none-match': etag }),
      (answer) => answer.status !== 304,
    );
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(changed.body.flags.find((flag: { key: string }) => flag.key === 'legacy')).toMatchObject({
      value: true,
      reason: 'STATIC',
    });
  });

  it('refuses a bad request with 400 {errorCode, errorDetails}, no key', async () => {
    const bulk = (body: unknown) => post('/evaluate/flags', body, bearer(ws.serverKey));
    expectOfrepError(await bulk({ context: {} }), 400, 'TARGETING_KEY_MISSING');
    expectOfrepError(await bulk({ context: 7 }), 400, 'INVALID_CONTEXT');
    expectOfrepError(await bulk({}), 400, 'INVALID_CONTEXT');
    expectOfrepError(await bulk('{not json'), 400, 'PARSE_ERROR');
  });
});

describe('OFREP credentials', () => {
  it('take the environment’s key as Authorization: Bearer or X-API-Key, a client (pk_) key too', async () => {
    for (const headers of [bearer(ws.serverKey), { 'x-api-key': ws.serverKey }, bearer(ws.clientKey)]) {
      const answer = await post('/evaluate/flags/theme', { context: us }, headers);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('x-ratelimit-limit')).toEqual(expect.any(String));
    }
  });

  it('refuse a missing, unknown or revoked key and a user’s access token with 401', async () => {
    const own = await ofrepWorkspace(vexil);
    const single = (headers: Record<string, string>) =>
      post('/evaluate/flags/theme', { context: us }, headers);
    expectOfrepError(await single({}), 401, 'GENERAL', 'theme');
    expectOfrepError(await single(bearer(`${own.serverKey.slice(0, -4)}XXXX`)), 401, 'GENERAL', 'theme');
    expectOfrepError(await single(bearer(own.account.accessToken)), 401, 'GENERAL', 'theme');
    expect((await single(bearer(own.serverKey))).status).toBe(200);
    const revoked = await vexil.http('DELETE', `/v1/api-keys/${own.serverKeyId}`, {
      token: own.account.accessToken,
    });
    expect(revoked.status).toBe(204);
    expectOfrepError(await single(bearer(own.serverKey)), 401, 'GENERAL', 'theme');
    expectOfrepError(await post('/evaluate/flags', { context: us }, bearer(own.serverKey)), 401, 'GENERAL');
  });

  it('let browsers preflight with Authorization and If-None-Match, and read ETag and Retry-After (CORS)', async () => {
    const headers = ['authorization', 'content-type', 'if-none-match'];
    const answer = await preflight(vexil, 'POST', '/ofrep/v1/evaluate/flags', headers);
    expect(answer.status).toBe(204);
    expect(answer.allowed).toEqual(expect.arrayContaining([...headers, 'x-api-key']));
    expect(answer.exposed).toEqual(expect.arrayContaining(['etag', 'retry-after']));
  });
});
