import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * A mail Vexil sent, kept in `identity.mail_outbox`. With no mail server this table (and the log) is
 * where mail ends up, so every flow works on a bare install and tests read tokens from it.
 */
@Entity({ tableName: 'mail_outbox' })
export class MailMessage {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Property({ type: 'text' })
  toAddress!: string;

  /** Which mail this is (`password_reset`, `email_verification`, `invitation`). */
  @Property({ type: 'text' })
  template!: string;

  @Property({ type: 'text' })
  subject!: string;

  @Property({ type: 'text' })
  body!: string;

  /** The values the body was made from (the token and link), for a relay or a test to read. */
  @Property({ type: 'jsonb' })
  data!: Record<string, string>;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  /** When the SMTP relay handed the mail to the server (null: not sent, or no SMTP configured). */
  @Property({ type: 'timestamptz', nullable: true })
  sentAt: Opt<Date> | null = null;

  /** Until when a relay instance is sending it; after that another may retry. */
  @Property({ type: 'timestamptz', nullable: true })
  claimedUntil: Opt<Date> | null = null;

  @Property({ type: 'integer' })
  attempts: Opt<number> = 0;

  @Property({ type: 'text', nullable: true })
  lastError: Opt<string> | null = null;
}
