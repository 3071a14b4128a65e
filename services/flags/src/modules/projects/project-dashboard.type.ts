import { Field, Int, ObjectType } from 'type-graphql';

/** Counts for a project's dashboard (FeatureSignals' `/dashboard`). */
@ObjectType('ProjectDashboard', { description: 'Counts for a project’s dashboard.' })
export class ProjectDashboardType {
  @Field(() => Int, { description: 'All flags, archived included.' })
  totalFlags!: number;

  @Field(() => Int, { description: 'Environments.' })
  totalEnvironments!: number;

  @Field(() => Int, { description: 'Unarchived flags with status active.' })
  activeFlags!: number;

  @Field(() => Int, { description: 'Archived flags.' })
  archivedFlags!: number;

  @Field(() => Int, { description: 'Unarchived flags with status rolled_out.' })
  rolledOutFlags!: number;

  @Field(() => Int, { description: 'Unarchived flags with status deprecated.' })
  deprecatedFlags!: number;
}
