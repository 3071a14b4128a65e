import { Field, ID, ObjectType } from 'type-graphql';
import type { FlagHealthIssue } from './flag-health.js';

/** A configuration problem of one flag. */
@ObjectType('FlagHealthIssue', {
  description: 'A configuration problem of one flag (Flagify’s flag hygiene overview).',
})
export class FlagHealthIssueType implements FlagHealthIssue {
  @Field(() => ID, { description: 'The flag.' })
  flagId!: string;

  @Field(() => String, { description: 'Its key.' })
  flagKey!: string;

  @Field(() => String, { description: 'Its name.' })
  flagName!: string;

  @Field(() => String, { description: '`env_mismatch` or `rule_value_matches_default`.' })
  type!: string;

  @Field(() => String, { description: '`warning` or `info`.' })
  severity!: string;

  @Field(() => String, { description: 'What is wrong.' })
  message!: string;

  @Field(() => String, { nullable: true, description: 'The environment’s key, where it is in one.' })
  environment!: string | null;

  @Field(() => String, { nullable: true, description: 'The rule, where it is one.' })
  ruleId!: string | null;

  @Field(() => String, { nullable: true, description: 'How to fix it.' })
  fix!: string | null;
}
