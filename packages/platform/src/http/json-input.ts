import { DomainError } from '../errors/domain-error.js';
import { textProblem } from '../text/storable-text.js';

/**
 * How deeply JSON input (a request body, GraphQL variables) may nest. Real bodies nest a handful of
 * levels; thousands overflow the stack of whatever walks them recursively later (JSON.stringify, the
 * gateway's planner, casing), which is a 500 instead of a 400.
 */
export const MAX_JSON_DEPTH = 64;

interface Pending {
  value: unknown;
  depth: number;
  parent: Pending | undefined;
  key: string;
}

const pathOf = (entry: Pending): string => {
  const keys: string[] = [];
  for (let at: Pending | undefined = entry; at?.parent; at = at.parent) keys.unshift(at.key);
  return keys.join('.') || 'body';
};

/**
 * Refuses JSON input the rest of the system cannot take: nesting deeper than {@link MAX_JSON_DEPTH}, or
 * a string or key that is not storable text (NUL, lone surrogates). Iterative, so it never overflows
 * itself. Throws `VALIDATION_FAILED` naming the first field at fault (`rules.0.value`).
 */
export function checkJsonInput(root: unknown, maxDepth = MAX_JSON_DEPTH): void {
  const stack: Pending[] = [{ value: root, depth: 0, parent: undefined, key: '' }];
  const fail = (entry: Pending, problem: string): never => {
    throw DomainError.validation({ [pathOf(entry)]: [problem] });
  };
  while (stack.length > 0) {
    const entry = stack.pop()!;
    const { value, depth } = entry;
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) fail(entry, problem);
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= maxDepth) fail(entry, `nests too deeply: at most ${maxDepth} levels of objects and lists`);
    for (const [key, inner] of Object.entries(value)) {
      const child: Pending = { value: inner, depth: depth + 1, parent: entry, key };
      const problem = textProblem(key);
      if (problem) fail(child, `(a key) ${problem}`);
      stack.push(child);
    }
  }
}
