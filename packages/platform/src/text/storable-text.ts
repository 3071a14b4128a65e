// With the `u` flag a surrogate pair reads as one (astral) code point, so only a lone half matches.
const LONE_SURROGATE = /\p{Surrogate}/u;

/**
 * Why a string cannot be stored or passed on, or `undefined` when it can: PostgreSQL refuses NUL in
 * `text` and `jsonb`, and a lone surrogate has no UTF-8 encoding (PostgreSQL's JSON parser and every
 * UTF-8 client reject it).
 */
export function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain NUL (\\u0000) characters';
  if (LONE_SURROGATE.test(text))
    return 'must not contain unpaired surrogates (\\ud800–\\udfff alone is not Unicode text)';
  return undefined;
}
