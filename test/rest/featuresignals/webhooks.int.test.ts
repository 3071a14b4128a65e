import { createHmac } from 'node:crypto';
import { httpReceiver, startTestPlatform, type TestPlatform } from '@vexil/testing';
import { expectError, joinAs } from '../../harness/featuresignals.js';

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

describe('FeatureSignals /v1/webhooks', () => {
  it('creates, lists, reads, updates and deletes webhooks in the v1 shapes', async () => {
    const ws = await vexil.workspace();
    const token = ws.account.accessToken;
    const created = await vexil.http('POST', '/v1/webhooks', {
      token,
      body: { name: 'Slack relay', url: `${base}/crud`, events: [] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: 'Slack relay',
      url: `${base}/crud`,
      events: ['*'],
      enabled: true,
      has_secret: true,
      secret: expect.any(String),
      created_at: ISO,
      updated_at: ISO,
    });
    const { secret, ...webhook } = created.body;
    const list = await vexil.http('GET', '/v1/webhooks', { token });
    expect(list.body).toEqual({ data: [webhook], total: 1, limit: 50, offset: 0, has_more: false });
    expect((await vexil.http('GET', `/v1/webhooks/${webhook.id}`, { token })).body).toEqual(webhook);

    const updated = await vexil.http('PUT', `/v1/webhooks/${webhook.id}`, {
      token,
      body: { enabled: false, events: ['flag.toggled'] },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ name: 'Slack relay', enabled: false, events: ['flag.toggled'] });

    expect((await vexil.http('DELETE', `/v1/webhooks/${webhook.id}`, { token })).status).toBe(204);
    expectError(await vexil.http('GET', `/v1/webhooks/${webhook.id}`, { token }), 404, 'NOT_FOUND');
  });

  it('signs deliveries as FeatureSignals receivers verify and lists them with their outcome', async () => {
    const ws = await vexil.workspace();
    const token = ws.account.accessToken;
    const { body } = await vexil.http('POST', '/v1/webhooks', {
      token,
      body: { name: 'Signed', url: `${base}/signed`, secret: 'shh-fs', events: ['flag.toggled'] },
    });
    const flagId = await ws.createFlag('hooked');
    await ws.setEnabled(flagId, 'production', true);

    const [delivery] = await receiver.waitFor('/signed', 1);
    const signature = createHmac('sha256', 'shh-fs').update(delivery!.body).digest('hex');
    expect(delivery!.headers['x-featuresignals-signature']).toBe(`sha256=${signature}`);

    let deliveries = await vexil.http('GET', `/v1/webhooks/${body.id}/deliveries`, { token });
    for (let i = 0; i < 50 && deliveries.body.data?.[0]?.success !== true; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      deliveries = await vexil.http('GET', `/v1/webhooks/${body.id}/deliveries`, { token });
    }
    expect(deliveries.body).toMatchObject({ total: 1, has_more: false });
    expect(deliveries.body.data[0]).toMatchObject({
      id: expect.any(String),
      event_type: 'flag.toggled',
      success: true,
      response_status: 200,
      delivered_at: ISO,
    });
  });

  it('refuses bad input in the v1 error shape and writes nothing', async () => {
    const ws = await vexil.workspace();
    const token = ws.account.accessToken;
    for (const body of [
      { url: `${base}/x` },
      { name: 'No URL' },
      { name: 'Bad scheme', url: 'ftp://example.com/hook' },
      { name: 'Bad events', url: `${base}/x`, events: [42] },
    ]) {
      const answer = await vexil.http('POST', '/v1/webhooks', { token, body });
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expectError(answer, answer.status, 'VALIDATION_FAILED');
    }
    expect((await vexil.http('GET', '/v1/webhooks', { token })).body.total).toBe(0);
  });

  it('keeps webhooks to owners and admins of their own organization', async () => {
    const owner = await vexil.workspace();
    const { body } = await vexil.http('POST', '/v1/webhooks', {
      token: owner.account.accessToken,
      body: { name: 'Mine', url: `${base}/mine` },
    });
    const stranger = await vexil.workspace();
    const other = { token: stranger.account.accessToken };
    expectError(await vexil.http('GET', `/v1/webhooks/${body.id}`, other), 404, 'NOT_FOUND');
    expectError(
      await vexil.http('PUT', `/v1/webhooks/${body.id}`, { ...other, body: { enabled: false } }),
      404,
      'NOT_FOUND',
    );
    expectError(await vexil.http('DELETE', `/v1/webhooks/${body.id}`, other), 404, 'NOT_FOUND');

    const developer = await joinAs(vexil, owner.account, await vexil.register(), 'developer');
    expectError(
      await vexil.http('GET', '/v1/webhooks', { token: developer.accessToken }),
      403,
      'INSUFFICIENT_PERMISSIONS',
    );
    const still = await vexil.http('GET', `/v1/webhooks/${body.id}`, { token: owner.account.accessToken });
    expect(still.body.enabled).toBe(true);
  });
});
