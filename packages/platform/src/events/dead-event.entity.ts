import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** An event whose reaction kept failing, set aside so the events after it were handled (`consumeEvents`). */
@Entity({ tableName: 'dead_events' })
export class DeadEvent {
  @PrimaryKey({ type: 'uuid' })
  eventId!: string;

  @Property({ type: 'text' })
  source!: string;

  @Property({ type: 'bigint' })
  seq!: string;

  @Property({ type: 'text' })
  type!: string;

  @Property({ type: 'integer' })
  attempts!: number;

  @Property({ type: 'text' })
  error!: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  failedAt!: Opt<Date>;
}
