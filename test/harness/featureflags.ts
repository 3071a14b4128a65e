import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
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
  /** Configures a flag in production, on unless `input` says otherwise. */
  const configure = (flagId: string, input: Record<string, unknown>) =>
    gql(
      `mutation ($input: UpdateFlagConfigurationInput!) { updateFlagConfiguration(input: $input) { version } }`,
      { input: { flagId, environmentId: ws.env.production, enabled: true, ...input } },
    );
  return { ...ws, gql, flag, configure, key, keyId };
}

/** A boolean flag's default serve: `on` to so many basis points, `off` to the rest. */
export const rollout = (on: number) => ({
  rollout: [
    { variation: 'on', weight: on },
    { variation: 'off', weight: 10_000 - on },
  ],
});

export type FeatureFlagsWorkspace = Awaited<ReturnType<typeof featureFlagsWorkspace>>;

const CLIENT = join(import.meta.dirname, '../clients/featureflags/laravel-package-client.php');

/**
 * The Laravel package's side of the wire, run in PHP (`test/clients/featureflags/`): its HTTP client
 * configured as the package configures it, against `{base}` = `/featureflags/v1`.
 */
export function laravelPackage(vexil: PlatformClients, key: string) {
  const run = async (args: (dir: string) => Promise<string[]>) => {
    const dir = await mkdtemp(join(tmpdir(), 'featureflags-'));
    try {
      const { stdout } = await promisify(execFile)('php', [CLIENT, ...(await args(dir))], {
        env: { FEATUREFLAGS_API_URL: `${vexil.url}/featureflags/v1`, FEATUREFLAGS_API_KEY: key },
        maxBuffer: 64 * 1024 * 1024,
      });
      return JSON.parse(stdout);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
  const file = async (dir: string, name: string, content: unknown) => {
    await writeFile(join(dir, name), JSON.stringify(content));
    return join(dir, name);
  };
  return {
    /** Syncs, then evaluates every synced flag for each context: values per flag key, in context order. */
    sync: (
      contexts: { id: string; traits: Record<string, unknown> }[],
    ): Promise<{
      status: number;
      values: Record<string, unknown[]>;
    }> => run(async (dir) => ['sync', await file(dir, 'contexts.json', contexts)]),
    /** What the package's `sendTelemetry`, `sendConversions` and `sendErrors` send, and the answer. */
    send: (
      endpoint: 'telemetry' | 'conversions' | 'errors',
      payload: unknown,
    ): Promise<{ status: number; body: any }> =>
      run(async (dir) => ['send', endpoint, await file(dir, 'payload.json', payload)]),
  };
}
