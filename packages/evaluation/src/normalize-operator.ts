import { type OperatorName } from './operators/operator-registry.js';

/**
 * Every dialect's spelling of each operator, written in the folded form of `fold` so that `startsWith`,
 * `starts_with` and `starts-with` are one entry. Sources: FeatureSignals (routes.md §1.6), FeatureFlags
 * (§2.3), Flagify (§4.3); PhaseFlag's names were never published (§3.2), so the LaunchDarkly-style names
 * its variation model suggests (`is_one_of`, `greater_than`, `semver_equal`, …) are accepted too.
 */
const ALIASES: Readonly<Record<OperatorName, readonly string[]>> = {
  equals: ['equals', 'eq', 'equal', 'is', '=', '==', '==='],
  not_equals: ['notequals', 'neq', 'ne', 'notequal', 'isnot', '!=', '!==', '<>'],
  in: ['in', 'isoneof', 'oneof', 'anyof', 'inlist'],
  not_in: ['notin', 'isnotoneof', 'notoneof', 'noneof', 'notinlist'],
  contains: ['contains', 'includes'],
  not_contains: ['notcontains', 'doesnotcontain', 'notincludes'],
  starts_with: ['startswith', 'beginswith'],
  ends_with: ['endswith'],
  matches: ['matches', 'regex', 'matchesregex', 'regexp', 'regexmatch', 'match'],
  gt: ['gt', 'greaterthan', '>'],
  gte: ['gte', 'ge', 'greaterthanorequal', 'greaterthanorequals', 'greaterthanorequalto', '>='],
  lt: ['lt', 'lessthan', '<'],
  lte: ['lte', 'le', 'lessthanorequal', 'lessthanorequals', 'lessthanorequalto', '<='],
  semver_eq: ['semvereq', 'semverequal', 'semverequals'],
  semver_gt: ['semvergt', 'semvergreaterthan'],
  semver_gte: ['semvergte', 'semvergreaterthanorequal', 'semvergreaterthanorequals'],
  semver_lt: ['semverlt', 'semverlessthan'],
  semver_lte: ['semverlte', 'semverlessthanorequal', 'semverlessthanorequals'],
  before: ['before', 'beforedate', 'datebefore'],
  after: ['after', 'afterdate', 'dateafter'],
  exists: ['exists', 'isset', 'present'],
  in_segment: ['insegment', 'segment', 'segmentmatch', 'matchessegment'],
  percentage_of: ['percentageof'],
};

const BY_ALIAS: ReadonlyMap<string, OperatorName> = new Map(
  Object.entries(ALIASES).flatMap(([name, aliases]) => aliases.map((alias) => [alias, name as OperatorName])),
);

function fold(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
}

/**
 * Maps any dialect's operator name (`eq`, `neq`, `startsWith`, `notIn`, `regex`, `matches_regex`,
 * `greater_than`, `is_one_of`, `semver_gt`, `before_date`, …) onto its canonical name. Case, underscores,
 * hyphens and spaces are ignored. Returns undefined for a name no dialect uses, which the engine treats as a
 * condition that never holds.
 */
export function normalizeOperator(name: unknown): OperatorName | undefined {
  return typeof name === 'string' ? BY_ALIAS.get(fold(name)) : undefined;
}
