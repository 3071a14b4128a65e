import { sharedTestPlatform } from '@vexil/testing';

const NESTED = /* GraphQL */ `
  query Workspace {
    organization {
      id
      name
      slug
      projects {
        totalCount
        nodes {
          slug
          organization {
            name
          }
          environments {
            totalCount
            nodes {
              key
              name
              color
            }
          }
        }
      }
      subscription {
        plan
        status
      }
      auditLog {
        nodes {
          action
          actorUser {
            email
          }
        }
      }
    }
  }
`;

const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

describe('a new organization through the graph', () => {
  it('answers one nested query across identity, flags, billing and analytics right after registering', async () => {
    const account = await vexil.register({ org_name: 'Acme Rockets' });
    const { data, errors } = await vexil.graphql(NESTED, {}, account.accessToken);
    expect(errors).toBeUndefined();
    expect(data.organization).toMatchObject({
      id: account.organizationId,
      name: 'Acme Rockets',
      slug: 'acme-rockets',
    });
    expect(data.organization.projects.totalCount).toBe(1);
    const [project] = data.organization.projects.nodes;
    expect(project.slug).toBe('default');
    expect(project.organization.name).toBe('Acme Rockets');
    expect(project.environments.nodes.map((e: { key: string }) => e.key)).toEqual([
      'dev',
      'staging',
      'production',
    ]);
    expect(data.organization.subscription).toEqual({ plan: 'self-hosted', status: 'active' });
  });

  it('records registration in the audit log with the acting user resolved from identity', async () => {
    const account = await vexil.register();
    // The audit log is fed by events, asynchronously; poll briefly instead of sleeping a fixed time.
    let actions: { action: string; actorUser: { email: string } | null }[] = [];
    for (let attempt = 0; attempt < 50 && !actions.some((a) => a.action === 'project.created'); attempt++) {
      const { data } = await vexil.graphql(NESTED, {}, account.accessToken);
      actions = data.organization.auditLog.nodes;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['user.registered', 'organization.created', 'project.created']),
    );
    expect(actions.find((a) => a.action === 'user.registered')?.actorUser?.email).toBe(account.email);
  });

  it('creates a project with the three default environments', async () => {
    const account = await vexil.register();
    const { data, errors } = await vexil.graphql(
      `mutation { createProject(input: { name: "Mobile App" }) { slug environments { nodes { key } } } }`,
      {},
      account.accessToken,
    );
    expect(errors).toBeUndefined();
    expect(data.createProject.slug).toBe('mobile-app');
    expect(data.createProject.environments.nodes).toHaveLength(3);
  });

  it('refuses a duplicate project slug with PROJECT_SLUG_CONFLICT and keeps one project', async () => {
    const account = await vexil.register();
    const create = `mutation { createProject(input: { name: "Web", slug: "web" }) { id } }`;
    expect((await vexil.graphql(create, {}, account.accessToken)).errors).toBeUndefined();
    const second = await vexil.graphql(create, {}, account.accessToken);
    expect(second.errors?.[0]?.extensions?.code).toBe('PROJECT_SLUG_CONFLICT');
    const { data } = await vexil.graphql(
      `{ organization { projects { totalCount } } }`,
      {},
      account.accessToken,
    );
    expect(data.organization.projects.totalCount).toBe(2);
  });
});

describe('organization isolation', () => {
  it('answers another organization’s ids as not found', async () => {
    const alice = await vexil.register();
    const mallory = await vexil.register();
    const { data } = await vexil.graphql(
      `{ organization { projects { nodes { id } } } }`,
      {},
      alice.accessToken,
    );
    const aliceProject = data.organization.projects.nodes[0].id;

    const project = await vexil.graphql(
      `query ($id: ID!) { project(id: $id) { name } }`,
      { id: aliceProject },
      mallory.accessToken,
    );
    expect(project.errors?.[0]?.extensions?.code).toBe('PROJECT_NOT_FOUND');
    const organization = await vexil.graphql(
      `query ($id: ID!) { organization(id: $id) { name } }`,
      { id: alice.organizationId },
      mallory.accessToken,
    );
    expect(organization.errors?.[0]?.extensions?.code).toBe('ORGANIZATION_NOT_FOUND');
  });

  it('requires a signed-in caller for organization data', async () => {
    const { errors } = await vexil.graphql(`{ organization { name } }`);
    expect(errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('rejects an invalid bearer token with 401 before running anything', async () => {
    const answer = await vexil.http('POST', '/graphql', {
      body: { query: '{ __typename }' },
      token: 'not-a-jwt',
    });
    expect(answer.status).toBe(401);
    expect(answer.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
