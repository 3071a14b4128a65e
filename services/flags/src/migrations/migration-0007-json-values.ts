import { Migration } from '@mikro-orm/migrations';

/**
 * Columns that hold flag values, or changes naming them, become `json`, which keeps the text it is
 * given: `jsonb` reorders object keys, and a value must read back as its writer sent it (issue 11).
 * Existing values keep the key order `jsonb` gave them; nothing else about them changes.
 */
export class Migration0007JsonValues extends Migration {
  override name = '0007-json-values';

  override up(): void {
    const columns: Record<string, string[]> = {
      flags: ['variations'],
      flag_configs: ['targets', 'rules', 'default_serve', 'prerequisites', 'bucketing'],
      flag_config_versions: ['config'],
      change_requests: ['patch'],
      scheduled_changes: ['patch'],
    };
    for (const [table, names] of Object.entries(columns)) {
      const changes = names.map((name) => `alter column ${name} type json using ${name}::json`);
      this.addSql(`alter table flags.${table} ${changes.join(', ')}`);
    }
  }
}
