import { Arg, Ctx, Field, ID, InputType, Mutation, ObjectType, Resolver } from 'type-graphql';
import { actorOf, DomainError, LIMITS } from '@vexil/platform';
import type { IdentityContext } from '../../context.js';
import { requireUser } from '../access.js';
import { Feedback } from './feedback.entity.js';

/** Longest feedback message kept, in characters. */
const MESSAGE_LENGTH = 5_000;

@InputType({ description: 'Feedback for the operators of this install.' })
export class SubmitFeedbackInput {
  @Field(() => String, { description: 'What you want to say.' })
  message!: string;

  @Field(() => String, { nullable: true, description: 'What kind (`bug`, `idea`…).' })
  type?: string | null;

  @Field(() => String, { nullable: true, description: 'How you feel about it.' })
  sentiment?: string | null;

  @Field(() => String, { nullable: true, description: 'The console page you were on.' })
  page?: string | null;
}

@ObjectType('FeedbackReceipt', { description: 'Feedback kept.' })
export class FeedbackReceipt {
  @Field(() => ID, { description: 'The feedback.' })
  id!: string;

  @Field(() => Date, { description: 'When it was received.' })
  receivedAt!: Date;
}

@Resolver()
export class FeedbackResolver {
  @Mutation(() => FeedbackReceipt, {
    description: 'Sends feedback to the operators of this install; it is kept and shows in the audit log.',
  })
  async submitFeedback(
    @Arg('input', () => SubmitFeedbackInput, { description: 'The feedback.' }) input: SubmitFeedbackInput,
    @Ctx() { em, runtime, principal }: IdentityContext,
  ): Promise<FeedbackReceipt> {
    const caller = requireUser(principal);
    const message = input.message.trim();
    if (!message || message.length > MESSAGE_LENGTH)
      throw DomainError.validation({ message: [`is required (at most ${MESSAGE_LENGTH} characters)`] });
    for (const field of ['type', 'sentiment', 'page'] as const)
      if ((input[field]?.length ?? 0) > LIMITS.nameLength)
        throw DomainError.validation({ [field]: [`must be at most ${LIMITS.nameLength} characters`] });
    return runtime.relay.transaction(em, async (tx) => {
      const feedback = tx.create(Feedback, {
        organizationId: caller.organizationId,
        userId: caller.userId,
        message,
        type: input.type ?? '',
        sentiment: input.sentiment ?? '',
        page: input.page ?? '',
      });
      runtime.relay.record(tx, {
        type: 'feedback.submitted',
        organizationId: caller.organizationId,
        aggregateId: feedback.id,
        actor: actorOf(caller),
        payload: { type: feedback.type, sentiment: feedback.sentiment, page: feedback.page, message },
      });
      return { id: feedback.id, receivedAt: feedback.createdAt };
    });
  }
}
