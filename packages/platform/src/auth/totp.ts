import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { base32Decode, base32Encode } from '../text/base32.js';

// RFC 6238 with the parameters every authenticator app assumes: HMAC-SHA1, 30-second steps, 6 digits.
const STEP_SECONDS = 30;
const DIGITS = 6;

/** A new TOTP secret: 20 random bytes (RFC 4226's recommended length), base32-encoded. */
export function generateTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

/** The time step (RFC 6238's `T`) a moment falls in. */
export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / STEP_SECONDS);
}

/** The code of a base32 secret for one time step (RFC 4226 HOTP with dynamic truncation). */
export function totpCode(secret: string, step: number, digits = DIGITS): string {
  const key = base32Decode(secret);
  if (!key) throw new Error('TOTP secret is not base32');
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const hmac = createHmac('sha1', key).update(counter).digest();
  const offset = hmac[hmac.length - 1]! & 0x0f;
  const binary = hmac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/**
 * The time step a code matches, within one step either side for clock drift, or `null`. Callers keep
 * the last matched step and refuse codes at or before it, so a code cannot be used twice.
 */
export function matchTotp(secret: string, code: string, now: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const current = totpStep(now);
  for (const step of [current - 1, current, current + 1]) {
    const expected = Buffer.from(totpCode(secret, step));
    if (timingSafeEqual(expected, Buffer.from(code))) return step;
  }
  return null;
}

/** The `otpauth://` URI authenticator apps scan (the Key Uri Format of Google Authenticator). */
export function totpUri(secret: string, account: string, issuer = 'Vexil'): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const query = new URLSearchParams({
    secret,
    issuer,
    algorithm: 'SHA1',
    digits: String(DIGITS),
    period: '30',
  });
  return `otpauth://totp/${label}?${query}`;
}
