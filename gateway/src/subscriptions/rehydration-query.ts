import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  type DocumentNode,
  type FieldNode,
  type OperationDefinitionNode,
} from 'graphql';

/** The variable that carries the event into a re-hydration query. */
export const EVENT_VARIABLE = '__vexilEvent';

/**
 * The subscription argument that asks to resume: replay what was committed after this event sequence.
 * The bridge answers it, so it is not passed on to `_<field>Event` and does not split groups.
 */
export const RESUME_ARGUMENT = 'after';

/**
 * Rewrites a subscription operation into the query the gateway runs per event:
 * `subscription { projectCreated(a: $a) { …sel } }` becomes
 * `query ($__vexilEvent: String!, $a: …) { projectCreated: _projectCreatedEvent(event: $__vexilEvent, a: $a) { …sel } }`.
 * The subgraph that declares a subscription field also declares its `_<field>Event` query with the same
 * arguments plus `event`; the response key stays the subscription field's, so clients see no difference.
 */
export function toRehydrationQuery(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
): {
  query: DocumentNode;
  responseKey: string;
  /** The subscription field's name. */
  fieldName: string;
  /** The variables the query takes (without the resume argument's). */
  variables: Record<string, unknown>;
  /** The resume argument's value, if given. */
  after: number | undefined;
} {
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation || operation.operation !== OperationTypeNode.SUBSCRIPTION) {
    throw new GraphQLError('Expected a subscription operation');
  }
  const [root, ...rest] = operation.selectionSet.selections;
  if (!root || rest.length > 0 || root.kind !== Kind.FIELD) {
    throw new GraphQLError('A subscription selects exactly one root field');
  }
  const responseKey = root.alias?.value ?? root.name.value;
  const resume = root.arguments?.find((argument) => argument.name.value === RESUME_ARGUMENT);
  const resumeVariable = resume?.value.kind === Kind.VARIABLE ? resume.value.name.value : undefined;
  const rawAfter = resume
    ? resume.value.kind === Kind.VARIABLE
      ? variables[resume.value.name.value]
      : resume.value.kind === Kind.INT
        ? Number(resume.value.value)
        : undefined
    : undefined;
  const queryVariables = { ...variables };
  if (resumeVariable) delete queryVariables[resumeVariable];
  const field: FieldNode = {
    ...root,
    alias: { kind: Kind.NAME, value: responseKey },
    name: { kind: Kind.NAME, value: `_${root.name.value}Event` },
    arguments: [
      {
        kind: Kind.ARGUMENT,
        name: { kind: Kind.NAME, value: 'event' },
        value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: EVENT_VARIABLE } },
      },
      ...(root.arguments ?? []).filter((argument) => argument !== resume),
    ],
  };
  const query: OperationDefinitionNode = {
    ...operation,
    operation: OperationTypeNode.QUERY,
    variableDefinitions: [
      {
        kind: Kind.VARIABLE_DEFINITION,
        variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: EVENT_VARIABLE } },
        type: {
          kind: Kind.NON_NULL_TYPE,
          type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'String' } },
        },
      },
      ...(operation.variableDefinitions ?? []).filter((d) => d.variable.name.value !== resumeVariable),
    ],
    selectionSet: { kind: Kind.SELECTION_SET, selections: [field] },
  };
  return {
    query: {
      kind: Kind.DOCUMENT,
      definitions: [query, ...document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)],
    },
    responseKey,
    fieldName: root.name.value,
    variables: queryVariables,
    after: typeof rawAfter === 'number' && Number.isSafeInteger(rawAfter) ? rawAfter : undefined,
  };
}

/**
 * Adds `alias: fieldName` to the root field's selection of a re-hydration query, for what the gateway
 * itself needs from every payload whatever the client selected.
 */
export function selectAlso(document: DocumentNode, alias: string, fieldName: string): DocumentNode {
  return {
    ...document,
    definitions: document.definitions.map((definition) => {
      if (definition.kind !== Kind.OPERATION_DEFINITION) return definition;
      const [root] = definition.selectionSet.selections as FieldNode[];
      const extra: FieldNode = {
        kind: Kind.FIELD,
        alias: { kind: Kind.NAME, value: alias },
        name: { kind: Kind.NAME, value: fieldName },
      };
      const field: FieldNode = {
        ...root!,
        selectionSet: {
          kind: Kind.SELECTION_SET,
          selections: [...(root!.selectionSet?.selections ?? []), extra],
        },
      };
      return { ...definition, selectionSet: { kind: Kind.SELECTION_SET, selections: [field] } };
    }),
  };
}
