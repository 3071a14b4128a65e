import type { Serve, Variation } from '@vexil/evaluation';
import { connectionType } from '@vexil/platform';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { EnvironmentType, toEnvironmentType } from '../environments/environment.type.js';
import { FlagType, toFlagType } from '../flags/flag.type.js';
import type { ConfiguredFlag } from './config-snapshot.js';
import { shareOf } from './serve-share.js';
import { BucketingType, PrerequisiteType, RuleType, ServeType, TargetType } from './targeting.types.js';

/** A flag's configuration in one environment. */
@ObjectType('FlagConfiguration', { description: 'What a flag serves in one environment.' })
export class FlagConfigurationType {
  @Field(() => ID, {
    description:
      'Stable identifier of the flag in this environment: every flag has a configuration in every environment of its project from the start.',
  })
  id!: string;

  @Field(() => FlagType, { description: 'The flag.' })
  flag!: FlagType;

  @Field(() => EnvironmentType, { description: 'The environment.' })
  environment!: EnvironmentType;

  @Field(() => Boolean, { description: 'Whether targeting is on; off serves the off variation.' })
  enabled!: boolean;

  @Field(() => String, { description: 'Variation served while off or when a prerequisite fails.' })
  offVariation!: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The value of `offVariation`.' })
  offValue!: unknown;

  @Field(() => [TargetType], { description: 'Individual targets, checked before rules.' })
  targets!: TargetType[];

  @Field(() => [RuleType], { description: 'Rules in priority order; the first match decides.' })
  rules!: RuleType[];

  @Field(() => ServeType, { description: 'What is served when no target or rule applies.' })
  defaultServe!: ServeType;

  @Field(() => [PrerequisiteType], { description: 'Flags that must serve given variations first.' })
  prerequisites!: PrerequisiteType[];

  @Field(() => BucketingType, { description: 'How rollouts assign users to buckets.' })
  bucketing!: BucketingType;

  @Field(() => Int, {
    description: 'Grows by one with every change; send it back to update (0 = never set).',
  })
  version!: number;

  @Field(() => Date, {
    nullable: true,
    description: 'When the configuration last changed; null while never set.',
  })
  updatedAt!: Date | null;

  @Field(() => Date, {
    description: 'When the flag got this configuration (with the flag or the environment).',
  })
  createdAt!: Date;
}

/** A page of flag configurations. */
export const FlagConfigurationConnection = connectionType('FlagConfiguration', FlagConfigurationType);

const valueIn = (variations: readonly Variation[], key: string) =>
  variations.find((variation) => variation.key === key)?.value ?? null;

/**
 * A serve with the value of each variation it names, as products that serve values show it, and its
 * share (`shareOf`: the default serve's rest is the off variation, a rule's falls through).
 */
function servedValues(
  variations: readonly Variation[],
  serve: Serve,
  offVariation: string | null,
): ServeType {
  const share = shareOf(serve, offVariation);
  const shown = share && { ...share, value: valueIn(variations, share.variation) };
  if ('variation' in serve) return { ...serve, value: valueIn(variations, serve.variation), share: shown };
  return {
    ...serve,
    value: null,
    rollout: serve.rollout.map((slice) => ({ ...slice, value: valueIn(variations, slice.variation) })),
    share: shown,
  };
}

/**
 * The GraphQL view of a configured flag. Rules carry the project, so that `Rule.segments` can find the
 * segments they name.
 */
export function toFlagConfigurationType(configured: ConfiguredFlag): FlagConfigurationType {
  const { variations, projectId } = configured.flag;
  const { config } = configured;
  return Object.assign(new FlagConfigurationType(), {
    id: configured.id,
    flag: toFlagType(configured.flag),
    environment: toEnvironmentType(configured.environment),
    ...config,
    offValue: valueIn(variations, config.offVariation),
    rules: config.rules.map((rule) => ({
      ...rule,
      projectId,
      serve: servedValues(variations, rule.serve, null),
    })),
    defaultServe: servedValues(variations, config.defaultServe, config.offVariation),
    version: configured.version,
    updatedAt: configured.updatedAt,
    createdAt: configured.createdAt,
  });
}
