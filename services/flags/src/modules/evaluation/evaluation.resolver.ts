import { evaluate, type EvaluationContext } from '@vexil/evaluation';
import { DomainError, organizationOf } from '@vexil/platform';
import { GraphQLJSON } from 'graphql-scalars';
import { Arg, Ctx, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import type { FlagsContext } from '../../context.js';
import { FlagConfig } from '../flag-configs/flag-config.entity.js';
import { Environment } from '../environments/environment.entity.js';
import { buildRuleset } from './ruleset.js';

/** The answer for one flag and one context. */
@ObjectType('FlagEvaluation', { description: 'The value a flag serves one context, and why.' })
export class FlagEvaluationType {
  @Field(() => String, { description: 'The flag.' })
  flagKey!: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The value served (null on error).' })
  value!: unknown;

  @Field(() => String, { nullable: true, description: 'Key of the variation served.' })
  variation!: string | null;

  @Field(() => String, {
    description: 'DISABLED, TARGETING_MATCH, SPLIT, DEFAULT, PREREQUISITE_FAILED or ERROR.',
  })
  reason!: string;

  @Field(() => String, { nullable: true, description: 'The rule that decided, if one did.' })
  ruleId?: string;

  @Field(() => String, { nullable: true, description: 'Why evaluation failed, e.g. FLAG_NOT_FOUND.' })
  errorCode?: string;

  @Field(() => String, { nullable: true, description: 'A readable explanation of the error.' })
  errorMessage?: string;
}

@Resolver()
export class EvaluationResolver {
  @Query(() => [FlagEvaluationType], {
    description:
      'Evaluates flags of an environment for a context `{ key, ...attributes }` (all unarchived flags if `flagKeys` is omitted).',
  })
  async evaluate(
    @Arg('environmentId', () => ID) environmentId: string,
    @Arg('context', () => GraphQLJSON) context: unknown,
    @Arg('flagKeys', () => [String], { nullable: true }) flagKeys: string[] | null,
    @Ctx() { principal, em, loaders }: FlagsContext,
  ): Promise<FlagEvaluationType[]> {
    const organizationId = organizationOf(principal);
    if (!organizationId) throw new DomainError('UNAUTHENTICATED');
    if (principal.kind === 'apiKey' && principal.environmentId !== environmentId)
      throw new DomainError('ENVIRONMENT_NOT_FOUND');
    const environment = await em.findOne(Environment, { id: environmentId, organizationId });
    if (!environment) throw new DomainError('ENVIRONMENT_NOT_FOUND');
    if (
      context === null ||
      typeof context !== 'object' ||
      Array.isArray(context) ||
      typeof (context as { key?: unknown }).key !== 'string'
    ) {
      throw DomainError.validation({ context: ['must be an object with a string `key`'] });
    }
    const [flags, segments, configs] = await Promise.all([
      loaders.flagsByProject.load(environment.projectId),
      loaders.segmentsByProject.load(environment.projectId),
      em.find(FlagConfig, { environmentId }),
    ]);
    const ruleset = buildRuleset(flags, new Map(configs.map((config) => [config.flagId, config])), segments);
    const now = new Date();
    const keys = flagKeys ?? Object.keys(ruleset.flags);
    return keys.map((key) =>
      Object.assign(new FlagEvaluationType(), evaluate(ruleset, key, context as EvaluationContext, { now })),
    );
  }
}
