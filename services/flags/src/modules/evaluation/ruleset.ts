import type { Ruleset } from '@vexil/evaluation';
import { defaultConfig, snapshotOf, toEngineFlag } from '../flag-configs/config-snapshot.js';
import type { FlagConfig } from '../flag-configs/flag-config.entity.js';
import type { Flag } from '../flags/flag.entity.js';
import type { Segment } from '../segments/segment.entity.js';

/**
 * The snapshot `@vexil/evaluation` evaluates for one environment: the project's unarchived flags as
 * configured there, and the project's segments. The same snapshot feeds every evaluation path.
 */
export function buildRuleset(
  flags: Flag[],
  configByFlagId: Map<string, FlagConfig>,
  segments: Segment[],
): Ruleset {
  return {
    flags: Object.fromEntries(
      flags
        .filter((flag) => !flag.archivedAt)
        .map((flag) => {
          const row = configByFlagId.get(flag.id);
          return [
            flag.key,
            toEngineFlag(flag, row ? snapshotOf(row) : defaultConfig(flag), row?.version ?? 0),
          ];
        }),
    ),
    segments: engineSegments(segments),
  };
}

/** A project's segments as the engine reads them, by key. */
export function engineSegments(segments: Segment[]): Ruleset['segments'] {
  return Object.fromEntries(
    segments.map((segment) => [
      segment.key,
      {
        key: segment.key,
        match: segment.match,
        conditions: segment.conditions,
        included: segment.included,
        excluded: segment.excluded,
      },
    ]),
  );
}
