import type { Operator } from './operator.js';
import { isPresent, someLooselyEqual } from './operands.js';

/** `equals`: the attribute loosely equals one of the values (see `looseEquals`). */
export const equals: Operator = (actual, values) => someLooselyEqual(actual, values);

/** `not_equals`: the attribute is present and equals none of the values. */
export const notEquals: Operator = (actual, values, env) => isPresent(actual) && !equals(actual, values, env);
