import { sharedTestPlatform, subscribe } from '@vexil/testing';

const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

const PROJECT_CREATED = /* GraphQL */ `
  subscription OnProjectCreated {
    projectCreated {
      eventId
      project {
        name
        slug
        organization {
          name
          slug
        }
        environments {
          totalCount
        }
      }
    }
  }
`;

const createProject = (token: string, name: string) =>
  vexil.graphql(
    `mutation ($name: String!) { createProject(input: { name: $name }) { id } }`,
    { name },
    token,
  );

describe('projectCreated over graphql-ws', () => {
  it('pushes the new project with fields resolved across subgraphs, to its organization only', async () => {
    const alice = await vexil.register({ org_name: 'Alice Org' });
    const bob = await vexil.register({ org_name: 'Bob Org' });
    const aliceFeed = subscribe(vexil.ws({ authorization: `Bearer ${alice.accessToken}` }), PROJECT_CREATED);
    const bobFeed = subscribe(vexil.ws({ authorization: `Bearer ${bob.accessToken}` }), PROJECT_CREATED);
    await Promise.all([aliceFeed.ready, bobFeed.ready]);

    expect((await createProject(alice.accessToken, 'Checkout')).errors).toBeUndefined();
    const [event] = await aliceFeed.received(1);
    expect(event?.errors).toBeUndefined();
    expect(event?.data?.projectCreated).toEqual({
      eventId: expect.any(String),
      project: {
        name: 'Checkout',
        slug: 'checkout',
        organization: { name: 'Alice Org', slug: alice.organizationSlug },
        environments: { totalCount: 3 },
      },
    });

    expect((await createProject(bob.accessToken, 'Billing')).errors).toBeUndefined();
    const [bobEvent] = await bobFeed.received(1);
    expect(bobEvent?.data?.projectCreated.project.organization.name).toBe('Bob Org');
    expect(aliceFeed.results).toHaveLength(1);
    aliceFeed.stop();
    bobFeed.stop();
  });

  it('delivers every change after subscribing, in commit order, once each', async () => {
    const account = await vexil.register();
    const feed = subscribe(vexil.ws({ authorization: `Bearer ${account.accessToken}` }), PROJECT_CREATED);
    await feed.ready;
    for (const name of ['One', 'Two', 'Three']) await createProject(account.accessToken, name);
    const results = await feed.received(3);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(results.map((r) => r.data?.projectCreated.project.name)).toEqual(['One', 'Two', 'Three']);
    feed.stop();
  });

  it('closes the connection as Forbidden when connection_init carries a bad token or none', async () => {
    for (const params of [{ authorization: 'Bearer not-a-token' }, {}]) {
      const feed = subscribe(vexil.ws(params), PROJECT_CREATED);
      await feed.received(1);
      expect((feed.failure() as { code?: number })?.code).toBe(4403);
    }
  });

  it('keeps the gateway-only re-hydration field closed to ordinary callers', async () => {
    const account = await vexil.register();
    const { errors } = await vexil.graphql(
      `{ _projectCreatedEvent(event: "{}") { eventId } }`,
      {},
      account.accessToken,
    );
    expect(errors?.[0]?.extensions?.code).toBe('INSUFFICIENT_PERMISSIONS');
  });
});
