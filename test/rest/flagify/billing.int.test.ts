import { sharedTestPlatform } from '@vexil/testing';
import { expectFlagifyError } from '../../harness/flagify.js';

// Issue 15: Flagify's workspace billing (routes.md §4.2): a workspace is an organization.

const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

describe('Flagify workspace billing', () => {
  it('answers the subscription and each limit with the usage, in camelCase', async () => {
    const owner = await vexil.register();
    const answer = await vexil.http('GET', `/flagify/v1/workspaces/${owner.organizationId}/billing`, {
      token: owner.accessToken,
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      id: owner.organizationId,
      subscription: { plan: 'self-hosted', status: 'active', trialEndsAt: null, provider: 'manual' },
    });
    expect(answer.body.limits).toContainEqual({ resource: 'seats', limit: null, used: 1, reached: false });
  });

  it('changes the plan of the caller’s workspace, and finds no other workspace', async () => {
    const owner = await vexil.register();
    const other = await vexil.register();
    const path = (wid: string) => `/flagify/v1/workspaces/${wid}/billing/change-plan`;
    const changed = await vexil.http('POST', path(owner.organizationId), {
      token: owner.accessToken,
      body: { plan: 'pro' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ plan: 'pro', status: 'active' });
    const billing = await vexil.http('GET', `/flagify/v1/workspaces/${owner.organizationId}/billing`, {
      token: owner.accessToken,
    });
    expect(billing.body.limits).toContainEqual({ resource: 'projects', limit: 10, used: 1, reached: false });

    expectFlagifyError(
      await vexil.http('POST', path(other.organizationId), {
        token: owner.accessToken,
        body: { plan: 'pro' },
      }),
      404,
      'organization_not_found',
    );
    expectFlagifyError(
      await vexil.http('GET', `/flagify/v1/workspaces/${other.organizationId}/billing`, {
        token: owner.accessToken,
      }),
      404,
      'organization_not_found',
    );
    const unknown = await vexil.http('POST', path(owner.organizationId), {
      token: owner.accessToken,
      body: { plan: 'gold' },
    });
    // Flagify answers a refused body 422 `unprocessable_entity`.
    expectFlagifyError(unknown, 422, 'unprocessable_entity');
  });
});
