import { segmentMatch, type EvaluationContext } from '@vexil/evaluation';
import { GraphQLJSON } from 'graphql-scalars';
import { Arg, Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { checkEvaluationContext, DomainError } from '@vexil/platform';
import type { FlagsContext } from '../../context.js';
import { engineSegments } from '../evaluation/ruleset.js';
import { ProjectType } from '../projects/project.type.js';

@ObjectType('SegmentMatch', { description: 'Whether a context is in a segment, and by how many conditions.' })
export class SegmentMatchType {
  @Field(() => String, { description: 'The segment.' })
  segmentKey!: string;

  @Field(() => Boolean, { description: 'Whether the context is in it, as flag evaluation decides.' })
  matched!: boolean;

  @Field(() => Int, { description: 'Conditions of the segment the context meets.' })
  conditionsMet!: number;

  @Field(() => Int, { description: 'Conditions the segment has.' })
  conditions!: number;
}

/** A segment tried against a context with the engine's own matcher. */
@Resolver(() => ProjectType)
export class SegmentMatchResolver {
  @FieldResolver(() => SegmentMatchType, {
    description: 'Whether a context `{ key, ...attributes }` is in one of the project’s segments (by key).',
  })
  async segmentMatch(
    @Root() project: ProjectType,
    @Arg('key', () => String, { description: 'The segment’s key.' }) key: string,
    @Arg('context', () => GraphQLJSON, { description: 'The context: `{ key, ...attributes }`.' })
    context: unknown,
    @Ctx() { loaders }: FlagsContext,
  ): Promise<SegmentMatchType> {
    if (context === null || typeof context !== 'object' || Array.isArray(context))
      throw DomainError.validation({ context: ['must be an object'] });
    checkEvaluationContext(context as Record<string, unknown>);
    const segments = await loaders.segmentsByProject.load(project.id);
    if (!segments.some((segment) => segment.key === key))
      throw new DomainError('NOT_FOUND', 'segment not found');
    const match = segmentMatch(engineSegments(segments), key, context as EvaluationContext, new Date());
    return { segmentKey: key, ...match };
  }
}
