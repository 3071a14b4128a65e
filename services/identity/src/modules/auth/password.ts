import argon2 from 'argon2';

// OWASP's argon2id baseline (19 MiB, 2 passes): strong, and fast enough that sign-in stays interactive.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;

/** Hashes a password with argon2id. */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

// Verifying against this when the account does not exist keeps the answer time the same, so timing
// does not reveal which emails are registered.
const decoy = hashPassword('decoy-password-for-unknown-accounts');

/** Checks a password against a stored hash, or against a decoy when there is no account. */
export async function verifyPassword(hash: string | undefined, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash ?? (await decoy), password);
  } catch {
    return false;
  }
}

/** What is wrong with a new password, or `null` if it is acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.length < 8) return 'must be at least 8 characters';
  if (password.length > 256) return 'must be at most 256 characters';
  return null;
}
