import {
  normalizeOperator,
  type BucketingScheme,
  type FlagConfig,
  type RolloutRemainder,
  type Serve,
} from '@vexil/evaluation';
import { checkCount, checkLength, DomainError, LIMITS } from '@vexil/platform';
import type { Flag } from '../flags/flag.entity.js';
import { checkTally, emptyTally, tallyConditions } from './condition-limits.js';
import type { ConfigSnapshot } from './config-snapshot.js';

const SCHEMES: readonly BucketingScheme[] = ['vexil', 'featuresignals', 'featureflags', 'flagify'];
const REMAINDERS: readonly RolloutRemainder[] = ['lastSlice', 'offVariation'];

/** What a configuration is checked against: the project's flags, segments and the environment's graph. */
export interface ValidationScope {
  flagsByKey: Map<string, Flag>;
  segmentKeys: Set<string>;
  /** Prerequisites of the other flags in this environment, by flag key, to find cycles. */
  prerequisitesOf: Map<string, string[]>;
}

/**
 * Refuses a configuration the engine would have to guess at: unknown variations, operators or
 * segments, rollouts over 100 % (`RULE_ROLLOUT_EXCEEDS_100`), prerequisite cycles, and anything over
 * the caps of `LIMITS`. The engine itself stays lenient (it never throws); writes are strict so that
 * what is stored is what was meant.
 */
export function validateConfig(flag: Flag, config: ConfigSnapshot, scope: ValidationScope): void {
  checkLimits(config);
  const variations = new Set(flag.variations.map((v) => v.key));
  const fail = (field: string, message: string) => {
    throw DomainError.validation({ [field]: [message] });
  };
  const checkVariation = (field: string, key: unknown) => {
    if (typeof key !== 'string' || !variations.has(key))
      fail(field, `is not a variation of flag "${flag.key}"`);
  };
  const checkServe = (field: string, serve: Serve, remainders: readonly RolloutRemainder[]) => {
    if ('variation' in serve) return checkVariation(`${field}.variation`, serve.variation);
    if (serve.rollout.length === 0) fail(`${field}.rollout`, 'needs at least one slice');
    if (serve.remainder !== undefined && !remainders.includes(serve.remainder))
      fail(
        `${field}.remainder`,
        remainders.length === 0
          ? 'is for the default serve only; past a rule rollout’s slices the next rule decides'
          : `must be one of ${remainders.join(', ')}`,
      );
    let total = 0;
    serve.rollout.forEach((slice, index) => {
      checkVariation(`${field}.rollout.${index}.variation`, slice.variation);
      if (!Number.isInteger(slice.weight) || slice.weight < 0)
        fail(`${field}.rollout.${index}.weight`, 'must be a whole number of basis points ≥ 0');
      total += slice.weight;
    });
    if (total > 10_000) {
      throw new DomainError(
        'RULE_ROLLOUT_EXCEEDS_100',
        `${field}: rollout weights add up to ${total / 100}%, more than 100%`,
      );
    }
  };

  checkVariation('offVariation', config.offVariation);
  config.targets.forEach((target, index) => {
    checkVariation(`targets.${index}.variation`, target.variation);
    if (target.values.some((value) => typeof value !== 'string' || value === ''))
      fail(`targets.${index}.values`, 'must be context keys');
  });
  const ruleIds = new Set<string>();
  config.rules.forEach((rule, index) => {
    const field = `rules.${index}`;
    if (!rule.id || ruleIds.has(rule.id)) fail(`${field}.id`, 'must be present and unique');
    ruleIds.add(rule.id);
    if (rule.match !== 'all' && rule.match !== 'any') fail(`${field}.match`, 'must be `all` or `any`');
    rule.conditions.forEach((condition, at) => {
      const operator = normalizeOperator(condition.operator);
      if (!operator)
        fail(`${field}.conditions.${at}.operator`, `"${condition.operator}" is not a known operator`);
      if (!condition.attribute && operator !== 'in_segment')
        fail(`${field}.conditions.${at}.attribute`, 'is required');
      if (operator === 'in_segment') {
        const unknown = condition.values.find(
          (key) => typeof key !== 'string' || !scope.segmentKeys.has(key),
        );
        if (unknown !== undefined)
          fail(`${field}.conditions.${at}.values`, `segment "${String(unknown)}" does not exist`);
      }
    });
    checkServe(`${field}.serve`, rule.serve, []);
  });
  checkServe('defaultServe', config.defaultServe, REMAINDERS);
  checkBucketing('bucketing', config.bucketing);

  config.prerequisites.forEach((prerequisite, index) => {
    const other = scope.flagsByKey.get(prerequisite.flagKey);
    if (!other || other.id === flag.id)
      fail(`prerequisites.${index}.flagKey`, 'must be another flag of the project');
    if (!other!.variations.some((v) => v.key === prerequisite.variation)) {
      fail(`prerequisites.${index}.variation`, `is not a variation of flag "${prerequisite.flagKey}"`);
    }
  });
  const graph = new Map(scope.prerequisitesOf);
  graph.set(
    flag.key,
    config.prerequisites.map((p) => p.flagKey),
  );
  const cycle = findCycle(graph, flag.key);
  if (cycle) fail('prerequisites', `would form a cycle: ${cycle.join(' → ')}`);
}

/** The caps of `LIMITS`, checked before anything walks the configuration's lists. */
function checkLimits(config: ConfigSnapshot): void {
  checkCount('targets', config.targets.length, LIMITS.targetsPerConfiguration, 'targets');
  let targetKeys = 0;
  config.targets.forEach((target, index) => {
    targetKeys += target.values.length;
    checkCount('targets', targetKeys, LIMITS.targetKeys, 'context keys');
    target.values.forEach((value, at) => {
      if (typeof value === 'string')
        checkLength(`targets.${index}.values.${at}`, value, LIMITS.contextKeyLength);
    });
  });
  checkCount('rules', config.rules.length, LIMITS.rulesPerConfiguration, 'rules');
  const tally = emptyTally();
  config.rules.forEach((rule, index) => {
    checkLength(`rules.${index}.id`, rule.id, LIMITS.contextKeyLength);
    checkLength(`rules.${index}.description`, rule.description, LIMITS.descriptionLength);
    tallyConditions(`rules.${index}.conditions`, rule.conditions, tally);
    checkServeLimits(`rules.${index}.serve`, rule.serve);
  });
  checkTally('rules', tally);
  checkServeLimits('defaultServe', config.defaultServe);
  checkCount('prerequisites', config.prerequisites.length, LIMITS.prerequisites, 'prerequisites');
}

/** Refuses a bucketing of no known scheme, or whose attribute or seed is over the caps of `LIMITS`. */
export function checkBucketing(field: string, bucketing: FlagConfig['bucketing']): void {
  checkLength(`${field}.attribute`, bucketing.attribute, LIMITS.contextKeyLength);
  checkLength(`${field}.seed`, bucketing.seed, LIMITS.contextKeyLength);
  if (!SCHEMES.includes(bucketing.scheme))
    throw DomainError.validation({ [`${field}.scheme`]: [`must be one of ${SCHEMES.join(', ')}`] });
}

function checkServeLimits(field: string, serve: Serve): void {
  if ('variation' in serve) return;
  checkCount(`${field}.rollout`, serve.rollout.length, LIMITS.variationsPerFlag, 'slices');
  checkLength(`${field}.bucketBy`, serve.bucketBy, LIMITS.contextKeyLength);
}

function findCycle(graph: Map<string, string[]>, start: string): string[] | null {
  const visit = (key: string, path: string[]): string[] | null => {
    for (const next of graph.get(key) ?? []) {
      if (next === start) return [...path, next];
      if (path.includes(next)) continue;
      const found = visit(next, [...path, next]);
      if (found) return found;
    }
    return null;
  };
  return visit(start, [start]);
}
