import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { paginate, PageArgs } from '@vexil/platform';
import type { FlagsContext } from '../../context.js';
import { writerOf } from '../access.js';
import { ProjectType } from '../projects/project.type.js';
import { SegmentInput } from './segment.inputs.js';
import { SegmentConnection, SegmentType, toSegmentType } from './segment.type.js';

@Resolver(() => SegmentType)
export class SegmentResolver {
  @Mutation(() => SegmentType, { description: 'Creates a segment in a project.' })
  async createSegment(
    @Arg('projectId', () => ID) projectId: string,
    @Arg('input', () => SegmentInput) input: SegmentInput,
    @Ctx() { principal, segments }: FlagsContext,
  ): Promise<SegmentType> {
    return toSegmentType(await segments.create(writerOf(principal), projectId, input));
  }

  @Mutation(() => SegmentType, { description: 'Changes a segment; omitted fields stay.' })
  async updateSegment(
    @Arg('projectId', () => ID) projectId: string,
    @Arg('key', () => String) key: string,
    @Arg('input', () => SegmentInput) input: SegmentInput,
    @Ctx() { principal, segments }: FlagsContext,
  ): Promise<SegmentType> {
    return toSegmentType(await segments.update(writerOf(principal), projectId, key, input));
  }

  @Mutation(() => SegmentType, {
    description: 'Deletes a segment no rule uses, by id or by project and key.',
  })
  async deleteSegment(
    @Arg('projectId', () => ID, { nullable: true, description: 'The project of the segment named by `key`.' })
    projectId: string | null,
    @Arg('key', () => String, { nullable: true, description: 'The segment, by key in `projectId`.' })
    key: string | null,
    @Arg('id', () => ID, {
      nullable: true,
      description: 'The segment, by id (instead of `projectId` and `key`).',
    })
    id: string | null,
    @Ctx() { principal, segments }: FlagsContext,
  ): Promise<SegmentType> {
    return toSegmentType(await segments.delete(writerOf(principal), { projectId, key, id }));
  }
}

@Resolver(() => ProjectType)
export class ProjectSegmentsResolver {
  @FieldResolver(() => SegmentConnection, { description: 'The project’s segments, by key.' })
  async segments(
    @Root() project: ProjectType,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { loaders }: FlagsContext,
  ) {
    return paginate((await loaders.segmentsByProject.load(project.id)).map(toSegmentType), page);
  }

  @FieldResolver(() => SegmentType, { nullable: true, description: 'One segment of the project, by key.' })
  async segment(
    @Root() project: ProjectType,
    @Arg('key', () => String, { description: 'The segment’s key.' }) key: string,
    @Ctx() { loaders }: FlagsContext,
  ) {
    const segment = (await loaders.segmentsByProject.load(project.id)).find((s) => s.key === key);
    return segment ? toSegmentType(segment) : null;
  }
}
