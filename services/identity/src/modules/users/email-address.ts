const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The form emails are stored and compared in: trimmed, lower-case. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Tells whether a normalized string is a plausible email address (RFC 5321 length limit). */
export function isEmail(email: string): boolean {
  return EMAIL.test(email) && email.length <= 254;
}
