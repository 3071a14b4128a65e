import type { HttpAnswer, PlatformClients } from '@vexil/testing';
import { US_OR_QUARTER_ROLLOUT } from './flags.js';

const CONFIGURE = `mutation ($input: UpdateFlagConfigurationInput!) { updateFlagConfiguration(input: $input) { version } }`;

/**
 * A workspace whose production environment has one flag of each type, each served for a reason of
 * its own, and a server (`sk_`) and a client (`pk_`) key for it:
 * - `new-checkout` (boolean): `on` for `country` US (TARGETING_MATCH), else a 25 % rollout (SPLIT);
 * - `theme` (string): `dark` for everyone (STATIC);
 * - `max-items` (number): 50 for the target `vip-1` (TARGETING_MATCH), else 10 (DEFAULT);
 * - `banner` (json): `{"text":"Hello","color":"blue"}` for everyone (STATIC);
 * - `legacy` (boolean): off (DISABLED, `false`).
 */
export async function ofrepWorkspace(vexil: PlatformClients) {
  const ws = await vexil.workspace();
  const configure = (flagId: string, input: Record<string, unknown>) =>
    ws.mutate(CONFIGURE, {
      input: { flagId, environmentId: ws.env.production, expectedVersion: 0, enabled: true, ...input },
    });
  const flags = {
    checkout: await ws.createFlag('new-checkout'),
    theme: await ws.createFlag('theme', {
      type: 'string',
      variations: [
        { key: 'light', value: 'light' },
        { key: 'dark', value: 'dark' },
      ],
    }),
    maxItems: await ws.createFlag('max-items', {
      type: 'number',
      variations: [
        { key: 'ten', value: 10 },
        { key: 'fifty', value: 50 },
      ],
    }),
    banner: await ws.createFlag('banner', {
      type: 'json',
      variations: [
        { key: 'none', value: {} },
        { key: 'hello', value: { text: 'Hello', color: 'blue' } },
      ],
    }),
    legacy: await ws.createFlag('legacy'),
  };
  await configure(flags.checkout, US_OR_QUARTER_ROLLOUT);
  await configure(flags.theme, { defaultServe: { variation: 'dark' } });
  await configure(flags.maxItems, {
    targets: [{ variation: 'fifty', values: ['vip-1'] }],
    defaultServe: { variation: 'ten' },
  });
  await configure(flags.banner, { defaultServe: { variation: 'hello' } });
  const server = await ws.apiKey('server');
  const client = await ws.apiKey('client');
  return {
    ...ws,
    flags,
    serverKey: server.key,
    serverKeyId: server.id,
    clientKey: client.key,
    clientKeyId: client.id,
    configure,
  };
}

/** Asserts OFREP's error body `{errorCode, errorDetails}` (with `key` when given) and a status. */
export function expectOfrepError(answer: HttpAnswer, status: number, errorCode: string, key?: string): void {
  expect({ status: answer.status, errorCode: answer.body?.errorCode, key: answer.body?.key }).toEqual({
    status,
    errorCode,
    key,
  });
  expect(answer.body.errorDetails).toEqual(expect.any(String));
}
