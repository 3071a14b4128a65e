import {
  getNamedType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isAbstractType,
  isInterfaceType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { casedName } from './casing.js';
import type { Dialect } from './rest-route.js';

type JsonSchema = Record<string, unknown>;

const SCALARS: Record<string, JsonSchema> = {
  String: { type: 'string' },
  ID: { type: 'string' },
  Int: { type: 'integer' },
  Float: { type: 'number' },
  Boolean: { type: 'boolean' },
  DateTimeISO: { type: 'string', format: 'date-time' },
  SafeInt: { type: 'integer' },
  // A JSON value is the user's data: any JSON at all.
  JSON: {},
};

const nullable = (schema: JsonSchema): JsonSchema =>
  typeof schema.type === 'string'
    ? { ...schema, type: [schema.type, 'null'] }
    : { anyOf: [schema, { type: 'null' }] };

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  casing: Dialect['casing'];
}

/** A selected field: its type, its own selection, and whether every object of the parent has it. */
interface Field {
  type: GraphQLOutputType;
  selectionSet?: SelectionSetNode;
  always: boolean;
}

/** The selected fields of a selection set, by response key. */
function fieldsOf(
  walk: Walk,
  parent: GraphQLCompositeType,
  selectionSet: SelectionSetNode,
  into = new Map<string, Field>(),
  always = true,
): Map<string, Field> {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      const key = selection.alias?.value ?? name;
      if (name === '__typename') {
        into.set(key, { type: walk.schema.getType('String') as GraphQLOutputType, always });
        continue;
      }
      const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
      if (!field) throw new Error(`${parent.name} has no field ${name}`);
      into.set(key, { type: field.type, selectionSet: selection.selectionSet, always });
    } else {
      const fragment =
        selection.kind === Kind.INLINE_FRAGMENT ? selection : walk.fragments.get(selection.name.value);
      if (!fragment) throw new Error('unknown fragment');
      const condition = fragment.typeCondition
        ? (walk.schema.getType(fragment.typeCondition.name.value) as GraphQLCompositeType)
        : parent;
      // Fields of a narrower type are there only for objects of that type.
      fieldsOf(walk, condition, fragment.selectionSet, into, always && condition === parent);
    }
  }
  return into;
}

function typeSchema(walk: Walk, type: GraphQLOutputType, selectionSet?: SelectionSetNode): JsonSchema {
  if (isNonNullType(type)) return exact(walk, type.ofType, selectionSet);
  return nullable(exact(walk, type, selectionSet));
}

function exact(walk: Walk, type: GraphQLOutputType, selectionSet?: SelectionSetNode): JsonSchema {
  if (isNonNullType(type)) return exact(walk, type.ofType, selectionSet);
  if (isListType(type)) return { type: 'array', items: typeSchema(walk, type.ofType, selectionSet) };
  if (isEnumType(type)) return { type: 'string', enum: type.getValues().map((value) => value.value) };
  if (isObjectType(type) || isAbstractType(type) || isInterfaceType(type)) {
    if (!selectionSet) throw new Error(`${type.name} selected without fields`);
    return objectSchema(walk, type, selectionSet);
  }
  return SCALARS[type.name] ?? { description: type.name };
}

function objectSchema(walk: Walk, type: GraphQLCompositeType, selectionSet: SelectionSetNode): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [key, field] of fieldsOf(walk, type, selectionSet)) {
    const name = casedName(walk.casing, key);
    properties[name] = typeSchema(walk, field.type, field.selectionSet);
    if (field.always) required.push(name);
  }
  return { type: 'object', properties, required };
}

/**
 * JSON Schema of what a route answers when its result is a path into the operation's data
 * (`createProject`, `organization.projects`): the selected fields of the operation, typed by the API
 * schema, named as the dialect names them. For a list route, the schema of one item of the
 * connection's `nodes`.
 */
export function operationResultSchema(
  schema: GraphQLSchema,
  document: DocumentNode,
  path: string,
  options: { casing: Dialect['casing']; list?: boolean },
): JsonSchema {
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (!operation) throw new Error('no operation in document');
  const walk: Walk = {
    schema,
    casing: options.casing,
    fragments: new Map(
      document.definitions
        .filter(
          (definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION,
        )
        .map((fragment) => [fragment.name.value, fragment]),
    ),
  };
  const root = schema.getRootType(operation.operation);
  if (!root) throw new Error(`no ${operation.operation} type`);
  let type: GraphQLOutputType = root;
  let selectionSet: SelectionSetNode | undefined = operation.selectionSet;
  const keys = options.list ? [...path.split('.'), 'nodes'] : path.split('.');
  for (const key of keys) {
    const named = getNamedType(type) as GraphQLCompositeType;
    const field: Field | undefined = selectionSet && fieldsOf(walk, named, selectionSet).get(key);
    if (!field) throw new Error(`${named.name} has no selected ${key}`);
    type = field.type;
    selectionSet = field.selectionSet;
  }
  // The router answers 404 for a null it reaches through a path, so the body itself is never null.
  const body = exact(walk, type, selectionSet);
  return options.list ? (body.items as JsonSchema) : body;
}
