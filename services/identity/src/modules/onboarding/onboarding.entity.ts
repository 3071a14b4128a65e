import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** An organization's way through the first steps, as its console marks them off (FeatureSignals' onboarding). */
@Entity({ tableName: 'organization_onboarding' })
export class Onboarding {
  @PrimaryKey({ type: 'uuid' })
  organizationId!: string;

  @Property({ type: 'boolean' })
  planSelected: Opt<boolean> = false;

  @Property({ type: 'boolean' })
  firstFlagCreated: Opt<boolean> = false;

  @Property({ type: 'boolean' })
  firstSdkConnected: Opt<boolean> = false;

  @Property({ type: 'boolean' })
  firstEvaluation: Opt<boolean> = false;

  @Property({ type: 'boolean' })
  tourCompleted: Opt<boolean> = false;

  /** When the four steps were first all done; it stays though a step is unmarked later. */
  @Property({ type: 'timestamptz', nullable: true })
  completedAt: Opt<Date> | null = null;

  @Property({ type: 'timestamptz' })
  updatedAt: Opt<Date> = new Date();
}

/** The steps, in the order the console shows them; all but the tour complete the onboarding. */
export const ONBOARDING_STEPS = [
  'planSelected',
  'firstFlagCreated',
  'firstSdkConnected',
  'firstEvaluation',
  'tourCompleted',
] as const;
export type OnboardingStep = (typeof ONBOARDING_STEPS)[number];
