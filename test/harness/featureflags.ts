import type { PlatformClients } from '@vexil/testing';

/** A workspace with a secret key for its production environment, as the package is configured with. */
export async function featureFlagsWorkspace(vexil: PlatformClients) {
  const ws = await vexil.workspace();
  const { id: keyId, key } = await ws.apiKey('server', 'production');
  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const answer = await ws.gql(query, variables);
    if (answer.errors) throw new Error(JSON.stringify(answer.errors));
    return answer.data;
  };
  /** Creates a flag in the workspace's project; its id. */
  const flag = async (input: Record<string, unknown>): Promise<string> =>
    (
      await gql(
        `mutation ($p: ID!, $input: CreateFlagInput!) { createFlag(projectId: $p, input: $input) { id } }`,
        { p: ws.projectId, input },
      )
    ).createFlag.id;
  return { ...ws, gql, flag, key, keyId };
}

export type FeatureFlagsWorkspace = Awaited<ReturnType<typeof featureFlagsWorkspace>>;
