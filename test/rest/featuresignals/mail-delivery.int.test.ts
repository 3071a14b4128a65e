import type { AddressInfo } from 'node:net';
import { startTestPlatform, type TestPlatform } from '@vexil/testing';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server on loopback that keeps what it receives. */
function smtpSink() {
  const messages: { to: string[]; raw: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      stream.on('end', () => {
        messages.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  return {
    messages,
    start: () =>
      new Promise<number>((resolve) =>
        server.listen(0, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port)),
      ),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const sink = smtpSink();
let vexil: TestPlatform;
beforeAll(async () => {
  const port = await sink.start();
  vexil = await startTestPlatform({
    SMTP_URL: `smtp://127.0.0.1:${port}`,
    MAIL_FROM: 'Vexil <no-reply@example.com>',
  });
});
afterAll(async () => {
  await vexil?.dispose();
  await sink.stop();
});

describe('mail over SMTP', () => {
  it('sends the outbox through the configured server: a password reset arrives with its link', async () => {
    const account = await vexil.register();
    const answer = await vexil.http('POST', '/v1/auth/forgot-password', { body: { email: account.email } });
    expect(answer.status).toBeLessThan(300);
    for (let i = 0; i < 50 && !sink.messages.some((m) => m.to.includes(account.email)); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const mail = sink.messages.find((m) => m.to.includes(account.email));
    expect(mail?.raw).toMatch(/Subject: Reset your Vexil password/);
    expect(mail?.raw).toMatch(/From: Vexil <no-reply@example\.com>/);
    expect(mail?.raw).toMatch(/reset-password|token=/);
  });
});
