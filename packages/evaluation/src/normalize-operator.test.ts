import { normalizeOperator } from './normalize-operator.js';
import { OPERATOR_NAMES } from './operators/operator-registry.js';

describe('normalizeOperator', () => {
  test.each(OPERATOR_NAMES.map((name) => [name]))('maps canonical %s to itself', (name) => {
    expect(normalizeOperator(name)).toBe(name);
  });

  // routes.md §1.6 (FeatureSignals), §2.3 (FeatureFlags), §4.3 (Flagify), and §3.2 guesses for PhaseFlag.
  test.each([
    ['eq', 'equals'],
    ['neq', 'not_equals'],
    ['startsWith', 'starts_with'],
    ['endsWith', 'ends_with'],
    ['notIn', 'not_in'],
    ['regex', 'matches'],
    ['matches_regex', 'matches'],
    ['before_date', 'before'],
    ['after_date', 'after'],
    ['percentage_of', 'percentage_of'],
    ['is_one_of', 'in'],
    ['is_not_one_of', 'not_in'],
    ['greater_than', 'gt'],
    ['greater_than_or_equal', 'gte'],
    ['less_than', 'lt'],
    ['less_than_or_equal', 'lte'],
    ['semver_equal', 'semver_eq'],
    ['semVerGreaterThan', 'semver_gt'],
    ['semver_less_than_or_equal', 'semver_lte'],
    ['segmentMatch', 'in_segment'],
    ['NOT-CONTAINS', 'not_contains'],
    [' Equals ', 'equals'],
    ['>=', 'gte'],
    ['!=', 'not_equals'],
  ] as const)('maps dialect name %s to %s', (name, canonical) => {
    expect(normalizeOperator(name)).toBe(canonical);
  });

  test.each([['sounds_like'], [''], ['in segment please']])(
    'returns undefined for unknown name %j',
    (name) => {
      expect(normalizeOperator(name)).toBeUndefined();
    },
  );

  test.each([[undefined], [null], [42], [{}]])('returns undefined for non-string %j', (name) => {
    expect(normalizeOperator(name)).toBeUndefined();
  });
});
