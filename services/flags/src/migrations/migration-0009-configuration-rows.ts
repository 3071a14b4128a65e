import { Migration } from '@mikro-orm/migrations';

/**
 * Every flag has a configuration row in every environment of its project, so a configuration has an id
 * from the moment the flag or the environment exists (Flagify addresses a flag in one environment by
 * it). Rows added here hold what the flags subgraph served for a missing row (`defaultConfig`), at
 * version 0: "never set". Flags get their own defaults (`on_variation`, `off_variation`: null keeps the
 * type's rule) and configurations when they were created.
 */
export class Migration0009ConfigurationRows extends Migration {
  override name = '0009-configuration-rows';

  override up(): void {
    this.addSql(
      `alter table flags.flags add column on_variation text null, add column off_variation text null`,
    );
    this.addSql(`alter table flags.flag_configs add column created_at timestamptz not null default now()`);
    this.addSql(`alter table flags.flag_configs alter column created_at drop default`);
    // defaultConfig: a boolean flag serves its true variation on and its false one off; any other flag
    // its first variation either way.
    const first = `coalesce(f.variations->0->>'key', '')`;
    const holding = (value: string) =>
      `coalesce((select v->>'key' from json_array_elements(f.variations) v where (v->'value')::text = '${value}' limit 1), ${first})`;
    this.addSql(`insert into flags.flag_configs
      (id, flag_id, environment_id, organization_id, enabled, off_variation, targets, rules, default_serve,
       prerequisites, bucketing, version, updated_at, created_at)
      select gen_random_uuid(), f.id, e.id, f.organization_id, false,
        case when f.type = 'boolean' then ${holding('false')} else ${first} end,
        '[]'::json, '[]'::json,
        json_build_object('variation', case when f.type = 'boolean' then ${holding('true')} else ${first} end),
        '[]'::json, coalesce(f.bucketing, '{"scheme":"vexil"}'::json), 0, now(), now()
      from flags.flags f join flags.environments e on e.project_id = f.project_id
      where not exists (select 1 from flags.flag_configs c where c.flag_id = f.id and c.environment_id = e.id)`);
  }
}
