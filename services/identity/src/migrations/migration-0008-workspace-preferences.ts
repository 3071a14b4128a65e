import { Migration } from '@mikro-orm/migrations';

/**
 * What the console keeps per organization and per user: onboarding steps, a user's dismissed hints and
 * mail preferences, pinned items, and feedback (FeatureSignals' account and workspace routes).
 */
export class Migration0008WorkspacePreferences extends Migration {
  override name = '0008-workspace-preferences';

  override up(): void {
    this.addSql(`create table identity.organization_onboarding (
      organization_id uuid primary key,
      plan_selected boolean not null default false,
      first_flag_created boolean not null default false,
      first_sdk_connected boolean not null default false,
      first_evaluation boolean not null default false,
      tour_completed boolean not null default false,
      completed_at timestamptz null,
      updated_at timestamptz not null)`);
    this.addSql(`create table identity.user_preferences (
      user_id uuid primary key,
      dismissed_hints jsonb not null,
      email_consent boolean not null default true,
      email_preference text not null default 'all',
      updated_at timestamptz not null)`);
    this.addSql(`create table identity.pinned_items (
      id uuid primary key,
      organization_id uuid not null,
      user_id uuid not null,
      project_id uuid not null,
      resource_type text not null,
      resource_id text not null,
      created_at timestamptz not null)`);
    this.addSql(
      `alter table identity.pinned_items add constraint pinned_items_pin_unique
       unique (user_id, project_id, resource_type, resource_id)`,
    );
    this.addSql(
      'create index pinned_items_user_id_project_id_created_at_index on identity.pinned_items (user_id, project_id, created_at)',
    );
    this.addSql(`create table identity.feedback (
      id uuid primary key,
      organization_id uuid not null,
      user_id uuid not null,
      type text not null,
      sentiment text not null,
      message text not null,
      page text not null,
      created_at timestamptz not null)`);
  }
}
