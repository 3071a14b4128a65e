import { sharedTestPlatform, subscribe } from '@vexil/testing';

const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

const FLAG_CHANGED = `subscription ($p: ID!) {
  flagChanged(projectId: $p, environmentKey: "production") {
    sequence action flagKey configuration { enabled } flag { project { organization { name } } }
  }
}`;
const FLAG_UPDATES = `subscription { flagUpdates { sequence action flagKey flag } }`;

describe('one change, every feed', () => {
  it('pushes a toggle made through REST and one made through GraphQL to dashboards and SDKs alike', async () => {
    const ws = await vexil.workspace({ org_name: 'Both Ways' });
    const flagId = await ws.createFlag('both-ways');
    const dashboard = subscribe(
      vexil.ws({ authorization: `Bearer ${ws.account.accessToken}` }),
      FLAG_CHANGED,
      { p: ws.projectId },
    );
    const sdk = subscribe(vexil.ws({ apiKey: (await ws.apiKey('client')).key }), FLAG_UPDATES);
    await Promise.all([dashboard.ready, sdk.ready]);

    // FeatureSignals' REST client toggles by key and environment id…
    const rest = await vexil.http(
      'PUT',
      `/v1/projects/${ws.projectId}/flags/both-ways/environments/${ws.env.production}`,
      { token: ws.account.accessToken, body: { enabled: true } },
    );
    expect(rest.status).toBe(200);
    // Payload fields resolve when the change is delivered (docs/decisions/0006): wait for it before the
    // next change, so each payload shows the state its own change left.
    await Promise.all([dashboard.received(1), sdk.received(1)]);
    // …and a dashboard through GraphQL.
    await ws.setEnabled(flagId, 'production', false);

    const changes = (await dashboard.received(2)).map((r) => r.data.flagChanged);
    expect(changes.map((c) => [c.action, c.flagKey, c.configuration.enabled])).toEqual([
      ['flag.toggled', 'both-ways', true],
      ['flag.toggled', 'both-ways', false],
    ]);
    expect(changes.every((c) => c.flag.project.organization.name === 'Both Ways')).toBe(true);
    const updates = (await sdk.received(2)).map((r) => r.data.flagUpdates);
    expect(updates.map((u) => [u.action, u.flag.enabled])).toEqual([
      ['flag.toggled', true],
      ['flag.toggled', false],
    ]);
    expect(updates.map((u) => u.sequence)).toEqual(changes.map((c) => c.sequence));
  });
});
