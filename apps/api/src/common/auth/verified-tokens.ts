import type { AuthUser } from './auth-user';

/**
 * Access tokens already verified (signature and expiry), kept until they expire. A test-taker sends the same token with every
 * saved answer; verifying it once instead of on every request takes the JWT work off the exam's hot path. Safe because
 * verification depends only on the token, the (fixed) secret and the time: an entry is dropped at the token's `exp`.
 * Bounded: when full, the oldest entries go first.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, { user: AuthUser; expiresAtMs: number }>();

  constructor(private readonly capacity = 50_000) {}

  get(token: string, nowMs: number): AuthUser | null {
    const hit = this.entries.get(token);
    if (!hit) return null;
    if (hit.expiresAtMs <= nowMs) {
      this.entries.delete(token);
      return null;
    }
    return hit.user;
  }

  /** Remembers a token just verified; its expiry is read from the (verified) payload. */
  remember(token: string, user: AuthUser): void {
    const expiresAtMs = expiryOf(token);
    if (expiresAtMs === null) return;
    if (this.entries.size >= this.capacity) {
      let drop = Math.max(1, Math.floor(this.capacity / 10));
      for (const key of this.entries.keys()) {
        this.entries.delete(key);
        if (--drop === 0) break;
      }
    }
    this.entries.set(token, { user, expiresAtMs });
  }

  get size(): number {
    return this.entries.size;
  }
}

function expiryOf(token: string): number | null {
  try {
    const exp = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : null;
  } catch {
    return null;
  }
}

/** The bearer token of an Authorization header, or null. */
export function bearerToken(header: unknown): string | null {
  return typeof header === 'string' && header.startsWith('Bearer ') && header.length > 7 ? header.slice(7) : null;
}
