import { Migration } from '@mikro-orm/migrations';

/**
 * MFA on users; custom roles and invitations; mailed one-time tokens and the mail outbox; login
 * throttling; the read model of flags' environments; API keys.
 */
export class Migration0002AccessControl extends Migration {
  override name = '0002-access-control';

  override up(): void {
    this.addSql(`alter table identity.users
      add mfa_secret text null,
      add mfa_enabled_at timestamptz null,
      add mfa_last_step int null`);
    this.addSql(`create table identity.custom_roles (
      id uuid primary key,
      organization_id uuid not null,
      name text not null,
      description text not null default '',
      permissions jsonb not null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      constraint custom_roles_organization_id_name_unique unique (organization_id, name),
      constraint custom_roles_organization_id_foreign foreign key (organization_id)
        references identity.organizations (id) on delete cascade)`);
    this.addSql(`alter table identity.memberships
      add custom_role_id uuid null,
      add constraint memberships_custom_role_id_foreign foreign key (custom_role_id)
        references identity.custom_roles (id) on delete set null`);
    this.addSql(`create table identity.invitations (
      id uuid primary key,
      organization_id uuid not null,
      email text not null,
      role text not null,
      custom_role_id uuid null,
      invited_by uuid not null,
      secret_hash text not null,
      expires_at timestamptz not null,
      accepted_at timestamptz null,
      created_at timestamptz not null,
      constraint invitations_organization_id_foreign foreign key (organization_id)
        references identity.organizations (id) on delete cascade)`);
    this.addSql(`create index invitations_organization_id_index on identity.invitations (organization_id)`);
    this.addSql(`create table identity.user_tokens (
      id uuid primary key,
      user_id uuid not null,
      purpose text not null,
      secret_hash text not null,
      expires_at timestamptz not null,
      used_at timestamptz null,
      created_at timestamptz not null,
      constraint user_tokens_user_id_foreign foreign key (user_id)
        references identity.users (id) on delete cascade)`);
    this.addSql(`create index user_tokens_user_id_index on identity.user_tokens (user_id)`);
    this.addSql(`create table identity.mail_outbox (
      id uuid primary key,
      to_address text not null,
      template text not null,
      subject text not null,
      body text not null,
      data jsonb not null,
      created_at timestamptz not null)`);
    this.addSql(`create table identity.login_throttles (
      key text primary key,
      failures int not null,
      last_failed_at timestamptz not null,
      locked_until timestamptz null)`);
    this.addSql(`create table identity.environments (
      id uuid primary key,
      project_id uuid not null,
      organization_id uuid not null,
      key text not null,
      created_at timestamptz not null)`);
    this.addSql(`create index environments_organization_id_index on identity.environments (organization_id)`);
    this.addSql(`create table identity.api_keys (
      id uuid primary key,
      key_id text not null,
      organization_id uuid not null,
      project_id uuid not null,
      environment_id uuid not null,
      environment_key text not null,
      type text not null,
      name text not null,
      scopes jsonb not null,
      key_prefix text not null,
      secret_hash text not null,
      created_by uuid null,
      created_at timestamptz not null,
      expires_at timestamptz null,
      last_used_at timestamptz null,
      revoked_at timestamptz null,
      grace_expires_at timestamptz null,
      rotated_from_id uuid null,
      constraint api_keys_key_id_unique unique (key_id),
      constraint api_keys_organization_id_foreign foreign key (organization_id)
        references identity.organizations (id) on delete cascade)`);
    this.addSql(`create index api_keys_environment_id_index on identity.api_keys (environment_id)`);
  }
}
