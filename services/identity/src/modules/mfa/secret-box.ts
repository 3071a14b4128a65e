import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

// AES-256-GCM: confidentiality and integrity, so a tampered row fails to open instead of yielding a secret.
const ALGORITHM = 'aes-256-gcm';
const VERSION = 'v1';

const keyOf = (secret: string) => createHash('sha256').update(secret).digest();

/** Encrypts a value for storage: `v1.<iv>.<tag>.<ciphertext>`, base64url parts. */
export function seal(plain: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, keyOf(secret), iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), data]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/** Decrypts what {@link seal} produced with the same secret; `null` if it was altered or sealed with another key. */
export function open(sealed: string, secret: string): string | null {
  const [version, iv, tag, data] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || data === undefined) return null;
  try {
    const decipher = createDecipheriv(ALGORITHM, keyOf(secret), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    return null;
  }
}
