import { sharedTestPlatform, subscribe } from '@vexil/testing';

const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

const FLAG_CHANGED = /* GraphQL */ `
  subscription ($projectId: ID!, $environmentKey: String) {
    flagChanged(projectId: $projectId, environmentKey: $environmentKey) {
      action
      flagKey
      version
      changedBy
      environment {
        key
      }
      configuration {
        enabled
        version
      }
      flag {
        key
        project {
          organization {
            name
          }
        }
      }
    }
  }
`;

const setup = (orgName: string) => vexil.workspace({ org_name: orgName });

describe('flagChanged over graphql-ws', () => {
  it('pushes creations and configuration changes of the subscribed environment, with cross-subgraph fields', async () => {
    const alice = await setup('Alice Co');
    const mallory = await setup('Mallory Co');
    const feed = subscribe(vexil.ws({ authorization: `Bearer ${alice.account.accessToken}` }), FLAG_CHANGED, {
      projectId: alice.projectId,
      environmentKey: 'production',
    });
    const spy = subscribe(
      vexil.ws({ authorization: `Bearer ${mallory.account.accessToken}` }),
      FLAG_CHANGED,
      {
        projectId: alice.projectId,
      },
    );
    await Promise.all([feed.ready, spy.ready]);

    const flag = (
      await alice.gql(
        `mutation ($p: ID!) { createFlag(projectId: $p, input: { key: "live", type: "boolean" }) { id } }`,
        { p: alice.projectId },
      )
    ).data.createFlag;
    await alice.gql(
      `mutation ($f: ID!, $e: ID!) { setFlagEnabled(flagId: $f, environmentId: $e, enabled: true) { version } }`,
      { f: flag.id, e: alice.env.dev },
    );
    await alice.gql(
      `mutation ($f: ID!, $e: ID!) { setFlagEnabled(flagId: $f, environmentId: $e, enabled: true) { version } }`,
      { f: flag.id, e: alice.env.production },
    );

    const results = await feed.received(2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(results.map((r) => r.errors)).toEqual([undefined, undefined]);
    expect(results.map((r) => r.data.flagChanged)).toEqual([
      {
        action: 'flag.created',
        flagKey: 'live',
        version: null,
        changedBy: `user:${alice.account.userId}`,
        environment: null,
        configuration: null,
        flag: { key: 'live', project: { organization: { name: 'Alice Co' } } },
      },
      {
        action: 'flag.toggled',
        flagKey: 'live',
        version: 1,
        changedBy: `user:${alice.account.userId}`,
        environment: { key: 'production' },
        configuration: { enabled: true, version: 1 },
        flag: { key: 'live', project: { organization: { name: 'Alice Co' } } },
      },
    ]);
    expect(spy.results).toEqual([]);
    feed.stop();
    spy.stop();
  });
});
