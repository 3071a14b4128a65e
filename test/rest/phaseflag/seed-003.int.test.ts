import { sharedTestPlatform } from '@vexil/testing';
import { expectPhaseFlagError } from '../../harness/phaseflag.js';

// The requests of PhaseFlag's API overview (shared/seeds/003), replayed as written; the routes themselves
// are tested field by field in phaseflag.int.test.ts, flags.int.test.ts and api-keys.int.test.ts.

const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

const RATE_LIMIT_HEADERS = ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'];

describe('PhaseFlag seed 003', () => {
  it('pages and filters flags as the overview shows, with rate-limit headers on every answer', async () => {
    const ws = await vexil.workspace();
    const token = ws.account.accessToken;
    for (const key of ['zeta', 'alpha', 'mid', 'dormant']) await ws.createFlag(key);
    for (const key of ['zeta', 'alpha', 'mid']) {
      const [row] = await vexil.sql('select id from flags.flags where project_id = ? and key = ?', [
        ws.projectId,
        key,
      ]);
      await ws.setEnabled(row!.id, 'production', true);
    }

    // "GET /api/v1/flags?page=2&per_page=50": the overview leaves out the environment, which the list needs.
    const unscoped = await vexil.http('GET', '/api/v1/flags?page=2&per_page=50', { token });
    expectPhaseFlagError(unscoped, 400, 'VALIDATION_FAILED');
    expect(Object.keys(unscoped.body.error.details)).toEqual(['environment_id']);
    const paged = await vexil.http(
      'GET',
      `/api/v1/flags?page=2&per_page=50&environment_id=${ws.env.production}`,
      {
        token,
      },
    );
    expect(paged.body).toEqual({ data: [], meta: { page: 2, per_page: 50, total: 4 } });

    // "GET /api/v1/flags?environment_id=env_abc&status=active&sort=name&order=asc"
    const filtered = await vexil.http(
      'GET',
      `/api/v1/flags?environment_id=${ws.env.production}&status=active&sort=name&order=asc`,
      { token },
    );
    expect(filtered.status).toBe(200);
    expect(
      filtered.body.data.map((flag: { key: string; status: string }) => [flag.key, flag.status]),
    ).toEqual([
      ['alpha', 'active'],
      ['mid', 'active'],
      ['zeta', 'active'],
    ]);
    expect(filtered.body.meta).toEqual({ page: 1, per_page: 50, total: 3 });

    for (const answer of [unscoped, paged, filtered]) {
      for (const header of RATE_LIMIT_HEADERS) expect(answer.headers.get(header)).toMatch(/^\d+$/);
      // A unix timestamp, in seconds, within the next minute.
      const reset = Number(answer.headers.get('x-ratelimit-reset'));
      expect(reset * 1000).toBeGreaterThan(Date.now() - 1000);
      expect(reset * 1000).toBeLessThanOrEqual(Date.now() + 61_000);
    }
  });

  it('serves Swagger UI and the OpenAPI 3.1 document at the server root', async () => {
    const page = await vexil.http('GET', '/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const document = await vexil.http('GET', '/openapi.json');
    expect(document.body.openapi).toMatch(/^3\.1\./);
    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/flags',
        '/api/v1/evaluate',
        '/api/v1/sdk/ruleset',
        '/api/v1/auth/login',
      ]),
    );
  });
});
