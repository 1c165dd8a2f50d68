import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';

@Injectable()
export class PasswordHasher {
  // argon2id with the library's defaults (m=19 MiB, t=2): OWASP's recommended minimum.
  hash(password: string): Promise<string> {
    return hash(password);
  }

  /**
   * For generated one-time passwords only (≈49 random bits, see accounts/one-time-password.ts): argon2id with a
   * lighter memory cost, since guessing a random 10-character password is out of reach at any hashing speed, and a
   * province-wide handout hashes thousands at once (≈1 ms each instead of ≈14 ms).
   */
  hashOneTime(password: string): Promise<string> {
    return hash(password, { memoryCost: 4096, timeCost: 2 });
  }

  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  }
}

/** Minimum rules a civil servant can follow on a phone: 8+ characters with a letter and a digit. */
export function passwordProblem(password: string): string | null {
  if (password.length < 8) return 'Mật khẩu phải có ít nhất 8 ký tự.';
  if (password.length > 128) return 'Mật khẩu quá dài (tối đa 128 ký tự).';
  if (!/[A-Za-zÀ-ỹ]/.test(password) || !/\d/.test(password)) return 'Mật khẩu phải có cả chữ và số.';
  return null;
}
