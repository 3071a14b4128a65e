import { listSome } from '../list-index.js';

/** Whether an attribute counts as present; null is absent, as a JSON client cannot tell the two apart. */
export function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/**
 * Whether any element of `actual` (or `actual` itself, when it is not an array) satisfies `test` against
 * any of `values`. Absent attributes satisfy nothing: Flagify documents that rules do not match an empty
 * context (routes.md §4.3), and a negated operator must not quietly include everyone we know nothing about.
 */
export function someOperand(
  actual: unknown,
  values: readonly unknown[],
  test: (actual: unknown, expected: unknown) => boolean,
): boolean {
  if (!isPresent(actual)) return false;
  const candidates = Array.isArray(actual) ? actual : [actual];
  return candidates.some(
    (candidate) => isPresent(candidate) && values.some((value) => test(candidate, value)),
  );
}

/**
 * {@link someOperand} with {@link looseEquals}: `equals` and `in`. Two strings are loosely equal only when
 * identical, so a string attribute is looked up in the list instead of compared with each member.
 */
export function someLooselyEqual(actual: unknown, values: readonly unknown[]): boolean {
  if (!isPresent(actual)) return false;
  const candidates = Array.isArray(actual) ? actual : [actual];
  return candidates.some((candidate) => isPresent(candidate) && listSome(values, candidate, looseEquals));
}

const NUMERIC = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * The number an operand denotes: finite numbers, and strings written as decimal numbers (FeatureSignals
 * parses both sides as float64, routes.md §1.6). Booleans, empty strings and hex are not numbers.
 */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (!NUMERIC.test(trimmed)) return undefined;
  const parsed = Number(trimmed);
  return Number.isFinite(parsed) ? parsed : undefined;
}

/**
 * The text of a scalar operand. FeatureSignals stringifies attributes before string operators
 * (routes.md §1.6), so numbers and booleans take part; objects do not.
 */
export function toText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === 'boolean') return String(value);
  return undefined;
}

/**
 * Equality across the loose types that dialects send: numbers equal numeric strings (`42` = `"42.0"`) and
 * booleans equal their names (`true` = `"true"`), as PHP `==` and FeatureSignals' stringification both do.
 * Objects and arrays are only equal to themselves.
 */
export function looseEquals(actual: unknown, expected: unknown): boolean {
  if (actual === expected) return true;
  if (typeof actual === 'number' || typeof expected === 'number') {
    const a = toNumber(actual);
    return a !== undefined && a === toNumber(expected);
  }
  if (typeof actual === 'boolean' && typeof expected === 'string')
    return String(actual) === expected.toLowerCase();
  if (typeof expected === 'boolean' && typeof actual === 'string')
    return String(expected) === actual.toLowerCase();
  return false;
}
