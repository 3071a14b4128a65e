import { Migration } from '@mikro-orm/migrations';
import { organizationPlansTableSql } from '@vexil/platform';

/** Each organization's plan as billing announced it, to hold telemetry to its MAU limit (decision 15). */
export class Migration0006OrganizationPlans extends Migration {
  override name = '0006-organization-plans';

  override up(): void {
    organizationPlansTableSql('analytics').forEach((sql) => this.addSql(sql));
  }
}
