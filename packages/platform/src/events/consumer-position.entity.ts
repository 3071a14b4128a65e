import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** How far a service's event consumer has handled one source's outbox (see `consumeEvents`). */
@Entity({ tableName: 'consumer_positions' })
export class ConsumerPosition {
  @PrimaryKey({ type: 'text' })
  source!: string;

  @Property({ type: 'bigint' })
  seq!: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  updatedAt!: Opt<Date>;
}
