import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPlatformConfig } from './platform-config.js';
import { withGeneratedSecrets } from './secrets-file.js';

describe('generated secrets', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'vexil-secrets-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('replaces the public development defaults with random secrets kept across restarts', async () => {
    const defaults = readPlatformConfig({ VEXIL_DATA_DIR: dataDir });
    const first = await withGeneratedSecrets(defaults);
    for (const name of ['jwtSecret', 'principalSecret', 'apiKeyPepper', 'mfaEncryptionKey'] as const) {
      expect(first[name]).not.toBe(defaults[name]);
      expect(first[name].length).toBeGreaterThanOrEqual(40);
    }
    expect(new Set([first.jwtSecret, first.principalSecret, first.apiKeyPepper]).size).toBe(3);
    const again = await withGeneratedSecrets(readPlatformConfig({ VEXIL_DATA_DIR: dataDir }));
    expect(again.jwtSecret).toBe(first.jwtSecret);
    expect(((await stat(join(dataDir, 'secrets.json'))).mode & 0o777).toString(8)).toBe('600');
  });

  it('keeps a secret set in the environment and never writes it to the file', async () => {
    const config = await withGeneratedSecrets(
      readPlatformConfig({ VEXIL_DATA_DIR: dataDir, JWT_SECRET: 'from-env' }),
    );
    expect(config.jwtSecret).toBe('from-env');
    expect(await readFile(join(dataDir, 'secrets.json'), 'utf8')).not.toContain('from-env');
  });

  it('leaves tests on the fixed secrets', async () => {
    const config = readPlatformConfig({ VEXIL_DATA_DIR: dataDir, NODE_ENV: 'test' });
    expect(await withGeneratedSecrets(config)).toBe(config);
  });
});
