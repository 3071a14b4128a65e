import { Migration } from '@mikro-orm/migrations';

/** Each organization's IP allowlist, enforced by the gateway. */
export class Migration0010IpAllowlists extends Migration {
  override name = '0010-ip-allowlists';

  override up(): void {
    this.addSql(`create table identity.ip_allowlists (
      organization_id uuid primary key,
      enabled boolean not null default false,
      cidr_ranges jsonb not null,
      include_api_keys boolean not null default false,
      updated_at timestamptz not null)`);
  }
}
