import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { actorOf } from '@vexil/platform';
import type { IdentityContext } from '../../context.js';
import { requireUser } from '../access.js';
import { OrganizationType } from '../organizations/organization.type.js';
import { ONBOARDING_STEPS, Onboarding } from './onboarding.entity.js';
import { OnboardingType, toOnboardingType, UpdateOnboardingInput } from './onboarding.type.js';

/** The organization's onboarding, made (nothing done) the first time it is asked for. */
const onboardingOf = async (em: EntityManager, organizationId: string) =>
  (await em.findOne(Onboarding, { organizationId })) ?? em.create(Onboarding, { organizationId });

/** An organization's onboarding: read and marked by its members. */
@Resolver(() => OrganizationType)
export class OnboardingResolver {
  @FieldResolver(() => OnboardingType, {
    nullable: true,
    description: 'The organization’s first steps (its members; none for another organization).',
  })
  async onboarding(@Root() organization: OrganizationType, @Ctx() { em, principal }: IdentityContext) {
    const caller = requireUser(principal);
    if (caller.organizationId !== organization.id) return null;
    const found = await em.findOne(Onboarding, { organizationId: organization.id });
    return toOnboardingType(
      found ?? em.create(Onboarding, { organizationId: organization.id }, { persist: false }),
    );
  }

  @Mutation(() => OnboardingType, {
    description:
      'Marks first steps of your organization done or not done; the update that first has the four steps done completes the onboarding.',
  })
  async updateOnboarding(
    @Arg('input', () => UpdateOnboardingInput, { description: 'The steps to mark.' })
    input: UpdateOnboardingInput,
    @Ctx() { em, runtime, principal }: IdentityContext,
  ): Promise<OnboardingType> {
    const caller = requireUser(principal);
    return runtime.relay.transaction(em, async (tx) => {
      const onboarding = await onboardingOf(tx, caller.organizationId);
      const before = toOnboardingType(onboarding);
      for (const step of ONBOARDING_STEPS) {
        const marked = input[step];
        if (marked != null) onboarding[step] = marked;
      }
      const done = ONBOARDING_STEPS.filter((step) => step !== 'tourCompleted').every(
        (step) => onboarding[step],
      );
      const completes = done && onboarding.completedAt === null;
      if (completes) onboarding.completedAt = runtime.now();
      onboarding.updatedAt = runtime.now();
      const after = toOnboardingType(onboarding);
      runtime.relay.record(tx, {
        type: completes ? 'onboarding.completed' : 'onboarding.updated',
        organizationId: caller.organizationId,
        aggregateId: caller.organizationId,
        actor: actorOf(caller),
        payload: { before, after },
      });
      return after;
    });
  }
}
