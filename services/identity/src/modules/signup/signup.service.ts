import { randomInt } from 'node:crypto';
import { raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, actorOf, type Principal, type ServiceRuntime } from '@vexil/platform';
import type { AuthService } from '../auth/auth.service.js';
import type { AuthPayload, RegisterInput } from '../auth/auth.types.js';
import { hashPassword, verifyPassword } from '../auth/password.js';
import { signupCodeMail } from '../mail/mail-templates.js';
import type { MailTransport } from '../mail/mail.transport.js';
import { normalizeEmail } from '../users/email-address.js';
import { PendingSignup } from './pending-signup.entity.js';
import { SignupCodeSent } from './signup.types.js';

/** How long a code is valid, and the throttles of FeatureSignals' signup (routes.md §1.2). */
const CODE_MINUTES = 10;
const MAX_FAILED_ATTEMPTS = 5;
const RESEND_COOLDOWN_SECONDS = 60;
const MAX_SENDS = 5;

/**
 * Signing up by a code mailed to the address: the account is created only when the code comes back,
 * so the address is proven. Codes are single-use, expire, and are hashed at rest; wrong codes and
 * resends are limited per signup.
 */
export class SignupService {
  constructor(
    private readonly em: EntityManager,
    private readonly runtime: ServiceRuntime,
    private readonly mail: MailTransport,
    private readonly auth: AuthService,
  ) {}

  /** Checks the account, keeps it with a new code and mails the code; starting again sends another. */
  async initiate(principal: Principal, input: RegisterInput): Promise<SignupCodeSent> {
    const account = await this.auth.checkRegistration(input);
    const passwordHash = await hashPassword(input.password);
    const pending = await this.em.findOne(PendingSignup, { email: account.email });
    const fresh = !pending || this.expired(pending);
    if (pending && !fresh) this.checkResend(pending);
    const { code, codeHash } = await this.newCode();
    await this.runtime.relay.transaction(this.em, async (em) => {
      const row = pending ?? em.create(PendingSignup, { ...account, passwordHash, codeHash, ...this.sent() });
      Object.assign(row, account, { passwordHash, codeHash, failedAttempts: 0 }, this.sent());
      row.sends = fresh ? 1 : row.sends + 1;
      em.persist(row);
      this.sendCode(em, principal, row, code, 'signup.started');
    });
    return this.answer('a verification code has been sent to your email');
  }

  /** Mails a new code for a signup waiting for one; the old code stops working. */
  async resend(principal: Principal, email: string): Promise<SignupCodeSent> {
    const pending = await this.waiting(email);
    this.checkResend(pending);
    const { code, codeHash } = await this.newCode();
    await this.runtime.relay.transaction(this.em, async (em) => {
      Object.assign(pending, { codeHash, failedAttempts: 0, sends: pending.sends + 1 }, this.sent());
      em.persist(pending);
      this.sendCode(em, principal, pending, code, 'signup.code_resent');
    });
    return this.answer('a new verification code has been sent to your email');
  }

  /** Creates the account if the code is right, once; too many wrong codes void the code. */
  async complete(principal: Principal, email: string, code: string): Promise<AuthPayload> {
    const pending = await this.waiting(email);
    if (pending.failedAttempts >= MAX_FAILED_ATTEMPTS)
      throw DomainError.rateLimited(
        Math.ceil((pending.expiresAt.getTime() - this.runtime.now().getTime()) / 1000),
        'too many wrong codes; ask for a new one',
      );
    if (!(await verifyPassword(pending.codeHash, code.trim()))) {
      // Counted in the database: guesses sent at once all count.
      await this.em.nativeUpdate(
        PendingSignup,
        { id: pending.id },
        { failedAttempts: raw('failed_attempts + 1') },
      );
      throw new DomainError('INVALID_TOKEN', 'the code is wrong; check the mail or ask for a new one');
    }
    return this.auth.createAccount(principal, { ...pending, emailVerified: true }, async (em) => {
      // Deleting only the row the code was checked against: a code used twice at once works once.
      const claimed = await em.nativeDelete(PendingSignup, { id: pending.id, codeHash: pending.codeHash });
      if (claimed !== 1) throw new DomainError('INVALID_TOKEN', 'the code was already used');
    });
  }

  /** The signup of an address waiting for its code; `INVALID_TOKEN` when there is none or it expired. */
  private async waiting(email: string): Promise<PendingSignup> {
    const pending = await this.em.findOne(PendingSignup, { email: normalizeEmail(email) });
    if (!pending) throw new DomainError('INVALID_TOKEN', 'no signup is waiting for a code; sign up again');
    if (this.expired(pending))
      throw new DomainError('INVALID_TOKEN', 'the code has expired; ask for a new one');
    return pending;
  }

  private expired(pending: PendingSignup): boolean {
    return pending.expiresAt.getTime() <= this.runtime.now().getTime();
  }

  private checkResend(pending: PendingSignup): void {
    const waited = (this.runtime.now().getTime() - pending.lastSentAt.getTime()) / 1000;
    if (waited < RESEND_COOLDOWN_SECONDS)
      throw DomainError.rateLimited(
        Math.ceil(RESEND_COOLDOWN_SECONDS - waited),
        'a code was sent moments ago; wait before asking for another',
      );
    if (pending.sends >= MAX_SENDS)
      throw DomainError.rateLimited(
        Math.ceil((pending.expiresAt.getTime() - this.runtime.now().getTime()) / 1000),
        `${MAX_SENDS} codes were sent; use one of them or sign up again once they expire`,
      );
  }

  private async newCode(): Promise<{ code: string; codeHash: string }> {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    return { code, codeHash: await hashPassword(code) };
  }

  private sent(): { lastSentAt: Date; expiresAt: Date } {
    const now = this.runtime.now();
    return { lastSentAt: now, expiresAt: new Date(now.getTime() + CODE_MINUTES * 60_000) };
  }

  private sendCode(
    em: EntityManager,
    principal: Principal,
    pending: PendingSignup,
    code: string,
    type: string,
  ): void {
    this.mail.send(em, signupCodeMail(pending.email, code, CODE_MINUTES));
    this.runtime.relay.record(em, {
      type,
      organizationId: null,
      aggregateId: pending.id,
      actor: actorOf(principal),
      payload: { email: pending.email, sends: pending.sends },
    });
  }

  private answer(message: string): SignupCodeSent {
    return Object.assign(new SignupCodeSent(), { message, expiresIn: CODE_MINUTES * 60 });
  }
}
