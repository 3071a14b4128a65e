import { connectionType } from '@vexil/platform';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import type { Flag } from '../flags/flag.entity.js';
import type { HistoryEntry } from '../flags/flag.loaders.js';
import type { EnvironmentView } from './config-snapshot.js';
import type { FlagConfig } from './flag-config.entity.js';
import { FlagConfigurationType, toFlagConfigurationType } from './flag-config.type.js';

/** One version of a flag's configuration in an environment. */
@ObjectType('FlagConfigurationVersion', { description: 'A flag’s configuration as it was after one change.' })
export class FlagConfigurationVersionType {
  @Field(() => Int, { description: 'The version number.' })
  version!: number;

  @Field(() => GraphQLJSON, { description: 'The whole configuration at that version.' })
  configuration!: unknown;

  @Field(() => FlagConfigurationType, {
    description:
      'The configuration at that version as a `FlagConfiguration`, values read from the flag’s variations.',
  })
  snapshot!: FlagConfigurationType;

  @Field(() => String, {
    nullable: true,
    description: 'Who made the change, as `user:<id>`, `apiKey:<id>` or `system:<name>`.',
  })
  changedBy!: string | null;

  @Field(() => Date, { description: 'When.' })
  createdAt!: Date;
}

/** A page of a configuration history. */
export const FlagConfigurationVersionConnection = connectionType(
  'FlagConfigurationVersion',
  FlagConfigurationVersionType,
);

/** The GraphQL view of a history entry of a flag in an environment (`row`: its configuration). */
export function toFlagConfigurationVersionType(
  flag: Flag,
  environment: EnvironmentView,
  row: Pick<FlagConfig, 'id' | 'createdAt'>,
  entry: HistoryEntry,
): FlagConfigurationVersionType {
  return Object.assign(new FlagConfigurationVersionType(), {
    version: entry.version,
    configuration: entry.config,
    snapshot: toFlagConfigurationType({
      id: row.id,
      createdAt: row.createdAt,
      flag,
      environment,
      config: entry.config,
      version: entry.version,
      updatedAt: entry.createdAt,
    }),
    changedBy: entry.actor ? `${entry.actor.type}:${entry.actor.id}` : null,
    createdAt: entry.createdAt,
  });
}
