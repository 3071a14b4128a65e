import { DomainError } from '@vexil/platform';

type Data = Record<string, any>;

const ALL = 10_000;

const fail = (field: string, message: string): never => {
  throw DomainError.validation({ [field]: [message] });
};

/**
 * A percentage in basis points. One over 10 000 is passed on so that the flags subgraph refuses it with
 * `RULE_ROLLOUT_EXCEEDS_100`.
 */
function checkPercentage(field: string, percentage: unknown): number {
  if (!Number.isInteger(percentage) || (percentage as number) < 0)
    fail(field, 'must be a whole number of basis points (0–10000)');
  return percentage as number;
}

/**
 * A rule's `value` and `percentage` (routes.md §1.6 step 6): the whole rule serves `value`; a part of it
 * is a one-slice rollout, which serves `value` to buckets below `percentage` and lets the other
 * contexts the rule matches fall through to the next rule, as the engine reads a rule rollout short of
 * 10 000. Serves name values; the flags subgraph finds or adds their variations.
 */
function ruleServe(field: string, value: unknown, percentage: unknown) {
  if (percentage === undefined || percentage === null || percentage === ALL) return { value };
  return { rollout: [{ value, weight: checkPercentage(field, percentage) }] };
}

/**
 * The state's `default_value` and `percentage_rollout` (routes.md §1.6 steps 7 and 9). Without a
 * percentage everyone falls through to `value`. With one, its buckets are a one-slice rollout of `value`
 * and the rest go to the off variation, which is where this dialect keeps the flag's `default_value`
 * (see flag.mapping.ts), so the engine answers them DEFAULT (FALLTHROUGH) with the flag's value, even
 * after that value changes.
 */
function stateServe(value: unknown, percentage: unknown) {
  if (percentage === undefined || percentage === null || percentage === 0) return { value };
  return {
    rollout: [{ value, weight: checkPercentage('percentage_rollout', percentage) }],
    remainder: 'offVariation',
  };
}

function conditionsOf(field: string, rule: Data) {
  const conditions = rule.conditions ?? [];
  const segments = rule.segment_keys ?? [];
  if (!Array.isArray(conditions)) fail(`${field}.conditions`, 'must be a list');
  if (!Array.isArray(segments)) fail(`${field}.segment_keys`, 'must be a list');
  return [
    ...conditions.map((condition: Data) => ({
      attribute: condition?.attribute,
      operator: condition?.operator,
      values: condition?.values,
    })),
    // One `in_segment` condition holds when any of its segments does, as FeatureSignals' segment_keys.
    ...(segments.length > 0 ? [{ attribute: 'key', operator: 'in_segment', values: segments }] : []),
  ];
}

/** A rule of a flag state body: an object that says which value it serves. */
function ruleOf(field: string, rule: unknown): Data {
  if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) fail(field, 'must be a rule object');
  if ((rule as Data).value === undefined) fail(`${field}.value`, 'is required: the value the rule serves');
  return rule as Data;
}

/**
 * The `UpdateFlagConfigurationInput` fields of a FeatureSignals flag state PUT (routes.md §1.3): every
 * field optional, as there. Rules are stored in `priority` order; the state's default is the default
 * serve: `variants` become a weighted rollout over the variations of those keys (created with their
 * `value` where the flag has none, as an `ab` flag's are), `default_value` and `percentage_rollout` as
 * {@link stateServe} says.
 */
export function toConfigurationInput(body: Data): Data {
  const input: Data = {};
  if ('enabled' in body) input.enabled = body.enabled;
  if ('version' in body) input.expectedVersion = body.version;
  if ('rules' in body) {
    if (!Array.isArray(body.rules)) fail('rules', 'must be a list of rules');
    input.rules = [...(body.rules as unknown[])]
      .map((rule, index) => ({ rule: ruleOf(`rules.${index}`, rule), index }))
      .sort((a, b) => (a.rule.priority ?? a.index) - (b.rule.priority ?? b.index))
      .map(({ rule, index }) => ({
        id: rule.id ?? `rule-${index + 1}`,
        match: rule.match_type ?? 'all',
        description: rule.description,
        conditions: conditionsOf(`rules.${index}`, rule),
        serve: ruleServe(`rules.${index}.percentage`, rule.value, rule.percentage),
      }));
  }
  const variants = body.variants;
  if (Array.isArray(variants) && variants.length > 0) {
    input.defaultServe = {
      rollout: variants.map((variant: Data) => ({
        variation: variant?.key,
        value: variant?.value,
        weight: variant?.weight,
      })),
    };
  } else if ('default_value' in body || 'percentage_rollout' in body) {
    input.defaultServe = stateServe(body.default_value ?? true, body.percentage_rollout);
  }
  return input;
}

/**
 * A rule's serve read back as its `value` and `percentage` (the inverse of {@link ruleServe}). A rollout
 * over several slices (written through GraphQL, or a two-way split this dialect stored for a rule
 * percentage before issue 11) shows its first slice: FeatureSignals has no shape for it.
 */
function readRuleServe(serve: Data): { value: unknown; percentage: number } {
  const slice = serve.variation ? { value: serve.value, weight: ALL } : (serve.rollout as Data[])[0]!;
  return { value: slice.value, percentage: slice.weight };
}

/**
 * The default serve read back as `default_value` and `percentage_rollout` ({@link stateServe} inverted),
 * or null for a rollout that is FeatureSignals' `variants`.
 */
function readServe(serve: Data): { value: unknown; percentage: number } | null {
  if (serve.variation) return { value: serve.value, percentage: 0 };
  const [slice, ...rest] = serve.rollout as Data[];
  if (serve.remainder !== 'offVariation' || rest.length > 0) return null;
  return { value: slice!.value, percentage: slice!.weight };
}

/**
 * A Vexil `FlagConfiguration`, with the values its serves name, as a FeatureSignals flag state: what a
 * client PUT through {@link toConfigurationInput} it reads back unchanged. Other rollouts, including the
 * two-way splits this dialect stored for `percentage_rollout` before issue 11, read as `variants`, which
 * is how they evaluate.
 */
export function toFlagState(configuration: Data): Data {
  const flag = configuration.flag;
  const fallback = readServe(configuration.defaultServe);
  return {
    id: `${flag.id}:${configuration.environment.id}`,
    flag_key: flag.key,
    env_id: configuration.environment.id,
    enabled: configuration.enabled,
    default_value: fallback ? fallback.value : configuration.defaultServe.rollout[0].value,
    percentage_rollout: fallback ? fallback.percentage : 0,
    variants: fallback
      ? []
      : (configuration.defaultServe.rollout as Data[]).map((slice) => ({
          key: slice.variation,
          value: slice.value,
          weight: slice.weight,
        })),
    rules: (configuration.rules as Data[]).map((rule, index) => {
      const segment = (rule.conditions as Data[]).find((c) => c.operator === 'in_segment');
      const served = readRuleServe(rule.serve);
      return {
        id: rule.id,
        priority: index + 1,
        ...(rule.description ? { description: rule.description } : {}),
        match_type: rule.match,
        conditions: (rule.conditions as Data[])
          .filter((condition) => condition !== segment)
          .map(({ attribute, operator, values }) => ({ attribute, operator, values })),
        segment_keys: segment ? segment.values : [],
        percentage: served.percentage,
        value: served.value,
      };
    }),
    version: configuration.version,
    updated_at: configuration.updatedAt,
  };
}
