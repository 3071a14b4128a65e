import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** What flag activity counts: evaluations (by SDKs and by the gateway) and A/B impressions. */
export const ACTIVITY_KINDS = ['evaluation', 'impression'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/**
 * How often a flag served a variation for a reason in one hour of one environment, and when last: the
 * rollup every metric and insight reads, kept as events are ingested rather than computed from them.
 */
@Entity({ tableName: 'flag_activity' })
@Index({ properties: ['organizationId', 'hour'] })
export class FlagActivity {
  @PrimaryKey({ type: 'uuid' })
  environmentId!: string;

  @PrimaryKey({ type: 'text' })
  flagKey!: string;

  @PrimaryKey({ type: 'text' })
  kind!: ActivityKind;

  /** The variation key, or the served value's JSON text where an SDK reports values only. */
  @PrimaryKey({ type: 'text' })
  variation!: string;

  @PrimaryKey({ type: 'text' })
  reason!: string;

  @PrimaryKey({ type: 'timestamptz' })
  hour!: Date;

  @Property({ type: 'uuid' })
  organizationId!: string;

  @Property({ type: 'bigint' })
  count!: string;

  @Property({ type: 'timestamptz' })
  lastAt!: Date;
}
