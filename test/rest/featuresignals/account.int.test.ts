import { eventually, sharedTestPlatform } from '@vexil/testing';
import { expectError, joinAs } from '../../harness/featuresignals.js';

// Issue 20: FeatureSignals' account and workspace routes: onboarding, hints, mail preferences, feedback
// and pinned items, each kept by identity and audited.
const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

const ISO = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/);

describe('FeatureSignals account and workspace routes', () => {
  it('walks the onboarding: steps marked, completed once the four first steps are done, for the organization', async () => {
    const ws = await vexil.workspace();
    const token = ws.account.accessToken;
    const fresh = await vexil.http('GET', '/v1/onboarding', { token });
    expect(fresh.body).toEqual({
      org_id: ws.account.organizationId,
      plan_selected: false,
      first_flag_created: false,
      first_sdk_connected: false,
      first_evaluation: false,
      tour_completed: false,
      completed: false,
      completed_at: null,
      updated_at: ISO,
    });
    const patch = (body: Record<string, unknown>) => vexil.http('PATCH', '/v1/onboarding', { token, body });
    expect((await patch({ plan_selected: true, first_flag_created: true })).body).toMatchObject({
      plan_selected: true,
      first_flag_created: true,
      completed: false,
    });
    const done = await patch({ first_sdk_connected: true, first_evaluation: true });
    expect(done.body).toMatchObject({ completed: true, completed_at: ISO, tour_completed: false });
    // Unmarking a step later does not undo the completion; another member sees the same state.
    expect((await patch({ first_evaluation: false })).body).toMatchObject({
      first_evaluation: false,
      completed: true,
      completed_at: done.body.completed_at,
    });
    const colleague = await joinAs(vexil, ws.account, await vexil.register(), 'viewer');
    expect((await vexil.http('GET', '/v1/onboarding', { token: colleague.accessToken })).body).toMatchObject({
      plan_selected: true,
      completed: true,
    });
    expectError(await patch({ plan_selected: 'yes' }), 400, 'VALIDATION_FAILED');
    // The update that completed it is the analytics overview's funnel step, once.
    const overview = await eventually(
      async () => (await vexil.http('GET', '/v1/analytics/overview', { token })).body,
      (body) => body.funnel?.onboarding_completed === 1,
    );
    expect(overview.funnel.onboarding_completed).toBe(1);
  });

  it('keeps each user’s hints and mail preferences, and takes feedback', async () => {
    const ws = await vexil.workspace();
    const token = ws.account.accessToken;
    expect((await vexil.http('GET', '/v1/users/me/hints', { token })).body).toEqual({ hints: [] });
    for (const hint of ['flags-intro', 'segments-intro', 'flags-intro']) {
      const dismissed = await vexil.http('POST', '/v1/users/me/hints', { token, body: { hint_id: hint } });
      expect(dismissed.status).toBe(204);
    }
    expect((await vexil.http('GET', '/v1/users/me/hints', { token })).body).toEqual({
      hints: ['flags-intro', 'segments-intro'],
    });
    const other = await vexil.workspace();
    expect(
      (await vexil.http('GET', '/v1/users/me/hints', { token: other.account.accessToken })).body,
    ).toEqual({
      hints: [],
    });
    const missing = await vexil.http('POST', '/v1/users/me/hints', { token, body: {} });
    expectError(missing, 400, 'VALIDATION_FAILED');
    expect(missing.body.error).toBe('hint_id is required');

    const preferences = (body: Record<string, unknown>) =>
      vexil.http('PUT', '/v1/users/me/email-preferences', { token, body });
    expect((await preferences({ consent: false, preference: 'transactional' })).status).toBe(204);
    const stored = await ws.gql(`{ preferences { emailConsent emailPreference } }`);
    expect(stored.data.preferences).toEqual({ emailConsent: false, emailPreference: 'transactional' });
    const wrong = await preferences({ consent: true, preference: 'weekly' });
    expectError(wrong, 400, 'VALIDATION_FAILED');
    expect(wrong.body.error).toBe('preference must be all, important, or transactional');
    // Mail about the account comes whatever the preference says.
    await vexil.http('POST', '/v1/auth/forgot-password', { body: { email: ws.account.email } });
    expect((await vexil.lastMail(ws.account.email, 'password_reset')).token).toEqual(expect.any(String));

    const sent = await vexil.http('POST', '/v1/feedback', {
      token,
      body: { type: 'idea', sentiment: 'positive', message: 'Search is quick', page: '/flags' },
    });
    expect([sent.status, sent.body]).toEqual([201, { status: 'received' }]);
    expectError(
      await vexil.http('POST', '/v1/feedback', { token, body: { type: 'idea', message: '' } }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('pins and unpins items of a project, each user their own, in pages', async () => {
    const ws = await vexil.workspace();
    const token = ws.account.accessToken;
    const pin = (resource_id: string) =>
      vexil.http('POST', '/v1/pinned', {
        token,
        body: { project_id: ws.projectId, resource_type: 'flag', resource_id },
      });
    const first = await pin('new-checkout');
    expect([first.status, first.body]).toEqual([
      201,
      {
        id: expect.any(String),
        project_id: ws.projectId,
        resource_type: 'flag',
        resource_id: 'new-checkout',
        created_at: ISO,
      },
    ]);
    expect((await pin('new-checkout')).body.id).toBe(first.body.id);
    await pin('dark-mode');
    const list = await vexil.http('GET', `/v1/projects/${ws.projectId}/pinned?limit=1`, { token });
    expect(list.body).toMatchObject({ total: 2, limit: 1, offset: 0, has_more: true });
    expect(list.body.data.map((item: any) => item.resource_id)).toEqual(['dark-mode']);
    // Another member's pins are theirs: they see none of these and cannot unpin them.
    const colleague = await joinAs(vexil, ws.account, await vexil.register(), 'developer');
    const theirs = await vexil.http('GET', `/v1/projects/${ws.projectId}/pinned`, {
      token: colleague.accessToken,
    });
    expect(theirs.body.data).toEqual([]);
    expectError(
      await vexil.http('DELETE', `/v1/pinned/${first.body.id}`, { token: colleague.accessToken }),
      404,
      'NOT_FOUND',
    );
    expect((await vexil.http('DELETE', `/v1/pinned/${first.body.id}`, { token })).status).toBe(204);
    expect((await vexil.http('GET', `/v1/projects/${ws.projectId}/pinned`, { token })).body.total).toBe(1);
    const bad = await vexil.http('POST', '/v1/pinned', { token, body: { project_id: ws.projectId } });
    expectError(bad, 400, 'VALIDATION_FAILED');
    expect(bad.body.error).toBe('project_id, resource_type, and resource_id are required');
  });
});
