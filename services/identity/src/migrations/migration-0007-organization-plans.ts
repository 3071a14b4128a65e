import { Migration } from '@mikro-orm/migrations';
import { organizationPlansTableSql } from '@vexil/platform';

/** Each organization's plan as billing announced it, to enforce its seat limit where identity adds members (decision 15). */
export class Migration0007OrganizationPlans extends Migration {
  override name = '0007-organization-plans';

  override up(): void {
    organizationPlansTableSql('identity').forEach((sql) => this.addSql(sql));
  }
}
