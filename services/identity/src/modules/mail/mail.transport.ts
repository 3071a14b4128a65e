import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '@vexil/platform';
import { MailMessage } from './mail-message.entity.js';

/** A mail to send: who to, which template, its text, and the values it was made from. */
export interface OutgoingMail {
  to: string;
  template: string;
  subject: string;
  body: string;
  data: Record<string, string>;
}

/** How identity sends mail; the flows only know this interface. */
export interface MailTransport {
  /** Sends `mail` as part of the unit of work of `em`: it goes out only if the change commits. */
  send(em: EntityManager, mail: OutgoingMail): void;
}

/**
 * The transport of an install without a mail server: every mail is written to `identity.mail_outbox`
 * in the same transaction as the change that caused it, and noted in the log (without its secrets).
 * When `SMTP_URL` is set, the {@link startSmtpRelay} delivers the table's unsent mail.
 */
export class OutboxMailTransport implements MailTransport {
  constructor(private readonly log: Logger) {}

  send(em: EntityManager, mail: OutgoingMail): void {
    em.create(MailMessage, {
      toAddress: mail.to,
      template: mail.template,
      subject: mail.subject,
      body: mail.body,
      data: mail.data,
    });
    this.log.info('mail queued in identity.mail_outbox', { to: mail.to, template: mail.template });
  }
}
