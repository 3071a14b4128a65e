import { sharedTestPlatform, type Registered } from '@vexil/testing';
import { environmentsOf, expectError, joinAs } from '../../harness/featuresignals.js';

const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

const members = (token: string, query = '') => vexil.http('GET', `/v1/members${query}`, { token });

describe('GET /v1/members', () => {
  it('lists the organization’s members in the FeatureSignals list envelope', async () => {
    const owner = await vexil.register();
    const answer = await members(owner.accessToken);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      data: [
        expect.objectContaining({
          id: expect.any(String),
          org_id: owner.organizationId,
          user_id: owner.userId,
          role: 'owner',
          email: owner.email,
          name: 'Test User',
        }),
      ],
      total: 1,
      limit: 50,
      offset: 0,
      has_more: false,
    });
  });

  it('pages with limit and offset, capping limit at 100', async () => {
    const owner = await vexil.register();
    for (const role of ['developer', 'viewer']) await joinAs(vexil, owner, await vexil.register(), role);
    const page = await members(owner.accessToken, '?limit=1&offset=1');
    expect(page.body).toMatchObject({ total: 3, limit: 1, offset: 1, has_more: true });
    expect(page.body.data).toHaveLength(1);
    expect((await members(owner.accessToken, '?limit=1000')).body.limit).toBe(100);
    expectError(await members(owner.accessToken, '?limit=ten'), 400, 'VALIDATION_FAILED');
    expectError(await members(owner.accessToken, '?offset=-1'), 400, 'VALIDATION_FAILED');
  });
});

describe('inviting and accepting', () => {
  it('mails an invitation the invitee accepts, joining with the role', async () => {
    const owner = await vexil.register({ org_name: 'Invite Co' });
    const invitee = await vexil.register();
    const invited = await vexil.http('POST', '/v1/members/invite', {
      token: owner.accessToken,
      body: { email: invitee.email, role: 'viewer' },
    });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({
      email: invitee.email,
      role: 'viewer',
      org_id: owner.organizationId,
    });
    const { token, link } = await vexil.lastMail(invitee.email, 'invitation');
    expect(link).toContain(encodeURIComponent(token!));
    const ACCEPT = `mutation ($token: String!) { acceptInvitation(token: $token) { role organizationId } }`;
    const stranger = await vexil.register();
    const wrongPerson = await vexil.graphql(ACCEPT, { token }, stranger.accessToken);
    expect(wrongPerson.errors?.[0]?.extensions?.code).toBe('INVITATION_NOT_FOUND');
    const accepted = await vexil.graphql(ACCEPT, { token }, invitee.accessToken);
    expect(accepted.data.acceptInvitation).toEqual({ role: 'viewer', organizationId: owner.organizationId });
    const again = await vexil.graphql(ACCEPT, { token }, invitee.accessToken);
    expect(again.errors?.[0]?.extensions?.code).toBe('INVITATION_NOT_FOUND');
    const mine = await vexil.graphql(`{ myOrganizations { nodes { name } } }`, {}, invitee.accessToken);
    expect(mine.data.myOrganizations.nodes.map((o: { name: string }) => o.name)).toEqual([
      'Test Org',
      'Invite Co',
    ]);
  });

  it('refuses an address that is already a member with 409', async () => {
    const owner = await vexil.register();
    expectError(
      await vexil.http('POST', '/v1/members/invite', {
        token: owner.accessToken,
        body: { email: owner.email },
      }),
      409,
      'CONFLICT',
    );
  });

  it.each([
    ['no email', {}],
    ['an invalid email', { email: 'not-an-email' }],
    ['an unknown role', { email: 'new@example.com', role: 'superuser' }],
    ['a number for the email', { email: 12 }],
  ])('rejects %s with 400 and mails nothing', async (_case, body) => {
    const owner = await vexil.register();
    expectError(
      await vexil.http('POST', '/v1/members/invite', { token: owner.accessToken, body }),
      400,
      'VALIDATION_FAILED',
    );
    const [row] = await vexil.sql(
      'select count(*)::int as n from identity.invitations where organization_id = ?',
      [owner.organizationId],
    );
    expect(row!.n).toBe(0);
  });
});

describe('roles and removal', () => {
  let owner: Registered;
  let admin: { accessToken: string; memberId: string };
  let developer: { accessToken: string; memberId: string };
  let viewer: { accessToken: string; memberId: string };
  beforeAll(async () => {
    owner = await vexil.register();
    admin = await joinAs(vexil, owner, await vexil.register(), 'admin');
    developer = await joinAs(vexil, owner, await vexil.register(), 'developer');
    viewer = await joinAs(vexil, owner, await vexil.register(), 'viewer');
  });

  it('lets an admin change a role (204), and the next session carries it', async () => {
    const someone = await vexil.register();
    const joined = await joinAs(vexil, owner, someone, 'viewer');
    const changed = await vexil.http('PUT', `/v1/members/${joined.memberId}`, {
      token: admin.accessToken,
      body: { role: 'developer' },
    });
    expect(changed.status).toBe(204);
    const list = await members(owner.accessToken);
    expect(list.body.data.find((m: { id: string }) => m.id === joined.memberId).role).toBe('developer');
  });

  it.each([
    ['a developer', () => developer.accessToken],
    ['a viewer', () => viewer.accessToken],
  ])('refuses member management to %s with 403', async (_who, token) => {
    expectError(
      await vexil.http('POST', '/v1/members/invite', { token: token(), body: { email: 'x@example.com' } }),
      403,
      'INSUFFICIENT_PERMISSIONS',
    );
    expectError(
      await vexil.http('PUT', `/v1/members/${viewer.memberId}`, { token: token(), body: { role: 'admin' } }),
      403,
      'INSUFFICIENT_PERMISSIONS',
    );
    expectError(
      await vexil.http('DELETE', `/v1/members/${viewer.memberId}`, { token: token() }),
      403,
      'INSUFFICIENT_PERMISSIONS',
    );
    expectError(
      await vexil.http('POST', '/v1/roles', {
        token: token(),
        body: { name: 'x', permissions: ['flag:read'] },
      }),
      403,
      'INSUFFICIENT_PERMISSIONS',
    );
  });

  it('only lets owners touch ownership, and keeps the last owner', async () => {
    const ownerMember = (await members(owner.accessToken)).body.data.find(
      (m: { role: string }) => m.role === 'owner',
    );
    expectError(
      await vexil.http('PUT', `/v1/members/${ownerMember.id}`, {
        token: admin.accessToken,
        body: { role: 'viewer' },
      }),
      403,
      'INSUFFICIENT_PERMISSIONS',
    );
    expectError(
      await vexil.http('PUT', `/v1/members/${ownerMember.id}`, {
        token: owner.accessToken,
        body: { role: 'admin' },
      }),
      409,
      'CONFLICT',
    );
    expectError(
      await vexil.http('POST', '/v1/members/invite', {
        token: admin.accessToken,
        body: { email: 'boss@example.com', role: 'owner' },
      }),
      403,
      'INSUFFICIENT_PERMISSIONS',
    );
  });

  it('does not let a member remove themselves', async () => {
    expectError(
      await vexil.http('DELETE', `/v1/members/${admin.memberId}`, { token: admin.accessToken }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('removes a member (204) and ends their sessions there', async () => {
    const someone = await vexil.register();
    const joined = await joinAs(vexil, owner, someone, 'developer');
    expect(
      (await vexil.http('DELETE', `/v1/members/${joined.memberId}`, { token: admin.accessToken })).status,
    ).toBe(204);
    expect(
      (await members(owner.accessToken)).body.data.some((m: { id: string }) => m.id === joined.memberId),
    ).toBe(false);
    const again = await vexil.graphql(
      `mutation ($id: ID!) { switchOrganization(organizationId: $id) { accessToken } }`,
      { id: owner.organizationId },
      someone.accessToken,
    );
    expect(again.errors?.[0]?.extensions?.code).toBe('ORGANIZATION_NOT_FOUND');
  });

  it.each(['not-a-uuid', '00000000-0000-0000-0000-000000000000'])('answers 404 for member %s', async (id) => {
    expectError(
      await vexil.http('DELETE', `/v1/members/${id}`, { token: owner.accessToken }),
      404,
      'MEMBER_NOT_FOUND',
    );
    expectError(
      await vexil.http('PUT', `/v1/members/${id}`, { token: owner.accessToken, body: { role: 'viewer' } }),
      404,
      'MEMBER_NOT_FOUND',
    );
  });

  it('rejects a bad role with 400', async () => {
    expectError(
      await vexil.http('PUT', `/v1/members/${viewer.memberId}`, {
        token: owner.accessToken,
        body: { role: 'god' },
      }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await vexil.http('PUT', `/v1/members/${viewer.memberId}`, { token: owner.accessToken, body: {} }),
      400,
      'VALIDATION_FAILED',
    );
  });
});

describe('custom roles', () => {
  it('lists the built-in roles, creates, updates and deletes a custom one', async () => {
    const owner = await vexil.register();
    const list = await vexil.http('GET', '/v1/roles', { token: owner.accessToken });
    expect(list.body.data.map((r: { id: string }) => r.id)).toEqual([
      'owner',
      'admin',
      'developer',
      'viewer',
    ]);
    expect(list.body.data.find((r: { id: string }) => r.id === 'viewer').permissions).toEqual([
      'flag:read',
      'agent:read',
    ]);
    const created = await vexil.http('POST', '/v1/roles', {
      token: owner.accessToken,
      body: { name: 'Release manager', permissions: ['flag:read', 'flag:toggle'] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Release manager',
      built_in: false,
      permissions: ['flag:read', 'flag:toggle'],
    });
    expectError(
      await vexil.http('POST', '/v1/roles', {
        token: owner.accessToken,
        body: { name: 'Release manager', permissions: ['flag:read'] },
      }),
      409,
      'CONFLICT',
    );
    const updated = await vexil.http('PUT', `/v1/roles/${created.body.id}`, {
      token: owner.accessToken,
      body: { description: 'Ships things' },
    });
    expect(updated.body).toMatchObject({
      description: 'Ships things',
      permissions: ['flag:read', 'flag:toggle'],
    });
    expect(
      (await vexil.http('DELETE', `/v1/roles/${created.body.id}`, { token: owner.accessToken })).status,
    ).toBe(204);
    expect((await vexil.http('GET', '/v1/roles', { token: owner.accessToken })).body.total).toBe(4);
  });

  it('gives a member a custom role whose permissions decide in other subgraphs', async () => {
    const owner = await vexil.register();
    const role = await vexil.http('POST', '/v1/roles', {
      token: owner.accessToken,
      body: { name: 'Read only', permissions: ['flag:read'] },
    });
    const someone = await vexil.register();
    const joined = await joinAs(vexil, owner, someone, 'developer');
    const assigned = await vexil.http('PUT', `/v1/members/${joined.memberId}`, {
      token: owner.accessToken,
      body: { custom_role_id: role.body.id },
    });
    expect(assigned.status).toBe(204);
    expectError(
      await vexil.http('DELETE', `/v1/roles/${role.body.id}`, { token: owner.accessToken }),
      409,
      'CONFLICT',
    );
    const session = await vexil.graphql(
      `mutation ($id: ID!) { switchOrganization(organizationId: $id) { accessToken } }`,
      { id: owner.organizationId },
      someone.accessToken,
    );
    const create = await vexil.graphql(
      `mutation { createProject(input: { name: "Nope" }) { id } }`,
      {},
      session.data.switchOrganization.accessToken,
    );
    expect(create.errors?.[0]?.extensions?.code).toBe('INSUFFICIENT_PERMISSIONS');
  });

  it.each([
    ['no name', { permissions: ['flag:read'] }],
    ['a built-in name', { name: 'Admin', permissions: ['flag:read'] }],
    ['no permissions', { name: 'Empty', permissions: [] }],
    ['an unknown permission', { name: 'Bad', permissions: ['root'] }],
    ['permissions that are not strings', { name: 'Bad', permissions: [{ scope: 'flag:read' }] }],
  ])('rejects %s with 400 and creates nothing', async (_case, body) => {
    const owner = await vexil.register();
    expectError(
      await vexil.http('POST', '/v1/roles', { token: owner.accessToken, body }),
      400,
      'VALIDATION_FAILED',
    );
    expect((await vexil.http('GET', '/v1/roles', { token: owner.accessToken })).body.total).toBe(4);
  });
});

describe('nothing crosses organizations', () => {
  it('answers another organization’s members, roles and organization as not found', async () => {
    const alice = await vexil.register();
    const mallory = await vexil.register();
    const aliceMember = (await members(alice.accessToken)).body.data[0].id;
    const aliceRole = await vexil.http('POST', '/v1/roles', {
      token: alice.accessToken,
      body: { name: 'Secret', permissions: ['flag:read'] },
    });
    expectError(
      await vexil.http('PUT', `/v1/members/${aliceMember}`, {
        token: mallory.accessToken,
        body: { role: 'viewer' },
      }),
      404,
      'MEMBER_NOT_FOUND',
    );
    expectError(
      await vexil.http('DELETE', `/v1/members/${aliceMember}`, { token: mallory.accessToken }),
      404,
      'MEMBER_NOT_FOUND',
    );
    expectError(
      await vexil.http('PUT', `/v1/roles/${aliceRole.body.id}`, {
        token: mallory.accessToken,
        body: { name: 'Mine' },
      }),
      404,
      'ROLE_NOT_FOUND',
    );
    expectError(
      await vexil.http('DELETE', `/v1/roles/${aliceRole.body.id}`, { token: mallory.accessToken }),
      404,
      'ROLE_NOT_FOUND',
    );
    const malloryMember = (await members(mallory.accessToken)).body.data[0].id;
    expectError(
      await vexil.http('PUT', `/v1/members/${malloryMember}`, {
        token: mallory.accessToken,
        body: { custom_role_id: aliceRole.body.id },
      }),
      404,
      'ROLE_NOT_FOUND',
    );
    expectError(
      await vexil.http('POST', '/v1/members/invite', {
        token: mallory.accessToken,
        body: { email: 'x@example.com', custom_role_id: aliceRole.body.id },
      }),
      404,
      'ROLE_NOT_FOUND',
    );
    const rename = await vexil.graphql(
      `mutation ($id: ID!) { renameOrganization(id: $id, name: "Pwned") { name } }`,
      { id: alice.organizationId },
      mallory.accessToken,
    );
    expect(rename.errors?.[0]?.extensions?.code).toBe('ORGANIZATION_NOT_FOUND');
    const switched = await vexil.graphql(
      `mutation ($id: ID!) { switchOrganization(organizationId: $id) { accessToken } }`,
      { id: alice.organizationId },
      mallory.accessToken,
    );
    expect(switched.errors?.[0]?.extensions?.code).toBe('ORGANIZATION_NOT_FOUND');
    expect((await members(mallory.accessToken)).body.total).toBe(1);
  });
});

describe('organizations (GraphQL)', () => {
  it('creates another organization with its default project and renames it', async () => {
    const owner = await vexil.register();
    const created = await vexil.graphql(
      `mutation { createOrganization(name: "Second Co") { id slug } }`,
      {},
      owner.accessToken,
    );
    expect(created.data.createOrganization.slug).toMatch(/^second-co/);
    const session = await vexil.graphql(
      `mutation ($id: ID!) { switchOrganization(organizationId: $id) { accessToken } }`,
      { id: created.data.createOrganization.id },
      owner.accessToken,
    );
    const token = session.data.switchOrganization.accessToken;
    const projects = await vexil.graphql(`{ organization { name projects { nodes { slug } } } }`, {}, token);
    expect(projects.data.organization).toEqual({
      name: 'Second Co',
      projects: { nodes: [{ slug: 'default' }] },
    });
    const renamed = await vexil.graphql(
      `mutation ($id: ID!) { renameOrganization(id: $id, name: "Renamed Co") { name slug } }`,
      { id: created.data.createOrganization.id },
      token,
    );
    expect(renamed.data.renameOrganization).toEqual({
      name: 'Renamed Co',
      slug: created.data.createOrganization.slug,
    });
  });

  it('refuses renaming to a viewer', async () => {
    const owner = await vexil.register();
    const viewer = await joinAs(vexil, owner, await vexil.register(), 'viewer');
    const rename = await vexil.graphql(
      `mutation ($id: ID!) { renameOrganization(id: $id, name: "Mine") { name } }`,
      { id: owner.organizationId },
      viewer.accessToken,
    );
    expect(rename.errors?.[0]?.extensions?.code).toBe('INSUFFICIENT_PERMISSIONS');
  });
});

describe('/v1/members/{memberID}/permissions', () => {
  it('replaces and reads a member’s per-environment rights', async () => {
    const owner = await vexil.register();
    const env = await environmentsOf(vexil, owner);
    const developer = await joinAs(vexil, owner, await vexil.register(), 'developer');
    const path = `/v1/members/${developer.memberId}/permissions`;
    expect((await vexil.http('GET', path, { token: owner.accessToken })).body).toEqual([]);
    const put = await vexil.http('PUT', path, {
      token: owner.accessToken,
      body: { permissions: [{ env_id: env.production, can_toggle: true, can_edit_rules: false }] },
    });
    expect(put.status).toBe(200);
    expect(put.body).toEqual([
      {
        id: expect.any(String),
        member_id: developer.memberId,
        env_id: env.production,
        can_toggle: true,
        can_edit_rules: false,
      },
    ]);
    expect((await vexil.http('GET', path, { token: developer.accessToken })).body).toEqual(put.body);
    expectError(
      await vexil.http('PUT', path, { token: developer.accessToken, body: { permissions: [] } }),
      403,
      'INSUFFICIENT_PERMISSIONS',
    );
  });

  it.each([
    ['no list', {}],
    ['a missing flag', { permissions: [{ env_id: 'ENV', can_toggle: true }] }],
    [
      'an environment twice',
      { permissions: [1, 2].map(() => ({ env_id: 'ENV', can_toggle: true, can_edit_rules: true })) },
    ],
  ])('rejects %s with 400 and keeps the rights', async (_case, body) => {
    const owner = await vexil.register();
    const env = await environmentsOf(vexil, owner);
    const member = (await members(owner.accessToken)).body.data[0].id;
    const withEnv = JSON.parse(JSON.stringify(body).replaceAll('ENV', env.dev!));
    expectError(
      await vexil.http('PUT', `/v1/members/${member}/permissions`, {
        token: owner.accessToken,
        body: withEnv,
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(
      (await vexil.http('GET', `/v1/members/${member}/permissions`, { token: owner.accessToken })).body,
    ).toEqual([]);
  });

  it('answers another organization’s member or environment with 404', async () => {
    const alice = await vexil.register();
    const mallory = await vexil.register();
    const aliceMember = (await members(alice.accessToken)).body.data[0].id;
    const malloryMember = (await members(mallory.accessToken)).body.data[0].id;
    const aliceEnv = (await environmentsOf(vexil, alice)).production;
    expectError(
      await vexil.http('GET', `/v1/members/${aliceMember}/permissions`, { token: mallory.accessToken }),
      404,
      'MEMBER_NOT_FOUND',
    );
    expectError(
      await vexil.http('PUT', `/v1/members/${aliceMember}/permissions`, {
        token: mallory.accessToken,
        body: { permissions: [] },
      }),
      404,
      'MEMBER_NOT_FOUND',
    );
    expectError(
      await vexil.http('PUT', `/v1/members/${malloryMember}/permissions`, {
        token: mallory.accessToken,
        body: { permissions: [{ env_id: aliceEnv, can_toggle: true, can_edit_rules: true }] },
      }),
      404,
      'ENVIRONMENT_NOT_FOUND',
    );
  });
});

describe('a viewer', () => {
  it('cannot change configuration in any subgraph', async () => {
    const owner = await vexil.register();
    const viewer = await joinAs(vexil, owner, await vexil.register(), 'viewer');
    const create = await vexil.graphql(
      `mutation { createProject(input: { name: "Viewer" }) { id } }`,
      {},
      viewer.accessToken,
    );
    expect(create.errors?.[0]?.extensions?.code).toBe('INSUFFICIENT_PERMISSIONS');
    const env = await environmentsOf(vexil, owner);
    expectError(
      await vexil.http('POST', `/v1/environments/${env.dev}/api-keys`, {
        token: viewer.accessToken,
        body: { name: 'x' },
      }),
      403,
      'INSUFFICIENT_PERMISSIONS',
    );
  });
});
