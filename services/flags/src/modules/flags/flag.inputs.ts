import { GraphQLJSON } from 'graphql-scalars';
import { Field, InputType } from 'type-graphql';
import { BucketingType, VariationType } from '../flag-configs/targeting.types.js';

/** A new flag. */
@InputType({ description: 'A new flag.' })
export class CreateFlagInput {
  @Field(() => String, { description: 'Key, unique within the project: letters, digits, `.`, `_`, `-`.' })
  key!: string;

  @Field(() => String, { nullable: true, description: 'Display name (default: the key).' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'What the flag is for.' })
  description?: string | null;

  @Field(() => String, { description: '`boolean`, `string`, `number` or `json`.' })
  type!: string;

  @Field(() => [VariationType], {
    nullable: true,
    description: 'The values it can serve. Default for boolean flags: `on` = true, `off` = false.',
  })
  variations?: VariationType[] | null;

  @Field(() => [GraphQLJSON], {
    nullable: true,
    description:
      'The values it can serve, instead of `variations`, for clients that think in values: each becomes a variation with a key made from it.',
  })
  values?: unknown[] | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The variation served while the flag is off, by key: a boolean flag’s must be its `false` one; any other becomes the first variation, which every environment serves until configured otherwise.',
  })
  offVariation?: string | null;

  @Field(() => [String], { nullable: true, description: 'Free-form labels.' })
  tags?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Who is responsible for the flag.' })
  owner?: string | null;

  @Field(() => BucketingType, {
    nullable: true,
    description:
      'How its configurations bucket until one is configured otherwise (default: `vexil`); a flag made for another product’s SDK takes that product’s scheme, so its rollouts split users as the SDK does.',
  })
  bucketing?: BucketingType | null;
}

/** Changes to a flag's own fields; omitted fields stay as they are. */
@InputType({ description: 'Changes to a flag; omitted fields stay as they are.' })
export class UpdateFlagInput {
  @Field(() => String, { nullable: true, description: 'Display name.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'What the flag is for.' })
  description?: string | null;

  @Field(() => [VariationType], {
    nullable: true,
    description: 'Replaces the variations; keys in use must stay.',
  })
  variations?: VariationType[] | null;

  @Field(() => [String], { nullable: true, description: 'Free-form labels.' })
  tags?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Who is responsible for the flag.' })
  owner?: string | null;

  @Field(() => String, { nullable: true, description: '`active`, `paused`, `rolled_out` or `deprecated`.' })
  status?: string | null;
}
