import { normalizeOperator } from '@vexil/evaluation';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { FlagsContext } from '../../context.js';
import { SegmentType, toSegmentType } from '../segments/segment.type.js';
import { RuleType } from './targeting.types.js';

/** A rule as `toFlagConfigurationType` gives it: with the project of its flag. */
type RuleInProject = RuleType & { projectId?: string };

@Resolver(() => RuleType)
export class RuleResolver {
  @FieldResolver(() => [SegmentType], {
    description:
      'The segments the rule’s `in_segment` conditions name, with their ids (Flagify’s rules name segments by id).',
  })
  async segments(@Root() rule: RuleInProject, @Ctx() { loaders }: FlagsContext) {
    if (!rule.projectId) return [];
    const keys = new Set(
      rule.conditions
        .filter((condition) => normalizeOperator(condition.operator) === 'in_segment')
        .flatMap((condition) => condition.values),
    );
    const segments = await loaders.segmentsByProject.load(rule.projectId);
    return segments.filter((segment) => keys.has(segment.key)).map(toSegmentType);
  }
}
