import { Migration } from '@mikro-orm/migrations';

/** Events SDKs report (FeatureFlags' telemetry, conversions and errors), stored before they are acknowledged. */
export class Migration0003SdkEvents extends Migration {
  override name = '0003-sdk-events';

  override up(): void {
    this.addSql(`create table analytics.sdk_events (
      id uuid primary key,
      organization_id uuid not null,
      environment_id uuid not null,
      key_id uuid not null,
      kind text not null,
      data jsonb not null,
      received_at timestamptz not null)`);
    this.addSql(
      `create index sdk_events_environment_id_received_at_index on analytics.sdk_events (environment_id, received_at)`,
    );
  }
}
