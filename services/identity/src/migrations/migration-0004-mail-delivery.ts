import { Migration } from '@mikro-orm/migrations';

/** What the SMTP relay needs to deliver the mail outbox: when each mail went out, claims, failures. */
export class Migration0004MailDelivery extends Migration {
  override name = '0004-mail-delivery';

  override up(): void {
    this.addSql(`alter table identity.mail_outbox
      add column sent_at timestamptz null,
      add column claimed_until timestamptz null,
      add column attempts integer not null default 0,
      add column last_error text null`);
  }
}
