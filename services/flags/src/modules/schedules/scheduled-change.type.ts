import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { ScheduledChange } from './scheduled-change.entity.js';

/** A configuration change the scheduler applies at a given time. */
@ObjectType('ScheduledChange', { description: 'A configuration change applied at a given time.' })
export class ScheduledChangeType {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: string;

  @Field(() => ID, { description: 'The flag.' })
  flagId!: string;

  @Field(() => ID, { description: 'The environment.' })
  environmentId!: string;

  @Field(() => GraphQLJSON, { description: 'The configuration fields it changes.' })
  patch!: unknown;

  @Field(() => Date, { description: 'When it applies.' })
  runAt!: Date;

  @Field(() => String, { description: '`pending`, `applied`, `failed` or `canceled`.' })
  status!: string;

  @Field(() => Int, { nullable: true, description: 'The configuration version it produced.' })
  appliedVersion!: number | null;

  @Field(() => String, { nullable: true, description: 'Why it could not be applied.' })
  error!: string | null;
}

/** The GraphQL view of a scheduled change. */
export function toScheduledChangeType(change: ScheduledChange): ScheduledChangeType {
  return Object.assign(new ScheduledChangeType(), {
    id: change.id,
    flagId: change.flagId,
    environmentId: change.environmentId,
    patch: change.patch,
    runAt: change.runAt,
    status: change.status,
    appliedVersion: change.appliedVersion,
    error: change.error,
  });
}
