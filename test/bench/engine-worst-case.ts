// The pure engine on the worst flag the write caps allow (issue 10), against a one-rule flag measured in
// the same run. In-process, no I/O: what one evaluation costs the event loop that serves everyone.
import { evaluate, type Condition, type FlagConfig, type Ruleset, type Segment } from '@vexil/evaluation';
import { LIMITS } from '@vexil/platform';
import { printTable } from './print-table.js';

const LONG = 'a'.repeat(1023);
/** Patterns that cost a backtracking engine exponential or high-polynomial time, and RE2 the most. */
const PATTERNS = ['a*a*a*c', '(\\w+\\s?)*[^a]{30}', '(?i)(\\w*\\W*){20}x', '(a?){60}a{60}z', '(a+)+$b'];
/** Substring needles that make a naive search quadratic. */
const NEEDLE = `${'a'.repeat(LIMITS.conditionValueLength - 2)}b`;

const pattern = (i: number) => PATTERNS[i % PATTERNS.length]!;
const keys = (count: number, salt: string) => Array.from({ length: count }, (_, i) => `${salt}-${i}`);

/**
 * Conditions that all fail for the context, filling a budget of values: `matches` first, then `contains`
 * with quadratic needles, then long `in` lists; `any` makes the engine try each one.
 */
function failingConditions(
  budget: { conditions: number; values: number; patterns: number },
  count: number,
): Condition[] {
  const granted = Math.min(count, budget.conditions);
  budget.conditions -= granted;
  return Array.from({ length: granted }, (_, i) => {
    const attribute = `attr${i % 4}`;
    if (budget.patterns > 0) {
      budget.patterns--;
      budget.values--;
      return { attribute, operator: 'matches', values: [pattern(budget.patterns)] };
    }
    if (i % 2 === 0) {
      const take = Math.min(10, budget.values);
      budget.values -= take;
      return { attribute, operator: 'contains', values: Array(take).fill(NEEDLE) };
    }
    const take = Math.min(LIMITS.valuesPerCondition, budget.values);
    budget.values -= take;
    return { attribute, operator: 'in', values: keys(take, `v${i}`) };
  });
}

function worstSegment(index: number): Segment {
  const budget = {
    conditions: LIMITS.conditionsPerConfiguration,
    values: LIMITS.valuesPerConfiguration,
    patterns: LIMITS.patternsPerConfiguration,
  };
  return {
    key: `segment-${index}`,
    match: 'any',
    conditions: failingConditions(budget, LIMITS.conditionsPerRule),
    included: keys(LIMITS.targetKeys / 2, `in${index}`),
    excluded: keys(LIMITS.targetKeys / 2, `out${index}`),
  };
}

function worstFlag(): FlagConfig {
  const segments = Array.from({ length: LIMITS.segmentsPerConfiguration }, (_, i) => `segment-${i}`);
  const budget = {
    conditions: LIMITS.conditionsPerConfiguration - 1,
    values: LIMITS.valuesPerConfiguration - segments.length,
    patterns: LIMITS.patternsPerConfiguration,
  };
  // Every rule needs a condition (an empty rule matches everyone), so the conditions are spread evenly.
  const { rulesPerConfiguration: ruleCount, conditionsPerConfiguration: conditions } = LIMITS;
  const share = (i: number) => Math.floor(conditions / ruleCount) + (i < conditions % ruleCount ? 1 : 0);
  const rules = Array.from({ length: LIMITS.rulesPerConfiguration }, (_, i) => ({
    id: `r${i}`,
    match: 'any' as const,
    conditions: [
      ...(i === 0 ? [{ attribute: '', operator: 'in_segment', values: segments }] : []),
      ...failingConditions(budget, share(i) - (i === 0 ? 1 : 0)),
    ],
    serve: { variation: 'on' },
  }));
  const perTarget = LIMITS.targetKeys / LIMITS.targetsPerConfiguration;
  return {
    key: 'worst',
    type: 'boolean',
    variations: [
      { key: 'on', value: true },
      { key: 'off', value: false },
    ],
    enabled: true,
    offVariation: 'off',
    targets: Array.from({ length: LIMITS.targetsPerConfiguration }, (_, i) => ({
      variation: 'on',
      values: keys(perTarget, `t${i}`),
    })),
    rules,
    defaultServe: { variation: 'off' },
    prerequisites: [],
    bucketing: { scheme: 'vexil' },
  };
}

const oneRule: FlagConfig = {
  ...worstFlag(),
  key: 'one-rule',
  targets: [],
  rules: [
    {
      id: 'plan',
      match: 'all',
      conditions: [{ attribute: 'plan', operator: 'equals', values: ['pro'] }],
      serve: { variation: 'on' },
    },
  ],
};

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

/** Latencies of `runs` evaluations of one flag, in microseconds, sorted. */
function measure(
  ruleset: Ruleset,
  flagKey: string,
  context: Record<string, unknown>,
  runs: number,
): number[] {
  const options = { now: new Date('2026-01-01T00:00:00Z') };
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    evaluate(ruleset, flagKey, context as never, options);
    samples.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  return samples.sort((a, b) => a - b);
}

/** Runs the comparison and prints a table; returns nothing the caller needs. */
export function benchWorstCaseEngine(rounds: number): void {
  const segments = Object.fromEntries(
    Array.from({ length: LIMITS.segmentsPerConfiguration }, (_, i) => [`segment-${i}`, worstSegment(i)]),
  );
  const ruleset: Ruleset = { flags: { worst: worstFlag(), 'one-rule': oneRule }, segments };
  const context = { key: 'user-123', plan: 'pro', attr0: LONG, attr1: LONG, attr2: LONG, attr3: LONG };
  const check = evaluate(ruleset, 'worst', context as never, { now: new Date('2026-01-01T00:00:00Z') });
  if (check.reason !== 'DEFAULT')
    throw new Error(`worst case did not reach its default: ${JSON.stringify(check)}`);
  measure(ruleset, 'worst', context, 200);
  measure(ruleset, 'one-rule', context, 2000);
  const base: number[][] = [];
  const worst: number[][] = [];
  // Alternating rounds, as the HTTP benchmark does: this machine's speed drifts within a run.
  for (let round = 0; round < rounds; round++) {
    base.push(measure(ruleset, 'one-rule', context, 5000));
    worst.push(measure(ruleset, 'worst', context, 300));
  }
  const merged = (runs: number[][]) => runs.flat().sort((a, b) => a - b);
  const [b, w] = [merged(base), merged(worst)];
  printTable(
    ['in-process evaluation (pure engine)', 'p50 µs', 'p99 µs', 'p50 vs one-rule'],
    [
      ['one-rule flag (baseline)', percentile(b, 0.5).toFixed(1), percentile(b, 0.99).toFixed(1), '1'],
      [
        `worst flag at the caps (${LIMITS.rulesPerConfiguration} rules, ${LIMITS.conditionsPerConfiguration} ` +
          `conditions, ${LIMITS.valuesPerConfiguration} values, ` +
          `${LIMITS.patternsPerConfiguration} patterns, ${LIMITS.segmentsPerConfiguration} full segments, ` +
          `${LIMITS.targetKeys} target keys; 1023-char attributes)`,
        percentile(w, 0.5).toFixed(1),
        percentile(w, 0.99).toFixed(1),
        (percentile(w, 0.5) / percentile(b, 0.5)).toFixed(0),
      ],
    ],
  );
}
