import { featureFlagsDialect } from './featureflags/featureflags-dialect.js';
import { featureSignalsDialect } from './featuresignals/featuresignals-dialect.js';
import { flagifyDialect } from './flagify/flagify-dialect.js';
import { ofrepDialect } from './ofrep/ofrep-dialect.js';
import { phaseFlagDialect } from './phaseflag/phaseflag-dialect.js';
import type { Dialect } from './rest-route.js';

/** The REST dialects the gateway serves (shared/REST.md): the one registry the router and tests read. */
export const dialects: Dialect[] = [
  featureSignalsDialect,
  flagifyDialect,
  featureFlagsDialect,
  phaseFlagDialect,
  ofrepDialect,
];

/**
 * The dialect that owns a path: of those with a mount the path falls under, the one with the longest
 * mount, so a product mounted at `/api/v1` is not swallowed by one mounted at `/api` (FeatureFlags and
 * PhaseFlag, REST.md). Answers the router's 404 and 405 in the owner's shape.
 */
export function dialectOf(path: string, registry: readonly Dialect[] = dialects): Dialect | undefined {
  let owner: Dialect | undefined;
  let longest = -1;
  for (const dialect of registry) {
    for (const mount of dialect.mounts) {
      if ((path === mount || path.startsWith(`${mount}/`)) && mount.length > longest) {
        owner = dialect;
        longest = mount.length;
      }
    }
  }
  return owner;
}

/**
 * The path a request is served at: its own, or, for a client of a dialect with a `bareMount` (its
 * header present, its path under none of the dialect's mounts), the same path under its first mount.
 * The header decides: Flagify's MCP server asks for `/v1/…` at the origin, where FeatureSignals lives.
 */
export function servedPath(
  path: string,
  header: (name: string) => string | undefined,
  registry: readonly Dialect[] = dialects,
): string {
  for (const dialect of registry) {
    const bare = dialect.bareMount;
    if (!bare || header(bare.header) === undefined) continue;
    const mounted = dialect.mounts.some((mount) => path === mount || path.startsWith(`${mount}/`));
    if (!mounted && bare.prefixes.some((prefix) => path.startsWith(prefix)))
      return `${dialect.mounts[0]}${path}`;
  }
  return path;
}
