import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

/**
 * Rejects operations nested deeper than `maxDepth` fields or using more than `maxAliases` aliases,
 * following fragment spreads: cheap guards against queries built to exhaust the subgraphs.
 */
export function operationLimits(limits: { maxDepth: number; maxAliases: number }) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const measure = (set: SelectionSetNode, seen: Set<string>): { depth: number; aliases: number } => {
      let depth = 0;
      let aliases = 0;
      for (const selection of set.selections) {
        let inner: { depth: number; aliases: number } = { depth: 0, aliases: 0 };
        if (selection.kind === Kind.FIELD) {
          if (selection.alias) aliases++;
          const below = selection.selectionSet ? measure(selection.selectionSet, seen) : inner;
          inner = { depth: below.depth + 1, aliases: below.aliases };
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          inner = measure(selection.selectionSet, seen);
        } else {
          const fragment = fragments.get(selection.name.value);
          // A fragment cycle is reported by graphql's own NoFragmentCycles rule.
          if (fragment && !seen.has(fragment.name.value)) {
            inner = measure(fragment.selectionSet, new Set([...seen, fragment.name.value]));
          }
        }
        depth = Math.max(depth, inner.depth);
        aliases += inner.aliases;
      }
      return { depth, aliases };
    };
    return {
      OperationDefinition(node) {
        const { depth, aliases } = measure(node.selectionSet, new Set());
        const fail = (message: string) =>
          context.reportError(
            new GraphQLError(message, { nodes: [node], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
          );
        if (depth > limits.maxDepth)
          fail(`Operation is nested ${depth} levels deep; the limit is ${limits.maxDepth}`);
        if (aliases > limits.maxAliases)
          fail(`Operation uses ${aliases} aliases; the limit is ${limits.maxAliases}`);
        return false;
      },
    };
  };
}
