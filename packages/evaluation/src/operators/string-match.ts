import type { Operator } from './operator.js';
import { isPresent, someOperand, toText } from './operands.js';

/** Lifts a string predicate to an operator; case-sensitive, as in every dialect we import. */
function textOperator(test: (actual: string, expected: string) => boolean): Operator {
  return (actual, values) =>
    someOperand(actual, values, (a, b) => {
      const text = toText(a);
      const expected = toText(b);
      return text !== undefined && expected !== undefined && test(text, expected);
    });
}

/** `contains`: the attribute's text contains one of the values. */
export const contains = textOperator((actual, expected) => actual.includes(expected));

/** `not_contains`: the attribute is present and its text contains none of the values. */
export const notContains: Operator = (actual, values, env) =>
  isPresent(actual) && !contains(actual, values, env);

/** `starts_with`: the attribute's text starts with one of the values. */
export const startsWith = textOperator((actual, expected) => actual.startsWith(expected));

/** `ends_with`: the attribute's text ends with one of the values. */
export const endsWith = textOperator((actual, expected) => actual.endsWith(expected));
