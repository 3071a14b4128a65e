import type { EntityManager } from '@mikro-orm/postgresql';
import {
  DomainError,
  actorOf,
  generateTotpSecret,
  matchTotp,
  totpUri,
  type PlanGuard,
  type Principal,
  type ServiceRuntime,
} from '@vexil/platform';
import { requireUser, type UserPrincipal } from '../access.js';
import { open, seal } from './secret-box.js';
import { User } from '../users/user.entity.js';

/** TOTP second factor (RFC 6238): enrol, confirm, check at sign-in, turn off. */
export class MfaService {
  constructor(
    private readonly em: EntityManager,
    private readonly runtime: ServiceRuntime,
    /** Key the stored secrets are sealed with (MFA_ENCRYPTION_KEY). */
    private readonly encryptionKey: string,
    private readonly plans: PlanGuard,
  ) {}

  /** Whether the caller's account requires a code at sign-in. */
  async status(principal: Principal): Promise<{ enabled: boolean }> {
    const user = await this.user(requireUser(principal));
    return { enabled: user.mfaEnabledAt !== null };
  }

  /** Starts enrolment: a new secret and its `otpauth://` URI; nothing is required until {@link verify}. */
  async enable(principal: Principal): Promise<{ secret: string; otpauthUri: string }> {
    const caller = requireUser(principal);
    return this.runtime.relay.transaction(this.em, async (em) => {
      // MFA is the plan's feature; an account that has it keeps it, and signs in with it, on any plan.
      await this.plans.requireFeature(em, caller.organizationId, 'mfa');
      const user = await this.user(caller, em);
      if (user.mfaEnabledAt) throw new DomainError('CONFLICT', 'MFA is already enabled; disable it first');
      const secret = generateTotpSecret();
      user.mfaSecret = seal(secret, this.encryptionKey);
      user.mfaLastStep = null;
      this.record(em, caller, 'user.mfa_enrollment_started');
      return { secret, otpauthUri: totpUri(secret, user.email) };
    });
  }

  /** Confirms enrolment with a code from the app; from then on sign-in needs a code. */
  async verify(principal: Principal, code: string): Promise<{ enabled: boolean }> {
    const caller = requireUser(principal);
    return this.runtime.relay.transaction(this.em, async (em) => {
      const user = await this.user(caller, em);
      if (user.mfaEnabledAt) throw new DomainError('CONFLICT', 'MFA is already enabled');
      if (!user.mfaSecret) throw new DomainError('CONFLICT', 'start with enableMfa to get a secret');
      if (!this.consumeCode(user, code)) throw new DomainError('INVALID_MFA_CODE');
      user.mfaEnabledAt = this.runtime.now();
      this.record(em, caller, 'user.mfa_enabled');
      return { enabled: true };
    });
  }

  /** Turns MFA off; needs a current code, so a stolen session alone cannot. */
  async disable(principal: Principal, code: string): Promise<{ enabled: boolean }> {
    const caller = requireUser(principal);
    return this.runtime.relay.transaction(this.em, async (em) => {
      const user = await this.user(caller, em);
      if (!user.mfaEnabledAt) throw new DomainError('CONFLICT', 'MFA is not enabled');
      if (!this.consumeCode(user, code)) throw new DomainError('INVALID_MFA_CODE');
      Object.assign(user, { mfaSecret: null, mfaEnabledAt: null, mfaLastStep: null });
      this.record(em, caller, 'user.mfa_disabled');
      return { enabled: false };
    });
  }

  /**
   * Accepts a code once: it must match the user's secret and be newer than the last accepted one.
   * Marks it used on the entity; the caller's transaction persists that.
   */
  consumeCode(user: User, code: string): boolean {
    const secret = user.mfaSecret ? open(user.mfaSecret, this.encryptionKey) : null;
    if (!secret) return false;
    const step = matchTotp(secret, code.trim(), this.runtime.now());
    if (step === null || (user.mfaLastStep !== null && step <= user.mfaLastStep)) return false;
    user.mfaLastStep = step;
    return true;
  }

  private async user(caller: UserPrincipal, em = this.em): Promise<User> {
    const user = await em.findOne(User, caller.userId);
    if (!user) throw new DomainError('UNAUTHENTICATED');
    return user;
  }

  private record(em: EntityManager, caller: UserPrincipal, type: string): void {
    this.runtime.relay.record(em, {
      type,
      organizationId: caller.organizationId,
      aggregateId: caller.userId,
      actor: actorOf(caller),
      payload: { userId: caller.userId },
    });
  }
}
