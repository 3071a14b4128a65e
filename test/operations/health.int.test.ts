import { PRINCIPAL_HEADER, signPrincipal } from '@vexil/platform';
import { startTestPlatform, type TestPlatform } from '@vexil/testing';

let vexil: TestPlatform;
// Its own platform: the subgraphs' own addresses come from the in-process platform.
beforeAll(async () => {
  vexil = await startTestPlatform();
});
afterAll(() => vexil?.dispose());

const subgraphUrl = (name: string) => vexil.platform.services.find((s) => s.name === name)!.url;

describe('operations endpoints', () => {
  it('/healthz answers while the process runs', async () => {
    const answer = await vexil.http('GET', '/healthz');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ status: 'ok' });
  });

  it('/readyz reports every subgraph (and through them the database) ready', async () => {
    const answer = await vexil.http('GET', '/readyz');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      status: 'ready',
      subgraphs: { identity: 'ready', flags: 'ready', billing: 'ready', analytics: 'ready' },
    });
  });

  it('/readyz answers 503 when a subgraph is gone', async () => {
    const platform = await startTestPlatform();
    try {
      await platform.platform.services.find((s) => s.name === 'billing')!.dispose();
      const answer = await platform.http('GET', '/readyz');
      expect(answer.status).toBe(503);
      expect(answer.body.subgraphs.billing).toBe('unreachable');
    } finally {
      platform.platform.services.splice(
        platform.platform.services.findIndex((s) => s.name === 'billing'),
        1,
      );
      await platform.dispose();
    }
  });

  it('/metrics exposes SQL statements per service and request latency histograms', async () => {
    await vexil.register();
    const answer = await vexil.http('GET', '/metrics');
    expect(answer.status).toBe(200);
    for (const service of ['identity', 'flags', 'billing', 'analytics']) {
      expect(answer.text).toMatch(
        new RegExp(
          `vexil_sql_statements_total\\{service="${service}",origin="(request|background)"\\} [1-9]`,
        ),
      );
    }
    expect(answer.text).toMatch(/vexil_http_request_duration_seconds_bucket\{[^}]*service="gateway"/);
    expect(answer.text).toMatch(/vexil_http_request_duration_seconds_count\{[^}]*service="identity"/);
  });

  it('serves the explorer landing page on GET /graphql for browsers', async () => {
    const answer = await vexil.http('GET', '/graphql', { headers: { accept: 'text/html' } });
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('<!DOCTYPE html>');
  });

  it('turns the explorer and introspection off in production mode', async () => {
    const production = await startTestPlatform({
      NODE_ENV: 'production',
      JWT_SECRET: 'a-strong-secret-for-this-test-only',
      PRINCIPAL_SECRET: 'another-strong-secret-for-this-test',
      API_KEY_PEPPER: 'strong-pepper',
      MFA_ENCRYPTION_KEY: 'strong-mfa-key',
    });
    try {
      const page = await production.http('GET', '/graphql', { headers: { accept: 'text/html' } });
      expect(page.text).not.toContain('<!DOCTYPE html>');
      const { errors } = await production.graphql('{ __schema { types { name } } }');
      expect(errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    } finally {
      await production.dispose();
    }
  });

  it('rejects queries nested beyond the depth limit', async () => {
    const account = await vexil.register();
    const deep = `{ organization { projects { nodes { organization { projects { nodes { organization {
      projects { nodes { organization { projects { nodes { organization { projects { nodes { id } } } } } } } } } } } } } } } }`;
    const { errors } = await vexil.graphql(deep, {}, account.accessToken);
    expect(errors?.[0]?.message).toMatch(/nested \d+ levels deep; the limit is 15/);
  });
});

describe('subgraphs trust only the gateway', () => {
  const query = JSON.stringify({ query: '{ organization { id } }' });

  it('refuse a request without a principal, even when reached directly', async () => {
    const answer = await fetch(subgraphUrl('identity'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: query,
    });
    expect(answer.status).toBe(401);
  });

  it('refuse a principal signed with another key', async () => {
    const forged = signPrincipal(
      { kind: 'user', userId: 'u', organizationId: 'o', role: 'owner' },
      'not-the-secret',
    );
    const answer = await fetch(subgraphUrl('flags'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [PRINCIPAL_HEADER]: forged },
      body: query,
    });
    expect(answer.status).toBe(401);
  });
});
