import { OFREPProvider } from '@openfeature/ofrep-provider';
import { OFREPWebProvider } from '@openfeature/ofrep-web-provider';
import { ErrorCode, OpenFeature as ServerFeature } from '@openfeature/server-sdk';
import { OpenFeature as WebFeature, ProviderEvents, ProviderStatus } from '@openfeature/web-sdk';
import { eventually, sharedTestPlatform } from '@vexil/testing';
import { ofrepWorkspace } from '../../harness/ofrep.js';

// The OpenFeature SDKs with their OFREP providers, as an application installs and configures them,
// pointed at Vexil: the server provider asks flag by flag; the web provider evaluates every flag once
// per context and polls with If-None-Match. Both run in jest's node environment: Node 24 has fetch,
// Request, Headers and crypto.subtle; the web provider reaches for `document` and `EventSource` only
// after checking they exist (and Vexil advertises no event streams), and its persisted cache needs
// `localStorage`, which Node 24 lacks unless started with --experimental-webstorage: without it the
// provider logs the failure and reads the network, so the tests turn that cache off (`cacheMode`).

const vexil = sharedTestPlatform();
afterAll(async () => {
  await ServerFeature.close();
  await WebFeature.close();
  await vexil.dispose();
});

type Seeded = Awaited<ReturnType<typeof ofrepWorkspace>>;
let ws: Seeded;
beforeAll(async () => {
  ws = await ofrepWorkspace(vexil);
});

/** The requests a web provider sent and what they were answered, in order. */
interface Exchange {
  ifNoneMatch: string | null;
  status: number;
  etag: string | null;
}

/** A web provider polling every 100 ms with the key as a bearer token, recording its exchanges. */
function webProvider(key: string) {
  const exchanges: Exchange[] = [];
  const provider = new OFREPWebProvider({
    baseUrl: vexil.url,
    headers: [['Authorization', `Bearer ${key}`]],
    pollInterval: 100,
    cacheMode: 'disabled',
    fetchImplementation: async (input: ConstructorParameters<typeof Request>[0], init?: RequestInit) => {
      const request = new Request(input, init);
      const response = await fetch(request);
      exchanges.push({
        ifNoneMatch: request.headers.get('if-none-match'),
        status: response.status,
        etag: response.headers.get('etag'),
      });
      return response;
    },
  });
  return { provider, exchanges };
}

describe('@openfeature/server-sdk with @openfeature/ofrep-provider', () => {
  it('evaluates boolean, string, number and object flags with targeting, Authorization: Bearer', async () => {
    await ServerFeature.setProviderAndWait(
      'server-bearer',
      new OFREPProvider({ baseUrl: vexil.url, headers: { Authorization: `Bearer ${ws.serverKey}` } }),
    );
    const client = ServerFeature.getClient('server-bearer');
    expect(
      await client.getBooleanDetails('new-checkout', false, { targetingKey: 'user-1', country: 'US' }),
    ).toEqual({
      flagKey: 'new-checkout',
      value: true,
      variant: 'on',
      reason: 'TARGETING_MATCH',
      flagMetadata: { version: 1, ruleId: 'us' },
    });
    expect(await client.getStringDetails('theme', 'light', { targetingKey: 'user-1' })).toMatchObject({
      value: 'dark',
      variant: 'dark',
      reason: 'STATIC',
    });
    expect(await client.getNumberValue('max-items', 0, { targetingKey: 'vip-1' })).toBe(50);
    expect(await client.getNumberDetails('max-items', 0, { targetingKey: 'user-1' })).toMatchObject({
      value: 10,
      reason: 'DEFAULT',
    });
    expect(await client.getObjectValue('banner', {}, { targetingKey: 'user-1' })).toEqual({
      text: 'Hello',
      color: 'blue',
    });
    expect(await client.getBooleanDetails('legacy', true, { targetingKey: 'user-1' })).toMatchObject({
      value: false,
      reason: 'DISABLED',
    });
  });

  it('falls back to the code default with the error OFREP sent: a missing flag, a type, a targeting key', async () => {
    await ServerFeature.setProviderAndWait(
      'server-api-key',
      new OFREPProvider({ baseUrl: vexil.url, headers: [['X-API-Key', ws.clientKey]] }),
    );
    const client = ServerFeature.getClient('server-api-key');
    expect(await client.getBooleanDetails('nope', true, { targetingKey: 'user-1' })).toMatchObject({
      value: true,
      reason: 'ERROR',
      errorCode: ErrorCode.FLAG_NOT_FOUND,
    });
    expect(await client.getNumberDetails('theme', 7, { targetingKey: 'user-1' })).toMatchObject({
      value: 7,
      errorCode: ErrorCode.TYPE_MISMATCH,
    });
    expect(await client.getStringDetails('theme', 'light', { country: 'US' })).toMatchObject({
      value: 'light',
      errorCode: ErrorCode.TARGETING_KEY_MISSING,
    });
  });

  it('serves code defaults once the key is revoked', async () => {
    const own = await ofrepWorkspace(vexil);
    await ServerFeature.setProviderAndWait(
      'server-revoked',
      new OFREPProvider({ baseUrl: vexil.url, headers: { Authorization: `Bearer ${own.serverKey}` } }),
    );
    const client = ServerFeature.getClient('server-revoked');
    expect(await client.getStringValue('theme', 'light', { targetingKey: 'user-1' })).toBe('dark');
    await own.mutate(`mutation ($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: own.serverKeyId });
    expect(await client.getStringDetails('theme', 'light', { targetingKey: 'user-1' })).toMatchObject({
      value: 'light',
      reason: 'ERROR',
      // The provider turns the 401 into an error of its own, which the SDK reports as GENERAL.
      errorCode: ErrorCode.GENERAL,
    });
  });
});

describe('@openfeature/web-sdk with @openfeature/ofrep-web-provider', () => {
  it('evaluates every flag for the context once, then per context change', async () => {
    const { provider } = webProvider(ws.clientKey);
    await WebFeature.setProviderAndWait('web', provider, { targetingKey: 'user-1', country: 'US' });
    const client = WebFeature.getClient('web');
    expect(client.getBooleanDetails('new-checkout', false)).toMatchObject({
      value: true,
      variant: 'on',
      reason: 'TARGETING_MATCH',
      flagMetadata: { version: 1, ruleId: 'us' },
    });
    expect(client.getStringValue('theme', 'light')).toBe('dark');
    expect(client.getNumberDetails('max-items', 0)).toMatchObject({ value: 10, reason: 'DEFAULT' });
    expect(client.getObjectValue('banner', {})).toEqual({ text: 'Hello', color: 'blue' });
    expect(client.getBooleanDetails('nope', true)).toMatchObject({
      value: true,
      errorCode: ErrorCode.FLAG_NOT_FOUND,
    });
    expect(client.getNumberDetails('theme', 0)).toMatchObject({ errorCode: ErrorCode.TYPE_MISMATCH });

    await WebFeature.setContext('web', { targetingKey: 'vip-1' });
    expect(client.getNumberDetails('max-items', 0)).toMatchObject({ value: 50, reason: 'TARGETING_MATCH' });
  });

  it('polls with If-None-Match, answered 304 until a change through GraphQL brings a new ETag', async () => {
    const own = await ofrepWorkspace(vexil);
    const { provider, exchanges } = webProvider(own.clientKey);
    await WebFeature.setProviderAndWait('web-polling', provider, { targetingKey: 'user-1' });
    const client = WebFeature.getClient('web-polling');
    expect(client.getStringValue('theme', 'light')).toBe('dark');
    const first = exchanges[0]!;
    expect(first).toEqual({ ifNoneMatch: null, status: 200, etag: expect.stringMatching(/^W\//) });
    await eventually(
      async () => exchanges,
      (all) => all.filter((exchange) => exchange.status === 304).length >= 2,
    );
    expect(exchanges.slice(1).every((exchange) => exchange.ifNoneMatch === first.etag)).toBe(true);

    const changed = new Promise<string[]>((resolve) =>
      client.addHandler(ProviderEvents.ConfigurationChanged, (details) =>
        resolve(details?.flagsChanged ?? []),
      ),
    );
    await own.configure(own.flags.theme, { expectedVersion: 1, defaultServe: { variation: 'light' } });
    expect(await changed).toEqual(['theme']);
    expect(client.getStringDetails('theme', 'dark')).toMatchObject({
      value: 'light',
      reason: 'STATIC',
      flagMetadata: { version: 2 },
    });
    const renewed = exchanges.find((exchange) => exchange.status === 200 && exchange !== first)!;
    expect(renewed).toEqual({ ifNoneMatch: first.etag, status: 200, etag: expect.stringMatching(/^W\//) });
    expect(renewed.etag).not.toBe(first.etag);
  });

  it('fails to start with a revoked key, and leaves the application its code defaults', async () => {
    const own = await ofrepWorkspace(vexil);
    await own.mutate(`mutation ($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: own.clientKeyId });
    const { provider, exchanges } = webProvider(own.clientKey);
    await expect(
      WebFeature.setProviderAndWait('web-revoked', provider, { targetingKey: 'user-1' }),
    ).rejects.toThrow();
    const client = WebFeature.getClient('web-revoked');
    expect(exchanges.map((exchange) => exchange.status)).toEqual([401]);
    expect([ProviderStatus.FATAL, ProviderStatus.ERROR]).toContain(client.providerStatus);
    expect(client.getStringValue('theme', 'light')).toBe('light');
  });
});
