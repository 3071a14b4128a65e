import { Field, InputType, ObjectType } from 'type-graphql';
import type { Onboarding } from './onboarding.entity.js';

@ObjectType('Onboarding', { description: 'An organization’s first steps and whether they are done.' })
export class OnboardingType {
  @Field(() => Boolean, { description: 'A plan was chosen.' })
  planSelected!: boolean;

  @Field(() => Boolean, { description: 'A first flag was created.' })
  firstFlagCreated!: boolean;

  @Field(() => Boolean, { description: 'An SDK connected.' })
  firstSdkConnected!: boolean;

  @Field(() => Boolean, { description: 'A first flag was evaluated.' })
  firstEvaluation!: boolean;

  @Field(() => Boolean, { description: 'The console’s tour was seen through.' })
  tourCompleted!: boolean;

  @Field(() => Boolean, {
    description: 'The four first steps (all but the tour) were all done at some point.',
  })
  completed!: boolean;

  @Field(() => Date, { nullable: true, description: 'When they first were.' })
  completedAt!: Date | null;

  @Field(() => Date, { description: 'When a step was last marked.' })
  updatedAt!: Date;
}

export const toOnboardingType = (onboarding: Onboarding): OnboardingType => ({
  planSelected: onboarding.planSelected,
  firstFlagCreated: onboarding.firstFlagCreated,
  firstSdkConnected: onboarding.firstSdkConnected,
  firstEvaluation: onboarding.firstEvaluation,
  tourCompleted: onboarding.tourCompleted,
  completed: onboarding.completedAt !== null,
  completedAt: onboarding.completedAt,
  updatedAt: onboarding.updatedAt,
});

@InputType({ description: 'Steps to mark done (true) or not done (false); omitted steps stay.' })
export class UpdateOnboardingInput {
  @Field(() => Boolean, { nullable: true, description: 'A plan was chosen.' })
  planSelected?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'A first flag was created.' })
  firstFlagCreated?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'An SDK connected.' })
  firstSdkConnected?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'A first flag was evaluated.' })
  firstEvaluation?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'The console’s tour was seen through.' })
  tourCompleted?: boolean | null;
}
