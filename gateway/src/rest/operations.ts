import { readdirSync, readFileSync } from 'node:fs';
import {
  Kind,
  parse,
  visit,
  type DefinitionNode,
  type DocumentNode,
  type FragmentDefinitionNode,
} from 'graphql';

// Operation documents stay in src/ (tsc does not copy them); this file sits at the same depth in src/
// and dist/, so the path below resolves to src/rest/operations/ from both.
const folder = new URL('../../src/rest/operations/', import.meta.url);

const documentsIn = (url: URL) =>
  readdirSync(url)
    .filter((file) => file.endsWith('.graphql'))
    .map(
      (file) => [file.slice(0, -'.graphql'.length), parse(readFileSync(new URL(file, url), 'utf8'))] as const,
    );

/** The fragments of `fragments/`, by name: selections several operations repeat. */
const fragments = new Map(
  documentsIn(new URL('fragments/', folder)).flatMap(([, document]) =>
    document.definitions
      .filter(
        (definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION,
      )
      .map((fragment) => [fragment.name.value, fragment] as const),
  ),
);

/** The fragments a document spreads, and those they spread, in turn. */
function spreadIn(
  node: DocumentNode | FragmentDefinitionNode,
  found = new Map<string, FragmentDefinitionNode>(),
) {
  visit(node, {
    FragmentSpread(spread) {
      const name = spread.name.value;
      if (found.has(name)) return;
      const fragment = fragments.get(name);
      if (!fragment) throw new Error(`operations: unknown fragment ${name}`);
      found.set(name, fragment);
      spreadIn(fragment, found);
    },
  });
  return found;
}

/**
 * The GraphQL operations REST rows run, one folder for every dialect, keyed by file name (which is the
 * operation's name); each document carries the fragments it uses.
 */
export const operations: ReadonlyMap<string, DocumentNode> = new Map(
  documentsIn(folder).map(([name, document]) => {
    const definitions: DefinitionNode[] = [...document.definitions, ...spreadIn(document).values()];
    return [name, { ...document, definitions }];
  }),
);
