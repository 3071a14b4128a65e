import { evaluate } from './evaluate.js';
import type { FlagConfig, Ruleset } from './types.js';

// Issue 10's finding: 6 rules each holding 500 copies of `a*a*a*c`, evaluated for a 56-character
// attribute, took 2.8 s per request on V8's backtracking engine. Its speed now shows in the evaluation
// benchmark (test/bench/evaluation.ts); here, that the answers stay right.
const attack: FlagConfig = {
  key: 'stall',
  type: 'boolean',
  variations: [
    { key: 'on', value: true },
    { key: 'off', value: false },
  ],
  enabled: true,
  offVariation: 'off',
  targets: [],
  rules: Array.from({ length: 6 }, (_, index) => ({
    id: `r${index + 1}`,
    match: 'all' as const,
    conditions: [{ attribute: 'attr', operator: 'matches', values: Array<string>(500).fill('a*a*a*c') }],
    serve: { variation: 'on' },
  })),
  defaultServe: { variation: 'off' },
  prerequisites: [],
  bucketing: { scheme: 'vexil' },
};
const ruleset: Ruleset = { flags: { stall: attack }, segments: {} };
const options = { now: new Date('2026-01-01T00:00:00Z') };

test('six rules of 500 a*a*a*c patterns serve the default to 56 a’s', () => {
  expect(evaluate(ruleset, 'stall', { key: 'u', attr: 'a'.repeat(56) }, options)).toEqual({
    flagKey: 'stall',
    value: false,
    variation: 'off',
    reason: 'DEFAULT',
  });
});

test('six rules of 500 a*a*a*c patterns: the first rule holds once the attribute ends in c', () => {
  expect(evaluate(ruleset, 'stall', { key: 'u', attr: `${'a'.repeat(55)}c` }, options)).toEqual({
    flagKey: 'stall',
    value: true,
    variation: 'on',
    reason: 'TARGETING_MATCH',
    ruleId: 'r1',
  });
});
