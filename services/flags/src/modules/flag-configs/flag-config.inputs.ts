import { Field, ID, InputType, Int } from 'type-graphql';
import { BucketingType, PrerequisiteType, RuleType, ServeType, TargetType } from './targeting.types.js';

/** Changes to a flag's configuration in one environment; omitted fields stay as they are. */
@InputType({ description: 'Changes to a flag’s configuration in one environment; omitted fields stay.' })
export class UpdateFlagConfigurationInput {
  @Field(() => ID, { description: 'The flag.' })
  flagId!: string;

  @Field(() => ID, { description: 'The environment.' })
  environmentId!: string;

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
