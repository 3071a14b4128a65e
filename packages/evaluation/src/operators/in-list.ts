import type { Operator } from './operator.js';
import { isPresent, someLooselyEqual } from './operands.js';

/**
 * `in`: the attribute loosely equals a member of the list. Like `equals` over many values; kept as its own
 * name because every dialect has both and reads them back unchanged.
 */
export const inList: Operator = (actual, values) => someLooselyEqual(actual, values);

/** `not_in`: the attribute is present and is no member of the list. */
export const notInList: Operator = (actual, values, env) => isPresent(actual) && !inList(actual, values, env);
