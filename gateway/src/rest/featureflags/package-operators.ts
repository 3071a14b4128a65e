import { normalizeOperator, type OperatorName } from '@vexil/evaluation';

/** The operators of the package's `OperatorEvaluator` (routes.md §2.3), as its rules name them. */
export const PACKAGE_OPERATORS = [
  'equals',
  'not_equals',
  'contains',
  'not_contains',
  'starts_with',
  'ends_with',
  'matches_regex',
  'gt',
  'gte',
  'lt',
  'lte',
  'in',
  'not_in',
  'semver_gt',
  'semver_gte',
  'semver_lt',
  'semver_lte',
  'before_date',
  'after_date',
  'percentage_of',
] as const;

/** An operator the package knows. */
export type PackageOperator = (typeof PACKAGE_OPERATORS)[number];

/** Vexil's canonical operator of a package name: each package name is one of Vexil's aliases. */
export const vexilOperator = (name: PackageOperator): OperatorName => normalizeOperator(name)!;

// Only the names that differ (matches → matches_regex, before → before_date, after → after_date).
const RENAMED = new Map<string, PackageOperator>(
  PACKAGE_OPERATORS.filter((name) => vexilOperator(name) !== name).map((name) => [vexilOperator(name), name]),
);

/**
 * The package's name of a canonical Vexil operator. One the package lacks (`exists`) keeps Vexil's name,
 * which the package reads as a condition that never holds (an unknown operator gives false, §2.3).
 */
export const packageOperator = (canonical: string): string => RENAMED.get(canonical) ?? canonical;
