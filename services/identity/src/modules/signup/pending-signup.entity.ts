import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';

/**
 * A signup waiting for the code mailed to its address: the account as given (password already hashed)
 * and a hash of the code. Completing it creates the account and deletes the row, so a code works once.
 */
@Entity({ tableName: 'pending_signups' })
export class PendingSignup {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Property({ type: 'text' })
  @Unique()
  email!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  organizationName!: string;

  @Property({ type: 'text' })
  passwordHash!: string;

  /** argon2id of the code: six digits are too few for a fast hash to protect. */
  @Property({ type: 'text' })
  codeHash!: string;

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  /** Wrong codes given since the last one was sent. */
  @Property({ type: 'integer' })
  failedAttempts: Opt<number> = 0;

  /** Codes sent for this signup. */
  @Property({ type: 'integer' })
  sends: Opt<number> = 1;

  @Property({ type: 'timestamptz' })
  lastSentAt!: Date;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}
