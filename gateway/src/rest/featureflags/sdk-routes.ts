import { Type } from '@sinclair/typebox';
import { resource, type EvaluationRoute } from '../rest-route.js';
import { featureFlagsSync } from './featureflags-renderer.js';

/** Seconds the package may keep a sync; read by packages before v0.2.1 (routes.md §2.1). */
const CACHE_TTL_SECONDS = 300;

const Condition = Type.Union([
  Type.Object({ trait: Type.String(), operator: Type.String(), value: Type.Unknown() }),
  Type.Object({ type: Type.Literal('segment'), segment: Type.String() }),
]);

/** The flag object the package evaluates (routes.md §2.1). */
const Flag = Type.Object({
  key: Type.String(),
  name: Type.String(),
  type: Type.String({ description: 'boolean, string, number or json' }),
  enabled: Type.Boolean(),
  default_value: Type.Unknown(),
  rollout_percentage: Type.Union([Type.Number({ minimum: 0, maximum: 100 }), Type.Null()]),
  rules: Type.Array(
    Type.Object({ priority: Type.Integer(), conditions: Type.Array(Condition), value: Type.Unknown() }),
  ),
  dependencies: Type.Array(Type.Object({ flag_key: Type.String(), required_value: Type.Unknown() })),
  variants: Type.Array(Type.Unknown()),
  experiment: Type.Null({ description: 'Vexil runs no experiments' }),
});

const SegmentSchema = Type.Object({
  key: Type.String(),
  rules: Type.Array(Type.Object({ conditions: Type.Array(Condition) })),
});

/** FeatureFlags package SDK routes (routes.md §2.1), answered from the gateway's in-memory rulesets. */
export const featureFlagsSdkRoutes = resource<EvaluationRoute>('SDK', [
  {
    method: 'GET',
    path: '/flags',
    auth: 'apiKey',
    summary: "Every flag and segment of the key's environment, for the package to evaluate locally",
    etag: true,
    rateLimit: 'ruleset',
    sync: true,
    question: () => ({ flagKeys: [], context: { key: 'sync' } }),
    // The package reads `flags` and `segments`; the docs show `data` (routes.md §2.1): both are sent.
    answer: ({ environment }) => {
      const { flags, segments } = featureFlagsSync(environment);
      return { data: flags, flags, segments, cache_ttl: CACHE_TTL_SECONDS };
    },
    response: Type.Object({
      data: Type.Array(Flag),
      flags: Type.Array(Flag),
      segments: Type.Array(SegmentSchema),
      cache_ttl: Type.Integer({ description: 'seconds; ignored by the package since v0.2.1' }),
    }),
  },
]);
