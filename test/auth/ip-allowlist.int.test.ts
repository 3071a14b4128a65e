import { eventually, startTestPlatform, type TestPlatform, type Workspace } from '@vexil/testing';
import { expectError } from '../harness/featuresignals.js';

// Issue 18: an organization's IP allowlist, kept by identity and enforced by the gateway for its people
// (and its API keys when asked). A platform of this file's own behind a "proxy": TRUST_PROXY takes the
// caller's address from X-Forwarded-For, which is how these requests come from elsewhere.
let vexil: TestPlatform;
let ws: Workspace;
beforeAll(async () => {
  vexil = await startTestPlatform({ TRUST_PROXY: 'true' });
  ws = await vexil.workspace();
});
afterAll(() => vexil?.dispose());

const OFFICE = '203.0.113.50';
const ELSEWHERE = '198.51.100.9';
const from = (address: string) => ({ 'x-forwarded-for': address });

describe('IP allowlist', () => {
  it('is set by owners and admins in FeatureSignals’ shape, refusing bad ranges and a list that locks the caller out', async () => {
    const token = ws.account.accessToken;
    expect((await vexil.http('GET', '/v1/ip-allowlist', { token })).body).toEqual({
      enabled: false,
      cidr_ranges: [],
      include_api_keys: false,
    });
    const put = (body: Record<string, unknown>, address = OFFICE) =>
      vexil.http('PUT', '/v1/ip-allowlist', { token, body, headers: from(address) });
    const bad = await put({ enabled: true, cidr_ranges: ['203.0.113.0/24', '10.0.0.0/33'] });
    expectError(bad, 400, 'VALIDATION_FAILED');
    expect(bad.body.details).toEqual({
      'cidr_ranges.1': ['must be a CIDR range such as 203.0.113.0/24 or 2001:db8::/32'],
    });
    const lockout = await put({ enabled: true, cidr_ranges: ['203.0.113.0/24'] }, ELSEWHERE);
    expectError(lockout, 409, 'CONFLICT');
    expect(lockout.body.error).toContain(`does not include your address (${ELSEWHERE})`);
    const set = await put({ enabled: true, cidr_ranges: ['203.0.113.0/24', '2001:db8::/32'] });
    expect([set.status, set.body]).toEqual([
      200,
      { enabled: true, cidr_ranges: ['203.0.113.0/24', '2001:db8::/32'], include_api_keys: false },
    ]);
  });

  it('holds the organization’s people to it on REST and GraphQL, and no one else', async () => {
    const token = ws.account.accessToken;
    const projects = (address: string, caller = token) =>
      vexil.http('GET', '/v1/projects', { token: caller, headers: from(address) });
    // The gateway hears of the list through the event bus: with a PostgreSQL server, a moment later.
    const refused = await eventually(
      () => projects(ELSEWHERE),
      (answer) => answer.status === 403,
    );
    expect((await projects(OFFICE)).status).toBe(200);
    expect((await projects('2001:db8::7')).status).toBe(200);
    expectError(refused, 403, 'IP_NOT_ALLOWED');
    expect(refused.body.error).toBe(`your address (${ELSEWHERE}) is not on the organization’s IP allowlist`);
    const graphql = await vexil.http('POST', '/graphql', {
      token,
      headers: from(ELSEWHERE),
      body: { query: '{ me { email } }' },
    });
    expect([graphql.status, graphql.body.errors?.[0]?.extensions?.code]).toEqual([403, 'IP_NOT_ALLOWED']);
    // Another organization has no list: its people come from anywhere.
    const other = await vexil.workspace();
    expect((await projects(ELSEWHERE, other.account.accessToken)).status).toBe(200);
  });

  it('lets SDK keys in from anywhere unless the organization holds API keys to it too', async () => {
    // The workspace's own helpers call from 127.0.0.1, which the list now keeps out: from the office.
    const created = await vexil.http('POST', `/v1/environments/${ws.env.production}/api-keys`, {
      token: ws.account.accessToken,
      headers: from(OFFICE),
      body: { name: 'sdk', type: 'server' },
    });
    const { key } = created.body;
    const evaluate = () =>
      vexil.http('POST', '/v1/evaluate', {
        headers: { 'x-api-key': key, ...from(ELSEWHERE) },
        body: { flag_key: 'missing', context: { key: 'u1' } },
      });
    expect((await evaluate()).status).toBe(200);
    const held = await vexil.http('PUT', '/v1/ip-allowlist', {
      token: ws.account.accessToken,
      headers: from(OFFICE),
      body: { enabled: true, cidr_ranges: ['203.0.113.0/24'], include_api_keys: true },
    });
    expect(held.body.include_api_keys).toBe(true);
    expectError(await eventually(evaluate, (answer) => answer.status === 403), 403, 'IP_NOT_ALLOWED');
    // Turning it off lets everyone in again.
    await vexil.http('PUT', '/v1/ip-allowlist', {
      token: ws.account.accessToken,
      headers: from(OFFICE),
      body: { enabled: false, cidr_ranges: [] },
    });
    expect((await eventually(evaluate, (answer) => answer.status === 200)).status).toBe(200);
  });
});
