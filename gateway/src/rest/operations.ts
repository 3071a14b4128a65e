import { readdirSync, readFileSync } from 'node:fs';
import { parse, type DocumentNode } from 'graphql';

// Operation documents stay in src/ (tsc does not copy them); this file sits at the same depth in src/
// and dist/, so the path below resolves to src/rest/ from both.
const restRoot = new URL('../../src/rest/', import.meta.url);

/** The GraphQL operation documents of a dialect, keyed by file name (which is the operation's name). */
export function loadOperations(dialect: string): Map<string, DocumentNode> {
  const folder = new URL(`${dialect}/operations/`, restRoot);
  return new Map(
    readdirSync(folder)
      .filter((file) => file.endsWith('.graphql'))
      .map((file) => [file.slice(0, -'.graphql'.length), parse(readFileSync(new URL(file, folder), 'utf8'))]),
  );
}
