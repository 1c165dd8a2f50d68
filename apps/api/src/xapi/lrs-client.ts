import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const LRS_SCOPES = ['write', 'read_own', 'read_all'] as const;
export type LrsScope = (typeof LRS_SCOPES)[number];

/** The LRS client a request authenticated as (set on the request by LrsClientGuard). */
export interface LrsClient {
  id: string;
  name: string;
  key: string;
  scopes: LrsScope[];
}

/** A new key (public, shown in the list) and secret (shown once, only its hash is kept). */
export function newCredentials(): { key: string; secret: string; secretHash: string } {
  const key = `lrs_${randomBytes(9).toString('base64url')}`;
  const secret = randomBytes(24).toString('base64url');
  return { key, secret, secretHash: hashSecret(secret) };
}

/**
 * SHA-256, not argon2: the secret is 192 random bits (no dictionary to guess from), and every xAPI request carries
 * it, so a slow hash would cost more than the request itself.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function secretMatches(secret: string, secretHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(secretHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Reads `Authorization: Basic base64(key:secret)`; null when absent or malformed. */
export function basicCredentials(header: unknown): { key: string; secret: string } | null {
  if (typeof header !== 'string') return null;
  const m = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
  if (!m) return null;
  const text = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon < 1) return null;
  return { key: text.slice(0, colon), secret: text.slice(colon + 1) };
}

/** The Agent the LRS writes as `authority` on statements this client sends. */
export function clientAuthority(client: Pick<LrsClient, 'name' | 'key'>, siteUrl: string): Record<string, unknown> {
  return { objectType: 'Agent', name: client.name, account: { homePage: siteUrl, name: client.key } };
}
