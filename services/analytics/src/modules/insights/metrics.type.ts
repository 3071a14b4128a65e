import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';

/** Evaluations of one flag in one environment for one reason. */
@ObjectType({ description: 'Evaluations of one flag in one environment for one reason.' })
export class EvaluationCounter {
  @Field(() => String, { description: 'The flag.' })
  flagKey!: string;

  @Field(() => ID, { description: 'The environment.' })
  environmentId!: string;

  @Field(() => String, { description: 'Why the flag served what it served.' })
  reason!: string;

  @Field(() => Int, { description: 'How many times.' })
  count!: number;
}

/** An organization's evaluations since its metrics window opened. */
@ObjectType({ description: 'An organization’s evaluations since its metrics window opened (or was reset).' })
export class EvaluationMetrics {
  @Field(() => Int, { description: 'All evaluations in the window.' })
  totalEvaluations!: number;

  @Field(() => Date, { nullable: true, description: 'When the window opened; none if never reset.' })
  windowStart!: Date | null;

  @Field(() => [EvaluationCounter], { description: 'Per flag, environment and reason, most first.' })
  counters!: EvaluationCounter[];
}

/** Impressions of one variant of a flag. */
@ObjectType({ description: 'A/B impressions of one variant of a flag since the last flush.' })
export class ImpressionCount {
  @Field(() => String, { description: 'The flag.' })
  flagKey!: string;

  @Field(() => String, { description: 'The variant seen.' })
  variantKey!: string;

  @Field(() => Int, { description: 'How many times.' })
  count!: number;
}

/** One impression as an SDK tracked it. */
@ObjectType({ description: 'One A/B impression as an SDK tracked it.' })
export class Impression {
  @Field(() => String, { description: 'The flag.' })
  flagKey!: string;

  @Field(() => String, { description: 'The variant seen.' })
  variantKey!: string;

  @Field(() => String, { description: 'The user who saw it.' })
  userKey!: string;

  @Field(() => Date, { description: 'When it arrived.' })
  receivedAt!: Date;
}

/** Evaluations of one flag key across an organization's environments since a moment. */
@ObjectType({
  description: 'Evaluations of one flag key across the organization’s environments since a moment.',
})
export class FlagEvaluations {
  @Field(() => String, { description: 'The flag key.' })
  flagKey!: string;

  @Field(() => Int, { description: 'Evaluations since `since` (whole hours).' })
  totalEvaluations!: number;

  @Field(() => Date, { description: 'Where the count starts.' })
  since!: Date;

  @Field(() => GraphQLJSON, { description: 'Evaluations by variation: `{variation: count}`.' })
  byVariant!: Record<string, number>;
}

/** Evaluations in one interval. */
@ObjectType({ description: 'Evaluations in one interval of a series.' })
export class VolumePoint {
  @Field(() => Date, { description: 'Where the interval starts.' })
  timestamp!: Date;

  @Field(() => Int, { description: 'Evaluations in it.' })
  value!: number;
}

/** How often one audited action happened in a period. */
@ObjectType({ description: 'How often one audited action happened in a period.' })
export class ActionCount {
  @Field(() => String, { description: 'The action, as the audit log names it (`flag.created`…).' })
  action!: string;

  @Field(() => Int, { description: 'How many times.' })
  count!: number;
}

/** An organization's activity since a moment, from its audit log and its evaluation counts. */
@ObjectType({
  description: 'An organization’s activity since a moment, from its audit log and its evaluation counts.',
})
export class ActivitySummary {
  @Field(() => Date, { description: 'Where the period starts.' })
  since!: Date;

  @Field(() => Int, { description: 'Projects in which something was written in the period.' })
  activeProjects!: number;

  @Field(() => Int, { description: 'Users who did something audited (signing in included) in the period.' })
  activeUsers!: number;

  @Field(() => Int, { description: 'Evaluations in the period (whole hours).' })
  evaluations!: number;

  @Field(() => Int, { description: 'Flags evaluated for the first time in the period.' })
  flagsFirstEvaluated!: number;

  @Field(() => [ActionCount], { description: 'Audited actions in the period, most frequent first.' })
  actions!: ActionCount[];
}
