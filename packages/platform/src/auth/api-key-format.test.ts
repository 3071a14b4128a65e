import { generateApiKey, looksLikeApiKey, parseApiKey, type ApiKeyFormat } from './api-key-format.js';

describe('API key formats', () => {
  test.each<[ApiKeyFormat, 'server' | 'client', RegExp]>([
    ['vexil', 'server', /^sk_prod_east_[A-Za-z0-9]{10}_[A-Za-z0-9]{32}$/],
    ['vexil', 'client', /^pk_prod_east_[A-Za-z0-9]{10}_[A-Za-z0-9]{32}$/],
    ['featureflags', 'server', /^ff_live_[A-Za-z0-9]{32}$/],
    ['phaseflag', 'server', /^sdk-prod_east-[A-Za-z0-9]{42}$/],
  ])('%s %s keys look like the product’s and parse back to their id', (format, type, look) => {
    const { keyId, key } = generateApiKey(type, 'prod_east', format);
    expect(key).toMatch(look);
    expect(parseApiKey(key)).toEqual({ format, keyId });
    expect(looksLikeApiKey(key)).toBe(true);
  });

  test('an environment key with the separators of every format still parses', () => {
    for (const format of ['vexil', 'phaseflag'] as const) {
      const { keyId, key } = generateApiKey('server', 'a-b_c-d', format);
      expect(parseApiKey(key)?.keyId).toBe(keyId);
    }
  });

  test('text that is no key parses to null; only key prefixes look like keys', () => {
    for (const text of ['sk_short', 'ff_live_abc', 'sdk-prod-abc', 'eyJhbGciOi.x.y', ''])
      expect(parseApiKey(text)).toBeNull();
    expect(looksLikeApiKey('sk_short')).toBe(true);
    expect(looksLikeApiKey('eyJhbGciOiJIUzI1NiJ9.e30.x')).toBe(false);
  });
});
