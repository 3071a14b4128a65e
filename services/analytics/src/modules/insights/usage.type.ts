import { Field, Int, ObjectType } from 'type-graphql';

/** What an organization used in a calendar month (UTC): what billing's limits are checked against. */
@ObjectType({ description: 'What an organization used in a calendar month (UTC).' })
export class Usage {
  @Field(() => String, { description: 'The month, `YYYY-MM`.' })
  month!: string;

  @Field(() => Int, {
    description:
      'Monthly active contexts: distinct context keys evaluated for, per environment, summed (exact).',
  })
  monthlyActiveContexts!: number;

  @Field(() => Int, { description: 'Evaluations in the month (the gateway’s and those SDKs reported).' })
  evaluations!: number;
}
