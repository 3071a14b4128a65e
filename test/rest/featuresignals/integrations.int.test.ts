import { createHmac } from 'node:crypto';
import { httpReceiver, startTestPlatform, type TestPlatform, type Workspace } from '@vexil/testing';
import { expectError, joinAs } from '../../harness/featuresignals.js';

// Issue 20: FeatureSignals' integrations, delivered by the webhooks' machinery in each product's format.

let vexil: TestPlatform;
const receiver = httpReceiver();
let base: string;
beforeAll(async () => {
  vexil = await startTestPlatform({ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', WEBHOOK_RETRY_BASE_MS: '20' });
  base = await receiver.start();
});
afterAll(async () => {
  await vexil?.dispose();
  await receiver.stop();
});

const ISO = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/);
const MASK = '********';

const create = (ws: Workspace, body: Record<string, unknown>) =>
  vexil.http('POST', '/v1/integrations', { token: ws.account.accessToken, body });

/** The deliveries of an integration once `done` holds of them (they are made asynchronously). */
async function deliveriesOf(ws: Workspace, id: string, done: (rows: any[]) => boolean) {
  let answer = await vexil.http('GET', `/v1/integrations/${id}/deliveries`, {
    token: ws.account.accessToken,
  });
  for (let i = 0; i < 50 && !done(answer.body); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    answer = await vexil.http('GET', `/v1/integrations/${id}/deliveries`, { token: ws.account.accessToken });
  }
  expect(answer.status).toBe(200);
  return answer.body as any[];
}

describe('FeatureSignals /v1/integrations', () => {
  it('creates, lists, reads, updates and deletes integrations, never returning a credential', async () => {
    const ws = await vexil.workspace();
    const token = ws.account.accessToken;
    const slackUrl = 'https://hooks.slack.com/services/T0/B0/not-for-your-eyes';
    const created = await create(ws, {
      provider: 'slack',
      config: { webhook_url: slackUrl, channel: '#releases' },
      enabled_events: ['flag.toggled'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      org_id: ws.account.organizationId,
      provider: 'slack',
      name: 'Slack',
      config: { channel: '#releases', webhook_url: MASK },
      enabled_events: ['flag.toggled'],
      enabled: true,
      created_at: ISO,
      updated_at: ISO,
    });
    const integration = created.body;
    const list = await vexil.http('GET', '/v1/integrations', { token });
    expect(list.body).toEqual({ data: [integration], total: 1, limit: 50, offset: 0, has_more: false });
    const read = await vexil.http('GET', `/v1/integrations/${integration.id}`, { token });
    expect(read.body).toEqual(integration);
    expect(JSON.stringify([list.body, read.body])).not.toContain('not-for-your-eyes');
    // A Slack integration is no webhook: the webhook routes, which show URLs, do not see it.
    expect((await vexil.http('GET', '/v1/webhooks', { token })).body.total).toBe(0);
    expectError(await vexil.http('GET', `/v1/webhooks/${integration.id}`, { token }), 404, 'NOT_FOUND');

    const updated = await vexil.http('PUT', `/v1/integrations/${integration.id}`, {
      token,
      body: { enabled: false, config: { channel: '#ops' }, enabled_events: [] },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      enabled: false,
      enabled_events: ['*'],
      config: { channel: '#ops', webhook_url: MASK },
    });
    const [stored] = await vexil.sql<{ url: string }>('select url from flags.webhooks where id = ?', [
      integration.id,
    ]);
    expect(stored!.url).toBe(slackUrl);

    // A generic webhook's generated signing secret comes back once, on creation.
    const hook = await create(ws, { provider: 'webhook', config: { url: `${base}/crud` } });
    expect(hook.body).toMatchObject({
      provider: 'webhook',
      config: { url: `${base}/crud`, format: 'vexil', secret: MASK },
      secret: expect.stringMatching(/^whsec_/),
    });
    expect((await vexil.http('GET', `/v1/integrations/${hook.body.id}`, { token })).body).not.toHaveProperty(
      'secret',
    );

    expect((await vexil.http('DELETE', `/v1/integrations/${integration.id}`, { token })).status).toBe(204);
    expectError(await vexil.http('GET', `/v1/integrations/${integration.id}`, { token }), 404, 'NOT_FOUND');
  });

  it('delivers a flag change to each provider in its own format', async () => {
    const ws = await vexil.workspace();
    const events = ['flag.toggled'];
    const ids: Record<string, string> = {};
    for (const [provider, config] of [
      ['webhook', { url: `${base}/generic`, secret: 'shh-generic', format: 'featuresignals' }],
      ['slack', { webhook_url: `${base}/slack`, channel: '#releases' }],
      ['teams', { webhook_url: `${base}/teams` }],
      ['datadog', { api_key: 'dd-key-1', url: `${base}/datadog`, tags: ['team:web'] }],
      ['pagerduty', { routing_key: 'pd-routing-1', url: `${base}/pagerduty` }],
    ] as const) {
      const answer = await create(ws, { provider, config, enabled_events: events });
      expect(answer.status).toBe(201);
      ids[provider] = answer.body.id;
    }
    const flagId = await ws.createFlag('checkout');
    await ws.setEnabled(flagId, 'production', true);

    const [generic] = await receiver.waitFor('/generic', 1);
    const signature = createHmac('sha256', 'shh-generic').update(generic!.body).digest('hex');
    expect(generic!.headers['x-featuresignals-signature']).toBe(`sha256=${signature}`);
    expect(JSON.parse(generic!.body)).toMatchObject({
      type: 'flag.toggled',
      org_id: ws.account.organizationId,
      flag_id: flagId,
    });

    const [slack] = await receiver.waitFor('/slack', 1);
    expect(JSON.parse(slack!.body)).toEqual({
      channel: '#releases',
      text: 'flag.toggled: `checkout` in production (now on)',
      blocks: [
        {
          type: 'section',
          text: { type: 'mrkdwn', text: 'flag.toggled: `checkout` in production (now on)' },
        },
        { type: 'context', elements: [{ type: 'mrkdwn', text: expect.stringMatching(/^Vexil · /) }] },
      ],
    });
    expect(slack!.headers).not.toHaveProperty('x-featuresignals-signature');

    const [teams] = await receiver.waitFor('/teams', 1);
    expect(JSON.parse(teams!.body)).toMatchObject({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: {
            type: 'AdaptiveCard',
            body: [
              { type: 'TextBlock', text: 'flag.toggled' },
              { type: 'TextBlock', text: 'flag.toggled: `checkout` in production (now on)' },
            ],
          },
        },
      ],
    });

    const [datadog] = await receiver.waitFor('/datadog', 1);
    expect(datadog!.headers['dd-api-key']).toBe('dd-key-1');
    expect(JSON.parse(datadog!.body)).toEqual({
      title: 'Vexil: flag.toggled checkout',
      text: 'flag.toggled: `checkout` in production (now on)',
      alert_type: 'info',
      source_type_name: 'vexil',
      aggregation_key: 'checkout',
      date_happened: expect.any(Number),
      tags: ['source:vexil', 'event:flag.toggled', 'flag:checkout', 'env:production', 'team:web'],
    });

    const [pagerduty] = await receiver.waitFor('/pagerduty', 1);
    expect(JSON.parse(pagerduty!.body)).toMatchObject({
      routing_key: 'pd-routing-1',
      payload: {
        summary: 'flag.toggled: `checkout` in production (now on)',
        source: 'vexil',
        timestamp: ISO,
        custom_details: { type: 'flag.toggled', key: 'checkout', environmentKey: 'production' },
      },
    });

    for (const provider of Object.keys(ids)) {
      const [delivery] = await deliveriesOf(ws, ids[provider]!, (rows) => rows[0]?.success === true);
      expect(delivery).toMatchObject({
        integration_id: ids[provider],
        event_type: 'flag.toggled',
        status: 'succeeded',
        success: true,
        response_status: 200,
        delivered_at: ISO,
      });
    }
  });

  it('retries a failing receiver and logs every attempt in the deliveries', async () => {
    const ws = await vexil.workspace();
    receiver.script('/flaky-teams', [500, 502]);
    receiver.script('/gone-datadog', [403]);
    const teams = await create(ws, {
      provider: 'teams',
      config: { webhook_url: `${base}/flaky-teams` },
      enabled_events: ['flag.toggled'],
    });
    const datadog = await create(ws, {
      provider: 'datadog',
      config: { api_key: 'revoked', url: `${base}/gone-datadog` },
      enabled_events: ['flag.toggled'],
    });
    await ws.setEnabled(await ws.createFlag('flaky'), 'production', true);

    expect(await receiver.waitFor('/flaky-teams', 3)).toHaveLength(3);
    const [retried] = await deliveriesOf(ws, teams.body.id, (rows) => rows[0]?.status === 'succeeded');
    expect(retried).toMatchObject({ success: true, response_status: 200 });
    expect(retried.attempts.map((attempt: any) => attempt.status)).toEqual([500, 502, 200]);

    const [refused] = await deliveriesOf(ws, datadog.body.id, (rows) => rows[0]?.status === 'failed');
    expect(refused).toMatchObject({ success: false, response_status: 403, delivered_at: null });
    expect(refused.attempts).toHaveLength(1);
  });

  it('sends a test notification and answers how its first attempt went', async () => {
    const ws = await vexil.workspace();
    const token = ws.account.accessToken;
    const slack = await create(ws, { provider: 'slack', config: { webhook_url: `${base}/test-slack` } });
    const sent = await vexil.http('POST', `/v1/integrations/${slack.body.id}/test`, { token });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({
      id: expect.any(String),
      integration_id: slack.body.id,
      event_type: 'integration.test',
      status: 'succeeded',
      success: true,
      response_status: 200,
      delivered_at: ISO,
    });
    const [message] = await receiver.waitFor('/test-slack', 1);
    expect(JSON.parse(message!.body).text).toBe('Test notification from Vexil for Slack');
    expect(message!.headers['x-vexil-delivery']).toBe(sent.body.id);

    receiver.script('/test-pagerduty', [400]);
    const pagerduty = await create(ws, {
      provider: 'pagerduty',
      config: { routing_key: 'wrong', url: `${base}/test-pagerduty` },
    });
    const failed = await vexil.http('POST', `/v1/integrations/${pagerduty.body.id}/test`, { token });
    expect(failed.body).toMatchObject({ status: 'failed', success: false, response_status: 400 });
    const logged = await deliveriesOf(ws, pagerduty.body.id, () => true);
    expect(logged.map((delivery) => delivery.id)).toEqual([failed.body.id]);
  });

  it('refuses bad input in the v1 error shape and writes nothing', async () => {
    const ws = await vexil.workspace();
    for (const body of [
      { provider: 'jira', config: {} },
      { provider: 'slack', config: {} },
      { provider: 'slack', config: { webhook_url: 'ftp://example.com/x' } },
      { provider: 'datadog', config: { site: 'datadoghq.eu' } },
      { provider: 'pagerduty', config: { routing_key: 42 } },
      { provider: 'webhook', config: { url: `${base}/x`, format: 'morse' } },
      { provider: 'slack', config: [] },
      { provider: 'slack' },
    ]) {
      const answer = await create(ws, body);
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expectError(answer, answer.status, 'VALIDATION_FAILED');
    }
    const total = await vexil.http('GET', '/v1/integrations', { token: ws.account.accessToken });
    expect(total.body.total).toBe(0);
  });

  it('keeps integrations to owners and admins of their own organization', async () => {
    const owner = await vexil.workspace();
    const { body } = await create(owner, { provider: 'teams', config: { webhook_url: `${base}/mine` } });
    const stranger = await vexil.workspace();
    const other = { token: stranger.account.accessToken };
    expectError(await vexil.http('GET', `/v1/integrations/${body.id}`, other), 404, 'NOT_FOUND');
    expectError(await vexil.http('POST', `/v1/integrations/${body.id}/test`, other), 404, 'NOT_FOUND');
    expectError(await vexil.http('DELETE', `/v1/integrations/${body.id}`, other), 404, 'NOT_FOUND');

    const developer = await joinAs(vexil, owner.account, await vexil.register(), 'developer');
    expectError(
      await vexil.http('GET', '/v1/integrations', { token: developer.accessToken }),
      403,
      'INSUFFICIENT_PERMISSIONS',
    );
  });
});
