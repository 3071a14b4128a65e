import { RE2JS } from 're2js';
import type { Operator } from './operator.js';
import { someOperand, toText } from './operands.js';

/** Longest pattern we compile; longer patterns never match. Compiling costs time and memory per character. */
export const MAX_PATTERN_LENGTH = 256;

/**
 * Longest input any pattern runs on; longer inputs never match. RE2 runs in time linear in the input (and
 * the pattern), so this cap, with the pattern's, bounds the time of one test.
 */
export const MAX_INPUT_LENGTH = 1024;

/** Compiled patterns kept; a ruleset at the write caps holds fewer distinct patterns than this. */
const CACHE_LIMIT = 1000;

/** PCRE-style flags we honour, as RE2 flags; `u` is accepted and changes nothing, RE2 reads Unicode. */
const FLAGS: Record<string, number> = {
  i: RE2JS.CASE_INSENSITIVE,
  m: RE2JS.MULTILINE,
  s: RE2JS.DOTALL,
  u: 0,
};

const compiled = new Map<string, RE2JS | null>();

/**
 * `matches`: the attribute's text matches one of the regular expressions. A value may be a bare pattern or
 * PCRE-style `/pattern/flags` with flags from `imsu` (FeatureFlags stores patterns with delimiters,
 * routes.md §2.3). Patterns run on RE2 (re2js), whose time is linear in the input: a context attribute is
 * untrusted input, and a backtracking engine lets one ruleset stall the event loop for everyone (issue 10).
 * RE2 has no backreferences or lookaround; such patterns, like invalid or overlong ones, match nothing,
 * and so do inputs longer than `MAX_INPUT_LENGTH`.
 */
export const matches: Operator = (actual, values) =>
  someOperand(actual, values, (a, b) => {
    const text = toText(a);
    if (text === undefined || text.length > MAX_INPUT_LENGTH || typeof b !== 'string') return false;
    const pattern = compile(b);
    return pattern !== null && pattern.test(text);
  });

/** Whether the engine can run a pattern: within the length cap, valid, and RE2-compatible. */
export function isUsablePattern(pattern: string): boolean {
  return compile(pattern) !== null;
}

function compile(pattern: string): RE2JS | null {
  const cached = compiled.get(pattern);
  if (cached !== undefined) return cached;
  const result = build(pattern);
  // The cache only saves recompilation; clearing it wholesale keeps memory bounded without an LRU.
  if (compiled.size >= CACHE_LIMIT) compiled.clear();
  compiled.set(pattern, result);
  return result;
}

function build(pattern: string): RE2JS | null {
  if (pattern.length > MAX_PATTERN_LENGTH) return null;
  let source = pattern;
  let flags = 0;
  const delimited = /^\/(.*)\/([a-z]*)$/s.exec(pattern);
  if (delimited) {
    source = delimited[1]!;
    const letters = delimited[2]!;
    if (new Set(letters).size !== letters.length) return null;
    for (const letter of letters) {
      const flag = FLAGS[letter];
      if (flag === undefined) return null;
      flags |= flag;
    }
  }
  try {
    return RE2JS.compile(source, flags);
  } catch {
    return null;
  }
}
