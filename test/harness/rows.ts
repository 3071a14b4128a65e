import type { EvaluationRoute, RestRoute, StreamRoute } from '@vexil/gateway';

/** A UUID no row of any table has. */
export const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

/** A row's path with its parameters filled: ids with a UUID nothing has, keys with a name nothing has. */
export const concretePath = (path: string) =>
  path.replace(/:([A-Za-z0-9_]+)/g, (_match, name: string) =>
    name.endsWith('ID') ? NO_SUCH_ID : 'no-such-thing',
  );

/** The credentials of the kind of caller a row takes: a user's token, an environment's key, or none. */
export function credentialsFor(
  row: RestRoute | EvaluationRoute | StreamRoute,
  caller: { token: string; apiKey: string },
): { token?: string; headers?: Record<string, string> } {
  if (row.auth === 'user') return { token: caller.token };
  if (row.auth === 'apiKey') return { headers: { 'x-api-key': caller.apiKey } };
  return {};
}
