import { Migration } from '@mikro-orm/migrations';
import { organizationPlansTableSql } from '@vexil/platform';

/** Each organization's plan as billing announced it, to enforce its limits where flags creates (decision 15). */
export class Migration0010OrganizationPlans extends Migration {
  override name = '0010-organization-plans';

  override up(): void {
    organizationPlansTableSql('flags').forEach((sql) => this.addSql(sql));
  }
}
