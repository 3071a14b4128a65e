import { connectionType } from '@vexil/platform';
import { GraphQLJSON } from 'graphql-scalars';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { defaultsOf } from '../flag-configs/config-snapshot.js';
import { VariationType } from '../flag-configs/targeting.types.js';
import type { Flag } from './flag.entity.js';

/** A flag's defaults, with their values. */
@ObjectType('FlagDefaults', {
  description:
    'What every environment serves when on (nothing else deciding) and while off, until configured otherwise; new environments start with these.',
})
export class FlagDefaultsType {
  @Field(() => String, { description: 'The variation served when on.' })
  onVariation!: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Its value.' })
  onValue!: unknown;

  @Field(() => String, { description: 'The variation served while off.' })
  offVariation!: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Its value.' })
  offValue!: unknown;
}

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

  @Field(() => Date, { nullable: true, description: 'When the flag is meant to be removed.' })
  expiresAt!: Date | null;

  @Field(() => String, { description: '`active`, `paused`, `rolled_out` or `deprecated`.' })
  status!: string;

  @Field(() => Boolean, { description: 'Archived flags are hidden from lists and SDKs but can be restored.' })
  archived!: boolean;

  @Field(() => Date, { nullable: true, description: 'When the flag was archived; null while live.' })
  archivedAt!: Date | null;

  @Field(() => FlagDefaultsType, { description: 'What environments serve until configured otherwise.' })
  defaults!: FlagDefaultsType;

  @Field(() => Date, { description: 'When the flag was created.' })
  createdAt!: Date;

  @Field(() => Date, { description: 'When the flag last changed.' })
  updatedAt!: Date;

  projectId!: string;
}

/** A page of flags. */
export const FlagConnection = connectionType('Flag', FlagType);

/** A flag's defaults with their values. */
function defaultsView(flag: Flag): FlagDefaultsType {
  const { on, off } = defaultsOf(flag);
  const valueOf = (key: string) => flag.variations.find((variation) => variation.key === key)?.value ?? null;
  return { onVariation: on, onValue: valueOf(on), offVariation: off, offValue: valueOf(off) };
}

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
    expiresAt: flag.expiresAt,
    status: flag.status,
    archived: flag.archivedAt !== null,
    archivedAt: flag.archivedAt,
    defaults: defaultsView(flag),
    createdAt: flag.createdAt,
    updatedAt: flag.updatedAt,
    projectId: flag.projectId,
  });
}
