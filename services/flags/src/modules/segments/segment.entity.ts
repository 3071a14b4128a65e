import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { Condition } from '@vexil/evaluation';
import { Project } from '../projects/project.entity.js';

/** A reusable audience of a project: conditions plus keys always in and keys always out. */
@Entity({ tableName: 'segments' })
@Unique({ properties: ['projectId', 'key'] })
@Index({ properties: ['organizationId'] })
export class Segment {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => Project, { mapToPk: true, fieldName: 'project_id', deleteRule: 'cascade' })
  projectId!: string;

  @Property({ type: 'uuid' })
  organizationId!: string;

  @Property({ type: 'text' })
  key!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  description: Opt<string> = '';

  @Property({ type: 'text' })
  match: Opt<'all' | 'any'> = 'all';

  @Property({ type: 'jsonb' })
  conditions: Opt<Condition[]> = [];

  @Property({ type: 'jsonb' })
  included: Opt<string[]> = [];

  @Property({ type: 'jsonb' })
  excluded: Opt<string[]> = [];

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
