/**
 * The package's `matches_regex` takes a PCRE pattern with its delimiters and modifiers, as PHP's
 * `preg_match` does (`/^pro/i`, `#^/api#`; routes.md §2.3). Vexil's `matches` takes an RE2 pattern,
 * bare, or in the one delimited form the engine reads: `/pattern/` with modifiers from `imsu`. These
 * translate between the two, so that what a client writes reads back as it wrote it.
 */

// The engine's delimited form (packages/evaluation, operators/matches.ts).
const ENGINE_DELIMITED = /^\/(.*)\/([a-z]*)$/s;
const ENGINE_MODIFIERS = /^[imsu]*$/;
// PHP takes bracket pairs as delimiters, nested; any other non-alphanumeric, non-backslash,
// non-blank character closes where it opened.
const CLOSING: Record<string, string> = { '(': ')', '[': ']', '{': '}', '<': '>' };
const REGEX_SYNTAX = new Set('\\^$.|?*+()[]{}');

/** `/` escaped where it is not already, so the text can sit between slashes. */
const escapeSlashes = (source: string) =>
  source.replace(/\\.|\//gs, (match) => (match === '/' ? '\\/' : match));

/** A Vexil pattern as the package's PCRE pattern: the engine's delimited form as it is, a bare one between slashes. */
export function toPhpPattern(pattern: string): string {
  return ENGINE_DELIMITED.test(pattern) ? pattern : `/${escapeSlashes(pattern)}/`;
}

/**
 * A PCRE pattern with delimiters as Vexil's pattern: bare where it has no modifiers (the delimiter
 * unescaped where it means itself), else the engine's `/pattern/imsu`. Null when it has no delimiters
 * or modifiers the engine does not honour; the engine still judges the pattern itself.
 */
export function fromPhpPattern(php: string): string | null {
  const open = php[0];
  if (open === undefined || /[A-Za-z0-9\\\s]/.test(open)) return null;
  const close = CLOSING[open] ?? open;
  let depth = 0;
  let end = -1;
  for (let index = 1; index < php.length && end < 0; index++) {
    const char = php[index];
    if (char === '\\') index++;
    else if (char === close && depth === 0) end = index;
    else if (char === close) depth--;
    else if (char === open && close !== open) depth++;
  }
  if (end < 0) return null;
  const modifiers = php.slice(end + 1);
  if (!ENGINE_MODIFIERS.test(modifiers)) return null;
  const body = php.slice(1, end);
  // `\#` between `#` delimiters is `#`; `\|` between `|` stays, where it means a literal bar.
  const source =
    open in CLOSING || REGEX_SYNTAX.has(open)
      ? body
      : body.replace(/\\(.)/gs, (match, char: string) => (char === open ? char : match));
  return modifiers || ENGINE_DELIMITED.test(source) ? `/${escapeSlashes(source)}/${modifiers}` : source;
}
