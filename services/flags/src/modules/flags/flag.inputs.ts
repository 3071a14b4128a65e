import { GraphQLJSON } from 'graphql-scalars';
import { Field, InputType } from 'type-graphql';
import { BucketingType, VariationType } from '../flag-configs/targeting.types.js';

/**
 * A flag's defaults as written (decision 10: by key or by value). Flagify's flags have a `defaultValue`
 * and an `offValue` of their own (routes.md §4.3); in Vexil they are what every environment serves
 * until configured otherwise.
 */
@InputType('FlagDefaultsInput', {
  description:
    'What every environment serves when on (nothing else deciding) and while off, until configured otherwise; by key or by value.',
})
export class FlagDefaultsInput {
  @Field(() => String, { nullable: true, description: 'The variation served when on, by key.' })
  onVariation?: string | null;

  @Field(() => GraphQLJSON, {
    nullable: true,
    description:
      'The value served when on, instead of `onVariation`: its variation, created if the flag has none.',
  })
  onValue?: unknown;

  @Field(() => String, { nullable: true, description: 'The variation served while off, by key.' })
  offVariation?: string | null;

  @Field(() => GraphQLJSON, {
    nullable: true,
    description: 'The value served while off, instead of `offVariation`.',
  })
  offValue?: unknown;
}

/** A new flag. */
@InputType({ description: 'A new flag.' })
export class CreateFlagInput {
  @Field(() => String, {
    nullable: true,
    description:
      'Key, unique within the project: letters, digits, `.`, `_`, `-` (default: made from the name).',
  })
  key?: string | null;

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

  @Field(() => FlagDefaultsInput, {
    nullable: true,
    description: 'What every environment serves on and off until configured otherwise.',
  })
  defaults?: FlagDefaultsInput | null;

  @Field(() => [String], { nullable: true, description: 'Free-form labels.' })
  tags?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Who is responsible for the flag.' })
  owner?: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the flag is meant to be removed; past it, insights call it stale.',
  })
  expiresAt?: Date | null;

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

  @Field(() => Date, {
    nullable: true,
    description: 'When the flag is meant to be removed; past it, insights call it stale.',
  })
  expiresAt?: Date | null;

  @Field(() => String, { nullable: true, description: '`active`, `paused`, `rolled_out` or `deprecated`.' })
  status?: string | null;

  @Field(() => FlagDefaultsInput, {
    nullable: true,
    description:
      'New defaults. Environments follow where they served the previous ones: their default serve and rollout slices, and their off variation.',
  })
  defaults?: FlagDefaultsInput | null;
}

/** A copy of a flag under a new key. */
@InputType({ description: 'A copy of a flag under a new key, configured as the original everywhere.' })
export class CloneFlagInput {
  @Field(() => String, { description: 'The new key, unique within the project.' })
  key!: string;

  @Field(() => String, { nullable: true, description: 'Display name (default: the new key).' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'What the copy is for (default: the original’s).' })
  description?: string | null;
}
