import { Field, Int, ObjectType } from 'type-graphql';

/** How often a variation was served for a reason. */
@ObjectType({ description: 'How often a variation of a flag was served for a reason.' })
export class VariationCount {
  @Field(() => String, {
    description: 'The variation key (or the served value’s JSON text, where the SDK reported values).',
  })
  variation!: string;

  @Field(() => String, { description: 'Why it was served (the reporting SDK’s words).' })
  reason!: string;

  @Field(() => Int, { description: 'How many times.' })
  count!: number;
}

/** What a flag did in one environment over a period. */
@ObjectType({ description: 'What a flag did in one environment over a period: evaluations and impressions.' })
export class FlagActivitySummary {
  @Field(() => Int, { description: 'Evaluations in the period (the gateway’s and those SDKs reported).' })
  evaluations!: number;

  @Field(() => Int, { description: 'A/B impressions SDKs tracked in the period.' })
  impressions!: number;

  @Field(() => Date, { nullable: true, description: 'The last evaluation ever, in any period.' })
  lastEvaluatedAt!: Date | null;

  @Field(() => [VariationCount], { description: 'Evaluations by variation and reason, most first.' })
  byVariation!: VariationCount[];
}

/** Whether a flag looks finished with, and why. */
@ObjectType({ description: 'Whether a flag looks finished with in one environment, and why.' })
export class FlagStaleness {
  @Field(() => Boolean, { description: 'Whether the flag looks stale.' })
  stale!: boolean;

  @Field(() => String, {
    nullable: true,
    description:
      '`EXPIRED` (past the flag’s expiry date), `NOT_EVALUATED` (no evaluation for the period), `SINGLE_VARIATION` (every evaluation of the period served one variation); none when not stale.',
  })
  reason!: string | null;

  @Field(() => Date, { nullable: true, description: 'The last evaluation ever.' })
  lastEvaluatedAt!: Date | null;

  @Field(() => Int, { description: 'The period looked at, in days.' })
  days!: number;
}
