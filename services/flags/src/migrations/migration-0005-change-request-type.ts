import { Migration } from '@mikro-orm/migrations';

/** The requester's label for a change request (FeatureSignals' approvals carry a `change_type`). */
export class Migration0005ChangeRequestType extends Migration {
  override name = '0005-change-request-type';

  override up(): void {
    this.addSql(`alter table flags.change_requests add column change_type text null`);
    this.addSql(
      `create index change_requests_organization_id_index on flags.change_requests (organization_id)`,
    );
  }
}
