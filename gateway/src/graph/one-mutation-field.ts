import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

/**
 * Refuses a mutation with more than one root field (`a: createFlag(…) b: createFlag(…)`). Each root
 * mutation commits on its own in its subgraph, so a failing second field would leave the first
 * written while a non-null error nulls the whole `data`: a write reported as a failure. One field per
 * operation keeps "refused means nothing changed" true; batch writes are mutations of their own
 * (`syncFlagConfigurations`) that run in one transaction.
 */
export function oneMutationField(context: ValidationContext): ASTVisitor {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of context.getDocument().definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const rootFields = (set: SelectionSetNode, seen: Set<string>): string[] =>
    set.selections.flatMap((selection) => {
      if (selection.kind === Kind.FIELD)
        return selection.name.value === '__typename' ? [] : [selection.alias?.value ?? selection.name.value];
      if (selection.kind === Kind.INLINE_FRAGMENT) return rootFields(selection.selectionSet, seen);
      const fragment = fragments.get(selection.name.value);
      // Unknown fragments and cycles are reported by graphql's own rules.
      if (!fragment || seen.has(fragment.name.value)) return [];
      return rootFields(fragment.selectionSet, new Set([...seen, fragment.name.value]));
    });
  return {
    OperationDefinition(node) {
      if (node.operation !== OperationTypeNode.MUTATION) return false;
      const fields = rootFields(node.selectionSet, new Set());
      if (fields.length > 1) {
        context.reportError(
          new GraphQLError(
            `A mutation may select one root field; this one selects ${fields.length} (${fields.join(', ')}). ` +
              'Send each as its own operation.',
            { nodes: [node], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
          ),
        );
      }
      return false;
    },
  };
}
