import type {
  BucketingScheme,
  Condition,
  Prerequisite,
  RolloutRemainder,
  RolloutSlice,
  Target,
  Variation,
} from '@vexil/evaluation';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';

// Most classes below are both the GraphQL output type and its input type, and implement the engine's
// type, so the graph, its inputs and the evaluator cannot drift apart. Serves have their own inputs:
// they may name a variation by its value, which the flags subgraph turns into a key (served-values.ts).

/** One value a flag can serve. */
@ObjectType('Variation', { description: 'One value a flag can serve.' })
@InputType('VariationInput', { description: 'One value a flag can serve.' })
export class VariationType implements Variation {
  @Field(() => String, { description: 'Key, unique within the flag (e.g. `on`, `treatment`).' })
  key!: string;

  @Field(() => GraphQLJSON, { description: 'The value, of the flag’s type.' })
  value!: unknown;

  @Field(() => String, { nullable: true, description: 'Display name.' })
  name?: string;
}

/** A share of a weighted rollout. */
@ObjectType('RolloutSlice', { description: 'A share of a weighted rollout.' })
export class RolloutSliceType implements RolloutSlice {
  @Field(() => String, { description: 'The variation served to this share.' })
  variation!: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The value of that variation.' })
  value?: unknown;

  @Field(() => Int, {
    description: 'Share in basis points (2500 = 25%); all slices add up to at most 10000.',
  })
  weight!: number;
}

const BY_VALUE =
  'The value served, instead of `variation`: the flag’s variation with this value (the same JSON text), created if it has none. With `variation` too, that key is created with this value or must already hold it.';

const FLAG_DEFAULT =
  'True: the flag’s default variation when on (`Flag.defaults.onVariation`), instead of naming one.';

/** A share of a weighted rollout, naming its variation by key or by value. */
@InputType('RolloutSliceInput', {
  description: 'A share of a weighted rollout: `variation`, `value` or both.',
})
export class RolloutSliceInput {
  @Field(() => String, { nullable: true, description: 'The variation served to this share.' })
  variation?: string | null;

  @Field(() => GraphQLJSON, { nullable: true, description: BY_VALUE })
  value?: unknown;

  @Field(() => Boolean, { nullable: true, description: FLAG_DEFAULT })
  flagDefault?: boolean | null;

  @Field(() => Int, {
    description: 'Share in basis points (2500 = 25%); all slices add up to at most 10000.',
  })
  weight!: number;
}

const ROLLOUT =
  'Weighted rollout over variations. On a rule, buckets past the sum of the weights fall through to the next rule; on the default serve, `remainder` says who takes them.';
const BUCKET_BY = 'Context attribute to bucket by (default: the flag’s).';
const REMAINDER =
  'Default serve only: who gets the buckets past the sum of the weights. `lastSlice` (default): the last slice; `offVariation`: the off variation, with reason DEFAULT.';

/** A serve as one variation given to a share of contexts. */
@ObjectType('Share', {
  description:
    'A serve as one variation given to a percentage of contexts, as products that serve one value describe rollouts; the rest get the off variation (default serve) or fall through to the next rule.',
})
export class ShareType {
  @Field(() => String, { description: 'The variation served to the share.' })
  variation!: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Its value.' })
  value?: unknown;

  @Field(() => Float, { nullable: true, description: 'Percent of contexts (0–100); null: all of them.' })
  percentage!: number | null;
}

/** What a rule or the default serves: one variation, or a weighted rollout. */
@ObjectType('Serve', { description: 'One variation, or a weighted rollout over variations.' })
export class ServeType {
  @Field(() => String, { nullable: true, description: 'The variation served to everyone.' })
  variation?: string | null;

  @Field(() => GraphQLJSON, {
    nullable: true,
    description: 'The value of `variation` (null for a rollout: its slices carry theirs).',
  })
  value?: unknown;

  @Field(() => [RolloutSliceType], { nullable: true, description: ROLLOUT })
  rollout?: RolloutSliceType[] | null;

  @Field(() => String, { nullable: true, description: BUCKET_BY })
  bucketBy?: string | null;

  @Field(() => String, { nullable: true, description: REMAINDER })
  remainder?: RolloutRemainder | null;

  @Field(() => ShareType, {
    nullable: true,
    description:
      'This serve as one variation to a percentage of contexts; null when it splits them over several.',
  })
  share?: ShareType | null;
}

/** What a rule or the default serves, naming variations by key or by value. */
@InputType('ServeInput', {
  description: 'Exactly one of `variation` (and/or `value`) or `rollout`.',
})
export class ServeInput {
  @Field(() => String, { nullable: true, description: 'The variation served to everyone.' })
  variation?: string | null;

  @Field(() => GraphQLJSON, { nullable: true, description: BY_VALUE })
  value?: unknown;

  @Field(() => Boolean, { nullable: true, description: FLAG_DEFAULT })
  flagDefault?: boolean | null;

  @Field(() => [RolloutSliceInput], { nullable: true, description: ROLLOUT })
  rollout?: RolloutSliceInput[] | null;

  @Field(() => String, { nullable: true, description: BUCKET_BY })
  bucketBy?: string | null;

  @Field(() => String, { nullable: true, description: REMAINDER })
  remainder?: RolloutRemainder | null;
}

/** A test on one context attribute. */
@ObjectType('Condition', { description: 'A test on one context attribute.' })
@InputType('ConditionInput', { description: 'A test on one context attribute.' })
export class ConditionType implements Condition {
  @Field(() => String, { description: 'Attribute name; `key` is the context key; dots reach nested values.' })
  attribute!: string;

  @Field(() => String, { description: 'Operator, e.g. `equals`, `in`, `semver_gte`, `in_segment`.' })
  operator!: string;

  @Field(() => [GraphQLJSON], {
    description: 'Operands; for `in_segment`, segment keys (a rule may name them by id when written).',
  })
  values!: unknown[];
}

/** A targeting rule. */
@ObjectType('Rule', { description: 'A targeting rule: when its conditions hold, it decides the serve.' })
export class RuleType {
  @Field(() => String, { description: 'Stable id, reported as the result’s rule.' })
  id!: string;

  @Field(() => String, { description: '`all` or `any` of the conditions.' })
  match!: 'all' | 'any';

  @Field(() => [ConditionType], { description: 'Conditions; none matches everyone.' })
  conditions!: ConditionType[];

  @Field(() => ServeType, { description: 'What the rule serves.' })
  serve!: ServeType;

  @Field(() => String, { nullable: true, description: 'What the rule is for.' })
  description?: string | null;
}

/** A targeting rule as written. */
@InputType('RuleInput', { description: 'A targeting rule.' })
export class RuleInput {
  @Field(() => String, {
    nullable: true,
    description: 'Stable id, reported as the result’s rule; a new one when omitted.',
  })
  id?: string | null;

  @Field(() => String, { description: '`all` or `any` of the conditions.' })
  match!: 'all' | 'any';

  @Field(() => [ConditionType], { description: 'Conditions; none matches everyone.' })
  conditions!: ConditionType[];

  @Field(() => ServeInput, { description: 'What the rule serves.' })
  serve!: ServeInput;

  @Field(() => String, { nullable: true, description: 'What the rule is for.' })
  description?: string | null;
}

/** Context keys served one variation, before any rule. */
@ObjectType('Target', { description: 'Context keys served one variation before any rule.' })
@InputType('TargetInput', { description: 'Context keys served one variation before any rule.' })
export class TargetType implements Target {
  @Field(() => String, { description: 'The variation served.' })
  variation!: string;

  @Field(() => [String], { description: 'Context keys.' })
  values!: string[];
}

/** Another flag that must serve a given variation for this one to be evaluated. */
@ObjectType('Prerequisite', { description: 'A flag that must serve a variation first.' })
@InputType('PrerequisiteInput', { description: 'A flag that must serve a variation first.' })
export class PrerequisiteType implements Prerequisite {
  @Field(() => String, { description: 'Key of the prerequisite flag in the same project.' })
  flagKey!: string;

  @Field(() => String, { description: 'The variation it must serve.' })
  variation!: string;
}

/** How users are assigned to rollout buckets. */
@ObjectType('Bucketing', { description: 'How users are assigned to rollout buckets.' })
@InputType('BucketingInput', { description: 'How users are assigned to rollout buckets.' })
export class BucketingType {
  @Field(() => String, { description: '`vexil` (default), `featuresignals`, `featureflags` or `flagify`.' })
  scheme!: BucketingScheme;

  @Field(() => String, { nullable: true, description: 'Context attribute to bucket by (default: the key).' })
  attribute?: string | null;

  @Field(() => String, { nullable: true, description: 'Salt of the hash, where the scheme has one.' })
  seed?: string | null;
}
