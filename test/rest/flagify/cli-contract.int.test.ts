import { randomBytes } from 'node:crypto';
import { sharedTestPlatform } from '@vexil/testing';
import { cli, decodeProblems, type ClientAnswer, type Shape } from '../../harness/flagify-clients.js';
import { CLI } from '../../harness/flagify-shapes.js';

// Issue 13: every endpoint of Flagify's CLI (flagifyhq/cli `internal/api/client.go`, the bodies of
// `cmd/*.go`), called exactly as the CLI calls it against `apiUrl = <gateway>/flagify`, and every
// field the CLI decodes checked to decode.

const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

/** The CLI decodes a 2xx body into its struct; it must decode, and the call must have succeeded. */
function decoded(answer: ClientAnswer, shape: Shape, status = 200) {
  expect({ status: answer.status, problems: decodeProblems(shape, answer.body) }).toEqual({
    status,
    problems: [],
  });
  return answer.body;
}

/** A new account signed up through the CLI's `Register`, with a CLI client acting as it. */
async function signedUp() {
  const email = `cli-${randomBytes(4).toString('hex')}@example.com`;
  const base = `${vexil.url}/flagify`;
  const registered = decoded(
    await cli(base)('POST', '/v1/auth/register', {
      email,
      password: 'correct-horse-battery',
      name: 'Ada',
      deviceId: 'cli-laptop',
    }),
    CLI.AuthResponse,
    201,
  );
  const call = cli(base, registered.tokens.accessToken);
  const [workspace] = decoded(await call('GET', '/v1/workspaces'), CLI.Workspaces);
  const [project] = decoded(await call('GET', `/v1/workspaces/${workspace.id}/projects`), [CLI.Project]);
  return { email, base, call, tokens: registered.tokens, workspace, project };
}

describe('Flagify CLI: auth', () => {
  it('registers and logs in with a device id: user and tokens', async () => {
    const { email, base, tokens } = await signedUp();
    expect(tokens.accessToken).not.toBe(tokens.refreshToken);
    const answer = await cli(base)('POST', '/v1/auth/login', {
      email,
      password: 'correct-horse-battery',
      deviceId: 'cli-laptop',
    });
    expect(answer.sent.body).toBe(
      `{"deviceId":"cli-laptop","email":"${email}","password":"correct-horse-battery"}`,
    );
    const login = decoded(answer, CLI.AuthResponse);
    expect(login.user).toMatchObject({ email, name: 'Ada' });
  });

  it('answers a bad sign-in with the code and message the CLI prints', async () => {
    const answer = await cli(`${vexil.url}/flagify`)('POST', '/v1/auth/login', {
      email: 'nobody@example.com',
      password: 'wrong',
      deviceId: 'cli-laptop',
    });
    expect(answer.status).toBe(401);
    expect(decodeProblems(CLI.Error, answer.body)).toEqual([]);
    expect(answer.body.code).toBe('invalid_credentials');
  });

  it('refreshes on a 401 and retries with the new token, as Client.do does', async () => {
    const { base, tokens } = await signedUp();
    const stale = await cli(base, 'not-a-valid-token')('GET', '/v1/users/me');
    expect(stale.status).toBe(401);
    const pair = decoded(
      await cli(base)('POST', '/v1/auth/refresh', { refreshToken: tokens.refreshToken }),
      CLI.TokenPair,
    );
    expect(pair.refreshToken).not.toBe(tokens.refreshToken);
    const me = decoded(await cli(base, pair.accessToken)('GET', '/v1/users/me'), CLI.UserMe);
    expect(me.name).toBe('Ada');
  });

  it('whoami: the signed-in user', async () => {
    const { call, email } = await signedUp();
    expect(decoded(await call('GET', '/v1/users/me'), CLI.UserMe)).toMatchObject({ email, name: 'Ada' });
  });
});

describe('Flagify CLI: workspaces and projects', () => {
  it('lists workspaces, their projects with environments, and gets a project', async () => {
    const { call, workspace, project } = await signedUp();
    expect(workspace).toMatchObject({ name: 'Ada', plan: 'self-hosted' });
    expect(project).toMatchObject({ workspaceId: workspace.id, slug: 'default' });
    expect(project.environments.map((e: { key: string }) => e.key)).toEqual(['dev', 'staging', 'production']);
    const got = decoded(await call('GET', `/v1/projects/${project.id}`), CLI.Project);
    expect(got).toMatchObject({ id: project.id, name: project.name, environments: project.environments });
  });

  it('deletes a project', async () => {
    const { call, project } = await signedUp();
    const answer = await call('DELETE', `/v1/projects/${project.id}`);
    expect(answer.status).toBeLessThan(300);
    expect((await call('GET', `/v1/projects/${project.id}`)).status).toBe(404);
  });
});

describe('Flagify CLI: flags', () => {
  it('creates a flag of each type with the default value the CLI picks, in every environment', async () => {
    const { call, project } = await signedUp();
    const defaults = { boolean: true, string: '', number: 0, json: {} } as const;
    for (const [type, defaultValue] of Object.entries(defaults)) {
      const key = `${type}-flag`;
      const answer = await call('POST', `/v1/projects/${project.id}/flags`, {
        key,
        name: key,
        type,
        description: `a ${type}`,
        defaultValue,
      });
      const flag = decoded(answer, CLI.Flag, 201);
      expect(flag).toMatchObject({ key, name: key, type, defaultValue });
      // "Created flag … with %d environments"
      expect(flag.environments).toHaveLength(3);
    }
  });

  it('lists flags and gets one by id, with every environment’s state', async () => {
    const { call, project } = await signedUp();
    const created = (
      await call('POST', `/v1/projects/${project.id}/flags`, {
        key: 'dark-mode',
        name: 'dark-mode',
        type: 'boolean',
        defaultValue: true,
      })
    ).body;
    const [listed] = decoded(await call('GET', `/v1/projects/${project.id}/flags`), [CLI.Flag]);
    expect(listed).toEqual(created);
    const got = decoded(await call('GET', `/v1/flags/${created.id}`), CLI.Flag);
    expect(
      got.environments.map((e: { environmentKey: string; enabled: boolean }) => [
        e.environmentKey,
        e.enabled,
      ]),
    ).toEqual([
      ['dev', false],
      ['staging', false],
      ['production', false],
    ]);
  });

  it('toggles by flag environment id and by key and environment slug (flags toggle [--all])', async () => {
    const { call, project } = await signedUp();
    const flag = (
      await call('POST', `/v1/projects/${project.id}/flags`, {
        key: 'beta',
        name: 'beta',
        type: 'boolean',
        defaultValue: true,
      })
    ).body;
    const dev = flag.environments[0];
    const byId = await call('PUT', `/v1/flag-environments/${dev.id}`, { enabled: true });
    expect(byId.sent.body).toBe('{"enabled":true}');
    expect(byId.status).toBe(200);
    const byKey = await call('PUT', `/v1/projects/${project.id}/flags/beta/environments/production`, {
      enabled: true,
    });
    expect(byKey.status).toBe(200);
    const [listed] = (await call('GET', `/v1/projects/${project.id}/flags`)).body;
    expect(listed.environments.map((e: { enabled: boolean }) => e.enabled)).toEqual([true, false, true]);
  });

  it('reports flag hygiene issues (flags health)', async () => {
    const { call, project } = await signedUp();
    await call('POST', `/v1/projects/${project.id}/flags`, {
      key: 'early',
      name: 'early',
      type: 'boolean',
      defaultValue: true,
    });
    await call('PUT', `/v1/projects/${project.id}/flags/early/environments/production`, { enabled: true });
    const issues = decoded(await call('GET', `/v1/projects/${project.id}/overview/health`), [
      CLI.HealthIssue,
    ]);
    expect(issues).toEqual([
      expect.objectContaining({
        flagKey: 'early',
        type: 'env_mismatch',
        severity: 'warning',
        environment: 'production',
      }),
    ]);
  });
});

describe('Flagify CLI: targeting and segments', () => {
  it('sets and lists rules by key (targeting set/list), and by flag environment id', async () => {
    const { call, project } = await signedUp();
    const flag = (
      await call('POST', `/v1/projects/${project.id}/flags`, {
        key: 'pricing',
        name: 'pricing',
        type: 'boolean',
        defaultValue: true,
      })
    ).body;
    // `targeting set --rules '<json>'`: the user's rules, unmarshalled into maps and sent back sorted.
    const rules = [
      {
        priority: 1,
        valueOverride: true,
        conditions: [{ attribute: 'plan', operator: 'equals', value: 'pro' }],
      },
      { priority: 2, valueOverride: false, rolloutPercentage: 30, conditions: [] },
    ];
    const path = `/v1/projects/${project.id}/flags/pricing/environments/staging/targeting-rules`;
    const set = decoded(await call('PUT', path, { rules }), [CLI.TargetingRule]);
    expect(set).toHaveLength(2);
    const listed = decoded(await call('GET', path), [CLI.TargetingRule]);
    expect(listed).toEqual(set);
    expect(
      listed.map((r: any) => [
        r.priority,
        r.valueOverride,
        r.rolloutPercentage ?? null,
        r.enabled,
        r.conditions,
      ]),
    ).toEqual([
      [
        0,
        true,
        null,
        true,
        [expect.objectContaining({ attribute: 'plan', operator: 'equals', value: 'pro' })],
      ],
      [1, false, 30, true, []],
    ]);
    const staging = flag.environments[1];
    const byId = decoded(await call('GET', `/v1/flag-environments/${staging.id}/targeting-rules`), [
      CLI.TargetingRule,
    ]);
    expect(byId).toEqual(listed);
    const replaced = decoded(
      await call('PUT', `/v1/flag-environments/${staging.id}/targeting-rules`, { rules: [] }),
      [CLI.TargetingRule],
    );
    expect(replaced).toEqual([]);
  });

  it('creates, lists and deletes segments (ALL/ANY and one value per rule, as the CLI sends them)', async () => {
    const { call, project } = await signedUp();
    const created = decoded(
      await call('POST', `/v1/projects/${project.id}/segments`, {
        name: 'Pro users',
        matchType: 'ALL',
        rules: [{ attribute: 'plan', operator: 'equals', value: 'pro' }],
      }),
      CLI.Segment,
      201,
    );
    expect(created).toMatchObject({
      name: 'Pro users',
      matchType: 'all',
      rules: [{ attribute: 'plan', operator: 'equals', value: 'pro' }],
    });
    const listed = decoded(await call('GET', `/v1/projects/${project.id}/segments`), [CLI.Segment]);
    expect(listed).toEqual([created]);
    expect((await call('DELETE', `/v1/segments/${created.id}`)).status).toBeLessThan(300);
    expect((await call('GET', `/v1/projects/${project.id}/segments`)).body).toEqual([]);
  });
});

describe('Flagify CLI: keys', () => {
  it('generates, lists and revokes keys by environment slug (keys generate/list/revoke)', async () => {
    const { call, project } = await signedUp();
    const base = `/v1/projects/${project.id}/environments/production/keys`;
    const generate = await call('POST', base);
    expect(generate.sent.body).toBeUndefined();
    const pair = decoded(generate, CLI.KeyPair, 201);
    expect(pair.publishableKey).toMatch(/^pk_production_/);
    expect(pair.secretKey).toMatch(/^sk_production_/);
    expect([pair.publishable.type, pair.secret.type]).toEqual(['publishable', 'secret']);
    expect(pair.publishableKey.startsWith(pair.publishable.prefix)).toBe(true);
    const keys = decoded(await call('GET', base), [CLI.ApiKey]);
    expect(keys.map((k: { id: string }) => k.id).sort()).toEqual(
      [pair.publishable.id, pair.secret.id].sort(),
    );
    // `keys revoke <prefix>`: the live key of that prefix, by id.
    const target = keys.find((k: { prefix: string }) => k.prefix === pair.secret.prefix);
    expect((await call('POST', `${base}/${target.id}/revoke`)).status).toBeLessThan(300);
    const after = decoded(await call('GET', base), [CLI.ApiKey]);
    expect(after.find((k: { id: string }) => k.id === target.id).revokedAt).toEqual(expect.any(String));
    // `keys revoke --all`.
    expect((await call('POST', `${base}/revoke`)).status).toBeLessThan(300);
    const none = decoded(await call('GET', base), [CLI.ApiKey]);
    expect(none.every((k: { revokedAt: string | null }) => k.revokedAt !== null)).toBe(true);
    const revoked = await vexil.http('GET', '/flagify/v1/eval/flags', {
      headers: { 'x-api-key': pair.publishableKey },
    });
    expect(revoked.status).toBe(401);
  });

  it('generates, lists and revokes keys by environment id', async () => {
    const { call, project } = await signedUp();
    const staging = project.environments[1].id;
    const pair = decoded(await call('POST', `/v1/environments/${staging}/keys`), CLI.KeyPair, 201);
    const keys = decoded(await call('GET', `/v1/environments/${staging}/keys`), [CLI.ApiKey]);
    expect(keys.map((k: { environmentId: string }) => k.environmentId)).toEqual([staging, staging]);
    expect(
      (await call('POST', `/v1/environments/${staging}/keys/${pair.publishable.id}/revoke`)).status,
    ).toBeLessThan(300);
    expect((await call('POST', `/v1/environments/${staging}/keys/revoke`)).status).toBeLessThan(300);
    const sdk = await vexil.http('GET', '/flagify/v1/eval/flags', {
      headers: { 'x-api-key': pair.secretKey },
    });
    expect(sdk.status).toBe(401);
  });
});
