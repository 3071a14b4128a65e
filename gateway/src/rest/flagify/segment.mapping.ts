import { valuesOf, withValue } from './targeting.mapping.js';

type Data = Record<string, any>;

/** A Vexil segment as Flagify's: its conditions are its `rules`. */
export function toSegment(segment: Data, projectId: string): Data {
  return {
    id: segment.id,
    projectId,
    key: segment.key,
    name: segment.name,
    description: segment.description || null,
    matchType: segment.match,
    rules: (segment.conditions as Data[]).map((condition) => ({
      attribute: condition.attribute,
      operator: condition.operator,
      ...withValue(condition.values),
    })),
    createdAt: segment.createdAt,
    updatedAt: segment.updatedAt,
  };
}

/** A Flagify segment as a `SegmentInput`; the CLI sends `ALL`/`ANY` and one `value` per rule. */
export function toSegmentInput(body: Data): Data {
  return {
    key: body.key,
    name: body.name,
    description: body.description,
    match: body.matchType ? String(body.matchType).toLowerCase() : undefined,
    conditions: ((body.rules ?? []) as Data[]).map((rule) => ({
      attribute: rule.attribute,
      operator: rule.operator,
      values: valuesOf(rule),
    })),
  };
}
