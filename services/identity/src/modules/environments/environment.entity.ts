import type { Opt } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * Read model of the flags service's environments, learnt from its `project.created` and
 * `environment.created` events: what identity needs to scope API keys without reading flags' tables.
 */
@Entity({ tableName: 'environments' })
@Index({ properties: ['organizationId'] })
export class KnownEnvironment {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  projectId!: string;

  @Property({ type: 'uuid' })
  organizationId!: string;

  @Property({ type: 'text' })
  key!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}
