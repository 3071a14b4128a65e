import { Migration } from '@mikro-orm/migrations';

/** Flags, their per-environment configuration and its history, and segments. */
export class Migration0002FlagsSegments extends Migration {
  override name = '0002-flags-segments';

  override up(): void {
    this.addSql(`create table flags.flags (
      id uuid primary key,
      project_id uuid not null,
      organization_id uuid not null,
      key text not null,
      name text not null,
      description text not null default '',
      type text not null,
      variations jsonb not null,
      tags jsonb not null,
      owner text null,
      status text not null default 'active',
      archived_at timestamptz null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      constraint flags_project_id_key_unique unique (project_id, key),
      constraint flags_project_id_foreign foreign key (project_id) references flags.projects (id) on delete cascade)`);
    this.addSql(`create index flags_organization_id_index on flags.flags (organization_id)`);
    this.addSql(`create table flags.flag_configs (
      id uuid primary key,
      flag_id uuid not null,
      environment_id uuid not null,
      organization_id uuid not null,
      enabled boolean not null,
      off_variation text not null,
      targets jsonb not null,
      rules jsonb not null,
      default_serve jsonb not null,
      prerequisites jsonb not null,
      bucketing jsonb not null,
      version integer not null,
      updated_at timestamptz not null,
      constraint flag_configs_flag_id_environment_id_unique unique (flag_id, environment_id),
      constraint flag_configs_flag_id_foreign foreign key (flag_id) references flags.flags (id) on delete cascade,
      constraint flag_configs_environment_id_foreign foreign key (environment_id)
        references flags.environments (id) on delete cascade)`);
    this.addSql(`create index flag_configs_environment_id_index on flags.flag_configs (environment_id)`);
    this.addSql(`create table flags.flag_config_versions (
      id uuid primary key,
      flag_id uuid not null,
      environment_id uuid not null,
      version integer not null,
      config jsonb not null,
      actor jsonb null,
      created_at timestamptz not null,
      constraint flag_config_versions_flag_id_environment_id_version_unique unique (flag_id, environment_id, version),
      constraint flag_config_versions_flag_id_foreign foreign key (flag_id) references flags.flags (id) on delete cascade,
      constraint flag_config_versions_environment_id_foreign foreign key (environment_id)
        references flags.environments (id) on delete cascade)`);
    this.addSql(`create table flags.segments (
      id uuid primary key,
      project_id uuid not null,
      organization_id uuid not null,
      key text not null,
      name text not null,
      description text not null default '',
      match text not null default 'all',
      conditions jsonb not null,
      included jsonb not null,
      excluded jsonb not null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      constraint segments_project_id_key_unique unique (project_id, key),
      constraint segments_project_id_foreign foreign key (project_id) references flags.projects (id) on delete cascade)`);
    this.addSql(`create index segments_organization_id_index on flags.segments (organization_id)`);
  }
}
