import { sharedTestPlatform } from '@vexil/testing';
import { featureFlagsWorkspace, laravelPackage } from '../../harness/featureflags.js';

// Issue 12: what the FeatureFlags package reports is stored by analytics before it is acknowledged.

const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

/** What the package sends (routes.md §2.0): JSON to `{base}/<path>` with its key as a bearer token. */
const report = (path: string, key: string | undefined, body: unknown) =>
  vexil.http('POST', path, {
    headers: { accept: 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body,
  });

const stored = (environmentId: string) =>
  vexil.sql<{ kind: string; data: Record<string, unknown>; key_id: string }>(
    `select kind, data, key_id from analytics.sdk_events where environment_id = ? order by kind, data->>'timestamp'`,
    [environmentId],
  );

describe('POST {base}/telemetry, /conversions, /errors', () => {
  it('stores each batch with its key’s environment and answers {received, count}', async () => {
    const ws = await featureFlagsWorkspace(vexil);
    const evaluations = [
      {
        flag_key: 'new-checkout',
        value: true,
        context_id: 'user_123',
        device_id: null,
        session_id: 'sess-1',
        request_id: 'req-1',
        timestamp: '2025-11-29T14:30:00Z',
        match_reason: 'rollout',
        matched_rule_index: -1,
      },
      { flag_key: 'api-version', context_id: 'user_456', value: 'v2', timestamp: '2025-11-29T14:30:01Z' },
    ];
    // Sent by the package's HTTP client, in PHP, as `TelemetryCollector` batches it.
    const telemetry = await laravelPackage(vexil, ws.key).send('telemetry', { events: evaluations });
    expect(telemetry).toEqual({
      status: 200,
      body: { received: true, count: 2 },
    });
    const conversion = {
      event_name: 'checkout_completed',
      context_id: 'user_123',
      device_id: null,
      session_id: 'sess-1',
      request_id: 'req-2',
      timestamp: '2025-11-29T14:31:00Z',
      properties: { amount: 42 },
      flag_key: 'new-checkout',
      flag_value: true,
      evaluated_flags: { 'new-checkout': true },
    };
    // The package before v0.1.1 posts under `{base}/api/`.
    expect((await report('/featureflags/v1/api/conversions', ws.key, { events: [conversion] })).body).toEqual(
      {
        received: true,
        count: 1,
      },
    );
    const error = {
      flag_key: 'new-checkout',
      flag_value: true,
      error_type: 'RuntimeException',
      error_message: 'boom',
      stack_trace: '#0 app/Http/Controllers/CheckoutController.php(12)',
      metadata: { route: 'checkout' },
      context_id: 'user_123',
      session_id: 'sess-1',
      request_id: 'req-2',
      occurred_at: '2025-11-29T14:31:01Z',
    };
    expect((await report('/api/errors', ws.key, { errors: [error] })).body).toEqual({
      received: true,
      count: 1,
    });

    const rows = await stored(ws.env.production);
    expect(new Set(rows.map((row) => row.key_id))).toEqual(new Set([ws.keyId]));
    expect(rows.map(({ kind, data }) => ({ kind, data }))).toEqual([
      { kind: 'conversion', data: conversion },
      { kind: 'error', data: error },
      { kind: 'evaluation', data: evaluations[0] },
      { kind: 'evaluation', data: evaluations[1] },
    ]);
  });

  it('refuses a batch without a key (401) or with a malformed event (422, naming the field), storing nothing', async () => {
    const ws = await featureFlagsWorkspace(vexil);
    const unauthenticated = await report('/featureflags/v1/telemetry', undefined, { events: [] });
    expect({ status: unauthenticated.status, body: unauthenticated.body }).toEqual({
      status: 401,
      body: { message: 'Unauthenticated.' },
    });
    const invalid = await report('/featureflags/v1/telemetry', ws.key, {
      events: [{ value: true, timestamp: '2025-11-29T14:30:00Z' }],
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body).toEqual({
      message: 'The given data was invalid.',
      errors: expect.any(Object),
    });
    expect(JSON.stringify(invalid.body.errors)).toContain('flag_key');
    expect(await stored(ws.env.production)).toEqual([]);
  });
});
