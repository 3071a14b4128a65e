/**
 * Lists at most this long are searched as they are: a scan of a few items is cheaper than the lookup
 * of their index.
 */
const INDEX_FROM = 16;

interface ListIndex {
  strings: Set<string>;
  /** Members that are not strings, kept for comparisons other than string identity. */
  others: unknown[];
}

// Rulesets are snapshots that nobody changes once they are handed to the engine (the gateway swaps in
// a new one on every change), so a list's index is built once, on first use, and lives as long as the
// list does. Caching by identity keeps `evaluate` pure: the same input gives the same answer.
const indexes = new WeakMap<readonly unknown[], ListIndex>();

function indexOf(list: readonly unknown[]): ListIndex {
  let index = indexes.get(list);
  if (!index) {
    index = { strings: new Set(), others: [] };
    for (const member of list) {
      if (typeof member === 'string') index.strings.add(member);
      else index.others.push(member);
    }
    indexes.set(list, index);
  }
  return index;
}

/** Whether a list (of target or segment keys) holds a string, in constant time for long lists. */
export function listIncludes(list: readonly unknown[], key: string): boolean {
  return list.length <= INDEX_FROM ? list.includes(key) : indexOf(list).strings.has(key);
}

/**
 * Whether any member of `list` satisfies `test` against `candidate`, where `test` holds between two
 * strings only when they are identical: a string candidate is then looked up, not compared with every
 * string member (an `in` list of a thousand values costs one lookup).
 */
export function listSome(
  list: readonly unknown[],
  candidate: unknown,
  test: (candidate: unknown, member: unknown) => boolean,
): boolean {
  if (typeof candidate !== 'string' || list.length <= INDEX_FROM)
    return list.some((member) => test(candidate, member));
  const index = indexOf(list);
  return index.strings.has(candidate) || index.others.some((member) => test(candidate, member));
}
