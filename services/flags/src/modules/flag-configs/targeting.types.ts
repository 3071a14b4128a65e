import type {
  BucketingScheme,
  Condition,
  Prerequisite,
  RolloutRemainder,
  Rule,
  RolloutSlice,
  Serve,
  Target,
  Variation,
} from '@vexil/evaluation';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, InputType, Int, ObjectType } from 'type-graphql';

// Each class below is both the GraphQL output type and its input type, and implements the engine's
// type, so the graph, its inputs and the evaluator cannot drift apart.

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
@InputType('RolloutSliceInput', { description: 'A share of a weighted rollout.' })
export class RolloutSliceType implements RolloutSlice {
  @Field(() => String, { description: 'The variation served to this share.' })
  variation!: string;

  @Field(() => Int, {
    description: 'Share in basis points (2500 = 25%); all slices add up to at most 10000.',
  })
  weight!: number;
}

/** What a rule or the default serves: one variation, or a weighted rollout. */
@ObjectType('Serve', { description: 'One variation, or a weighted rollout over variations.' })
@InputType('ServeInput', { description: 'Exactly one of `variation` or `rollout`.' })
export class ServeType {
  @Field(() => String, { nullable: true, description: 'The variation served to everyone.' })
  variation?: string | null;

  @Field(() => [RolloutSliceType], {
    nullable: true,
    description:
      'Weighted rollout over variations. On a rule, buckets past the sum of the weights fall through to the next rule; on the default serve, `remainder` says who takes them.',
  })
  rollout?: RolloutSliceType[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'Context attribute to bucket by (default: the flag’s).',
  })
  bucketBy?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Default serve only: who gets the buckets past the sum of the weights. `lastSlice` (default): the last slice; `offVariation`: the off variation, with reason DEFAULT.',
  })
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

  @Field(() => [GraphQLJSON], { description: 'Operands; for `in_segment`, segment keys.' })
  values!: unknown[];
}

/** A targeting rule. */
@ObjectType('Rule', { description: 'A targeting rule: when its conditions hold, it decides the serve.' })
@InputType('RuleInput', { description: 'A targeting rule.' })
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

/** The engine's serve from a GraphQL one (nulls dropped). */
export function toServe(serve: ServeType): Serve {
  if (serve.rollout)
    return {
      rollout: serve.rollout.map(({ variation, weight }) => ({ variation, weight })),
      ...(serve.bucketBy ? { bucketBy: serve.bucketBy } : {}),
      ...(serve.remainder ? { remainder: serve.remainder } : {}),
    };
  return { variation: serve.variation ?? '' };
}

/** The engine's rule from a GraphQL one. */
export function toRule(rule: RuleType): Rule {
  return {
    id: rule.id,
    match: rule.match,
    conditions: rule.conditions.map(({ attribute, operator, values }) => ({ attribute, operator, values })),
    serve: toServe(rule.serve),
    ...(rule.description ? { description: rule.description } : {}),
  };
}
