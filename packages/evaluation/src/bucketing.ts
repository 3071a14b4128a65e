import { murmur3 } from './murmur3.js';
import type { BucketingScheme } from './types.js';

/** The number of buckets every scheme maps into; rollout weights are basis points of it. */
export const BUCKET_COUNT = 10_000;

/**
 * Places `bucketingValue` in one of 10 000 buckets (0..9999) for `flagKey`, using `scheme`'s formula.
 * The foreign schemes reproduce the formulas of reference/routes.md so that a migrated flag keeps every user
 * on the side of the rollout they were on:
 * - `featuresignals` (§1.6): `murmur3(flagKey + "." + value) % 10000`.
 * - `featureflags` (§2.3): `murmur3(flagKey + value) % 10000`, no separator. `seed` is inserted between the
 *   two, which reproduces the package's other hash inputs: `":experiment:"`, `":variant:"`, and `":"` for
 *   the `percentage_of` operator.
 * - `flagify` (§4.3): `murmur3(flagKey + ":" + value) % 100`, scaled by 100 to basis points, so that the
 *   product's `bucket < pct` is our `bucket < pct * 100`.
 * - `vexil`: the FeatureSignals formula (DESIGN.md), where `seed`, when given, stands in for the flag key so
 *   that flags sharing a seed share an assignment and changing the seed reshuffles a flag.
 * Unknown schemes fall back to `vexil` rather than throwing, because a ruleset is data we do not control.
 */
export function bucket(
  scheme: BucketingScheme,
  flagKey: string,
  bucketingValue: string,
  seed?: string,
): number {
  switch (scheme) {
    case 'featuresignals':
      return murmur3(`${flagKey}.${bucketingValue}`) % BUCKET_COUNT;
    case 'featureflags':
      return murmur3(`${flagKey}${seed ?? ''}${bucketingValue}`) % BUCKET_COUNT;
    case 'flagify':
      return (murmur3(`${flagKey}:${bucketingValue}`) % 100) * 100;
    case 'vexil':
    default:
      return murmur3(`${seed || flagKey}.${bucketingValue}`) % BUCKET_COUNT;
  }
}
