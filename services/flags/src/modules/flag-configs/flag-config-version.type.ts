import { GraphQLJSON } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import type { FlagConfigVersion } from './flag-config-version.entity.js';

/** One version of a flag's configuration in an environment. */
@ObjectType('FlagConfigurationVersion', { description: 'A flag’s configuration as it was after one change.' })
export class FlagConfigurationVersionType {
  @Field(() => Int, { description: 'The version number.' })
  version!: number;

  @Field(() => GraphQLJSON, { description: 'The whole configuration at that version.' })
  configuration!: unknown;

  @Field(() => String, {
    nullable: true,
    description: 'Who made the change, as `user:<id>`, `apiKey:<id>` or `system:<name>`.',
  })
  changedBy!: string | null;

  @Field(() => Date, { description: 'When.' })
  createdAt!: Date;
}

/** The GraphQL view of a history entry. */
export function toFlagConfigurationVersionType(entry: FlagConfigVersion): FlagConfigurationVersionType {
  return Object.assign(new FlagConfigurationVersionType(), {
    version: entry.version,
    configuration: entry.config,
    changedBy: entry.actor ? `${entry.actor.type}:${entry.actor.id}` : null,
    createdAt: entry.createdAt,
  });
}
