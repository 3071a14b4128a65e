import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';

/**
 * Something of a project a user keeps at hand in the console (a flag, a segment…). The resource is
 * named, not owned here: flags owns it, and a pin of something deleted since is the console's to drop.
 */
@Entity({ tableName: 'pinned_items' })
@Unique({
  name: 'pinned_items_pin_unique',
  properties: ['userId', 'projectId', 'resourceType', 'resourceId'],
})
@Index({ properties: ['userId', 'projectId', 'createdAt'] })
export class PinnedItem {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Property({ type: 'uuid' })
  organizationId!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'uuid' })
  projectId!: string;

  @Property({ type: 'text' })
  resourceType!: string;

  @Property({ type: 'text' })
  resourceId!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}
