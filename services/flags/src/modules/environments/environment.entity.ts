import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Project } from '../projects/project.entity.js';

/** A stage a project's flags are configured for separately (dev, staging, production, …). */
@Entity({ tableName: 'environments' })
@Unique({ properties: ['projectId', 'key'] })
@Index({ properties: ['organizationId'] })
export class Environment {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => Project, { mapToPk: true, fieldName: 'project_id', deleteRule: 'cascade' })
  projectId!: string;

  // Kept beside projectId so every read can be scoped to the caller's organization in one predicate.
  @Property({ type: 'uuid' })
  organizationId!: string;

  @Property({ type: 'text' })
  key!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  color: Opt<string> = '#6B7280';

  @Property({ type: 'integer' })
  position: Opt<number> = 0;

  /** Changes to flag configuration here go through change requests approved by someone else. */
  @Property({ type: 'boolean' })
  requiresApproval: Opt<boolean> = false;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
