import { Role } from '@cchc/shared';
import { SessionRevocations } from '../../apps/api/src/common/auth/session-revocations';
import { PasswordHasher } from '../../apps/api/src/users/password-hasher';
import { createTestApp, insertUser, seedSmallProvince, SmallProvince, TEST_PASSWORD, TestApp } from '../support/test-app';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const roomy = { max: 10_000, windowSeconds: 60 };
const WRONG = 'Sai@12345';

/**
 * Sign-in and sessions under real concurrent requests, on two API instances sharing one database (two "nodes"):
 * guesses claimed atomically, one answer for unknown/wrong/locked, per-address limits shared through the database,
 * and ended sessions refused everywhere within seconds.
 */
describe('sign-in and sessions that hold', () => {
  let a: TestApp;
  let b: TestApp;
  let province: SmallProvince;
  let accounts = 0;
  /** Passwords actually checked against an account's own hash (the dummy hash for unknown/locked not counted). */
  let realChecks: Map<string, number>;
  let hashes: Map<string, string>;

  const freshUser = async (role = Role.Learner) => {
    const user = await insertUser(a.db, { username: `phien.${++accounts}`, role });
    const [{ password_hash }] = await a.db.query(`SELECT password_hash FROM user_account WHERE id = $1`, [user.id]);
    hashes.set(password_hash, user.username);
    return user;
  };
  const signIn = (t: TestApp, username: string, password = TEST_PASSWORD, from?: string) => {
    const req = t.http.post('/api/auth/login');
    if (from) req.set('X-Forwarded-For', from);
    return req.send({ username, password });
  };

  beforeAll(async () => {
    const config = { rateLimits: { signIn: roomy, refresh: roomy, passwordChange: roomy }, sessionCheckMs: 200 };
    a = await createTestApp({ config });
    b = await createTestApp({ config, databaseUrl: (a.db.options as { url: string }).url });
    province = await seedSmallProvince(a.db);
    realChecks = new Map();
    hashes = new Map();
    for (const t of [a, b]) {
      const hasher = t.app.get(PasswordHasher, { strict: false });
      const verify = hasher.verify.bind(hasher);
      hasher.verify = async (hash: string, password: string) => {
        const owner = hashes.get(hash);
        if (owner) realChecks.set(owner, (realChecks.get(owner) ?? 0) + 1);
        return verify(hash, password);
      };
    }
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  describe('concurrent guessing', () => {
    it('200 wrong passwords at once, spread over two nodes: exactly 5 are checked, all answered alike, the account locks', async () => {
      const user = await freshUser();
      const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => signIn(i % 2 ? a : b, user.username, `${WRONG}${i}`)));
      expect(new Set(answers.map((r) => r.status))).toEqual(new Set([401]));
      expect(new Set(answers.map((r) => r.body.code))).toEqual(new Set(['AUTH_INVALID_CREDENTIALS']));
      expect(realChecks.get(user.username)).toBe(5);
      const [row] = await a.db.query(`SELECT failed_attempts, locked_until FROM user_account WHERE id = $1`, [user.id]);
      expect(row.failed_attempts).toBe(5);
      expect(row.locked_until.getTime()).toBeGreaterThan(Date.now());
    });

    it('the right password inside a burst of 29 wrong ones never gets a sixth guess checked', async () => {
      const user = await freshUser();
      const passwords = Array.from({ length: 30 }, (_, i) => (i === 17 ? TEST_PASSWORD : `${WRONG}${i}`));
      const answers = await Promise.all(passwords.map((p, i) => signIn(i % 2 ? a : b, user.username, p)));
      expect(realChecks.get(user.username)).toBe(5);
      const signedIn = answers.filter((r) => r.status === 200);
      // The right password signs in only if it was one of the five guesses checked, and then once.
      expect(signedIn.length).toBeLessThanOrEqual(1);
      // Whatever happened, the burst locked the account: the next try with the right password is refused unchecked.
      await signIn(a, user.username).expect(401);
      expect(realChecks.get(user.username)).toBe(5);
    });

    it('once locked, a burst holding the right password signs nobody in and checks nothing', async () => {
      const user = await freshUser();
      for (let i = 0; i < 5; i++) await signIn(a, user.username, WRONG).expect(401);
      const passwords = Array.from({ length: 30 }, (_, i) => (i % 3 ? `${WRONG}${i}` : TEST_PASSWORD));
      const answers = await Promise.all(passwords.map((p, i) => signIn(i % 2 ? a : b, user.username, p)));
      expect(answers.every((r) => r.status === 401)).toBe(true);
      expect(realChecks.get(user.username)).toBe(5);
    });

    it('a real user who mistypes four times and then gets it right is let in and starts afresh', async () => {
      const user = await freshUser();
      for (let i = 0; i < 4; i++) await signIn(a, user.username, WRONG).expect(401);
      await signIn(b, user.username).expect(200);
      const [row] = await a.db.query(`SELECT failed_attempts, locked_until FROM user_account WHERE id = $1`, [user.id]);
      expect(row).toEqual({ failed_attempts: 0, locked_until: null });
    });

    it('unknown username, wrong password and locked account: same status, same body, one password hash each', async () => {
      const hasher = a.app.get(PasswordHasher, { strict: false });
      const wrongUser = await freshUser();
      const lockedUser = await freshUser();
      for (let i = 0; i < 5; i++) await signIn(a, lockedUser.username, WRONG).expect(401);

      const cases = { unknown: ['khong.co.ai', TEST_PASSWORD], wrong: [wrongUser.username, WRONG], locked: [lockedUser.username, TEST_PASSWORD] } as const;
      const seen: Record<string, { status: number; body: unknown; hashes: number }> = {};
      const original = hasher.verify;
      for (const [name, [username, password]] of Object.entries(cases)) {
        let calls = 0;
        hasher.verify = (h: string, p: string) => {
          calls++;
          return original.call(hasher, h, p);
        };
        const res = await Promise.resolve(signIn(a, username, password)).finally(() => (hasher.verify = original));
        seen[name] = { status: res.status, body: res.body, hashes: calls };
      }
      expect(seen.unknown.status).toBe(401);
      expect(seen.wrong.status).toBe(401);
      expect(seen.locked.status).toBe(401);
      expect(seen.unknown.body).toEqual(seen.wrong.body);
      expect(seen.locked.body).toEqual(seen.wrong.body);
      // Comparable time comes from doing the same work: one argon2 verification on every path (a dummy hash for
      // unknown and locked accounts). Wall-clock times on a shared CI machine are too noisy to assert on.
      expect([seen.unknown.hashes, seen.wrong.hashes, seen.locked.hashes]).toEqual([1, 1, 1]);
    });
  });

  describe('per-address limits, shared through the database', () => {
    let limited: TestApp;
    let limitedTwin: TestApp;
    beforeAll(async () => {
      // Hour-long windows: a burst never straddles two windows (windows are aligned to the clock).
      const config = { rateLimits: { signIn: { max: 5, windowSeconds: 3600 }, refresh: { max: 4, windowSeconds: 3600 }, passwordChange: { max: 3, windowSeconds: 3600 } } };
      limited = await createTestApp({ config });
      limitedTwin = await createTestApp({ config, databaseUrl: (limited.db.options as { url: string }).url });
      await insertUser(limited.db, { username: 'gioi.han', role: Role.Learner });
    });
    afterAll(async () => {
      await limitedTwin?.close();
      await limited?.close();
    });

    it('20 sign-ins at once from one address over two nodes: 5 are served, 15 get 429 with Retry-After; another address is not affected', async () => {
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => signIn(i % 2 ? limited : limitedTwin, 'gioi.han', TEST_PASSWORD, '203.0.113.7')));
      const served = answers.filter((r) => r.status === 200);
      const refused = answers.filter((r) => r.status === 429);
      expect(served).toHaveLength(5);
      expect(refused).toHaveLength(15);
      for (const r of refused) {
        const retryAfter = Number(r.headers['retry-after']);
        expect(retryAfter).toBeGreaterThanOrEqual(1);
        expect(retryAfter).toBeLessThanOrEqual(3600);
        expect(r.body).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: expect.stringMatching(/thử lại sau \d+ giây/) });
      }
      await signIn(limited, 'gioi.han', TEST_PASSWORD, '203.0.113.8').expect(200);
    });

    it('limits refresh and password change per address too', async () => {
      const tokens = (await signIn(limited, 'gioi.han', TEST_PASSWORD, '198.51.100.1').expect(200)).body;
      const refreshes = await Promise.all(
        Array.from({ length: 6 }, () => limited.http.post('/api/auth/refresh').set('X-Forwarded-For', '198.51.100.2').send({ refreshToken: 'x'.repeat(43) })),
      );
      expect(refreshes.map((r) => r.status).sort()).toEqual([401, 401, 401, 401, 429, 429]);
      const changes = await Promise.all(
        Array.from({ length: 5 }, () =>
          limited.http.post('/api/auth/change-password').set('X-Forwarded-For', '198.51.100.3').set(bearer(tokens.accessToken)).send({ currentPassword: WRONG, newPassword: 'MatKhau@Moi1' }),
        ),
      );
      expect(changes.map((r) => r.status).sort()).toEqual([400, 400, 400, 429, 429]);
    });
  });

  describe('ended sessions stop working on every node within seconds', () => {
    /** Waits (on state) until node `t` refuses the token; answers how long that took. */
    async function refusedWithin(t: TestApp, token: string, limitMs = 5_000): Promise<number> {
      const started = Date.now();
      while (Date.now() - started < limitMs) {
        const res = await t.http.get('/api/auth/me').set(bearer(token));
        if (res.status === 401) return Date.now() - started;
        expect(res.status).toBe(200);
        await t.app.get(SessionRevocations).poll();
      }
      throw new Error(`token still accepted after ${limitMs} ms`);
    }
    const both = async (token: string) => {
      await a.http.get('/api/auth/me').set(bearer(token)).expect(200);
      await b.http.get('/api/auth/me').set(bearer(token)).expect(200);
    };

    it('sign-out: refused at once on the node that signed out, within seconds on the other', async () => {
      const user = await freshUser();
      const { accessToken, refreshToken } = (await signIn(a, user.username).expect(200)).body;
      await both(accessToken);
      await a.http.post('/api/auth/logout').send({ refreshToken }).expect(204);
      await a.http.get('/api/auth/me').set(bearer(accessToken)).expect(401);
      expect(await refusedWithin(b, accessToken)).toBeLessThan(5_000);
    });

    it('admin password reset and disabling the account end access tokens everywhere; a disabled account cannot sign in', async () => {
      const admin = (await signIn(a, 'admin').expect(200)).body.accessToken;
      const user = await freshUser();
      const first = (await signIn(a, user.username).expect(200)).body.accessToken;
      await both(first);
      await b.http.post(`/api/users/${user.id}/reset-password`).set(bearer(admin)).send({ newPassword: 'TamThoi@2025' }).expect(204);
      await b.http.get('/api/auth/me').set(bearer(first)).expect(401);
      await refusedWithin(a, first);

      const second = (await signIn(a, user.username, 'TamThoi@2025').expect(200)).body.accessToken;
      const disabled = await a.http.post(`/api/users/${user.id}/disabled`).set(bearer(admin)).send({ disabled: true }).expect(200);
      expect(disabled.body.disabled).toBe(true);
      await a.http.get('/api/auth/me').set(bearer(second)).expect(401);
      await refusedWithin(b, second);
      const refused = await signIn(b, user.username, 'TamThoi@2025').expect(403);
      expect(refused.body.code).toBe('AUTH_DISABLED');

      await a.http.post(`/api/users/${user.id}/disabled`).set(bearer(admin)).send({ disabled: false }).expect(200);
      await signIn(b, user.username, 'TamThoi@2025').expect(200);
      const self = await a.http.post(`/api/users/${province.users.admin.id}/disabled`).set(bearer(admin)).send({ disabled: true }).expect(400);
      expect(self.body.code).toBe('USER_CANNOT_DISABLE_SELF');
    });

    it('a stolen refresh token presented after the grace window ends the access tokens of every session', async () => {
      const user = await freshUser();
      const phone = (await signIn(a, user.username).expect(200)).body;
      const rotated = (await a.http.post('/api/auth/refresh').send({ refreshToken: phone.refreshToken }).expect(200)).body;
      await both(rotated.accessToken);
      // Both nodes' clocks move: real nodes agree on the time, and a later test must not see node A 31 s ahead of B.
      for (const t of [a, b]) t.clock.advance(31_000);
      await a.http.post('/api/auth/refresh').send({ refreshToken: phone.refreshToken }).expect(401);
      await a.http.get('/api/auth/me').set(bearer(rotated.accessToken)).expect(401);
      await refusedWithin(b, rotated.accessToken);
      await a.http.post('/api/auth/refresh').send({ refreshToken: rotated.refreshToken }).expect(401);
    });

    it('the refresh grace window answers the same pair on both nodes, so two tabs never fork the session', async () => {
      const user = await freshUser();
      const { refreshToken } = (await signIn(a, user.username).expect(200)).body;
      const [one, two] = await Promise.all([a, b].map((t) => t.http.post('/api/auth/refresh').send({ refreshToken })));
      expect([one.status, two.status]).toEqual([200, 200]);
      expect(two.body.refreshToken).toBe(one.body.refreshToken);
      expect(two.body.accessToken).toBe(one.body.accessToken);
      const rows = await a.db.query(`SELECT count(*)::int AS n FROM refresh_token WHERE user_id = $1 AND revoked_at IS NULL`, [user.id]);
      expect(rows[0].n).toBe(1);
    });
  });

  describe('an issued password must be changed first (enforced by the API)', () => {
    it('allows only "me", change-password and sign-out until the password is changed', async () => {
      const user = await freshUser(Role.Coordinator);
      await a.db.query(`UPDATE user_account SET must_change_password = true WHERE id = $1`, [user.id]);
      const issued = (await signIn(a, user.username).expect(200)).body;
      expect(issued.user.mustChangePassword).toBe(true);

      const me = await a.http.get('/api/auth/me').set(bearer(issued.accessToken)).expect(200);
      expect(me.body.mustChangePassword).toBe(true);
      for (const path of ['/api/units', '/api/people', '/api/notifications', '/api/test-rounds']) {
        const res = await a.http.get(path).set(bearer(issued.accessToken));
        expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 403, code: 'AUTH_PASSWORD_CHANGE_REQUIRED' });
        expect(res.body.message).toBe('Bạn cần đổi mật khẩu được cấp trước khi tiếp tục.');
      }
      const changed = await a.http
        .post('/api/auth/change-password')
        .set(bearer(issued.accessToken))
        .send({ currentPassword: TEST_PASSWORD, newPassword: 'DaDoi@2025' })
        .expect(200);
      expect(changed.body.user.mustChangePassword).toBe(false);
      await a.http.get('/api/units').set(bearer(changed.body.accessToken)).expect(200);
      // The token issued with the temporary password is over, on every node.
      await a.http.get('/api/auth/me').set(bearer(issued.accessToken)).expect(401);
      await b.http.get('/api/units').set(bearer(changed.body.accessToken)).expect(200);
    });
  });
});
