import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_SECRETS, type PlatformConfig } from './platform-config.js';

type SecretName = keyof typeof DEFAULT_SECRETS;

/**
 * Replaces every secret left at its development default by one generated at random on first start and
 * kept in `<dataDir>/secrets.json` (mode 0600), so a fresh `npm start` never signs tokens with a value
 * anyone can read in this repository. Variables that are set win; tests keep the fixed defaults. The
 * file is created exclusively, so processes starting together on one data folder agree on one set.
 */
export async function withGeneratedSecrets<C extends PlatformConfig>(config: C): Promise<C> {
  if (config.nodeEnv === 'test') return config;
  const unset = (Object.keys(DEFAULT_SECRETS) as SecretName[]).filter(
    (name) => config[name] === DEFAULT_SECRETS[name],
  );
  if (unset.length === 0) return config;
  const file = join(config.dataDir, 'secrets.json');
  await mkdir(config.dataDir, { recursive: true });
  let stored = await readSecrets(file);
  const missing = unset.filter((name) => typeof stored[name] !== 'string');
  if (missing.length > 0) {
    const generated = Object.fromEntries(
      missing.map((name) => [name, randomBytes(32).toString('base64url')]),
    );
    try {
      await writeFile(file, JSON.stringify({ ...stored, ...generated }, null, 2), {
        mode: 0o600,
        flag: Object.keys(stored).length === 0 ? 'wx' : 'w',
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    stored = await readSecrets(file);
  }
  return { ...config, ...Object.fromEntries(unset.map((name) => [name, stored[name]])) };
}

async function readSecrets(file: string): Promise<Partial<Record<SecretName, string>>> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new Error(`${file} is not readable JSON: fix or delete it (tokens signed with it stop working)`);
  }
}
