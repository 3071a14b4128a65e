import type { FlagConfig } from '@vexil/evaluation';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import type { VariationRef } from '../flags/variation-pool.js';
import type { ConfigPatch, ServeSpec } from './config-patch.js';
import { BucketingType, PrerequisiteType, RuleInput, ServeInput, TargetType } from './targeting.types.js';

/** Changes to a flag's configuration in one environment; omitted fields stay as they are. */
@InputType({ description: 'Changes to a flag’s configuration in one environment; omitted fields stay.' })
export class UpdateFlagConfigurationInput {
  @Field(() => ID, {
    nullable: true,
    description: 'The configuration by its own id (`FlagConfiguration.id`), instead of flag and environment.',
  })
  configurationId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The flag (or give `flagKey`).' })
  flagId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The flag by key, in the environment’s project (instead of `flagId`).',
  })
  flagKey?: string | null;

  @Field(() => ID, { nullable: true, description: 'The environment (or give `environmentKey`).' })
  environmentId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The environment by key, in `projectId` (instead of `environmentId`).',
  })
  environmentKey?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The project the flag and environment must belong to, when the caller names one.',
  })
  projectId?: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'The version the change is based on; if the configuration moved on since, the change is refused (CONFLICT).',
  })
  expectedVersion?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Turns targeting on or off.' })
  enabled?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Variation served while off.' })
  offVariation?: string | null;

  @Field(() => GraphQLJSON, {
    nullable: true,
    description:
      'The value served while off, instead of `offVariation`: the variation with this value, created if the flag has none.',
  })
  offValue?: unknown;

  @Field(() => [TargetType], { nullable: true, description: 'Replaces the individual targets.' })
  targets?: TargetType[] | null;

  @Field(() => [RuleInput], { nullable: true, description: 'Replaces the rules (in priority order).' })
  rules?: RuleInput[] | null;

  @Field(() => ServeInput, { nullable: true, description: 'Replaces the default serve.' })
  defaultServe?: ServeInput | null;

  @Field(() => OnServeInput, {
    nullable: true,
    description:
      'Sets the default serve as one value given to a percentage of contexts, the off variation to the rest; instead of `defaultServe`.',
  })
  onServe?: OnServeInput | null;

  @Field(() => [PrerequisiteType], { nullable: true, description: 'Replaces the prerequisites.' })
  prerequisites?: PrerequisiteType[] | null;

  @Field(() => BucketingType, { nullable: true, description: 'Replaces the bucketing scheme and attribute.' })
  bucketing?: BucketingType | null;
}

/**
 * The default serve as one value for a share of contexts: Flagify's value override and rollout
 * percentage of a flag in one environment (routes.md §4.2, §4.3).
 */
@InputType('OnServeInput', {
  description:
    'The default serve as one variation given to a percentage of contexts (the first buckets), the off variation to the rest. Omitted fields keep what the default serve gives now.',
})
export class OnServeInput {
  @Field(() => String, { nullable: true, description: 'The variation served, by key.' })
  variation?: string | null;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The value served, instead of `variation`.' })
  value?: unknown;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Serve the flag’s default (`Flag.defaults.onVariation`) instead of naming a variation.',
  })
  flagDefault?: boolean | null;

  @Field(() => Float, { nullable: true, description: 'Percent of contexts (0–100) that get it.' })
  percentage?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'True: every context gets it (no rollout).' })
  everyone?: boolean | null;
}

/** A variation reference as written, nulls dropped. */
const refOf = ({ variation, value, flagDefault }: VariationRef) => ({
  ...(variation != null ? { variation } : {}),
  ...(value != null ? { value } : {}),
  ...(flagDefault ? { flagDefault } : {}),
});

/** A serve input as written, nulls dropped. */
function serveOf(serve: ServeInput): ServeSpec {
  return {
    ...refOf(serve),
    ...(serve.rollout
      ? { rollout: serve.rollout.map((slice) => ({ ...refOf(slice), weight: slice.weight })) }
      : {}),
    ...(serve.bucketBy ? { bucketBy: serve.bucketBy } : {}),
    ...(serve.remainder ? { remainder: serve.remainder } : {}),
  };
}

/** The patch of a configuration input: only the fields given, nulls dropped, values not yet resolved. */
export function patchOf(
  input: Omit<
    UpdateFlagConfigurationInput,
    | 'configurationId'
    | 'flagId'
    | 'flagKey'
    | 'environmentId'
    | 'environmentKey'
    | 'projectId'
    | 'expectedVersion'
  >,
): ConfigPatch {
  const { enabled, offVariation, offValue, rules, defaultServe, onServe, targets, prerequisites, bucketing } =
    input;
  return {
    ...(enabled != null ? { enabled } : {}),
    ...(offVariation != null ? { offVariation } : {}),
    ...(offValue != null ? { offValue } : {}),
    ...(rules
      ? {
          rules: rules.map((rule) => ({
            ...(rule.id != null ? { id: rule.id } : {}),
            match: rule.match,
            conditions: rule.conditions.map(({ attribute, operator, values }) => ({
              attribute,
              operator,
              values,
            })),
            serve: serveOf(rule.serve),
            ...(rule.description ? { description: rule.description } : {}),
          })),
        }
      : {}),
    ...(defaultServe ? { defaultServe: serveOf(defaultServe) } : {}),
    ...(onServe
      ? {
          onServe: {
            ...refOf(onServe),
            ...(onServe.percentage != null ? { percentage: onServe.percentage } : {}),
            ...(onServe.everyone ? { everyone: true } : {}),
          },
        }
      : {}),
    ...(targets ? { targets: targets.map(({ variation, values }) => ({ variation, values })) } : {}),
    ...(prerequisites
      ? { prerequisites: prerequisites.map(({ flagKey, variation }) => ({ flagKey, variation })) }
      : {}),
    ...(bucketing ? { bucketing: bucketingOf(bucketing) } : {}),
  };
}

/** A bucketing input as written, nulls dropped. */
export function bucketingOf({ scheme, attribute, seed }: BucketingType): FlagConfig['bucketing'] {
  return { scheme, ...(attribute ? { attribute } : {}), ...(seed ? { seed } : {}) };
}
