import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** A payment provider's event already processed: Stripe delivers at least once, each is applied once. */
@Entity({ tableName: 'provider_events' })
export class ProviderEvent {
  /** The provider's event id (`evt_…`). */
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  type!: string;

  /** When the provider made the event. */
  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'timestamptz' })
  receivedAt: Opt<Date> = new Date();
}
