import { DomainError } from '@vexil/platform';

type Data = Record<string, any>;

/** The values of a Flagify condition: its `values`, or its one `value` (the CLI's form). */
export function valuesOf(condition: Data): unknown[] {
  if (Array.isArray(condition.values)) return condition.values;
  if (condition.value === undefined) return [];
  return Array.isArray(condition.value) ? condition.value : [condition.value];
}

/** Values as Flagify's readers take them: the list (MCP) and, for the CLI, the one value or the list. */
export const withValue = (values: unknown[]) => ({ values, value: values.length === 1 ? values[0] : values });

/**
 * A Flagify condition as a Vexil one: a segment, by id, is an `in_segment` condition (the flags
 * subgraph resolves the id to the segment's key); an attribute test keeps its operator.
 */
function toCondition(condition: Data): Data {
  if (condition.type === 'segment' || (condition.type === undefined && condition.segmentId)) {
    if (!condition.segmentId)
      throw DomainError.validation({ segmentId: ['is required for a segment condition'] });
    return { attribute: 'key', operator: 'in_segment', values: [condition.segmentId] };
  }
  return {
    attribute: condition.attribute ?? '',
    operator: condition.operator ?? '',
    values: valuesOf(condition),
  };
}

/**
 * What a Flagify rule serves: its variant, its value override, or else the flag's default value; to
 * `rolloutPercentage` percent of the users it matches, the others falling through to the next rule
 * (routes.md §4.3).
 */
function toServe(rule: Data): Data {
  const served =
    rule.variantKey != null
      ? { variation: rule.variantKey }
      : rule.valueOverride !== undefined && rule.valueOverride !== null
        ? { value: rule.valueOverride }
        : { flagDefault: true };
  if (rule.rolloutPercentage == null) return served;
  return { rollout: [{ ...served, weight: Math.round(rule.rolloutPercentage * 100) }] };
}

/**
 * Flagify's rules (a PUT replaces them all) as Vexil's, in priority order (lower first). A rule with no
 * condition matches everyone. Vexil keeps no disabled rules: one is refused rather than lost.
 */
export function toRuleInputs(rules: Data[]): Data[] {
  const ordered = rules
    .map((rule, index) => ({ rule, index }))
    .sort((a, b) => (a.rule.priority ?? a.index) - (b.rule.priority ?? b.index) || a.index - b.index);
  return ordered.map(({ rule, index }) => {
    if (rule.enabled === false)
      throw DomainError.validation({
        [`rules.${index}.enabled`]: ['a rule is on or removed; remove it instead'],
      });
    const segment = rule.segmentId ? [toCondition({ type: 'segment', segmentId: rule.segmentId })] : [];
    return {
      ...(rule.id ? { id: rule.id } : {}),
      match: String(rule.matchType ?? 'all').toLowerCase(),
      description: rule.description ?? undefined,
      conditions: [...segment, ...((rule.conditions ?? []) as Data[]).map(toCondition)],
      serve: toServe(rule),
    };
  });
}

/** A Vexil rule as Flagify's `TargetingRule`; its segments are named by id. */
function toTargetingRule(configuration: Data, rule: Data, index: number): Data {
  const { share } = rule.serve;
  const segmentIdOf = (key: unknown) =>
    (rule.segments as Data[]).find((segment) => segment.key === key)?.id ?? key;
  const conditions = (rule.conditions as Data[]).flatMap((condition): Data[] =>
    condition.operator === 'in_segment'
      ? (condition.values as unknown[]).map((key) => ({ type: 'segment', segmentId: segmentIdOf(key) }))
      : [
          {
            type: 'attribute',
            attribute: condition.attribute,
            operator: condition.operator,
            ...withValue(condition.values),
          },
        ],
  );
  const segment = conditions.find((condition) => condition.type === 'segment');
  return {
    id: rule.id,
    flagEnvironmentId: configuration.id,
    priority: index,
    description: rule.description ?? null,
    matchType: rule.match,
    valueOverride: share ? share.value : null,
    rolloutPercentage: share?.percentage ?? null,
    variantKey: share ? share.variation : null,
    ...(segment ? { segmentId: segment.segmentId } : {}),
    enabled: true,
    conditions,
    createdAt: configuration.createdAt,
    updatedAt: configuration.updatedAt ?? configuration.createdAt,
  };
}

/** A configuration's rules as Flagify's list; an environment the path names that is not there is 404. */
export function toTargetingRules(configuration: Data | null | undefined): Data[] {
  if (!configuration) throw new DomainError('ENVIRONMENT_NOT_FOUND');
  return (configuration.rules as Data[]).map((rule, index) => toTargetingRule(configuration, rule, index));
}
