import type { Serve } from '@vexil/evaluation';

/** A serve seen as one variation given to a share of contexts (products that serve one value so). */
export interface ServeShare {
  variation: string;
  /** Percent of contexts (0–100) that get it; null: all of them. */
  percentage: number | null;
}

/**
 * A serve as one variation and the percentage of contexts that get it, the way products such as
 * Flagify describe rollouts (routes.md §4.3: in the rollout, the value; otherwise the default). Null
 * when the serve splits contexts over several variations.
 *
 * The default serve's rest goes to the off variation: a two-slice rollout whose other slice serves it,
 * or one slice with the `offVariation` remainder. A rule's rest falls through to the next rule: one
 * slice.
 */
export function shareOf(serve: Serve, offVariation: string | null): ServeShare | null {
  if ('variation' in serve) return { variation: serve.variation, percentage: null };
  const [first, second, ...more] = serve.rollout;
  if (!first || more.length > 0) return null;
  if (!second) {
    // On the default serve, the last slice takes the rest unless the off variation does.
    const restIsOff = offVariation === null || serve.remainder === 'offVariation';
    return { variation: first.variation, percentage: restIsOff ? first.weight / 100 : null };
  }
  if (offVariation === null || first.weight + second.weight !== 10_000) return null;
  const on = [first, second].filter((slice) => slice.variation !== offVariation);
  return on.length === 1 ? { variation: on[0]!.variation, percentage: on[0]!.weight / 100 } : null;
}

/**
 * The default serve that gives `variation` to `percentage` percent of contexts (the first buckets, so
 * raising it only adds contexts) and the off variation to the rest; everyone when null.
 */
export function shareServe(variation: string, percentage: number | null, offVariation: string): Serve {
  if (percentage === null) return { variation };
  const weight = Math.round(percentage * 100);
  return {
    rollout: [
      { variation, weight },
      { variation: offVariation, weight: 10_000 - weight },
    ],
  };
}
