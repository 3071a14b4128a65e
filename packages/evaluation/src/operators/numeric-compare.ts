import type { Operator } from './operator.js';
import { someOperand, toNumber } from './operands.js';

/** Lifts a numeric comparison to an operator; a side that is not a number makes the comparison false. */
function numericOperator(test: (actual: number, expected: number) => boolean): Operator {
  return (actual, values) =>
    someOperand(actual, values, (a, b) => {
      const left = toNumber(a);
      const right = toNumber(b);
      return left !== undefined && right !== undefined && test(left, right);
    });
}

/** `gt`: the attribute is a number greater than one of the values. */
export const greaterThan = numericOperator((a, b) => a > b);
/** `gte`: the attribute is a number greater than or equal to one of the values. */
export const greaterThanOrEqual = numericOperator((a, b) => a >= b);
/** `lt`: the attribute is a number less than one of the values. */
export const lessThan = numericOperator((a, b) => a < b);
/** `lte`: the attribute is a number less than or equal to one of the values. */
export const lessThanOrEqual = numericOperator((a, b) => a <= b);
