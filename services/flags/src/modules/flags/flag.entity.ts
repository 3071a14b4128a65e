import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { FlagConfig as EngineFlag, FlagType, Variation } from '@vexil/evaluation';
import { Project } from '../projects/project.entity.js';

/** Lifecycle of a flag (FeatureSignals' statuses, archived being its own column). */
export const FLAG_STATUSES = ['active', 'paused', 'rolled_out', 'deprecated'] as const;
export type FlagStatus = (typeof FLAG_STATUSES)[number];

/**
 * A feature flag of a project: its key, type and typed variations. What it serves in each
 * environment is its {@link FlagConfig} there.
 */
@Entity({ tableName: 'flags' })
@Unique({ properties: ['projectId', 'key'] })
@Index({ properties: ['organizationId'] })
export class Flag {
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
  type!: FlagType;

  @Property({ type: 'json', columnType: 'json' })
  variations!: Variation[];

  @Property({ type: 'jsonb' })
  tags: Opt<string[]> = [];

  @Property({ type: 'text', nullable: true })
  owner: Opt<string> | null = null;

  @Property({ type: 'text' })
  status: Opt<FlagStatus> = 'active';

  /**
   * The flag's defaults (`defaultsOf`): the variation every environment serves when on and nothing
   * else decides, and the one it serves while off, until configured otherwise. Null keeps the type's
   * rule: a boolean flag's true and false variations, any other flag's first.
   */
  @Property({ type: 'text', nullable: true })
  onVariation: Opt<string> | null = null;

  @Property({ type: 'text', nullable: true })
  offVariation: Opt<string> | null = null;

  /**
   * How the flag's configurations bucket until one is configured otherwise; null is Vexil's scheme. A
   * flag created through a product's API keeps that product's, so its first rollout splits users as
   * the product would (docs/decisions/0013).
   */
  @Property({ type: 'json', columnType: 'json', nullable: true })
  bucketing: Opt<EngineFlag['bucketing']> | null = null;

  /** When the flag is meant to be gone; past it, insights call the flag stale (`EXPIRED`). */
  @Property({ type: 'timestamptz', nullable: true })
  expiresAt: Opt<Date> | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  archivedAt: Opt<Date> | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
