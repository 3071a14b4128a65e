import { randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '@vexil/platform';
import pg from 'pg';
import { platformPackages } from './platform-packages.js';

/** Where the migrated template of this test run lives: a PGlite data-dir dump or a server database. */
export type Template =
  { kind: 'embedded'; file: string } | { kind: 'server'; serverUrl: string; name: string };

const TEMPLATE_VARIABLE = 'VEXIL_TEST_TEMPLATE';

const databaseUrl = (serverUrl: string, name: string) => {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Migrates every service once into a template (run before jest starts); returns it for the workers. */
export async function prepareTemplate(serverUrl: string | undefined): Promise<Template> {
  const {
    gateway: { readGatewayConfig, startPlatform },
    platform: { createLogger, openDatabase },
  } = await platformPackages();
  const log = createLogger('warn');
  const config = readGatewayConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1' });
  if (serverUrl) {
    const name = `vexil_template_${randomBytes(4).toString('hex')}`;
    await adminQuery(serverUrl, `create database ${name}`);
    const database = await openDatabase({ url: databaseUrl(serverUrl, name) });
    const platform = await startPlatform(
      { ...config, databaseUrl: databaseUrl(serverUrl, name) },
      { database, log },
    );
    await platform.dispose();
    return { kind: 'server', serverUrl, name };
  }
  const database = await openDatabase({ dataDir: 'memory://' });
  const platform = await startPlatform(config, { database, log });
  await platform.dispose();
  if (database.mode !== 'embedded') throw new Error('unreachable');
  const dump = await database.pglite.dumpDataDir('none');
  await database.close();
  const file = join(tmpdir(), `vexil-template-${randomBytes(4).toString('hex')}.tar`);
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  return { kind: 'embedded', file };
}

/** Removes the template after the run. */
export async function dropTemplate(template: Template): Promise<void> {
  if (template.kind === 'embedded') await rm(template.file, { force: true });
  else await adminQuery(template.serverUrl, `drop database if exists ${template.name} with (force)`);
}

/** Passes the template to jest workers through the environment. */
export function templateEnvironment(template: Template): Record<string, string> {
  return { [TEMPLATE_VARIABLE]: JSON.stringify(template) };
}

/** A database of its own for one test file, cloned from the run's template. */
export interface TestDatabase {
  database: Database;
  /** The server URL of this database (server mode only). */
  url: string | undefined;
  dispose(): Promise<void>;
}

/**
 * Gives a test file a fresh, migrated database: a copy of the template's PGlite data directory, or a
 * server database created from the template database.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const raw = process.env[TEMPLATE_VARIABLE];
  if (!raw) throw new Error(`${TEMPLATE_VARIABLE} is not set: run the tests with \`npm test\``);
  const template = JSON.parse(raw) as Template;
  const { openDatabase } = (await platformPackages()).platform;
  if (template.kind === 'embedded') {
    const database = await openDatabase({ loadDataDir: new Blob([await readFile(template.file)]) });
    return { database, url: undefined, dispose: () => database.close() };
  }
  const name = `vexil_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(template.serverUrl, `create database ${name} template ${template.name}`);
  const url = databaseUrl(template.serverUrl, name);
  const database = await openDatabase({ url });
  return {
    database,
    url,
    async dispose() {
      await database.close();
      await adminQuery(template.serverUrl, `drop database if exists ${name} with (force)`);
    },
  };
}
