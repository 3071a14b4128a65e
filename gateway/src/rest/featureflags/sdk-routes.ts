import { Type } from '@sinclair/typebox';
import { resource, type EvaluationRoute } from '../rest-route.js';
import { featureFlagsSync } from './featureflags-renderer.js';
import { PackageFlag, PackageSegment } from './schemas.js';

/** Seconds the package may keep a sync; read by packages before v0.2.1 (routes.md §2.1). */
const CACHE_TTL_SECONDS = 300;

/** FeatureFlags package SDK routes (routes.md §2.1), answered from the gateway's in-memory rulesets. */
export const featureFlagsSdkRoutes = resource<EvaluationRoute>('SDK', [
  {
    method: 'GET',
    path: '/flags',
    auth: 'apiKey',
    summary: "Every flag and segment of the key's environment, for the package to evaluate locally",
    etag: true,
    bare: true,
    rateLimit: 'ruleset',
    sync: true,
    question: () => ({ flagKeys: [], context: { key: 'sync' } }),
    // The package reads `flags` and `segments`; the docs show `data` (routes.md §2.1): both are sent.
    answer: ({ environment }) => {
      const { flags, segments } = featureFlagsSync(environment);
      return { data: flags, flags, segments, cache_ttl: CACHE_TTL_SECONDS };
    },
    response: Type.Object({
      data: Type.Array(PackageFlag),
      flags: Type.Array(PackageFlag),
      segments: Type.Array(PackageSegment),
      cache_ttl: Type.Integer({ description: 'seconds; ignored by the package since v0.2.1' }),
    }),
  },
]);
