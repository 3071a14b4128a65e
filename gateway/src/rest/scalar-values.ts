import { Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

/** The objects of an operation's result that are values of scalar fields: user data, never renamed. */
export type ScalarValues = Pick<WeakSet<object>, 'has'>;

/** Response keys of a selection set, each to the shape of its selection, `null` for a leaf. */
interface Shape {
  [responseKey: string]: Shape | null;
}

function shapeOf(
  selectionSet: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  shape: Shape = {},
): Shape {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const key = selection.alias?.value ?? selection.name.value;
      // A valid operation selects sub-fields of every composite field and of no leaf, so the
      // document alone says which values are scalars (JSON among them); no schema is needed.
      shape[key] = selection.selectionSet
        ? shapeOf(selection.selectionSet, fragments, shape[key] ?? {})
        : null;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      shapeOf(selection.selectionSet, fragments, shape);
    } else {
      const fragment = fragments.get(selection.name.value);
      if (!fragment) throw new Error(`Unknown fragment ${selection.name.value}`);
      shapeOf(fragment.selectionSet, fragments, shape);
    }
  }
  return shape;
}

// Every object inside a scalar value is marked, not only the top one: a mapping may lift a part of a
// JSON value (a history entry's condition values) into the response it builds.
function markAll(value: unknown, values: WeakSet<object>): void {
  if (value === null || typeof value !== 'object') return;
  values.add(value);
  for (const inner of Object.values(value)) markAll(inner, values);
}

function collect(value: unknown, shape: Shape | null, values: WeakSet<object>): void {
  if (value === null || typeof value !== 'object') return;
  if (shape === null) markAll(value, values);
  else if (Array.isArray(value)) for (const item of value) collect(item, shape, values);
  else for (const [key, inner] of Object.entries(shape)) collect((value as Shape)[key], inner, values);
}

/**
 * Reads an operation once and returns what finds, in one of its results, the values of scalar fields
 * (flag values, payloads, audit data). A dialect's casing renames GraphQL's field names and leaves
 * these alone, so a value reads back with the keys it was written with. Identity survives the row's
 * mappings, which move values into the response they build but do not copy them.
 */
export function scalarValues(document: DocumentNode): (data: Record<string, unknown>) => ScalarValues {
  const fragments = new Map<string, FragmentDefinitionNode>();
  let root: SelectionSetNode | undefined;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    else if (definition.kind === Kind.OPERATION_DEFINITION) root = definition.selectionSet;
  }
  if (!root) throw new Error('The document holds no operation');
  const shape = shapeOf(root, fragments);
  return (data) => {
    const values = new WeakSet<object>();
    collect(data, shape, values);
    return values;
  };
}
