import { Arg, Args, Ctx, Field, ID, InputType, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { actorOf, connectionType, DomainError, LIMITS, PageArgs, paginate } from '@vexil/platform';
import type { IdentityContext } from '../../context.js';
import { requireUser } from '../access.js';
import { PinnedItem } from './pinned-item.entity.js';

@ObjectType('PinnedItem', { description: 'Something of a project you keep at hand in the console.' })
export class PinnedItemType {
  @Field(() => ID, { description: 'The pin.' })
  id!: string;

  @Field(() => ID, { description: 'The project.' })
  projectId!: string;

  @Field(() => String, { description: 'What kind of thing (`flag`, `segment`…).' })
  resourceType!: string;

  @Field(() => String, { description: 'Which one (its id or key).' })
  resourceId!: string;

  @Field(() => Date, { description: 'When it was pinned.' })
  createdAt!: Date;
}

const PinnedItemConnection = connectionType('PinnedItem', PinnedItemType);

@InputType({ description: 'What to pin.' })
export class PinItemInput {
  @Field(() => ID, { description: 'The project.' })
  projectId!: string;

  @Field(() => String, { description: 'What kind of thing (`flag`, `segment`…).' })
  resourceType!: string;

  @Field(() => String, { description: 'Which one (its id or key).' })
  resourceId!: string;
}

const toType = ({ id, projectId, resourceType, resourceId, createdAt }: PinnedItem): PinnedItemType => ({
  id,
  projectId,
  resourceType,
  resourceId,
  createdAt,
});

/** A user's pins, per project: each user sees and changes only their own. */
@Resolver()
export class PinnedItemsResolver {
  @Query(() => PinnedItemConnection, { description: 'What you pinned in a project, newest first.' })
  async pinnedItems(
    @Arg('projectId', () => ID, { description: 'The project.' }) projectId: string,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { em, principal }: IdentityContext,
  ) {
    const caller = requireUser(principal);
    const items = await em.find(
      PinnedItem,
      { userId: caller.userId, organizationId: caller.organizationId, projectId },
      { orderBy: { createdAt: 'desc', id: 'asc' } },
    );
    return paginate(items.map(toType), page);
  }

  @Mutation(() => PinnedItemType, {
    description: 'Pins something of a project; pinning it again changes nothing.',
  })
  async pinItem(
    @Arg('input', () => PinItemInput, { description: 'What to pin.' }) input: PinItemInput,
    @Ctx() { em, runtime, principal }: IdentityContext,
  ): Promise<PinnedItemType> {
    const caller = requireUser(principal);
    for (const field of ['resourceType', 'resourceId'] as const)
      if (!input[field].trim() || input[field].length > LIMITS.nameLength)
        throw DomainError.validation({ [field]: [`is required (at most ${LIMITS.nameLength} characters)`] });
    return runtime.relay.transaction(em, async (tx) => {
      const key = {
        userId: caller.userId,
        projectId: input.projectId,
        resourceType: input.resourceType,
        resourceId: input.resourceId,
      };
      const pinned = await tx.findOne(PinnedItem, key);
      if (pinned) return toType(pinned);
      const item = tx.create(PinnedItem, { ...key, organizationId: caller.organizationId });
      runtime.relay.record(tx, {
        type: 'pin.created',
        organizationId: caller.organizationId,
        aggregateId: item.id,
        actor: actorOf(caller),
        payload: { projectId: input.projectId, after: toType(item) },
      });
      return toType(item);
    });
  }

  @Mutation(() => Boolean, { description: 'Takes a pin of yours away.' })
  async unpinItem(
    @Arg('id', () => ID, { description: 'The pin.' }) id: string,
    @Ctx() { em, runtime, principal }: IdentityContext,
  ): Promise<boolean> {
    const caller = requireUser(principal);
    return runtime.relay.transaction(em, async (tx) => {
      const item = await tx.findOne(PinnedItem, { id, userId: caller.userId });
      if (!item) throw new DomainError('NOT_FOUND', 'pinned item not found');
      tx.remove(item);
      runtime.relay.record(tx, {
        type: 'pin.deleted',
        organizationId: caller.organizationId,
        aggregateId: item.id,
        actor: actorOf(caller),
        payload: { projectId: item.projectId, before: toType(item) },
      });
      return true;
    });
  }
}
