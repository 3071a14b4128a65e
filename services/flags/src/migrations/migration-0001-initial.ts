import { Migration } from '@mikro-orm/migrations';
import { outboxTablesSql } from '@vexil/platform';

/** Projects and environments, and the outbox/inbox every service has. */
export class Migration0001Initial extends Migration {
  override name = '0001-initial';

  override up(): void {
    this.addSql(`create schema if not exists flags`);
    this.addSql(`create table flags.projects (
      id uuid primary key,
      organization_id uuid not null,
      name text not null,
      slug text not null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      constraint projects_organization_id_slug_unique unique (organization_id, slug))`);
    this.addSql(`create index projects_organization_id_index on flags.projects (organization_id)`);
    this.addSql(`create table flags.environments (
      id uuid primary key,
      project_id uuid not null,
      organization_id uuid not null,
      key text not null,
      name text not null,
      color text not null default '#6B7280',
      position integer not null default 0,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      constraint environments_project_id_key_unique unique (project_id, key),
      constraint environments_project_id_foreign foreign key (project_id)
        references flags.projects (id) on delete cascade)`);
    this.addSql(`create index environments_organization_id_index on flags.environments (organization_id)`);
    outboxTablesSql('flags').forEach((sql) => this.addSql(sql));
  }
}
