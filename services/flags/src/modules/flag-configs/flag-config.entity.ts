import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { FlagConfig as EngineFlag, Prerequisite, Rule, Serve, Target } from '@vexil/evaluation';
import { Environment } from '../environments/environment.entity.js';
import { Flag } from '../flags/flag.entity.js';

/**
 * What a flag serves in one environment (DESIGN.md's canonical model). Every flag has a row in every
 * environment of its project, created with the flag or with the environment (`defaultConfig`, at
 * version 0: never set), so a configuration's id is stable from the start (Flagify addresses it).
 * `version` grows by one with every change: an update naming a stale version is refused.
 */
@Entity({ tableName: 'flag_configs' })
@Unique({ properties: ['flagId', 'environmentId'] })
@Index({ properties: ['environmentId'] })
export class FlagConfig {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => Flag, { mapToPk: true, fieldName: 'flag_id', deleteRule: 'cascade' })
  flagId!: string;

  @ManyToOne(() => Environment, { mapToPk: true, fieldName: 'environment_id', deleteRule: 'cascade' })
  environmentId!: string;

  @Property({ type: 'uuid' })
  organizationId!: string;

  @Property({ type: 'boolean' })
  enabled!: boolean;

  @Property({ type: 'text' })
  offVariation!: string;

  @Property({ type: 'json', columnType: 'json' })
  targets!: Target[];

  @Property({ type: 'json', columnType: 'json' })
  rules!: Rule[];

  @Property({ type: 'json', columnType: 'json' })
  defaultServe!: Serve;

  @Property({ type: 'json', columnType: 'json' })
  prerequisites!: Prerequisite[];

  @Property({ type: 'json', columnType: 'json' })
  bucketing!: EngineFlag['bucketing'];

  @Property({ type: 'integer' })
  version!: number;

  @Property({ type: 'timestamptz' })
  updatedAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}
