import { Migration } from '@mikro-orm/migrations';
import { outboxTablesSql } from '@vexil/platform';

/** Users, organizations, memberships, refresh tokens, and the outbox/inbox every service has. */
export class Migration0001Initial extends Migration {
  override name = '0001-initial';

  override up(): void {
    this.addSql(`create schema if not exists identity`);
    this.addSql(`create table identity.users (
      id uuid primary key,
      email text not null,
      name text not null,
      password_hash text not null,
      email_verified boolean not null default false,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      constraint users_email_unique unique (email))`);
    this.addSql(`create table identity.organizations (
      id uuid primary key,
      name text not null,
      slug text not null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      constraint organizations_slug_unique unique (slug))`);
    this.addSql(`create table identity.memberships (
      id uuid primary key,
      organization_id uuid not null,
      user_id uuid not null,
      role text not null,
      created_at timestamptz not null,
      constraint memberships_organization_id_user_id_unique unique (organization_id, user_id),
      constraint memberships_organization_id_foreign foreign key (organization_id)
        references identity.organizations (id) on delete cascade,
      constraint memberships_user_id_foreign foreign key (user_id)
        references identity.users (id) on delete cascade)`);
    this.addSql(`create index memberships_user_id_index on identity.memberships (user_id)`);
    this.addSql(`create table identity.refresh_tokens (
      id uuid primary key,
      family_id uuid not null,
      user_id uuid not null,
      organization_id uuid not null,
      secret_hash text not null,
      expires_at timestamptz not null,
      used_at timestamptz null,
      revoked_at timestamptz null,
      created_at timestamptz not null,
      constraint refresh_tokens_user_id_foreign foreign key (user_id)
        references identity.users (id) on delete cascade)`);
    this.addSql(`create index refresh_tokens_family_id_index on identity.refresh_tokens (family_id)`);
    outboxTablesSql('identity').forEach((sql) => this.addSql(sql));
  }
}
