import type { HttpAnswer, PlatformClients } from '@vexil/testing';

/** A workspace with an API key (`client` = pk_, `server` = sk_) for its production environment. */
export async function flagifyWorkspace(vexil: PlatformClients, type: 'client' | 'server' = 'client') {
  const ws = await vexil.workspace();
  const created = await vexil.http('POST', `/v1/environments/${ws.env.production}/api-keys`, {
    token: ws.account.accessToken,
    body: { name: 'flagify sdk', type },
  });
  if (created.status !== 201) throw new Error(`key creation failed: ${created.text}`);
  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const answer = await ws.gql(query, variables);
    if (answer.errors) throw new Error(JSON.stringify(answer.errors));
    return answer.data;
  };
  return { ...ws, gql, key: created.body.key as string, keyId: created.body.id as string };
}

/** Asserts Flagify's error body `{code, message, error: {code, message}}` (lower-case code) with a status. */
export function expectFlagifyError(answer: HttpAnswer, status: number, code: string): void {
  expect({ status: answer.status, code: answer.body?.code }).toEqual({ status, code });
  expect(answer.body).toEqual(
    expect.objectContaining({
      code,
      message: expect.any(String),
      error: expect.objectContaining({ code, message: answer.body.message }),
    }),
  );
}
