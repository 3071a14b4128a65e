import { Migration } from '@mikro-orm/migrations';
import { organizationPlansTableSql } from '@vexil/platform';

/** Each organization's plan as billing announced it, to enforce its limits where flags creates (decision 14). */
export class Migration0009OrganizationPlans extends Migration {
  override name = '0009-organization-plans';

  override up(): void {
    organizationPlansTableSql('flags').forEach((sql) => this.addSql(sql));
  }
}
