import type { Operator } from './operator.js';
import { someOperand, toText } from './operands.js';

/** Longest pattern we compile; longer patterns never match. */
export const MAX_PATTERN_LENGTH = 256;

/**
 * Longest input any pattern runs on; longer inputs never match. JavaScript has no regex timeout, so time is
 * bounded three ways: patterns that backtrack exponentially are refused (see `isSafePattern`), the input is
 * capped, and the cap shrinks with the pattern's polynomial degree (see `inputLimit`).
 */
export const MAX_INPUT_LENGTH = 1024;

/**
 * Roughly how many backtracking steps one test may take (about 10 ms on V8). A pattern of degree d runs on
 * inputs of up to `STEP_BUDGET ** (1 / d)` characters.
 */
const STEP_BUDGET = 1e7;

/** More optional atoms than this can backtrack 2^n ways (`a?a?a?…aaa`), so such patterns are refused. */
const MAX_OPTIONALS = 8;

const CACHE_LIMIT = 1000;

interface CompiledPattern {
  regex: RegExp;
  maxInput: number;
}

const compiled = new Map<string, CompiledPattern | null>();

/**
 * `matches`: the attribute's text matches one of the regular expressions. A value may be a bare pattern or
 * PCRE-style `/pattern/flags` with flags from `imsu` (FeatureFlags stores patterns with delimiters,
 * routes.md §2.3). Invalid, overlong or unsafe patterns match nothing, and neither do inputs longer than
 * the pattern's limit.
 */
export const matches: Operator = (actual, values) =>
  someOperand(actual, values, (a, b) => {
    const text = toText(a);
    if (text === undefined || typeof b !== 'string') return false;
    const pattern = compile(b);
    return pattern !== null && text.length <= pattern.maxInput && pattern.regex.test(text);
  });

function compile(pattern: string): CompiledPattern | null {
  const cached = compiled.get(pattern);
  if (cached !== undefined) return cached;
  const result = build(pattern);
  // The cache only saves recompilation; clearing it wholesale keeps memory bounded without an LRU.
  if (compiled.size >= CACHE_LIMIT) compiled.clear();
  compiled.set(pattern, result);
  return result;
}

function build(pattern: string): CompiledPattern | null {
  if (pattern.length > MAX_PATTERN_LENGTH) return null;
  let source = pattern;
  let flags = '';
  const delimited = /^\/(.*)\/([a-z]*)$/s.exec(pattern);
  if (delimited) {
    source = delimited[1]!;
    flags = delimited[2]!;
    if (!/^[imsu]*$/.test(flags) || new Set(flags).size !== flags.length) return null;
  }
  source = dropRedundantWildcards(source);
  if (!isSafePattern(source)) return null;
  try {
    return { regex: new RegExp(source, flags), maxInput: inputLimit(source) };
  } catch {
    return null;
  }
}

/**
 * A leading or trailing `.*` cannot change whether an unanchored pattern matches somewhere, but each one
 * multiplies backtracking by the input length, and `.*beta.*` is the most common pattern people write.
 */
function dropRedundantWildcards(source: string): string {
  let result = source.replace(/^\.\*\??(?![*+?{])/, '');
  const trailing = /\.\*\??$/.exec(result);
  if (trailing && !isEscaped(result, trailing.index)) result = result.slice(0, trailing.index);
  return result;
}

function isEscaped(source: string, at: number): boolean {
  let slashes = 0;
  for (let i = at - 1; i >= 0 && source[i] === '\\'; i--) slashes++;
  return slashes % 2 === 1;
}

/**
 * The longest input a pattern may run on. Its degree is the number of quantifiers that can repeat without
 * a small bound, plus one when the pattern is not anchored at the start (the engine retries at every
 * position); backtracking costs up to about n^degree steps.
 */
function inputLimit(source: string): number {
  let degree = source.startsWith('^') ? 0 : 1;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === '\\') {
      i++;
    } else if (char === '[') {
      i = Math.max(skipClass(source, i), i);
    } else if (char === '*' || char === '+') {
      degree++;
    } else if (char === '{') {
      const bounds = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
      const wide =
        bounds?.[2] !== undefined && (bounds[3] === '' || Number(bounds[3]) - Number(bounds[1]) > 16);
      if (wide) degree++;
    }
  }
  if (degree <= 1) return MAX_INPUT_LENGTH;
  return Math.min(MAX_INPUT_LENGTH, Math.floor(STEP_BUDGET ** (1 / degree)));
}

/**
 * Refuses the shapes behind exponential backtracking: a repeated group that itself contains a quantifier
 * (`(a+)+`) or an alternation (`(a|aa)*`), backreferences, and many optional atoms. Deliberately
 * conservative: a targeting rule rarely needs these, while a context attribute is untrusted input.
 */
export function isSafePattern(source: string): boolean {
  // Each open group records whether it holds a quantifier or an alternation.
  const groups: { quantified: boolean; alternates: boolean }[] = [{ quantified: false, alternates: false }];
  let optionals = 0;
  for (let i = 0; i < source.length; i++) {
    const char = source[i]!;
    const top = groups[groups.length - 1]!;
    if (char === '\\') {
      if (/[1-9k]/.test(source[i + 1] ?? '')) return false;
      i++;
    } else if (char === '[') {
      i = skipClass(source, i);
      if (i < 0) return false;
    } else if (char === '(') {
      groups.push({ quantified: false, alternates: false });
      i = skipGroupPrefix(source, i);
      if (i < 0) return false;
    } else if (char === ')') {
      const group = groups.pop();
      if (group === undefined || groups.length === 0) return false;
      const parent = groups[groups.length - 1]!;
      const repeated = isRepeatingQuantifier(source, i + 1);
      if (repeated && (group.quantified || group.alternates)) return false;
      parent.quantified ||= group.quantified || repeated;
      parent.alternates ||= group.alternates;
    } else if (char === '|') {
      top.alternates = true;
    } else if (isQuantifier(source, i)) {
      top.quantified = true;
      const lazy = char === '?' && /[*+?}]/.test(source[i - 1] ?? '');
      if (char === '?' && !lazy) optionals++;
    }
  }
  return groups.length === 1 && optionals <= MAX_OPTIONALS;
}

/**
 * Returns the index of the last character of a group's `?:`, `?=`, `?!`, `?<=`, `?<!` or `?<name>` prefix,
 * so that its `?` is not read as a quantifier; -1 for a prefix JavaScript would reject anyway.
 */
function skipGroupPrefix(source: string, open: number): number {
  if (source[open + 1] !== '?') return open;
  const kind = source[open + 2];
  if (kind === ':' || kind === '=' || kind === '!') return open + 2;
  if (kind !== '<') return -1;
  if (source[open + 3] === '=' || source[open + 3] === '!') return open + 3;
  return source.indexOf('>', open + 3);
}

function isQuantifier(source: string, at: number): boolean {
  const char = source[at];
  return (
    char === '*' || char === '+' || char === '?' || (char === '{' && /^\{\d+(,\d*)?\}/.test(source.slice(at)))
  );
}

/** A quantifier that can repeat its atom more than once: `*`, `+`, `{n,}`, `{n,m}` with m > 1. */
function isRepeatingQuantifier(source: string, at: number): boolean {
  const char = source[at];
  if (char === '*' || char === '+') return true;
  if (char !== '{') return false;
  const bounds = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(at));
  if (!bounds) return false;
  if (bounds[2] === undefined) return Number(bounds[1]) > 1;
  return bounds[3] === '' || Number(bounds[3]) > 1;
}

/** Returns the index of the `]` closing the class opened at `start`, or -1 when it is never closed. */
function skipClass(source: string, start: number): number {
  let i = start + 1;
  if (source[i] === '^') i++;
  if (source[i] === ']') i++;
  for (; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === ']') return i;
  }
  return -1;
}
