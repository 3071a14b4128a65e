import { after, before } from './date-compare.js';
import { equals, notEquals } from './equals.js';
import { exists } from './exists.js';
import { inList, notInList } from './in-list.js';
import { inSegment } from './in-segment.js';
import { matches } from './matches.js';
import { greaterThan, greaterThanOrEqual, lessThan, lessThanOrEqual } from './numeric-compare.js';
import type { Operator } from './operator.js';
import { percentageOf } from './percentage-of.js';
import {
  semverEqual,
  semverGreaterThan,
  semverGreaterThanOrEqual,
  semverLessThan,
  semverLessThanOrEqual,
} from './semver-compare.js';
import { contains, endsWith, notContains, startsWith } from './string-match.js';

/**
 * The canonical operator names the engine understands (DESIGN.md), plus `percentage_of`, which only
 * FeatureFlags has but which its rules need to read back unchanged.
 */
export const OPERATOR_NAMES = [
  'equals',
  'not_equals',
  'in',
  'not_in',
  'contains',
  'not_contains',
  'starts_with',
  'ends_with',
  'matches',
  'gt',
  'gte',
  'lt',
  'lte',
  'semver_eq',
  'semver_gt',
  'semver_gte',
  'semver_lt',
  'semver_lte',
  'before',
  'after',
  'exists',
  'in_segment',
  'percentage_of',
] as const;

/** A canonical operator name. */
export type OperatorName = (typeof OPERATOR_NAMES)[number];

/** Each canonical operator's implementation; one file per operator family under `operators/`. */
export const operatorRegistry: Readonly<Record<OperatorName, Operator>> = {
  equals,
  not_equals: notEquals,
  in: inList,
  not_in: notInList,
  contains,
  not_contains: notContains,
  starts_with: startsWith,
  ends_with: endsWith,
  matches,
  gt: greaterThan,
  gte: greaterThanOrEqual,
  lt: lessThan,
  lte: lessThanOrEqual,
  semver_eq: semverEqual,
  semver_gt: semverGreaterThan,
  semver_gte: semverGreaterThanOrEqual,
  semver_lt: semverLessThan,
  semver_lte: semverLessThanOrEqual,
  before,
  after,
  exists,
  in_segment: inSegment,
  percentage_of: percentageOf,
};
