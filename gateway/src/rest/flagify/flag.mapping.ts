import { DomainError, isUuid } from '@vexil/platform';
import type { RestRequest } from '../rest-route.js';

type Data = Record<string, any>;

/** Flagify's buckets: `murmur3(flagKey + ":" + userId) % 100 < rolloutPercentage` (routes.md §4.3). */
export const FLAGIFY_BUCKETING = { scheme: 'flagify' } as const;

/**
 * A flag in one environment as Flagify's `FlagEnvironment` (routes.md §4.2). Flagify serves the flag's
 * default value or the environment's `valueOverride` to `rolloutPercentage` percent of users, the off
 * value to the rest: the default serve's share (`Serve.share`). A default serve split over several
 * variations is Flagify's `variants`.
 */
export function toFlagEnvironment(configuration: Data): Data {
  const { share, rollout } = configuration.defaultServe;
  const override = share && share.variation !== configuration.flag.defaults.onVariation;
  const changedAt = configuration.updatedAt ?? configuration.createdAt;
  return {
    id: configuration.id,
    flagId: configuration.flag.id,
    flagKey: configuration.flag.key,
    environmentId: configuration.environment.id,
    environmentKey: configuration.environment.key,
    environmentColor: configuration.environment.color,
    enabled: configuration.enabled,
    valueOverride: override ? share.value : null,
    rolloutPercentage: share?.percentage ?? null,
    targetingRuleCount: configuration.rules.length,
    variants: share
      ? []
      : (rollout as Data[]).map((slice) => ({
          id: `${configuration.id}:${slice.variation}`,
          flagEnvironmentId: configuration.id,
          key: slice.variation,
          value: slice.value,
          weight: slice.weight / 100,
          createdAt: changedAt,
        })),
    createdAt: configuration.createdAt,
    updatedAt: changedAt,
  };
}

/** A Vexil flag as Flagify's `Flag`: its defaults are Flagify's default and off values. */
export function toFlag(flag: Data): Data {
  return {
    id: flag.id,
    projectId: flag.project.id,
    key: flag.key,
    name: flag.name,
    description: flag.description || null,
    type: flag.type,
    defaultValue: flag.defaults.onValue,
    offValue: flag.defaults.offValue,
    archivedAt: flag.archivedAt,
    environments: (flag.configurations as Data[]).map(toFlagEnvironment),
    createdAt: flag.createdAt,
    updatedAt: flag.updatedAt,
  };
}

const present = (value: unknown) => value !== undefined && value !== null;

/** Flagify's default and off values as a flag's defaults (by value), when it gives any. */
function defaultsOf(body: Data): Data | undefined {
  if (!present(body.defaultValue) && !present(body.offValue)) return undefined;
  return {
    ...(present(body.defaultValue) ? { onValue: body.defaultValue } : {}),
    ...(present(body.offValue) ? { offValue: body.offValue } : {}),
  };
}

/** A new Flagify flag: bucketed as Flagify buckets, in every environment. */
export function toCreateFlagInput(body: Data): Data {
  return {
    key: body.key,
    name: body.name,
    type: body.type,
    description: body.description,
    defaults: defaultsOf(body),
    bucketing: FLAGIFY_BUCKETING,
  };
}

/** A PATCH of a Flagify flag: environments that serve its defaults follow new ones. */
export function toUpdateFlagInput(body: Data): Data {
  return { name: body.name, description: body.description, defaults: defaultsOf(body) };
}

/**
 * A PUT of a flag's state in one environment. `valueOverride` null serves the flag's default again,
 * `rolloutPercentage` null serves everyone; `variants` split the default serve over several values.
 */
export function toFlagEnvironmentInput(body: Data): Data {
  const { enabled, valueOverride, rolloutPercentage, variants } = body;
  const share = valueOverride !== undefined || rolloutPercentage !== undefined;
  if (variants !== undefined && share)
    throw DomainError.validation({
      variants: ['give variants, or valueOverride and rolloutPercentage, not both'],
    });
  return {
    enabled,
    ...(share
      ? {
          onServe: {
            ...(valueOverride === null ? { flagDefault: true } : { value: valueOverride }),
            ...(rolloutPercentage === null ? { everyone: true } : { percentage: rolloutPercentage }),
          },
        }
      : {}),
    ...(variants
      ? {
          defaultServe: {
            rollout: (variants as Data[]).map((variant) => ({
              variation: variant.key,
              value: variant.value,
              weight: Math.round(variant.weight * 100),
            })),
          },
        }
      : {}),
  };
}

/**
 * The project of a key-scoped route (`/v1/flags`, `/v1/environments`, routes.md §4.2): the API key's
 * own, or `?projectId=` (a user's token names no project).
 */
export function projectOf({ query, principal }: RestRequest): string {
  const named = query.get('projectId');
  if (named) return named;
  if (principal.kind === 'apiKey') return principal.projectId;
  throw DomainError.validation({
    projectId: ['is required with a user token (an API key names its own project)'],
  });
}

/** A flag a path names by id, or (key-scoped) by key in the caller's project. */
export function flagRef(request: RestRequest): Data {
  const flag = request.params.flag!;
  return isUuid(flag) ? { id: flag } : { projectId: projectOf(request), key: flag };
}
