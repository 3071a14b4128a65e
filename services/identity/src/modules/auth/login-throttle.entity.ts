import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * Recent sign-in failures of one account (`account:<email>`) or one address (`ip:<address>`). Kept in
 * the database so that every identity instance counts the same failures.
 */
@Entity({ tableName: 'login_throttles' })
export class LoginThrottle {
  @PrimaryKey({ type: 'text' })
  key!: string;

  @Property({ type: 'integer' })
  failures!: number;

  @Property({ type: 'timestamptz' })
  lastFailedAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  lockedUntil: Opt<Date> | null = null;
}
