import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';

/** What the gateway found of one component in one check. */
@InputType({ description: 'What the gateway found of one component of the platform in one check.' })
export class ComponentCheckInput {
  @Field(() => String, { description: 'The component (`API Server`, `Flags`…).' })
  component!: string;

  @Field(() => Boolean, { description: 'Whether it was operational.' })
  operational!: boolean;
}

/** One component's checks on one day. */
@ObjectType({ description: 'How one component of the platform fared on one day (UTC).' })
export class ComponentDay {
  @Field(() => String, { description: 'The day, `YYYY-MM-DD`.' })
  date!: string;

  @Field(() => String, { description: 'The component.' })
  component!: string;

  @Field(() => Float, { description: 'Operational checks in percent of all checks that day.' })
  uptimePercent!: number;

  @Field(() => Int, { description: 'Checks made that day.' })
  totalChecks!: number;

  @Field(() => Int, { description: 'Checks that found it operational.' })
  operationalChecks!: number;
}

/** The platform's availability over a period. */
@ObjectType({ description: 'The platform’s availability over a period, from the checks recorded.' })
export class ServiceLevel {
  @Field(() => Float, { description: 'Operational checks in percent of all checks (100 when none).' })
  uptimePercent!: number;

  @Field(() => Int, { description: 'Days with checks recorded.' })
  daysTracked!: number;

  @Field(() => Int, {
    description: 'Days in a row, back from today, on which every check found everything operational.',
  })
  currentStreakDays!: number;

  @Field(() => Int, { description: 'The period looked at, in days.' })
  periodDays!: number;
}
