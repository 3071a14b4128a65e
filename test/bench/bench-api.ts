// Seeding for the benchmarks goes through the platform's public API, as a user would.

/** A JSON request; a non-2xx answer is an error carrying the body. */
export async function json(url: string, init: RequestInit & { body?: string } = {}) {
  const response = await fetch(url, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers ?? {}) },
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** A registered owner with the ids of the default project and its production environment. */
export interface BenchAccount {
  gateway: string;
  auth: { authorization: string };
  projectId: string;
  productionId: string;
  /** A GraphQL request as the owner; GraphQL errors throw. */
  graphql(query: string, variables?: Record<string, unknown>): Promise<any>;
}

/** Registers an account (which creates project "default" and its environments). */
export async function signUp(gateway: string): Promise<BenchAccount> {
  const registered = await json(`${gateway}/v1/auth/register`, {
    method: 'POST',
    body: JSON.stringify({
      email: 'bench@example.com',
      password: 'bench-password',
      name: 'Bench',
      org_name: 'Bench',
    }),
  });
  const auth = { authorization: `Bearer ${registered.tokens.access_token}` };
  const graphql = (query: string, variables: Record<string, unknown> = {}) =>
    json(`${gateway}/graphql`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ query, variables }),
    }).then((r) => {
      if (r.errors) throw new Error(JSON.stringify(r.errors));
      return r.data;
    });
  const { organization } = await graphql(`
    {
      organization {
        projects {
          nodes {
            id
            environments {
              nodes {
                id
                key
              }
            }
          }
        }
      }
    }
  `);
  const project = organization.projects.nodes[0];
  const production = project.environments.nodes.find((e: { key: string }) => e.key === 'production');
  return { gateway, auth, projectId: project.id, productionId: production.id, graphql };
}

/**
 * A boolean flag, on in production with a targeting rule and a 50/50 rollout: the shape of a typical
 * flag, so evaluation and payload sizes are those of real use. Returns its id.
 */
export async function createBenchFlag(account: BenchAccount, key: string): Promise<string> {
  const { createFlag } = await account.graphql(
    `
      mutation ($p: ID!, $key: String!) {
        createFlag(projectId: $p, input: { key: $key, type: "boolean" }) {
          id
        }
      }
    `,
    { p: account.projectId, key },
  );
  await account.graphql(
    `
      mutation ($input: UpdateFlagConfigurationInput!) {
        updateFlagConfiguration(input: $input) {
          version
        }
      }
    `,
    {
      input: {
        flagId: createFlag.id,
        environmentId: account.productionId,
        enabled: true,
        rules: [
          {
            id: 'beta',
            match: 'all',
            conditions: [{ attribute: 'plan', operator: 'in', values: ['beta', 'enterprise'] }],
            serve: { variation: 'on' },
          },
        ],
        defaultServe: {
          rollout: [
            { variation: 'on', weight: 5000 },
            { variation: 'off', weight: 5000 },
          ],
        },
      },
    },
  );
  return createFlag.id;
}

/** A server (`sk_`) key of the production environment. */
export async function createServerKey(account: BenchAccount): Promise<string> {
  const created = await json(`${account.gateway}/v1/environments/${account.productionId}/api-keys`, {
    method: 'POST',
    headers: account.auth,
    body: JSON.stringify({ name: 'bench', type: 'server' }),
  });
  return created.key as string;
}
