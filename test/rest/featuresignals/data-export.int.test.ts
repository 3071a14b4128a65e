import { eventually, sharedTestPlatform } from '@vexil/testing';
import { expectError, joinAs } from '../../harness/featuresignals.js';

// Issue 20: FeatureSignals' GET /v1/data/export: the organization's data as one JSON document, streamed
// as it is read, for owners and admins, and recorded in the audit log.
const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

describe('FeatureSignals /v1/data/export', () => {
  it('streams every project with its environments, flags (past one page) with their targeting, segments, members and webhooks', async () => {
    const ws = await vexil.workspace();
    const token = ws.account.accessToken;
    // More flags than one page of the export reads (200), so the paging is part of what is checked.
    const keys = Array.from({ length: 205 }, (_, index) => `flag-${String(index).padStart(3, '0')}`);
    for (let at = 0; at < keys.length; at += 25)
      await Promise.all(keys.slice(at, at + 25).map((key) => ws.createFlag(key)));
    await ws.setEnabled(await ws.createFlag('new-checkout'), 'production', true);
    await vexil.http('POST', `/v1/projects/${ws.projectId}/segments`, {
      token,
      body: { key: 'beta', name: 'Beta', rules: [{ attribute: 'plan', operator: 'eq', values: ['pro'] }] },
    });
    const second = await vexil.http('POST', '/v1/projects', { token, body: { name: 'Second' } });
    await joinAs(vexil, ws.account, await vexil.register(), 'developer');

    const answer = await vexil.http('GET', '/v1/data/export', { token });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-disposition')).toBe('attachment; filename="vexil-export.json"');
    const exported = answer.body;
    expect(exported.organization).toMatchObject({
      id: ws.account.organizationId,
      subscription: { plan: 'self-hosted' },
    });
    expect(exported.projects.map((project: any) => project.id)).toEqual([ws.projectId, second.body.id]);
    const [main] = exported.projects;
    expect(main.environments.map((environment: any) => environment.key)).toEqual([
      'dev',
      'staging',
      'production',
    ]);
    expect(main.flags).toHaveLength(206);
    expect(main.flags.map((flag: any) => flag.key).sort()).toEqual([...keys, 'new-checkout'].sort());
    const checkout = main.flags.find((flag: any) => flag.key === 'new-checkout');
    expect(checkout).toMatchObject({ flag_type: 'boolean', status: 'active' });
    expect(checkout.states).toHaveLength(3);
    expect(checkout.states.find((state: any) => state.env_id === ws.env.production)).toMatchObject({
      enabled: true,
    });
    expect(main.segments).toEqual([
      expect.objectContaining({
        key: 'beta',
        rules: [{ attribute: 'plan', operator: 'eq', values: ['pro'] }],
      }),
    ]);
    expect(exported.members.map((member: any) => member.role).sort()).toEqual(['developer', 'owner']);
    expect(exported.webhooks).toEqual([]);
    expect(exported.audit_summary.total_entries).toBeGreaterThan(200);

    // Recorded in the audit log, as the caller.
    await eventually(
      async () => (await vexil.http('GET', '/v1/audit?action=data.exported', { token })).body.data,
      (entries) => entries.length === 1,
    );
  });

  it('is for owners and admins only, refused in FeatureSignals’ shape before anything is sent', async () => {
    const ws = await vexil.workspace();
    const developer = await joinAs(vexil, ws.account, await vexil.register(), 'developer');
    const refused = await vexil.http('GET', '/v1/data/export', { token: developer.accessToken });
    expectError(refused, 403, 'INSUFFICIENT_PERMISSIONS');
    expect(refused.headers.get('content-disposition')).toBeNull();
  });
});
