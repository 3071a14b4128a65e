import { ConfigError } from './env.js';
import { readPlatformConfig } from './platform-config.js';

describe('platform config', () => {
  it('defaults to embedded PGlite under .vexil with seed 001’s token lifetimes', () => {
    expect(readPlatformConfig({})).toMatchObject({
      databaseUrl: undefined,
      dataDir: '.vexil',
      accessTokenTtlMinutes: 60,
      refreshTokenTtlHours: 168,
    });
  });

  it('names the variable in every error', () => {
    expect(() => readPlatformConfig({ TOKEN_TTL_MINUTES: 'soon' })).toThrow(
      /TOKEN_TTL_MINUTES must be an integer/,
    );
    expect(() => readPlatformConfig({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL must be a URL/);
    expect(() => readPlatformConfig({ LOG_LEVEL: 'loud' })).toThrow(ConfigError);
  });

  it('refuses to start in production with the default secrets', () => {
    expect(() => readPlatformConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET must be set/);
    expect(() => readPlatformConfig({ NODE_ENV: 'production', JWT_SECRET: 'strong' })).toThrow(
      /PRINCIPAL_SECRET/,
    );
    expect(() =>
      readPlatformConfig({ NODE_ENV: 'production', JWT_SECRET: 'strong', PRINCIPAL_SECRET: 'strong' }),
    ).toThrow(/API_KEY_PEPPER/);
    expect(() =>
      readPlatformConfig({
        NODE_ENV: 'production',
        JWT_SECRET: 'strong',
        PRINCIPAL_SECRET: 'strong',
        API_KEY_PEPPER: 'strong',
      }),
    ).toThrow(/MFA_ENCRYPTION_KEY/);
  });
});
