import { Migration } from '@mikro-orm/migrations';

/** Approval-required environments, change requests and scheduled changes. */
export class Migration0003Governance extends Migration {
  override name = '0003-governance';

  override up(): void {
    this.addSql(`alter table flags.environments add column requires_approval boolean not null default false`);
    this.addSql(`create table flags.change_requests (
      id uuid primary key,
      organization_id uuid not null,
      flag_id uuid not null,
      environment_id uuid not null,
      patch jsonb not null,
      base_version integer not null,
      note text null,
      requested_by jsonb not null,
      status text not null default 'pending',
      reviewed_by jsonb null,
      review_note text null,
      applied_version integer null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      constraint change_requests_flag_id_foreign foreign key (flag_id) references flags.flags (id) on delete cascade,
      constraint change_requests_environment_id_foreign foreign key (environment_id)
        references flags.environments (id) on delete cascade)`);
    this.addSql(
      `create index change_requests_environment_id_status_index on flags.change_requests (environment_id, status)`,
    );
    this.addSql(`create table flags.scheduled_changes (
      id uuid primary key,
      organization_id uuid not null,
      flag_id uuid not null,
      environment_id uuid not null,
      patch jsonb not null,
      run_at timestamptz not null,
      created_by jsonb not null,
      status text not null default 'pending',
      applied_version integer null,
      error text null,
      created_at timestamptz not null,
      constraint scheduled_changes_flag_id_foreign foreign key (flag_id) references flags.flags (id) on delete cascade,
      constraint scheduled_changes_environment_id_foreign foreign key (environment_id)
        references flags.environments (id) on delete cascade)`);
    this.addSql(
      `create index scheduled_changes_status_run_at_index on flags.scheduled_changes (status, run_at)`,
    );
  }
}
