import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** What a user told the operators of this install from the console. */
@Entity({ tableName: 'feedback' })
export class Feedback {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Property({ type: 'uuid' })
  organizationId!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  /** `bug`, `idea`, `praise`…: free text, as the console sends it. */
  @Property({ type: 'text' })
  type!: string;

  @Property({ type: 'text' })
  sentiment!: string;

  @Property({ type: 'text' })
  message!: string;

  /** The console page it was sent from. */
  @Property({ type: 'text' })
  page!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}
