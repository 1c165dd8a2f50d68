import type { AuthUser } from './auth-user';
import { bearerToken, VerifiedTokens } from './verified-tokens';

const user = (id: string): AuthUser => ({ id, username: id, displayName: id, role: 'learner' as AuthUser['role'], unitId: null, personId: null, tokenVersion: 0, mustChangePassword: false });
const token = (exp: unknown, sig = 'sig') => `h.${Buffer.from(JSON.stringify({ sub: 'u', exp })).toString('base64url')}.${sig}`;

describe('VerifiedTokens', () => {
  it('answers a remembered token until its exp, then forgets it', () => {
    const cache = new VerifiedTokens();
    const t = token(1_000);
    cache.remember(t, user('a'));
    expect(cache.get(t, 999_999)?.id).toBe('a');
    expect(cache.get(t, 1_000_000)).toBeNull();
    expect(cache.size).toBe(0);
  });

  it('does not answer a token it was never given, even one differing only in the signature', () => {
    const cache = new VerifiedTokens();
    cache.remember(token(2_000, 'good'), user('a'));
    expect(cache.get(token(2_000, 'forged'), 0)).toBeNull();
  });

  it('keeps nothing for a token without a numeric exp', () => {
    const cache = new VerifiedTokens();
    cache.remember(token(undefined), user('a'));
    cache.remember('not-a-jwt', user('b'));
    cache.remember(token('soon'), user('c'));
    expect(cache.size).toBe(0);
  });

  it('stays within its capacity, dropping the oldest first', () => {
    const cache = new VerifiedTokens(10);
    for (let i = 0; i < 25; i++) cache.remember(token(9_999_999, `s${i}`), user(`u${i}`));
    expect(cache.size).toBeLessThanOrEqual(10);
    expect(cache.get(token(9_999_999, 's24'), 0)?.id).toBe('u24');
    expect(cache.get(token(9_999_999, 's0'), 0)).toBeNull();
  });

  it('reads the bearer token of an Authorization header', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('Bearer ')).toBeNull();
    expect(bearerToken('Basic abc')).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
  });
});
