import { eventually, startTestPlatform, type TestPlatform } from '@vexil/testing';

let vexil: TestPlatform;
// Its own platform: it stops the analytics subgraph and adds a constraint to its table.
beforeAll(async () => {
  vexil = await startTestPlatform();
});
afterAll(() => vexil?.dispose());

const audited = async (organizationId: string) =>
  (
    await vexil.sql<{ action: string; resource_id: string }>(
      'select action, resource_id from analytics.audit_events where organization_id = ? order by occurred_at',
      [organizationId],
    )
  ).map((row) => row.action);

describe('event consumers', () => {
  it('audit what was committed while the audit consumer was down, once it is back', async () => {
    const ws = await vexil.workspace();
    const organizationId = ws.account.organizationId;
    const start = await vexil.stopService('analytics');
    const flagId = await ws.createFlag('while-down');
    await ws.setEnabled(flagId, 'production', true);
    expect(await audited(organizationId)).not.toContain('flag.created');

    await start();
    const actions = await eventually(
      () => audited(organizationId),
      (list) => list.includes('flag.toggled'),
    );
    expect(actions).toEqual(expect.arrayContaining(['flag.created', 'flag.toggled']));
    // Exactly once, though the restarted consumer read the outbox again from its stored position.
    expect(actions.filter((action) => action === 'flag.created')).toHaveLength(1);
  });

  it('retries a failing reaction, sets its event aside after the last attempt, and goes on', async () => {
    const ws = await vexil.workspace();
    const organizationId = ws.account.organizationId;
    const poisoned = await ws.createFlag('poisoned');
    // Its creation audited first (on a server the audit consumer trails the write by a moment).
    await eventually(
      () => vexil.sql('select 1 from analytics.audit_events where resource_id = ?', [poisoned]),
      (rows) => rows.length > 0,
    );
    // A constraint the audit reaction breaks for this flag's next events: a real failure, not a mock.
    await vexil.sql(
      `alter table analytics.audit_events add constraint refuse_poison check (resource_id is distinct from '${poisoned}') not valid`,
    );
    try {
      await ws.setEnabled(poisoned, 'production', true);
      const healthy = await ws.createFlag('healthy');
      await ws.setEnabled(healthy, 'production', true);

      const dead = await eventually(
        () =>
          vexil.sql<{ type: string; attempts: number }>(
            `select d.type, d.attempts from analytics.dead_events d
               join flags.outbox o on o.id = d.event_id where o.aggregate_id = ?`,
            [poisoned],
          ),
        (rows) => rows.length > 0,
      );
      expect(dead).toEqual([{ type: 'flag.toggled', attempts: 5 }]);
      // The events after the dead one were still audited.
      const actions = await eventually(
        () => audited(organizationId),
        (list) => list.filter((action) => action === 'flag.toggled').length >= 1,
      );
      expect(actions.filter((action) => action === 'flag.toggled')).toHaveLength(1);
      // Owners and admins see it in GraphQL, with the service, the event and the error.
      const reports = await eventually(
        () => ws.gql(`{ organization { deadEvents { nodes { action data } } } }`),
        (answer) => (answer.data?.organization?.deadEvents?.nodes?.length ?? 0) > 0,
      );
      expect(reports.errors).toBeUndefined();
      expect(reports.data.organization.deadEvents.nodes).toEqual([
        {
          action: 'event.dead',
          data: expect.objectContaining({
            service: 'analytics',
            eventType: 'flag.toggled',
            attempts: 5,
            error: expect.stringContaining('refuse_poison'),
          }),
        },
      ]);
      const metrics = await vexil.http('GET', '/metrics');
      expect(metrics.text).toMatch(/vexil_dead_events_total\{service="analytics"\} [1-9]/);
    } finally {
      await vexil.sql('alter table analytics.audit_events drop constraint if exists refuse_poison');
    }
  });
});
