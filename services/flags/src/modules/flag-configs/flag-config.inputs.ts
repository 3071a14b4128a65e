import { Field, ID, InputType, Int } from 'type-graphql';
import type { ConfigSnapshot } from './config-snapshot.js';
import {
  BucketingType,
  PrerequisiteType,
  RuleType,
  ServeType,
  TargetType,
  toRule,
  toServe,
} from './targeting.types.js';

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

  @Field(() => [TargetType], { nullable: true, description: 'Replaces the individual targets.' })
  targets?: TargetType[] | null;

  @Field(() => [RuleType], { nullable: true, description: 'Replaces the rules (in priority order).' })
  rules?: RuleType[] | null;

  @Field(() => ServeType, { nullable: true, description: 'Replaces the default serve.' })
  defaultServe?: ServeType | null;

  @Field(() => [PrerequisiteType], { nullable: true, description: 'Replaces the prerequisites.' })
  prerequisites?: PrerequisiteType[] | null;

  @Field(() => BucketingType, { nullable: true, description: 'Replaces the bucketing scheme and attribute.' })
  bucketing?: BucketingType | null;
}

/** The engine-shaped patch of a configuration input: only the fields given, nulls dropped. */
export function patchOf(
  input: Omit<
    UpdateFlagConfigurationInput,
    'flagId' | 'flagKey' | 'environmentId' | 'projectId' | 'expectedVersion'
  >,
): Partial<ConfigSnapshot> {
  const { enabled, offVariation, rules, defaultServe, targets, prerequisites, bucketing } = input;
  return {
    ...(enabled != null ? { enabled } : {}),
    ...(offVariation != null ? { offVariation } : {}),
    ...(rules ? { rules: rules.map(toRule) } : {}),
    ...(defaultServe ? { defaultServe: toServe(defaultServe) } : {}),
    ...(targets ? { targets: targets.map(({ variation, values }) => ({ variation, values })) } : {}),
    ...(prerequisites
      ? { prerequisites: prerequisites.map(({ flagKey, variation }) => ({ flagKey, variation })) }
      : {}),
    ...(bucketing
      ? {
          bucketing: {
            scheme: bucketing.scheme,
            ...(bucketing.attribute ? { attribute: bucketing.attribute } : {}),
            ...(bucketing.seed ? { seed: bucketing.seed } : {}),
          },
        }
      : {}),
  };
}
