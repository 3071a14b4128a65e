import { Migration } from '@mikro-orm/migrations';

/** Signups waiting for their mailed code, and the organization a one-time login signs into. */
export class Migration0009SignupCodes extends Migration {
  override name = '0009-signup-codes';

  override up(): void {
    this.addSql(`create table identity.pending_signups (
      id uuid primary key,
      email text not null,
      name text not null,
      organization_name text not null,
      password_hash text not null,
      code_hash text not null,
      expires_at timestamptz not null,
      failed_attempts integer not null default 0,
      sends integer not null default 1,
      last_sent_at timestamptz not null,
      created_at timestamptz not null,
      constraint pending_signups_email_unique unique (email))`);
    this.addSql(`alter table identity.user_tokens add column organization_id uuid null`);
  }
}
