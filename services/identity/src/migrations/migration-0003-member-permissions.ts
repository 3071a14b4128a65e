import { Migration } from '@mikro-orm/migrations';

/** Per-environment rights of members (`/v1/members/{memberID}/permissions`). */
export class Migration0003MemberPermissions extends Migration {
  override name = '0003-member-permissions';

  override up(): void {
    this.addSql(`create table identity.member_permissions (
      id uuid primary key,
      membership_id uuid not null,
      environment_id uuid not null,
      can_toggle boolean not null,
      can_edit_rules boolean not null,
      created_at timestamptz not null,
      constraint member_permissions_membership_id_environment_id_unique unique (membership_id, environment_id),
      constraint member_permissions_membership_id_foreign foreign key (membership_id)
        references identity.memberships (id) on delete cascade)`);
  }
}
