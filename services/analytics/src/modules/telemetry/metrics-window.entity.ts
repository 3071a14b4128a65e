import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * Where an organization's metrics start: FeatureSignals resets its evaluation counters and flushes its
 * impressions; Vexil keeps every count and moves the window instead, so nothing is lost by a reset.
 */
@Entity({ tableName: 'metrics_windows' })
export class MetricsWindow {
  @PrimaryKey({ type: 'uuid' })
  organizationId!: string;

  @Property({ type: 'timestamptz', nullable: true })
  evaluationsSince!: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  impressionsFlushedAt!: Date | null;
}
