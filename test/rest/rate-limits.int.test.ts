import { dialects, rowsOf } from '@vexil/gateway';
import { startTestPlatform, type HttpAnswer, type TestPlatform, type Workspace } from '@vexil/testing';
import { concretePath, credentialsFor } from '../harness/rows.js';

// Rate limits (seed 003's categories): every REST answer says where its caller stands; a category
// over its limit answers 429 with Retry-After in the dialect's shape, and blocks no other category.

const LIMITS = {
  RATE_LIMIT_AUTH_PER_MINUTE: '30',
  RATE_LIMIT_MANAGEMENT_PER_MINUTE: '40',
  RATE_LIMIT_EVALUATION_PER_MINUTE: '20',
  RATE_LIMIT_RULESET_PER_MINUTE: '5',
};

// Its own platform: low limits, which the shared platform must not have.
let vexil: TestPlatform;
let ws: Workspace;
let key: string;
/** An account for the last test, made before the auth budget of this address is spent. */
let team: Workspace;
beforeAll(async () => {
  vexil = await startTestPlatform(LIMITS);
  ws = await vexil.workspace();
  key = (await ws.apiKey('server', 'production')).key;
  team = await vexil.workspace();
});
afterAll(() => vexil?.dispose());

const limitOf = (answer: HttpAnswer) => ({
  limit: answer.headers.get('x-ratelimit-limit'),
  remaining: Number(answer.headers.get('x-ratelimit-remaining')),
  reset: Number(answer.headers.get('x-ratelimit-reset')),
});

/** The headers a stream answers with, read as it opens; the stream is closed at once. */
async function opened(path: string, apiKey: string): Promise<HttpAnswer> {
  const abort = new AbortController();
  const response = await fetch(`${vexil.url}${path}`, {
    headers: { 'x-api-key': apiKey },
    signal: abort.signal,
  });
  abort.abort();
  return { status: response.status, headers: response.headers, body: undefined, text: '' };
}

/** Sends `send` until it answers 429 (at most `limit` + 2 times) and returns that answer. */
async function exhaust(send: () => Promise<HttpAnswer>, limit: number): Promise<HttpAnswer> {
  for (let attempt = 0; attempt < limit + 2; attempt++) {
    const answer = await send();
    if (answer.status === 429) return answer;
  }
  throw new Error('no 429');
}

function expect429(answer: HttpAnswer, limit: string) {
  expect(answer.status).toBe(429);
  expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(limitOf(answer)).toMatchObject({ limit, remaining: 0 });
}

describe('rate limits', () => {
  it('send X-RateLimit-Limit, -Remaining and -Reset on every route of every dialect', async () => {
    // Its own account: the rows include signing out and deleting the account.
    const own = await vexil.workspace();
    const ownKey = (await own.apiKey('server', 'production')).key;
    const missing: string[] = [];
    for (const dialect of dialects)
      for (const row of rowsOf(dialect)) {
        const path = concretePath(`${dialect.mounts[0]}${row.path}`);
        const credentials = credentialsFor(row, { token: own.account.accessToken, apiKey: ownKey });
        const answer =
          'stream' in row
            ? await opened(path, ownKey)
            : await vexil.http(row.method, path, {
                ...credentials,
                ...(row.method === 'GET' || row.method === 'DELETE' ? {} : { body: {} }),
              });
        const { limit, remaining, reset } = limitOf(answer);
        if (!limit || !(remaining >= 0) || !(reset * 1000 > Date.now() - 1000))
          missing.push(`${row.method} ${path} → ${answer.status}`);
      }
    expect(missing).toEqual([]);
  }, 60_000);

  it('answer 429 with Retry-After per category, in each dialect’s shape, and never across categories', async () => {
    const other = await vexil.workspace();
    const otherKey = (await other.apiKey('server', 'production')).key;
    const headers = { 'x-api-key': otherKey };

    const evaluate = () =>
      vexil.http('POST', '/v1/evaluate', { headers, body: { flag_key: 'f', context: { key: 'u' } } });
    const flooded = await exhaust(evaluate, 20);
    expect429(flooded, '20');
    expect(flooded.body).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', request_id: expect.any(String) });
    // The environment's evaluation budget is spent whichever dialect asks.
    const flagify = await vexil.http('GET', '/flagify/v1/eval/flags', { headers });
    expect429(flagify, '20');
    expect(flagify.body).toMatchObject({ code: 'rate_limit_exceeded' });
    const ofrep = await vexil.http('POST', '/ofrep/v1/evaluate/flags/f', {
      headers,
      body: { context: { targetingKey: 'u' } },
    });
    expect429(ofrep, '20');
    expect(ofrep.body).toEqual({ key: 'f', errorCode: 'GENERAL', errorDetails: expect.any(String) });

    // Other categories of the same caller go on.
    const ruleset = () => vexil.http('GET', '/api/v1/sdk/ruleset', { headers });
    expect((await ruleset()).status).toBe(200);
    expect((await vexil.http('GET', '/v1/projects', { token: other.account.accessToken })).status).toBe(200);
    const rulesetFlooded = await exhaust(ruleset, 5);
    expect429(rulesetFlooded, '5');
    expect(rulesetFlooded.body).toEqual({
      error: { code: 'RATE_LIMIT_EXCEEDED', message: expect.any(String), details: {} },
    });

    // Another environment's budget is its own.
    const evaluated = await vexil.http('POST', '/v1/evaluate', {
      headers: { 'x-api-key': key },
      body: { flag_key: 'f', context: { key: 'u' } },
    });
    expect(evaluated.status).toBe(200);
  });

  it('count auth requests per address, and management per organization', async () => {
    // Refreshing with a token that is not one: counted, and not the sign-in lockout (its own 429).
    const refresh = () =>
      vexil.http('POST', '/api/v1/auth/refresh', { body: { refresh_token: 'not-a-token' } });
    const refused = await exhaust(refresh, 30);
    expect429(refused, '30');
    expect(refused.body.error.code).toBe('RATE_LIMIT_EXCEEDED');
    // FeatureSignals' auth routes spend the same address's budget.
    expect429(await vexil.http('POST', '/v1/auth/refresh', { body: { refresh_token: 'x' } }), '30');

    const manage = () => vexil.http('GET', '/v1/projects', { token: ws.account.accessToken });
    expect429(await exhaust(manage, 40), '40');
    // A signed-in caller's management budget is not its address's sign-in budget, nor its SDK's.
    expect(
      (
        await vexil.http('POST', '/v1/evaluate', {
          headers: { 'x-api-key': key },
          body: { flag_key: 'f', context: { key: 'u' } },
        })
      ).status,
    ).toBe(200);
  });

  // The same two gateways, sharing counts through each store: PostgreSQL (the platform's own database)
  // or Redis (RATE_LIMIT_REDIS_URL; the test runs where REDIS_URL names one, as in CI).
  const stores: [string, Record<string, string> | undefined][] = [
    ['PostgreSQL', {}],
    ['Redis', process.env.REDIS_URL ? { RATE_LIMIT_REDIS_URL: process.env.REDIS_URL } : undefined],
  ];
  for (const [store, env] of stores) {
    (process.env.DATABASE_URL && env ? it : it.skip)(`are shared by gateways through ${store}`, async () => {
      // Gateways on the database of the first platform, where `team` signed up.
      const first =
        Object.keys(env!).length > 0
          ? await startTestPlatform({ ...LIMITS, ...env }, { sharing: vexil })
          : vexil;
      const second = await startTestPlatform({ ...LIMITS, ...env }, { sharing: vexil });
      try {
        const manage = (platform: TestPlatform) =>
          platform.http('GET', '/v1/projects', { token: team.account.accessToken });
        const before = limitOf(await manage(first));
        const next = limitOf(await manage(second));
        expect(next.remaining).toBe(before.remaining - 1);
        expect429(await exhaust(() => manage(first), 40), '40');
        expect429(await manage(second), '40');
      } finally {
        await second.dispose();
        if (first !== vexil) await first.dispose();
      }
    });
  }
});
