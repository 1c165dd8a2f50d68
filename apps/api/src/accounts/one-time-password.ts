import { randomBytes, randomInt, createCipheriv, createDecipheriv } from 'node:crypto';
import { ONE_TIME_PASSWORD_ALPHABET, ONE_TIME_PASSWORD_LENGTH } from '@cchc/shared';

/**
 * A random one-time password from an alphabet that reads unambiguously off paper, with at least one letter and one
 * digit (so it passes the password rule). 10 characters of 31 ≈ 49 bits.
 */
export function generateOneTimePassword(length = ONE_TIME_PASSWORD_LENGTH): string {
  for (;;) {
    let out = '';
    for (let i = 0; i < length; i++) out += ONE_TIME_PASSWORD_ALPHABET[randomInt(ONE_TIME_PASSWORD_ALPHABET.length)];
    if (/\d/.test(out) && /[a-z]/.test(out)) return out;
  }
}

/** One line of a handout: who the account is for and how they sign in the first time. */
export interface HandoutEntry {
  unitName: string;
  unitPath: string;
  fullName: string;
  position: string | null;
  username: string;
  password: string;
}

/**
 * Encrypts a handout with a fresh random key (AES-256-GCM). The server stores the result and gives the key to the
 * officer only: without the key the stored bytes reveal nothing. Layout: 12-byte IV, 16-byte tag, ciphertext.
 */
export function sealHandout(entries: HandoutEntry[]): { sealed: Buffer; key: string } {
  const key = randomBytes(32);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(entries), 'utf8'), cipher.final()]);
  return { sealed: Buffer.concat([iv, cipher.getAuthTag(), body]), key: key.toString('base64url') };
}

/** Opens a sealed handout; null when the key is not the one it was sealed with (or the bytes were altered). */
export function openHandout(sealed: Buffer, key: string): HandoutEntry[] | null {
  const keyBytes = /^[A-Za-z0-9_-]{43}$/.test(key) ? Buffer.from(key, 'base64url') : null;
  if (!keyBytes || keyBytes.length !== 32 || sealed.length < 28) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyBytes, sealed.subarray(0, 12));
    decipher.setAuthTag(sealed.subarray(12, 28));
    const text = Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    return JSON.parse(text) as HandoutEntry[];
  } catch {
    return null;
  }
}
