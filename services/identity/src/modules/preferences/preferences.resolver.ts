import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Ctx, Field, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { actorOf, DomainError, LIMITS, type ServiceRuntime } from '@vexil/platform';
import type { IdentityContext } from '../../context.js';
import { requireUser, type UserPrincipal } from '../access.js';
import { EMAIL_PREFERENCES, UserPreferences, type EmailPreference } from './user-preferences.entity.js';

@ObjectType('UserPreferences', { description: 'Your own settings: hints put away, and the mail you want.' })
export class UserPreferencesType {
  @Field(() => [String], { description: 'The console hints you dismissed, by id.' })
  dismissedHints!: string[];

  @Field(() => Boolean, { description: 'Whether you agree to mail that is not about your account itself.' })
  emailConsent!: boolean;

  @Field(() => String, {
    description:
      '`all`, `important` or `transactional`. Mail about your account (resets, verification, invitations) comes whatever this says.',
  })
  emailPreference!: string;
}

const toType = ({ dismissedHints, emailConsent, emailPreference }: UserPreferences): UserPreferencesType => ({
  dismissedHints,
  emailConsent,
  emailPreference,
});

/** At most this many dismissed hints are kept: the console has a few dozen. */
const MAX_HINTS = 200;

/** Changes the caller's preferences in one transaction, recorded as `type`. */
async function change(
  em: EntityManager,
  runtime: ServiceRuntime,
  caller: UserPrincipal,
  type: string,
  apply: (preferences: UserPreferences) => void,
): Promise<UserPreferencesType> {
  return runtime.relay.transaction(em, async (tx) => {
    const preferences =
      (await tx.findOne(UserPreferences, { userId: caller.userId })) ??
      tx.create(UserPreferences, { userId: caller.userId });
    const before = toType(preferences);
    apply(preferences);
    preferences.updatedAt = runtime.now();
    const after = toType(preferences);
    runtime.relay.record(tx, {
      type,
      organizationId: caller.organizationId,
      aggregateId: caller.userId,
      actor: actorOf(caller),
      payload: { userId: caller.userId, before, after },
    });
    return after;
  });
}

@Resolver()
export class PreferencesResolver {
  @Query(() => UserPreferencesType, { description: 'Your own settings (signed-in users).' })
  async preferences(@Ctx() { em, principal }: IdentityContext): Promise<UserPreferencesType> {
    const caller = requireUser(principal);
    const found = await em.findOne(UserPreferences, { userId: caller.userId });
    return toType(found ?? em.create(UserPreferences, { userId: caller.userId }, { persist: false }));
  }

  @Mutation(() => UserPreferencesType, { description: 'Puts a console hint away for good.' })
  dismissHint(
    @Arg('hintId', () => String, { description: 'The hint.' }) hintId: string,
    @Ctx() { em, runtime, principal }: IdentityContext,
  ): Promise<UserPreferencesType> {
    const caller = requireUser(principal);
    const id = hintId.trim();
    if (!id || id.length > LIMITS.nameLength)
      throw DomainError.validation({ hint_id: [`is required (at most ${LIMITS.nameLength} characters)`] });
    return change(em, runtime, caller, 'user.hint_dismissed', (preferences) => {
      if (preferences.dismissedHints.includes(id)) return;
      if (preferences.dismissedHints.length >= MAX_HINTS)
        throw DomainError.validation({ hint_id: [`at most ${MAX_HINTS} hints are kept dismissed`] });
      preferences.dismissedHints = [...preferences.dismissedHints, id];
    });
  }

  @Mutation(() => UserPreferencesType, { description: 'Says what mail you want beyond your account’s own.' })
  updateEmailPreferences(
    @Arg('consent', () => Boolean, { description: 'Whether you agree to mail beyond your account’s own.' })
    consent: boolean,
    @Arg('preference', () => String, { description: '`all`, `important` or `transactional`.' })
    preference: string,
    @Ctx() { em, runtime, principal }: IdentityContext,
  ): Promise<UserPreferencesType> {
    const caller = requireUser(principal);
    if (!EMAIL_PREFERENCES.includes(preference as EmailPreference))
      throw DomainError.validation({ preference: ['must be all, important, or transactional'] });
    return change(em, runtime, caller, 'user.email_preferences_changed', (preferences) => {
      preferences.emailConsent = consent;
      preferences.emailPreference = preference as EmailPreference;
    });
  }
}
