/**
 * Why a string cannot be stored or passed on, or `undefined` when it can: PostgreSQL refuses NUL in
 * `text` and `jsonb`, and a lone surrogate has no UTF-8 encoding (PostgreSQL's JSON parser and every
 * UTF-8 client reject it).
 */
export function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain NUL (\\u0000) characters';
  // `isWellFormed` (ES2024, native): false exactly when a surrogate stands alone.
  if (!(text as string & { isWellFormed(): boolean }).isWellFormed())
    return 'must not contain unpaired surrogates (\\ud800–\\udfff alone is not Unicode text)';
  return undefined;
}
