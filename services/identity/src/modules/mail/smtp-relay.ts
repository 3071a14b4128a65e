import {
  backgroundEm,
  BACKGROUND,
  periodicJob,
  type BackgroundJob,
  type ServiceRuntime,
} from '@vexil/platform';
import nodemailer from 'nodemailer';

interface Claimed {
  id: string;
  to_address: string;
  subject: string;
  body: string;
  attempts: number;
}

const MAX_ATTEMPTS = 5;

/**
 * Sends the mail outbox over SMTP. Each pass claims unsent mail with one statement (`for update skip
 * locked`, a 60 s claim) so instances never send the same mail twice, sends outside any transaction,
 * then records the result; a failed mail is retried on later passes up to five times.
 */
export function startSmtpRelay(
  runtime: ServiceRuntime,
  settings: { url: string; from: string },
  intervalMs = 1000,
): BackgroundJob {
  const transport = nodemailer.createTransport(settings.url);
  const pass = async () => {
    const connection = backgroundEm(runtime.orm).getConnection();
    const claimed = await connection.execute<Claimed[]>(
      `update identity.mail_outbox set claimed_until = now() + interval '60 seconds', attempts = attempts + 1
        where id in (select id from identity.mail_outbox
                      where sent_at is null and attempts < ? and (claimed_until is null or claimed_until < now())
                      order by created_at limit 20 for update skip locked)
        returning id, to_address, subject, body, attempts`,
      [MAX_ATTEMPTS],
      'all',
      undefined,
      BACKGROUND,
    );
    for (const mail of claimed) {
      try {
        await transport.sendMail({
          from: settings.from,
          to: mail.to_address,
          subject: mail.subject,
          text: mail.body,
        });
        await connection.execute(
          `update identity.mail_outbox set sent_at = now(), last_error = null where id = ?`,
          [mail.id],
          'run',
          undefined,
          BACKGROUND,
        );
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        runtime.log.warn('mail delivery failed', { id: mail.id, attempt: mail.attempts, error: message });
        await connection.execute(
          `update identity.mail_outbox set claimed_until = null, last_error = ? where id = ?`,
          [message, mail.id],
          'run',
          undefined,
          BACKGROUND,
        );
      }
    }
  };
  const job = periodicJob(runtime.log, 'mail relay failed', intervalMs, pass);
  return {
    async stop() {
      await job.stop();
      transport.close();
    },
  };
}
