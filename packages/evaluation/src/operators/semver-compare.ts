import { compareSemver, parseSemver } from '../semver.js';
import type { Operator } from './operator.js';
import { someOperand, toText } from './operands.js';

/** Lifts a test on the semver order to an operator; an operand that is not a version makes it false. */
function semverOperator(test: (order: number) => boolean): Operator {
  return (actual, values) =>
    someOperand(actual, values, (a, b) => {
      const textA = toText(a);
      const textB = toText(b);
      if (textA === undefined || textB === undefined) return false;
      const left = parseSemver(textA);
      const right = parseSemver(textB);
      return left !== undefined && right !== undefined && test(compareSemver(left, right));
    });
}

/** `semver_eq`: the attribute is a version equal to one of the values (build metadata ignored). */
export const semverEqual = semverOperator((order) => order === 0);
/** `semver_gt`: the attribute is a version after one of the values. */
export const semverGreaterThan = semverOperator((order) => order > 0);
/** `semver_gte`: the attribute is a version at or after one of the values. */
export const semverGreaterThanOrEqual = semverOperator((order) => order >= 0);
/** `semver_lt`: the attribute is a version before one of the values. */
export const semverLessThan = semverOperator((order) => order < 0);
/** `semver_lte`: the attribute is a version at or before one of the values. */
export const semverLessThanOrEqual = semverOperator((order) => order <= 0);
