import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { Actor } from '@vexil/platform';
import { Environment } from '../environments/environment.entity.js';
import { Flag } from '../flags/flag.entity.js';
import type { ConfigSnapshot } from './config-snapshot.js';

/** One entry of a flag's configuration history in an environment: the configuration after a change. */
@Entity({ tableName: 'flag_config_versions' })
@Unique({ properties: ['flagId', 'environmentId', 'version'] })
export class FlagConfigVersion {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => Flag, { mapToPk: true, fieldName: 'flag_id', deleteRule: 'cascade' })
  flagId!: string;

  @ManyToOne(() => Environment, { mapToPk: true, fieldName: 'environment_id', deleteRule: 'cascade' })
  environmentId!: string;

  @Property({ type: 'integer' })
  version!: number;

  @Property({ type: 'json', columnType: 'json' })
  config!: ConfigSnapshot;

  @Property({ type: 'jsonb', nullable: true })
  actor!: Actor | null;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}
