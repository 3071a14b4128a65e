import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** What mail a user wants beyond the mail every account gets (resets, verification, invitations). */
export const EMAIL_PREFERENCES = ['all', 'important', 'transactional'] as const;
export type EmailPreference = (typeof EMAIL_PREFERENCES)[number];

/** A user's own settings of the console: hints put away, and what mail they want. */
@Entity({ tableName: 'user_preferences' })
export class UserPreferences {
  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'jsonb' })
  dismissedHints: Opt<string[]> = [];

  /** Consent to mail that is not about the account itself. */
  @Property({ type: 'boolean' })
  emailConsent: Opt<boolean> = true;

  @Property({ type: 'text' })
  emailPreference: Opt<EmailPreference> = 'all';

  @Property({ type: 'timestamptz' })
  updatedAt: Opt<Date> = new Date();
}
