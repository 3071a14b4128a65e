import { GraphQLError, Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import type { Principal } from '@vexil/platform';

// The root fields of the SDK paths (DESIGN.md, Subscriptions; REST.md: "`pk_` keys may call evaluation
// routes only"). Everything else is refused to publishable keys before any subgraph is asked.
const SDK_FIELDS = ['evaluate', 'flagUpdates', 'evaluationsChanged'];
// The fan-out runs a subscription as its `_<field>Event` query (docs/decisions/0001); subgraphs answer
// those only to the gateway's fan-out, so allowing them here widens nothing.
const EVALUATION_FIELDS = new Set([
  ...SDK_FIELDS,
  ...SDK_FIELDS.map((field) => `_${field}Event`),
  '__typename',
]);

/**
 * Throws a 403 `INSUFFICIENT_PERMISSIONS` error when a client (`pk_`) key runs an operation that
 * selects anything but evaluation fields. Server keys and users pass; subgraphs decide the rest.
 */
export function enforceClientKeyPolicy(
  principal: Principal,
  operation: OperationDefinitionNode | DocumentNode | undefined | null,
): void {
  if (principal.kind !== 'apiKey' || principal.keyType !== 'client') return;
  const definitions =
    operation?.kind === Kind.DOCUMENT
      ? operation.definitions.filter(
          (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
        )
      : operation
        ? [operation]
        : [];
  const fields = definitions.flatMap((definition) =>
    definition.selectionSet.selections.map((selection) =>
      selection.kind === Kind.FIELD ? selection.name.value : null,
    ),
  );
  if (fields.length === 0 || fields.some((field) => field === null || !EVALUATION_FIELDS.has(field))) {
    throw new GraphQLError('publishable (pk_) keys may only evaluate flags', {
      extensions: { code: 'INSUFFICIENT_PERMISSIONS', http: { status: 403 } },
    });
  }
}
