import { Migration } from '@mikro-orm/migrations';

/**
 * What flags did, rolled up as it is ingested: evaluations and impressions per hour, flag, variation and
 * reason (with the last moment seen); the distinct contexts of each environment per month (MAU); and
 * each organization's metrics windows (FeatureSignals' reset and flush).
 */
export class Migration0005FlagActivity extends Migration {
  override name = '0005-flag-activity';

  override up(): void {
    this.addSql(`create table analytics.flag_activity (
      environment_id uuid not null,
      flag_key text not null,
      kind text not null,
      variation text not null,
      reason text not null,
      hour timestamptz not null,
      organization_id uuid not null,
      count bigint not null,
      last_at timestamptz not null,
      constraint flag_activity_pkey primary key (environment_id, flag_key, kind, variation, reason, hour))`);
    this.addSql(
      `create index flag_activity_organization_id_hour_index on analytics.flag_activity (organization_id, hour)`,
    );
    this.addSql(`create table analytics.monthly_contexts (
      environment_id uuid not null,
      month date not null,
      context_key text not null,
      organization_id uuid not null,
      constraint monthly_contexts_pkey primary key (environment_id, month, context_key))`);
    this.addSql(
      `create index monthly_contexts_organization_id_month_index on analytics.monthly_contexts (organization_id, month)`,
    );
    this.addSql(`create table analytics.metrics_windows (
      organization_id uuid primary key,
      evaluations_since timestamptz null,
      impressions_flushed_at timestamptz null)`);
  }
}
