import type { Operator } from './operator.js';
import { someOperand } from './operands.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * The instant an operand denotes, in epoch milliseconds: a `Date`, a finite number (epoch milliseconds), an
 * ISO 8601 string, or the word `now`, which is `options.now`. A date-time without an offset is read as UTC,
 * because reading it in the server's zone would make the answer depend on where the engine runs.
 */
export function toInstant(value: unknown, now: Date): number | undefined {
  if (value instanceof Date) return finite(value.getTime());
  if (typeof value === 'number') return finite(value);
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text.toLowerCase() === 'now') return finite(now.getTime());
  if (!ISO_DATE.test(text)) return undefined;
  const zoned = text.includes('T') && !/(Z|[+-]\d{2}:?\d{2})$/i.test(text) ? `${text}Z` : text;
  return finite(Date.parse(zoned));
}

function finite(time: number): number | undefined {
  return Number.isFinite(time) ? time : undefined;
}

/** Lifts a comparison of instants to an operator; an operand that is not a date makes it false. */
function dateOperator(test: (actual: number, expected: number) => boolean): Operator {
  return (actual, values, env) =>
    someOperand(actual, values, (a, b) => {
      const left = toInstant(a, env.now);
      const right = toInstant(b, env.now);
      return left !== undefined && right !== undefined && test(left, right);
    });
}

/** `before`: the attribute is a date strictly before one of the values. */
export const before = dateOperator((a, b) => a < b);

/** `after`: the attribute is a date strictly after one of the values. */
export const after = dateOperator((a, b) => a > b);
