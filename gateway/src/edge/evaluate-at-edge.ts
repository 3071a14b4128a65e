import { evaluate, type EvaluationContext, type EvaluationResult } from '@vexil/evaluation';
import { checkEvaluationContext, DomainError, type Principal } from '@vexil/platform';
import type { CachedRuleset, RulesetCache } from './ruleset-cache.js';

/** What an SDK asks: which flags (all when null) for which context. */
export interface EdgeQuestion {
  flagKeys: string[] | null;
  context: EvaluationContext;
}

/** The answers, with the environment (and its ruleset) they came from. */
export interface EdgeAnswer {
  environment: CachedRuleset;
  results: EvaluationResult[];
}

/**
 * Evaluates for an API key's environment from the gateway's in-memory ruleset: no database or subgraph
 * call once the ruleset is loaded. Same engine and same snapshot as GraphQL `evaluate`.
 */
export async function evaluateAtEdge(
  cache: RulesetCache,
  principal: Principal,
  question: EdgeQuestion,
  now = new Date(),
): Promise<EdgeAnswer> {
  if (principal.kind !== 'apiKey') throw new DomainError('UNAUTHENTICATED', 'an API key is required');
  checkEvaluationContext(question.context);
  const cached = await cache.get(principal.environmentId);
  if (!cached) throw new DomainError('ENVIRONMENT_NOT_FOUND');
  const { ruleset } = cached;
  const keys = question.flagKeys ?? Object.keys(ruleset.flags);
  return {
    environment: cached,
    results: keys.map((key) => evaluate(ruleset, key, question.context, { now })),
  };
}
