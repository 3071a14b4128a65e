import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { User } from '../users/user.entity.js';

/** What a mailed one-time token lets its holder do. */
export type UserTokenPurpose = 'password_reset' | 'email_verification' | 'one_time_login';

/**
 * A single-use, expiring token: sent by mail, or handed to another domain to sign in there (a one-time
 * login). Only a hash of its secret is kept.
 */
@Entity({ tableName: 'user_tokens' })
@Index({ properties: ['userId'] })
export class UserToken {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => User, { mapToPk: true, fieldName: 'user_id', deleteRule: 'cascade' })
  userId!: string;

  /** The organization a one-time login signs into. */
  @Property({ type: 'uuid', nullable: true })
  organizationId: Opt<string> | null = null;

  @Property({ type: 'text' })
  purpose!: UserTokenPurpose;

  @Property({ type: 'text' })
  secretHash!: string;

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  usedAt: Opt<Date> | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}
