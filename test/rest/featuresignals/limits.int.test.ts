import { LIMITS } from '@vexil/platform';
import { sharedTestPlatform, type Workspace } from '@vexil/testing';
import { expectError } from '../../harness/featuresignals.js';

// Issue 10: an attacker stored 5 000 rules in one configuration, 3 000 `a*a*a*c` patterns, and names of
// 200 000 characters and 1 MB. Each is now refused with FeatureSignals' validation error, and nothing is
// written.

const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

function client(ws: Workspace) {
  const base = `/v1/projects/${ws.projectId}`;
  const token = ws.account.accessToken;
  return {
    get: (path: string) => vexil.http('GET', `${base}${path}`, { token }),
    send: (method: 'POST' | 'PUT', path: string, body: Record<string, unknown>) =>
      vexil.http(method, `${base}${path}`, { token, body }),
  };
}

const rule = (index: number, values: string[], operator = 'equals') => ({
  id: `r${index}`,
  conditions: [{ attribute: 'attr', operator, values }],
  value: true,
});

describe('FeatureSignals /v1 caps on write', () => {
  it('refuses over-long flag names and descriptions and stores nothing', async () => {
    const ws = await vexil.workspace();
    const fs = client(ws);
    const huge = 'n'.repeat(200_000);
    expectError(
      await fs.send('POST', '/flags', { key: 'long', name: huge, flag_type: 'boolean' }),
      400,
      'VALIDATION_FAILED',
    );
    const megabyte = await fs.send('POST', '/flags', {
      key: 'long',
      description: 'd'.repeat(1_000_000),
      flag_type: 'boolean',
    });
    expectError(megabyte, 400, 'VALIDATION_FAILED');
    expect(megabyte.body.details).toEqual({
      description: [`must be at most ${LIMITS.descriptionLength} characters (it has 1000000)`],
    });
    expect((await fs.get('/flags')).body.total).toBe(0);

    expect((await fs.send('POST', '/flags', { key: 'ok', name: 'Ok', flag_type: 'boolean' })).status).toBe(
      201,
    );
    expectError(await fs.send('PUT', '/flags/ok', { name: huge }), 400, 'VALIDATION_FAILED');
    const tags = Array.from({ length: LIMITS.tagsPerFlag + 1 }, (_, i) => `t${i}`);
    expectError(await fs.send('PUT', '/flags/ok', { tags }), 400, 'VALIDATION_FAILED');
    expect((await fs.get('/flags/ok')).body).toMatchObject({ name: 'Ok', tags: [] });
  });

  it('refuses configurations over the caps and keeps the stored one', async () => {
    const ws = await vexil.workspace();
    const fs = client(ws);
    await fs.send('POST', '/flags', { key: 'gate', name: 'Gate', flag_type: 'boolean' });
    const path = `/flags/gate/environments/${ws.env.production}`;
    expect((await fs.send('PUT', path, { enabled: true, rules: [rule(1, ['x'])] })).status).toBe(200);
    const before = (await fs.get(path)).body;

    const tooManyRules = Array.from({ length: 5000 }, (_, i) => rule(i, ['x']));
    const refused = await fs.send('PUT', path, { rules: tooManyRules });
    expectError(refused, 400, 'VALIDATION_FAILED');
    expect(refused.body.details).toEqual({
      rules: [`must hold at most ${LIMITS.rulesPerConfiguration} rules (it has 5000)`],
    });

    // The finding's ruleset: 6 rules of 500 copies of `a*a*a*c`.
    const attack = Array.from({ length: 6 }, (_, i) => rule(i, Array(500).fill('a*a*a*c'), 'regex'));
    expectError(await fs.send('PUT', path, { rules: attack }), 400, 'VALIDATION_FAILED');

    const overValues = [
      rule(
        1,
        Array.from({ length: LIMITS.valuesPerCondition + 1 }, (_, i) => `v${i}`),
        'in',
      ),
    ];
    expectError(await fs.send('PUT', path, { rules: overValues }), 400, 'VALIDATION_FAILED');
    const backreference = await fs.send('PUT', path, { rules: [rule(1, ['(a)\\1'], 'regex')] });
    expectError(backreference, 400, 'VALIDATION_FAILED');
    expect(Object.keys(backreference.body.details)).toEqual(['rules.0.conditions.0.values.0']);
    const longValue = [rule(1, ['v'.repeat(LIMITS.conditionValueLength + 1)])];
    expectError(await fs.send('PUT', path, { rules: longValue }), 400, 'VALIDATION_FAILED');

    expect((await fs.get(path)).body).toEqual(before);
  });

  it('refuses segments over the caps and stores nothing', async () => {
    const ws = await vexil.workspace();
    const fs = client(ws);
    const conditions = Array.from({ length: LIMITS.conditionsPerRule + 1 }, (_, i) => ({
      attribute: `a${i}`,
      operator: 'equals',
      values: ['x'],
    }));
    expectError(
      await fs.send('POST', '/segments', { key: 'wide', name: 'Wide', rules: conditions }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await fs.send('POST', '/segments', { key: 'long', name: 'n'.repeat(200_000), rules: [] }),
      400,
      'VALIDATION_FAILED',
    );
    expect((await fs.get('/segments')).body.total).toBe(0);
  });

  it('refuses evaluation contexts over the caps, also from a public client key', async () => {
    const ws = await vexil.workspace();
    await ws.createFlag('banner');
    const { key } = await ws.apiKey('client', 'production');
    const evaluate = (context: Record<string, unknown>) =>
      vexil.http('POST', '/v1/evaluate', {
        headers: { 'x-api-key': key },
        body: { flag_key: 'banner', context: { key: 'user-1', attributes: context } },
      });
    expect((await evaluate({ email: 'a@example.com' })).status).toBe(200);
    expectError(
      await evaluate({ email: 'a'.repeat(LIMITS.contextValueLength + 1) }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await evaluate({ groups: Array.from({ length: LIMITS.contextListLength + 1 }, (_, i) => `g${i}`) }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await evaluate({ nested: { blob: 'b'.repeat(LIMITS.contextBytes) } }),
      400,
      'VALIDATION_FAILED',
    );
  });
});
