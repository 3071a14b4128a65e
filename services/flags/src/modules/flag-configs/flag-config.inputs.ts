import type { FlagConfig } from '@vexil/evaluation';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import type { ConfigPatch, ServeSpec } from './config-patch.js';
import { BucketingType, PrerequisiteType, RuleInput, ServeInput, TargetType } from './targeting.types.js';

/** Changes to a flag's configuration in one environment; omitted fields stay as they are. */
@InputType({ description: 'Changes to a flag’s configuration in one environment; omitted fields stay.' })
export class UpdateFlagConfigurationInput {
  @Field(() => ID, { nullable: true, description: 'The flag (or give `flagKey`).' })
  flagId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The flag by key, in the environment’s project (instead of `flagId`).',
  })
  flagKey?: string | null;

  @Field(() => ID, { description: 'The environment.' })
  environmentId!: string;

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

  @Field(() => [PrerequisiteType], { nullable: true, description: 'Replaces the prerequisites.' })
  prerequisites?: PrerequisiteType[] | null;

  @Field(() => BucketingType, { nullable: true, description: 'Replaces the bucketing scheme and attribute.' })
  bucketing?: BucketingType | null;
}

/** A serve input as written, nulls dropped. */
function serveOf(serve: ServeInput): ServeSpec {
  return {
    ...(serve.variation != null ? { variation: serve.variation } : {}),
    ...(serve.value != null ? { value: serve.value } : {}),
    ...(serve.rollout
      ? {
          rollout: serve.rollout.map(({ variation, value, weight }) => ({
            ...(variation != null ? { variation } : {}),
            ...(value != null ? { value } : {}),
            weight,
          })),
        }
      : {}),
    ...(serve.bucketBy ? { bucketBy: serve.bucketBy } : {}),
    ...(serve.remainder ? { remainder: serve.remainder } : {}),
  };
}

/** The patch of a configuration input: only the fields given, nulls dropped, values not yet resolved. */
export function patchOf(
  input: Omit<
    UpdateFlagConfigurationInput,
    'flagId' | 'flagKey' | 'environmentId' | 'projectId' | 'expectedVersion'
  >,
): ConfigPatch {
  const { enabled, offVariation, offValue, rules, defaultServe, targets, prerequisites, bucketing } = input;
  return {
    ...(enabled != null ? { enabled } : {}),
    ...(offVariation != null ? { offVariation } : {}),
    ...(offValue != null ? { offValue } : {}),
    ...(rules
      ? {
          rules: rules.map((rule) => ({
            id: rule.id,
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
