import type { HttpAnswer, PlatformClients, Registered } from '@vexil/testing';

/** Asserts the FeatureSignals error body `{error, message, code, request_id}` with a status. */
export function expectError(answer: HttpAnswer, status: number, code: string): void {
  expect({ status: answer.status, code: answer.body?.code }).toEqual({ status, code });
  expect(answer.body).toEqual(
    expect.objectContaining({
      error: expect.any(String),
      message: answer.body.error,
      code,
      request_id: answer.headers.get('x-request-id'),
    }),
  );
}

/** The environments of an account's default project, by key. */
export async function environmentsOf(
  vexil: PlatformClients,
  account: Registered,
): Promise<Record<string, string>> {
  const { data } = await vexil.graphql(
    `{ organization { projects { nodes { environments { nodes { id key } } } } } }`,
    {},
    account.accessToken,
  );
  const nodes = data.organization.projects.nodes[0].environments.nodes as { id: string; key: string }[];
  return Object.fromEntries(nodes.map((environment) => [environment.key, environment.id]));
}

/** Invites `email` into `owner`'s organization with `role`, and accepts as `invitee`; returns a session there. */
export async function joinAs(
  vexil: PlatformClients,
  owner: Registered,
  invitee: Registered,
  role: string,
): Promise<{ accessToken: string; refreshToken: string; memberId: string }> {
  const invited = await vexil.http('POST', '/v1/members/invite', {
    token: owner.accessToken,
    body: { email: invitee.email, role },
  });
  if (invited.status !== 201 && role !== 'owner') throw new Error(`invite failed: ${invited.text}`);
  const { token } = await vexil.lastMail(invitee.email, 'invitation');
  const accepted = await vexil.graphql(
    `mutation ($token: String!) { acceptInvitation(token: $token) { id } }`,
    { token },
    invitee.accessToken,
  );
  if (accepted.errors) throw new Error(`accept failed: ${JSON.stringify(accepted.errors)}`);
  const switched = await vexil.graphql(
    `mutation ($id: ID!) { switchOrganization(organizationId: $id) { accessToken refreshToken } }`,
    { id: owner.organizationId },
    invitee.accessToken,
  );
  return {
    accessToken: switched.data.switchOrganization.accessToken,
    refreshToken: switched.data.switchOrganization.refreshToken,
    memberId: accepted.data.acceptInvitation.id,
  };
}

/** Waits (briefly) until the audit log of an organization holds every expected action; returns what it holds. */
export async function auditActions(
  vexil: PlatformClients,
  organizationId: string,
  expected: string[],
): Promise<string[]> {
  let actions: string[] = [];
  // The audit log is fed by events, asynchronously; poll instead of sleeping a fixed time.
  for (let attempt = 0; attempt < 50 && !expected.every((a) => actions.includes(a)); attempt++) {
    const rows = await vexil.sql<{ action: string }>(
      'select action from analytics.audit_events where organization_id = ?',
      [organizationId],
    );
    actions = rows.map((row) => row.action);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return actions;
}
