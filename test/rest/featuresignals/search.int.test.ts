import { sharedTestPlatform } from '@vexil/testing';
import { expectError } from '../../harness/featuresignals.js';

const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

/** A workspace with three flags, a segment and a second project, as its owner's FeatureSignals client. */
async function seeded() {
  const ws = await vexil.workspace();
  const token = ws.account.accessToken;
  const send = (path: string, body: Record<string, unknown>) =>
    vexil.http('POST', path, { token, body }).then((answer) => {
      if (answer.status !== 201) throw new Error(`${path}: ${answer.text}`);
      return answer.body;
    });
  const flags = `/v1/projects/${ws.projectId}/flags`;
  await send(flags, { key: 'new-checkout', name: 'New checkout', flag_type: 'boolean' });
  await send(flags, { key: 'checkout-banner', name: 'Banner', flag_type: 'boolean' });
  await send(flags, { key: 'dark-mode', name: 'Dark mode', description: 'Night theme at checkout' });
  await send(flags, { key: 'old-checkout', name: 'Old checkout', flag_type: 'boolean' });
  await vexil.http('POST', `${flags}/old-checkout/archive`, { token });
  await send(`/v1/projects/${ws.projectId}/segments`, { key: 'beta-testers', name: 'Beta testers' });
  const other = await send('/v1/projects', { name: 'Checkout service' });
  const search = (query: string) => vexil.http('GET', `/v1/search?${query}`, { token });
  return { ws, token, other, search };
}

describe('FeatureSignals /v1/search', () => {
  it('finds flags, segments, environments and projects by word prefixes, best first, grouped by kind', async () => {
    const { ws, other, search } = await seeded();
    const found = await search('q=check');
    expect(found.status).toBe(200);
    expect(found.body.query).toBe('check');
    expect(found.body.total).toBe(4);
    expect(Object.keys(found.body.results).sort()).toEqual(['flag', 'project']);
    // Flags whose key says "checkout" rank above the one whose description alone does.
    const flags = found.body.results.flag;
    expect(
      flags
        .map((hit: any) => hit.label)
        .slice(0, 2)
        .sort(),
    ).toEqual(['checkout-banner', 'new-checkout']);
    expect(flags[2].label).toBe('dark-mode');
    expect(flags.find((hit: any) => hit.label === 'new-checkout')).toEqual({
      id: expect.any(String),
      label: 'new-checkout',
      description: 'New checkout',
      category: 'flag',
      href: '/flags/new-checkout',
    });
    expect(found.body.results.project).toEqual([
      {
        id: other.id,
        label: 'Checkout service',
        description: other.slug,
        category: 'project',
        href: '/dashboard',
      },
    ]);
    // Every word must start a word; within one project; environments and segments too.
    expect((await search('q=new%20chec')).body.results.flag.map((hit: any) => hit.label)).toEqual([
      'new-checkout',
    ]);
    expect((await search(`q=check&project_id=${other.id}`)).body.results).toEqual({
      project: [expect.objectContaining({ id: other.id })],
    });
    expect((await search(`q=prod&project_id=${ws.projectId}`)).body.results).toEqual({
      environment: [expect.objectContaining({ label: 'Production', description: 'production' })],
    });
    expect((await search('q=beta')).body.results.segment).toEqual([
      expect.objectContaining({ label: 'beta-testers', href: '/segments' }),
    ]);
  });

  it('suggests the ten best as one list, sees only the caller’s organization, and takes no query syntax', async () => {
    const { token, search } = await seeded();
    const suggest = (query: string) => vexil.http('GET', `/v1/search/suggest${query}`, { token });
    expect((await suggest('?q=checkout')).body.map((hit: any) => hit.category).sort()).toEqual([
      'flag',
      'flag',
      'flag',
      'project',
    ]);
    expect((await suggest('')).body).toEqual([]);
    // Another organization with the same words finds only its own.
    const stranger = await vexil.workspace();
    const theirs = await vexil.http('GET', '/v1/search?q=checkout', { token: stranger.account.accessToken });
    expect(theirs.body).toEqual({ query: 'checkout', results: {}, total: 0 });
    // Operators of PostgreSQL's query language are separators here, not syntax.
    const typed = await search(`q=${encodeURIComponent("check & !(new | ') :*")}`);
    expect(typed.body.results).toEqual({ flag: [expect.objectContaining({ label: 'new-checkout' })] });
    expect((await search(`q=${encodeURIComponent('&|!')}`)).body.total).toBe(0);
    const missing = await search('');
    expectError(missing, 400, 'VALIDATION_FAILED');
    expect(missing.body.error).toBe("query parameter 'q' is required");
    expectError(await search('q=a&project_id=nope'), 400, 'VALIDATION_FAILED');
    const { key } = await stranger.apiKey('server', 'production');
    expect((await vexil.http('GET', '/v1/search?q=a', { headers: { 'x-api-key': key } })).status).toBe(403);
  });
});
