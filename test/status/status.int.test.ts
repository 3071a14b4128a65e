import { eventually, startTestPlatform, type TestPlatform } from '@vexil/testing';

// Issue 20: FeatureSignals' health and status routes, from the gateway's own checks of the platform and
// the history analytics records of them. A platform of this file's own: it checks every 100 ms, and a
// test stops a subgraph.
let vexil: TestPlatform;
beforeAll(async () => {
  vexil = await startTestPlatform({ STATUS_CHECK_INTERVAL_MS: '100' });
});
afterAll(() => vexil?.dispose());

const today = () => new Date().toISOString().slice(0, 10);
const COMPONENTS = ['API Server', 'Identity', 'Flags', 'Billing', 'Analytics', 'Flag Evaluation Engine'];

describe('status', () => {
  it('answers /health, the live status of every component, the region and capabilities, public and cacheable', async () => {
    expect((await vexil.http('GET', '/health')).body).toEqual({ status: 'ok', service: 'vexil' });
    const local = await vexil.http('GET', '/v1/status');
    expect(local.status).toBe(200);
    expect(local.headers.get('cache-control')).toBe('public, max-age=30');
    expect(local.body).toMatchObject({ region: 'self-hosted', status: 'operational' });
    expect(local.body.services.map((service: any) => [service.name, service.status])).toEqual(
      COMPONENTS.map((name) => [name, 'operational']),
    );
    expect((await vexil.http('GET', '/v1/regions')).body).toEqual({
      regions: [{ code: 'self-hosted', name: 'This installation', flag: '' }],
    });
    expect((await vexil.http('GET', '/v1/capabilities')).body).toEqual({
      deployment_mode: 'self-hosted',
      billing_enabled: false,
      regions_enabled: false,
      email_provider: 'outbox',
    });
    const global = await vexil.http('GET', '/v1/status/global');
    expect(global.body).toMatchObject({
      overall_status: 'operational',
      regions: [{ region: 'self-hosted' }],
    });
  });

  it('records the checks per day, and a component down shows live, in the history and in the SLA', async () => {
    const history = await eventually(
      async () => (await vexil.http('GET', '/v1/status/history?days=7')).body,
      (body) => body.components?.length === COMPONENTS.length,
    );
    expect(history.regions).toEqual(['self-hosted']);
    for (const day of history.components)
      expect(day).toEqual({
        date: today(),
        region: 'self-hosted',
        component: expect.any(String),
        uptime_pct: 100,
        total_checks: expect.any(Number),
        operational_checks: day.total_checks,
      });
    expect((await vexil.http('GET', '/v1/status/sla')).body).toMatchObject({
      sla: [{ region: 'self-hosted', uptime_pct: 100, days_tracked: 1, current_streak_days: 1 }],
      period_days: 90,
    });

    const restart = await vexil.stopService('billing');
    const down = await vexil.http('GET', '/v1/status');
    expect(down.body.status).toBe('down');
    expect(down.body.services.find((service: any) => service.name === 'Billing')).toMatchObject({
      status: 'down',
      message: 'unreachable',
    });
    expect((await vexil.http('GET', '/v1/status/global')).body.overall_status).toBe('partial_outage');
    const billing = await eventually(
      async () =>
        (await vexil.http('GET', '/v1/status/history')).body.components.find(
          (day: any) => day.component === 'Billing',
        ),
      (day) => day.operational_checks < day.total_checks,
    );
    expect(billing.uptime_pct).toBeLessThan(100);
    await restart();
    const sla = (await vexil.http('GET', '/v1/status/sla?days=30')).body;
    expect(sla.sla[0].uptime_pct).toBeLessThan(100);
    expect(sla.sla[0].current_streak_days).toBe(0);
    expect(sla.period_days).toBe(30);
  });

  it('refuses a period out of range in FeatureSignals’ shape', async () => {
    for (const path of ['/v1/status/history?days=0', '/v1/status/history?days=91', '/v1/status/sla?days=x']) {
      const answer = await vexil.http('GET', path);
      expect([path, answer.status, answer.body.code]).toEqual([path, 400, 'VALIDATION_FAILED']);
    }
  });
});
