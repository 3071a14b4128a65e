import { BUCKET_COUNT, type Serve } from '@vexil/evaluation';
import { DomainError, type FieldErrors } from '@vexil/platform';
import { packageConfiguration } from './featureflags-renderer.js';
import { vexilOperator, type PackageOperator } from './package-operators.js';
import { fromPhpPattern } from './php-pattern.js';

type Data = Record<string, any>;

const fail = (field: string, message: string): never => {
  throw DomainError.validation({ [field]: [message] });
};

const given = (value: unknown) => value !== undefined && value !== null;

/** The request's rules in the order the package evaluates them (§2.3 step 3), with their index in it. */
function byPriority(rules: Data[]): { rule: Data; index: number }[] {
  return rules
    .map((rule, index) => ({ rule, index }))
    .sort((a, b) => a.rule.priority - b.rule.priority || a.index - b.index);
}

/** A package condition as Vexil's: the trait is the attribute, its one value the values. */
function conditionOf(field: string, condition: Data) {
  if (condition.type === 'segment') {
    if (!given(condition.segment)) fail(`${field}.segment`, 'is required for a segment condition');
    return { attribute: 'key', operator: 'in_segment', values: [condition.segment] };
  }
  const { trait, value } = condition;
  const operator = condition.operator as PackageOperator | undefined;
  if (!given(trait)) fail(`${field}.trait`, 'is required');
  if (!operator) return fail(`${field}.operator`, 'is required');
  if (!given(value)) fail(`${field}.value`, 'is required');
  if (operator === 'in' || operator === 'not_in') {
    if (!Array.isArray(value)) fail(`${field}.value`, `must be a list for ${operator}`);
    return { attribute: trait, operator, values: value };
  }
  if (operator === 'matches_regex') {
    const pattern = typeof value === 'string' ? fromPhpPattern(value) : null;
    if (pattern === null)
      fail(
        `${field}.value`,
        'must be a PCRE pattern between delimiters, such as /^pro/i (modifiers i, m, s, u)',
      );
    return { attribute: trait, operator: 'matches', values: [pattern] };
  }
  return { attribute: trait, operator: vexilOperator(operator), values: [value] };
}

/**
 * The package's rollout (§2.3 step 5) as the default serve, by value: everyone gets `value` without a
 * percentage; with one, the buckets the package lets in (each whole bucket below `pct * 100` as PHP
 * computes it, so 0.07 lets 8 in) get `value` and the rest `false`, the package's `rollout_miss`.
 */
function defaultServeOf(value: unknown, percentage: number | null) {
  if (percentage === null) return { value };
  const weight = Math.min(Math.ceil(percentage * 100), BUCKET_COUNT);
  if (weight === BUCKET_COUNT) return { rollout: [{ value, weight }] };
  return {
    rollout: [
      { value, weight },
      { value: false, weight: BUCKET_COUNT - weight },
    ],
  };
}

/**
 * The `UpdateFlagConfigurationInput` fields of a PATCH of a flag's environment (routes.md §2.2); fields
 * left out stay. `default_value` and `rollout_percentage` are the default serve together, and
 * `default_value` is what the package serves while off too, so it is the off value. Writing them sets
 * the package's bucketing (docs/decisions/0013). Rules replace the rules, in priority order. Values are
 * named by value: the flags subgraph finds or adds their variations and checks them against the type.
 */
export function toConfigurationInput(body: Data): Data {
  const input: Data = {};
  if (given(body.enabled)) input.enabled = body.enabled;
  const hasValue = 'default_value' in body;
  if (hasValue !== 'rollout_percentage' in body) {
    if (hasValue) fail('rollout_percentage', 'is required when default value is present');
    fail('default_value', 'is required when rollout percentage is present');
  }
  if (hasValue) {
    if (!given(body.default_value)) fail('default_value', 'is required');
    input.offValue = body.default_value;
    input.defaultServe = defaultServeOf(body.default_value, body.rollout_percentage);
    input.bucketing = { scheme: 'featureflags' };
  }
  if (Array.isArray(body.rules)) {
    input.rules = byPriority(body.rules).map(({ rule, index }, at) => {
      if (!given(rule.value)) fail(`rules.${index}.value`, 'is required');
      return {
        id: `rule-${at + 1}`,
        match: 'all',
        conditions: (rule.conditions as Data[]).map((condition, position) =>
          conditionOf(`rules.${index}.conditions.${position}`, condition),
        ),
        serve: { value: rule.value },
      };
    });
  }
  return input;
}

/**
 * Where the flags subgraph's field errors of a {@link toConfigurationInput} are in the request. The miss
 * slice of a rollout is `false`, which only boolean and JSON flags can serve: refused there, it is the
 * percentage that cannot be had.
 */
function packageFieldOf(field: string, body: Data): [string, string?] {
  const rules = Array.isArray(body.rules) ? byPriority(body.rules) : [];
  if (/^defaultServe\.rollout\.1\./.test(field))
    return [
      'rollout_percentage',
      'must be null or 100 for a flag that cannot serve false, which the package serves outside a rollout',
    ];
  if (/^(offValue|defaultServe)\b/.test(field)) return ['default_value'];
  const rule = /^rules\.(\d+)(.*)$/.exec(field);
  const request = rule && rules[Number(rule[1])];
  if (!rule || !request) return [field];
  const at = `rules.${request.index}`;
  if (rule[2]!.startsWith('.serve')) return [`${at}.value`];
  const condition = /^\.conditions\.(\d+)\.(attribute|operator|values)(\.\d+)?$/.exec(rule[2]!);
  if (!condition) return [`${at}${rule[2]}`];
  const [, position, name, item] = condition;
  const sent = (request.rule.conditions as Data[])[Number(position)] ?? {};
  const renamed =
    sent.type === 'segment'
      ? 'segment'
      : name === 'attribute'
        ? 'trait'
        : name === 'operator'
          ? 'operator'
          : Array.isArray(sent.value)
            ? `value${item ?? ''}`
            : 'value';
  return [`${at}.conditions.${position}.${renamed}`];
}

/** The flags subgraph's field errors of a PATCH, named as the request names its fields. */
export function packageFields(fields: FieldErrors, body: Data): FieldErrors {
  const renamed: FieldErrors = {};
  for (const [field, messages] of Object.entries(fields)) {
    const [name, message] = packageFieldOf(field, body);
    renamed[name] = [...new Set([...(renamed[name] ?? []), ...(message ? [message] : messages)])];
  }
  return renamed;
}

/** A serve as the flags subgraph shows it (nulls for what it is not) as the engine's. */
const serveOf = ({ variation, rollout, bucketBy, remainder }: Data): Serve =>
  typeof variation === 'string'
    ? { variation }
    : { rollout, ...(bucketBy ? { bucketBy } : {}), ...(remainder ? { remainder } : {}) };

/** A `FlagConfiguration` as the package's flag environment, rendered as the sync renders it. */
export function toFlagEnvironment(configuration: Data) {
  const { scheme, attribute, seed } = configuration.bucketing;
  return {
    flag_id: configuration.flag.id,
    environment_id: configuration.environment.id,
    ...packageConfiguration({
      variations: configuration.flag.variations,
      enabled: configuration.enabled,
      offVariation: configuration.offVariation,
      rules: (configuration.rules as Data[]).map((rule) => ({
        id: rule.id,
        match: rule.match,
        conditions: rule.conditions,
        serve: serveOf(rule.serve),
      })),
      defaultServe: serveOf(configuration.defaultServe),
      bucketing: { scheme, ...(attribute ? { attribute } : {}), ...(seed ? { seed } : {}) },
    }),
  };
}
