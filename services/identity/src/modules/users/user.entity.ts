import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** A person who signs in. Email is unique regardless of case. */
@Entity({ tableName: 'users' })
export class User {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Property({ type: 'text', unique: true })
  email!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  passwordHash!: string;

  @Property({ type: 'boolean' })
  emailVerified: Opt<boolean> = false;

  /** The TOTP secret, sealed with MFA_ENCRYPTION_KEY; set from enabling MFA, in force once `mfaEnabledAt` is set. */
  @Property({ type: 'text', nullable: true })
  mfaSecret: Opt<string> | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  mfaEnabledAt: Opt<Date> | null = null;

  /** The last TOTP time step accepted: a code is good once. */
  @Property({ type: 'integer', nullable: true })
  mfaLastStep: Opt<number> | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
