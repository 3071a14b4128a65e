import {
  isUsablePattern,
  MAX_REGEX_PATTERN_LENGTH,
  normalizeOperator,
  type Condition,
} from '@vexil/evaluation';
import { checkCount, checkLength, DomainError, LIMITS } from '@vexil/platform';

/** What the conditions of one configuration (all its rules) or one segment add up to. */
export interface ConditionTally {
  conditions: number;
  values: number;
  patterns: number;
  segments: Set<string>;
}

export const emptyTally = (): ConditionTally => ({
  conditions: 0,
  values: 0,
  patterns: 0,
  segments: new Set(),
});

/**
 * Checks one list of conditions against the per-condition caps of `LIMITS` and adds it to `tally`. A
 * `matches` pattern must be one the engine runs (RE2 syntax, at most 256 characters): stored, anything
 * else would silently match no one.
 */
export function tallyConditions(
  field: string,
  conditions: readonly Condition[],
  tally: ConditionTally,
): void {
  checkCount(field, conditions.length, LIMITS.conditionsPerRule, 'conditions');
  tally.conditions += conditions.length;
  conditions.forEach((condition, at) => {
    const here = `${field}.${at}`;
    checkLength(`${here}.attribute`, condition.attribute, LIMITS.contextKeyLength);
    // The engine reads a nested list as its members (FeatureFlags' `in`), so members are what counts.
    const values = Array.isArray(condition.values) ? condition.values.flat(1) : [condition.values];
    checkCount(`${here}.values`, values.length, LIMITS.valuesPerCondition, 'values');
    const operator = normalizeOperator(condition.operator);
    values.forEach((value, index) => {
      const text = typeof value === 'string' ? value : JSON.stringify(value ?? null);
      checkLength(`${here}.values.${index}`, text, LIMITS.conditionValueLength);
      if (operator === 'matches' && (typeof value !== 'string' || !isUsablePattern(value))) {
        throw DomainError.validation({
          [`${here}.values.${index}`]: [
            `must be a regular expression in RE2 syntax of at most ${MAX_REGEX_PATTERN_LENGTH} characters (no backreferences or lookaround), optionally as /pattern/imsu`,
          ],
        });
      }
      if (operator === 'in_segment' && typeof value === 'string') tally.segments.add(value);
    });
    tally.values += values.length;
    if (operator === 'matches') tally.patterns += values.length;
  });
}

/** Checks the totals of a configuration or segment. */
export function checkTally(field: string, tally: ConditionTally): void {
  checkCount(field, tally.conditions, LIMITS.conditionsPerConfiguration, 'conditions');
  checkCount(field, tally.values, LIMITS.valuesPerConfiguration, 'condition values');
  checkCount(field, tally.patterns, LIMITS.patternsPerConfiguration, '`matches` patterns');
  checkCount(field, tally.segments.size, LIMITS.segmentsPerConfiguration, 'distinct segments');
}
