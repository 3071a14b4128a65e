import { DomainError } from '../errors/domain-error.js';
import { textProblem } from '../text/storable-text.js';

/**
 * How deeply JSON input (a request body, GraphQL variables) may nest. Real bodies nest a handful of
 * levels; thousands overflow the stack of whatever walks them recursively later (JSON.stringify, the
 * gateway's planner, casing), which is a 500 instead of a 400.
 */
export const MAX_JSON_DEPTH = 64;

/** The first problem under `value`: the keys leading to it (innermost first) and what is wrong. */
type Problem = { path: string[]; problem: string };

// Recursive, but never deeper than `maxDepth` frames: it stops where the nesting limit is passed. Runs
// on every body and every JSON argument (telemetry batches of thousands of events), so it allocates
// nothing for input that passes.
function problemIn(value: unknown, depth: number, maxDepth: number): Problem | undefined {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem ? { path: [], problem } : undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  if (depth >= maxDepth)
    return { path: [], problem: `nests too deeply: at most ${maxDepth} levels of objects and lists` };
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = problemIn(value[index], depth + 1, maxDepth);
      if (found) return (found.path.push(String(index)), found);
    }
    return undefined;
  }
  for (const key in value) {
    const keyProblem = textProblem(key);
    if (keyProblem) return { path: [key], problem: `(a key) ${keyProblem}` };
    const found = problemIn((value as Record<string, unknown>)[key], depth + 1, maxDepth);
    if (found) return (found.path.push(key), found);
  }
  return undefined;
}

/**
 * Refuses JSON input the rest of the system cannot take: nesting deeper than {@link MAX_JSON_DEPTH}, or
 * a string or key that is not storable text (NUL, lone surrogates). Throws `VALIDATION_FAILED` naming
 * the first field at fault (`rules.0.value`).
 */
export function checkJsonInput(root: unknown, maxDepth = MAX_JSON_DEPTH): void {
  const found = problemIn(root, 0, maxDepth);
  if (found) throw DomainError.validation({ [found.path.reverse().join('.') || 'body']: [found.problem] });
}
