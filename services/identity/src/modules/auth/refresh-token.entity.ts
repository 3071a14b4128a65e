import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { User } from '../users/user.entity.js';

/**
 * One refresh token of a rotation family. Only a hash of its secret is kept. Each token can be
 * exchanged once; presenting a used one means it leaked, and the whole family is revoked.
 */
@Entity({ tableName: 'refresh_tokens' })
@Index({ properties: ['familyId'] })
export class RefreshToken {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Property({ type: 'uuid' })
  familyId!: string;

  @ManyToOne(() => User, { mapToPk: true, fieldName: 'user_id', deleteRule: 'cascade' })
  userId!: string;

  @Property({ type: 'uuid' })
  organizationId!: string;

  @Property({ type: 'text' })
  secretHash!: string;

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  usedAt: Opt<Date> | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt: Opt<Date> | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}
