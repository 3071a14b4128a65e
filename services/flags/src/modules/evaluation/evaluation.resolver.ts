import { evaluate, type EvaluationContext } from '@vexil/evaluation';
import { checkEvaluationContext, DomainError, organizationOf } from '@vexil/platform';
import { GraphQLJSON } from 'graphql-scalars';
import { Arg, Ctx, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import type { FlagsContext } from '../../context.js';
import { Environment } from '../environments/environment.entity.js';
import { configured } from '../flag-configs/config-snapshot.js';
import { FlagConfigurationType, toFlagConfigurationType } from '../flag-configs/flag-config.type.js';
import { loadEnvironmentRuleset } from './environment-ruleset.js';

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

/** What SDK listings show of a flag that evaluation does not need (Flagify's `/eval/flags`). */
@ObjectType('RulesetFlagDetails', { description: 'Gateway only: a flag’s descriptive fields.' })
export class RulesetFlagDetailsType {
  @Field(() => String, { description: 'The flag’s key.' })
  key!: string;

  @Field(() => String, { description: 'Its name.' })
  name!: string;

  @Field(() => String, { description: 'Its description (empty when none).' })
  description!: string;

  @Field(() => Date, { description: 'When the flag was created.' })
  createdAt!: Date;

  @Field(() => Date, { description: 'When the flag last changed.' })
  updatedAt!: Date;

  @Field(() => FlagConfigurationType, {
    description: 'Its configuration here, with the values it serves, for SDK listings that show them.',
  })
  configuration!: FlagConfigurationType;
}

/** An environment's whole ruleset, for evaluating without asking again (the gateway's SDK path). */
@ObjectType('EnvironmentRuleset', { description: 'Gateway only: an environment’s ruleset snapshot.' })
export class EnvironmentRulesetType {
  @Field(() => ID, { description: 'The environment.' })
  environmentId!: string;

  @Field(() => String, { description: 'The environment’s key.' })
  environmentKey!: string;

  @Field(() => ID, { description: 'Its project.' })
  projectId!: string;

  @Field(() => ID, { description: 'Its organization.' })
  organizationId!: string;

  @Field(() => GraphQLJSON, { description: 'The `@vexil/evaluation` Ruleset.' })
  ruleset!: unknown;

  @Field(() => [RulesetFlagDetailsType], { description: 'Name, description and timestamps of its flags.' })
  flags!: RulesetFlagDetailsType[];
}

@Resolver()
export class EvaluationResolver {
  @Query(() => EnvironmentRulesetType, {
    nullable: true,
    description: 'Gateway only: the ruleset snapshot of an environment, for in-memory SDK evaluation.',
  })
  async _environmentRuleset(
    @Arg('environmentId', () => ID) environmentId: string,
    @Ctx() { principal, em, loaders }: FlagsContext,
  ): Promise<EnvironmentRulesetType | null> {
    if (principal.kind !== 'system') throw new DomainError('INSUFFICIENT_PERMISSIONS');
    const environment = await em.findOne(Environment, { id: environmentId });
    if (!environment) return null;
    // The loader already holds these flags: the ruleset is built from the same list.
    const flags = (await loaders.flagsByProject.load(environment.projectId)).filter(
      (flag) => !flag.archivedAt,
    );
    const rows = await loaders.configByFlagEnvironment.loadMany(
      flags.map((flag) => `${flag.id}:${environment.id}`),
    );
    return Object.assign(new EnvironmentRulesetType(), {
      environmentId: environment.id,
      environmentKey: environment.key,
      projectId: environment.projectId,
      organizationId: environment.organizationId,
      ruleset: await loadEnvironmentRuleset({ em, loaders }, environment),
      flags: flags.map((flag, index) => {
        const row = rows[index];
        if (row instanceof Error) throw row;
        return {
          ...flag,
          configuration: toFlagConfigurationType(configured(flag, environment, row ?? null)),
        };
      }),
    });
  }

  @Query(() => [FlagEvaluationType], {
    description:
      'Evaluates flags of an environment for a context `{ key, ...attributes }` (all unarchived flags if `flagKeys` is omitted).',
  })
  async evaluate(
    @Arg('environmentId', () => ID) environmentId: string,
    @Arg('context', () => GraphQLJSON) context: unknown,
    @Arg('flagKeys', () => [String], { nullable: true }) flagKeys: string[] | null,
    @Ctx() ctx: FlagsContext,
  ): Promise<FlagEvaluationType[]> {
    return evaluateEnvironment(ctx, environmentId, context, flagKeys);
  }
}

/**
 * Evaluates flags of an environment the caller may see for a context: the `evaluate` query and the
 * `evaluationsChanged` subscription answer from here.
 */
export async function evaluateEnvironment(
  { principal, em, loaders }: Pick<FlagsContext, 'principal' | 'em' | 'loaders'>,
  environmentId: string,
  context: unknown,
  flagKeys: string[] | null,
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
  checkEvaluationContext(context as Record<string, unknown>);
  const ruleset = await loadEnvironmentRuleset({ em, loaders }, environment);
  const now = new Date();
  const keys = flagKeys ?? Object.keys(ruleset.flags);
  return keys.map((key) =>
    Object.assign(new FlagEvaluationType(), evaluate(ruleset, key, context as EvaluationContext, { now })),
  );
}
