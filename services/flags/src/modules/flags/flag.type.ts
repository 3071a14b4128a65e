import { connectionType } from '@vexil/platform';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { VariationType } from '../flag-configs/targeting.types.js';
import type { Flag } from './flag.entity.js';

/** A feature flag. */
@Directive('@key(fields: "id")')
@ObjectType('Flag', {
  description: 'A feature flag: key, type and typed variations; configured per environment.',
})
export class FlagType {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: string;

  @Field(() => String, { description: 'Key, unique within the project; what SDKs ask for.' })
  key!: string;

  @Field(() => String, { description: 'Display name.' })
  name!: string;

  @Field(() => String, { description: 'What the flag is for.' })
  description!: string;

  @Field(() => String, { description: '`boolean`, `string`, `number` or `json`.' })
  type!: string;

  @Field(() => [VariationType], { description: 'The values it can serve; a boolean flag has exactly two.' })
  variations!: VariationType[];

  @Field(() => [String], { description: 'Free-form labels.' })
  tags!: string[];

  @Field(() => String, { nullable: true, description: 'Who is responsible for the flag.' })
  owner!: string | null;

  @Field(() => String, { description: '`active`, `paused`, `rolled_out` or `deprecated`.' })
  status!: string;

  @Field(() => Boolean, { description: 'Archived flags are hidden from lists and SDKs but can be restored.' })
  archived!: boolean;

  @Field(() => Date, { description: 'When the flag was created.' })
  createdAt!: Date;

  @Field(() => Date, { description: 'When the flag last changed.' })
  updatedAt!: Date;

  projectId!: string;
}

/** A page of flags. */
export const FlagConnection = connectionType('Flag', FlagType);

/** The GraphQL view of a flag entity. */
export function toFlagType(flag: Flag): FlagType {
  return Object.assign(new FlagType(), {
    id: flag.id,
    key: flag.key,
    name: flag.name,
    description: flag.description,
    type: flag.type,
    variations: flag.variations,
    tags: flag.tags,
    owner: flag.owner,
    status: flag.status,
    archived: flag.archivedAt !== null,
    createdAt: flag.createdAt,
    updatedAt: flag.updatedAt,
    projectId: flag.projectId,
  });
}
