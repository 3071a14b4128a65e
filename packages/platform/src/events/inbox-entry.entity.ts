import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** An event a service has handled; its primary key is what makes a redelivered event a no-op. */
@Entity({ tableName: 'inbox' })
export class InboxEntry {
  @PrimaryKey({ type: 'uuid' })
  eventId!: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  receivedAt!: Opt<Date>;
}
