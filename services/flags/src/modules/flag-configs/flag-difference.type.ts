import { Field, ObjectType } from 'type-graphql';
import { FlagConfigurationType } from './flag-config.type.js';

/** How one flag is configured differently in two environments. */
@ObjectType('FlagDifference', { description: 'How one flag is configured differently in two environments.' })
export class FlagDifferenceType {
  @Field(() => String, { description: 'The flag.' })
  flagKey!: string;

  @Field(() => [String], { description: 'The configuration fields that differ, e.g. `enabled`, `rules`.' })
  differences!: string[];

  @Field(() => FlagConfigurationType, { description: 'The configuration in the source environment.' })
  source!: FlagConfigurationType;

  @Field(() => FlagConfigurationType, { description: 'The configuration in the target environment.' })
  target!: FlagConfigurationType;
}
