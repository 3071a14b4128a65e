import { connectionType } from '@vexil/platform';
import { Field, Int, ObjectType } from 'type-graphql';
import { EnvironmentType, toEnvironmentType } from '../environments/environment.type.js';
import { FlagType, toFlagType } from '../flags/flag.type.js';
import type { ConfiguredFlag } from './config-snapshot.js';
import { BucketingType, PrerequisiteType, RuleType, ServeType, TargetType } from './targeting.types.js';

/** A flag's configuration in one environment. */
@ObjectType('FlagConfiguration', { description: 'What a flag serves in one environment.' })
export class FlagConfigurationType {
  @Field(() => FlagType, { description: 'The flag.' })
  flag!: FlagType;

  @Field(() => EnvironmentType, { description: 'The environment.' })
  environment!: EnvironmentType;

  @Field(() => Boolean, { description: 'Whether targeting is on; off serves the off variation.' })
  enabled!: boolean;

  @Field(() => String, { description: 'Variation served while off or when a prerequisite fails.' })
  offVariation!: string;

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

  @Field(() => Date, { nullable: true, description: 'When the configuration last changed.' })
  updatedAt!: Date | null;
}

/** A page of flag configurations. */
export const FlagConfigurationConnection = connectionType('FlagConfiguration', FlagConfigurationType);

/** The GraphQL view of a configured flag; the cursor id is the flag's. */
export function toFlagConfigurationType(configured: ConfiguredFlag): FlagConfigurationType & { id: string } {
  return Object.assign(new FlagConfigurationType(), {
    id: configured.flag.id,
    flag: toFlagType(configured.flag),
    environment: toEnvironmentType(configured.environment),
    ...configured.config,
    version: configured.version,
    updatedAt: configured.updatedAt,
  }) as FlagConfigurationType & { id: string };
}
