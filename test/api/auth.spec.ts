import jwt from 'jsonwebtoken';
import { Role } from '@cchc/shared';
import { createTestApp, insertUser, login, seedSmallProvince, SmallProvince, TEST_PASSWORD, TestApp } from '../support/test-app';

const INVALID = 'Tên đăng nhập hoặc mật khẩu không đúng. Sau 5 lần nhập sai liên tiếp, tài khoản tạm khóa 15 phút.';
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('auth API', () => {
  let t: TestApp;
  let province: SmallProvince;
  let adminToken: string;
  let accounts = 0;

  /** An account of its own for each test that changes one: lock counts and sessions never leak between tests. */
  const freshUser = (role = Role.Learner) => insertUser(t.db, { username: `auth.user${++accounts}`, role });

  const signIn = (username: string, password = TEST_PASSWORD) => t.http.post('/api/auth/login').send({ username, password });
  const refresh = (refreshToken: string) => t.http.post('/api/auth/refresh').send({ refreshToken });
  const me = (token: string) => t.http.get('/api/auth/me').set(bearer(token));

  /** The secret the API signs with: JWT_SECRET when set, otherwise the one it generated into app_setting. */
  async function signingSecret(): Promise<string> {
    if (process.env.JWT_SECRET) return process.env.JWT_SECRET;
    const rows: { value: string }[] = await t.db.query(`SELECT value FROM app_setting WHERE key = 'jwt_secret'`);
    return rows[0].value;
  }

  function accessPayload(user: { id: string; username: string; role: Role }) {
    return { sub: user.id, usr: user.username, name: user.username, role: user.role, unit: null, person: null, ver: 0 };
  }

  beforeAll(async () => {
    // This file signs in far more often than one person would: per-address limits are tested in sign-in-limits.spec.
    const roomy = { max: 10_000, windowSeconds: 60 };
    t = await createTestApp({ config: { rateLimits: { signIn: roomy, refresh: roomy, passwordChange: roomy } } });
    province = await seedSmallProvince(t.db);
    adminToken = await login(t.http, 'admin');
  });
  afterAll(() => t.close());

  describe('POST /api/auth/login', () => {
    it('signs in with tokens and the user profile, and never returns a password hash', async () => {
      const res = await signIn('coord').expect(200);

      expect(res.body).toEqual({
        accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
        refreshToken: expect.any(String),
        expiresIn: expect.any(Number),
        user: {
          id: province.users.coordinator.id,
          username: 'coord',
          displayName: 'Tài khoản coord',
          role: Role.Coordinator,
          unitId: province.units.dept.id,
          unitName: 'Sở Nội vụ',
          personId: province.people.deptHead.id,
          mustChangePassword: false,
        },
      });
      expect(res.body.refreshToken.length).toBeGreaterThanOrEqual(32);
      expect(JSON.stringify(res.body)).not.toMatch(/argon2|passwordHash|password_hash/i);
      expect(JSON.stringify(jwt.decode(res.body.accessToken))).not.toMatch(/argon2|password/i);
    });

    it('refuses a wrong password with 401 AUTH_INVALID_CREDENTIALS', async () => {
      const user = await freshUser();
      const res = await signIn(user.username, 'Sai@12345').expect(401);
      expect(res.body).toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS', message: INVALID });
    });

    it('answers an unknown username exactly like a wrong password, so usernames cannot be probed', async () => {
      const user = await freshUser();
      const wrongPassword = await signIn(user.username, 'Sai@12345');
      const unknownUser = await signIn('khong.ton.tai', TEST_PASSWORD);
      expect(unknownUser.status).toBe(401);
      expect(unknownUser.body).toEqual(wrongPassword.body);
    });

    it.each(['COORD', 'Coord', '  coord  '])('accepts the username regardless of case and surrounding spaces: %j', async (username) => {
      const res = await signIn(username).expect(200);
      expect(res.body.user.username).toBe('coord');
    });

    it.each([
      ['an empty body', {}],
      ['no password', { username: 'coord' }],
      ['no username', { password: TEST_PASSWORD }],
      ['an empty username', { username: '', password: TEST_PASSWORD }],
      ['a numeric username', { username: 123, password: TEST_PASSWORD }],
      ['a password that is a list', { username: 'coord', password: [TEST_PASSWORD] }],
      ['a password that is an object', { username: 'coord', password: { $ne: '' } }],
      ['a username longer than 60 characters', { username: 'a'.repeat(61), password: TEST_PASSWORD }],
    ])('refuses %s with 400 and a clear Vietnamese message', async (_case, body) => {
      const res = await t.http.post('/api/auth/login').send(body).expect(400);
      expect(res.body).toEqual({ statusCode: 400, code: 'VALIDATION_FAILED', message: 'Vui lòng nhập tên đăng nhập và mật khẩu.' });
    });

    it('refuses malformed JSON with 400 and a Vietnamese message, not 500', async () => {
      const res = await t.http.post('/api/auth/login').set('content-type', 'application/json').send('{"username": "coord",').expect(400);
      // The filter means to answer MALFORMED_JSON here, but Nest hands it the parser error already wrapped (see report).
      expect(res.body.message).toMatch(/không hợp lệ|lỗi cú pháp/);
    });
  });

  describe('lockout after repeated wrong passwords', () => {
    async function lockOut(username: string) {
      for (let attempt = 1; attempt < 5; attempt++) await signIn(username, `Sai@${attempt}2345`).expect(401);
      return signIn(username, 'Sai@52345');
    }

    const lockedUntil = async (id: string): Promise<Date | null> =>
      (await t.db.query(`SELECT locked_until FROM user_account WHERE id = $1`, [id]))[0].locked_until;

    it('locks on the fifth wrong password, answering exactly like a wrong password (a guesser learns nothing)', async () => {
      const user = await freshUser();
      const res = await lockOut(user.username);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ statusCode: 401, code: 'AUTH_INVALID_CREDENTIALS', message: INVALID });
      expect((await lockedUntil(user.id))!.getTime() - t.clock.now().getTime()).toBeGreaterThan(14 * 60_000);
    });

    it('refuses even the right password while locked, with the same answer, for the whole 15 minutes', async () => {
      const user = await freshUser();
      await lockOut(user.username);

      const right = await signIn(user.username).expect(401);
      expect(right.body.message).toBe(INVALID);

      t.clock.advance(14 * 60_000);
      await signIn(user.username).expect(401);
    });

    it('lets the right password in once the lock has run out', async () => {
      const user = await freshUser();
      await lockOut(user.username);
      await signIn(user.username).expect(401);

      t.clock.advance(16 * 60_000);
      const res = await signIn(user.username).expect(200);
      expect(res.body.user.id).toBe(user.id);
    });

    it('a success in between resets the count: four wrong, one right, four wrong is not locked', async () => {
      const user = await freshUser();
      for (let i = 0; i < 4; i++) await signIn(user.username, 'Sai@12345').expect(401);
      await signIn(user.username).expect(200);
      for (let i = 0; i < 4; i++) await signIn(user.username, 'Sai@12345').expect(401);
      await signIn(user.username).expect(200);
    });

    it("records a 'login_locked' audit entry for the locked account", async () => {
      const user = await freshUser();
      await lockOut(user.username);

      const res = await t.http.get('/api/audit').query({ action: 'login_locked', pageSize: 500 }).set(bearer(adminToken)).expect(200);
      const entry = res.body.items.find((e: { entityId: string }) => e.entityId === user.id);
      expect(entry).toMatchObject({ action: 'login_locked', entityType: 'user', actorId: null });
      expect(entry.summary).toContain(user.username);
    });

    it('an admin password reset unlocks at once, ends the sessions and asks for a new password', async () => {
      const user = await freshUser();
      const { refreshToken } = (await signIn(user.username).expect(200)).body;
      await lockOut(user.username);

      const newPassword = 'DatLai@2025';
      await t.http.post(`/api/users/${user.id}/reset-password`).set(bearer(adminToken)).send({ newPassword }).expect(204);

      const res = await signIn(user.username, newPassword).expect(200);
      expect(res.body.user.mustChangePassword).toBe(true);
      await signIn(user.username, TEST_PASSWORD).expect(401);
      const reused = await refresh(refreshToken).expect(401);
      expect(reused.body.code).toBe('AUTH_INVALID_REFRESH_TOKEN');
    });
  });

  describe('POST /api/auth/refresh and /api/auth/logout', () => {
    it('rotates: the new refresh token works, the used one is refused', async () => {
      const user = await freshUser();
      const first = (await signIn(user.username).expect(200)).body.refreshToken;

      const rotated = await refresh(first).expect(200);
      expect(rotated.body.refreshToken).not.toBe(first);
      expect(rotated.body.user.id).toBe(user.id);
      await me(rotated.body.accessToken).expect(200);

      // After the short grace period for lost answers, the used token is refused.
      t.clock.advance(31_000);
      const reused = await refresh(first).expect(401);
      expect(reused.body).toMatchObject({ code: 'AUTH_INVALID_REFRESH_TOKEN', message: expect.stringMatching(/đăng nhập lại/) });
    });

    it('treats a used refresh token presented again as stolen: every session of that user ends', async () => {
      const user = await freshUser();
      const otherDevice = (await signIn(user.username).expect(200)).body.refreshToken;
      const first = (await signIn(user.username).expect(200)).body.refreshToken;
      const second = (await refresh(first).expect(200)).body.refreshToken;

      // Past the grace period for lost answers, the old token coming back means a copy.
      t.clock.advance(31_000);
      await refresh(first).expect(401);

      await refresh(second).expect(401);
      await refresh(otherDevice).expect(401);
    });

    it('answers a just-rotated token again for a few seconds (the client lost the answer on a weak link), ending nothing', async () => {
      const user = await freshUser();
      const otherDevice = (await signIn(user.username).expect(200)).body.refreshToken;
      const first = (await signIn(user.username).expect(200)).body.refreshToken;
      const lost = (await refresh(first).expect(200)).body;
      t.clock.advance(5_000);
      const retried = await refresh(first).expect(200);
      // The very pair that was lost, not a second one: two tabs retrying never fork the session.
      expect(retried.body.refreshToken).toBe(lost.refreshToken);
      expect(retried.body.accessToken).toBe(lost.accessToken);
      await me(retried.body.accessToken).expect(200);
      await refresh(retried.body.refreshToken).expect(200);
      await refresh(otherDevice).expect(200);
    });

    it('refuses an unknown refresh token with 401 and a missing one with 400', async () => {
      await refresh('x'.repeat(43)).expect(401);
      const missing = await t.http.post('/api/auth/refresh').send({}).expect(400);
      expect(missing.body.code).toBe('VALIDATION_FAILED');
    });

    it('refuses a refresh token after its 30 days', async () => {
      const user = await freshUser();
      const { refreshToken } = (await signIn(user.username).expect(200)).body;
      t.clock.advance(31 * 24 * 60 * 60_000);
      await refresh(refreshToken).expect(401);
    });

    it('logout revokes that session only, and logging out twice is harmless', async () => {
      const user = await freshUser();
      const phone = (await signIn(user.username).expect(200)).body.refreshToken;
      const laptop = (await signIn(user.username).expect(200)).body.refreshToken;

      await t.http.post('/api/auth/logout').send({ refreshToken: phone }).expect(204);
      await refresh(phone).expect(401);
      await refresh(laptop).expect(200);
      await t.http.post('/api/auth/logout').send({ refreshToken: phone }).expect(204);
    });

    it('logout without a refresh token is a 400', async () => {
      const res = await t.http.post('/api/auth/logout').send({}).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('GET /api/auth/me', () => {
    it('returns the signed-in user', async () => {
      const token = await login(t.http, 'learner');
      const res = await me(token).expect(200);
      expect(res.body).toEqual({
        id: province.users.learner.id,
        username: 'learner',
        displayName: 'Tài khoản learner',
        role: Role.Learner,
        unitId: province.units.communeA.id,
        unitName: 'Xã An Bình',
        personId: province.people.communeAStaff.id,
        mustChangePassword: false,
      });
    });

    it('accepts a token signed with the stored secret (so the rejections below are about the token, not the setup)', async () => {
      const user = await freshUser();
      const token = jwt.sign(accessPayload(user), await signingSecret(), { algorithm: 'HS256', expiresIn: 60 });
      await me(token).expect(200);
    });

    const unauthenticated = async (headers: Record<string, string>) => {
      const res = await t.http.get('/api/auth/me').set(headers).expect(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
      expect(res.body.message).toMatch(/đăng nhập/);
    };

    it('refuses a request without a token', () => unauthenticated({}));
    it('refuses a garbage token', () => unauthenticated(bearer('not.a.jwt')));
    it('refuses a token that is not sent as Bearer', async () => unauthenticated({ Authorization: await login(t.http, 'learner') }));

    it('refuses a token signed with another secret', async () => {
      const user = await freshUser(Role.Admin);
      await unauthenticated(bearer(jwt.sign(accessPayload(user), 'not-the-secret', { algorithm: 'HS256', expiresIn: 60 })));
    });

    it('refuses an expired token signed with the right secret', async () => {
      const user = await freshUser();
      const issuedAt = Math.floor(Date.now() / 1000) - 3600;
      const token = jwt.sign({ ...accessPayload(user), iat: issuedAt, exp: issuedAt + 900 }, await signingSecret(), { algorithm: 'HS256' });
      await unauthenticated(bearer(token));
    });

    it("refuses an unsigned token ('alg: none') claiming to be an admin", async () => {
      const user = await freshUser();
      const token = jwt.sign({ ...accessPayload(user), role: Role.Admin }, '', { algorithm: 'none' });
      await unauthenticated(bearer(token));
    });
  });

  describe('POST /api/auth/change-password', () => {
    const changePassword = (token: string, body: object) => t.http.post('/api/auth/change-password').set(bearer(token)).send(body);

    it('refuses a wrong current password with 400', async () => {
      const user = await freshUser();
      const token = await login(t.http, user.username);
      const res = await changePassword(token, { currentPassword: 'Sai@12345', newPassword: 'MatKhauMoi@1' }).expect(400);
      expect(res.body).toMatchObject({ code: 'AUTH_WRONG_CURRENT_PASSWORD', message: 'Mật khẩu hiện tại không đúng.' });
    });

    it.each([
      ['shorter than 8 characters', 'Ab1', /ít nhất 8 ký tự/],
      ['without a digit', 'KhongCoSo', /cả chữ và số/],
      ['without a letter', '1234567890', /cả chữ và số/],
      ['the same as the current one', TEST_PASSWORD, /khác mật khẩu hiện tại/],
    ])('refuses a new password %s with 400 and a Vietnamese reason', async (_case, newPassword, reason) => {
      const user = await freshUser();
      const token = await login(t.http, user.username);
      const res = await changePassword(token, { currentPassword: TEST_PASSWORD, newPassword }).expect(400);
      expect(res.body.code).toBe('AUTH_WEAK_PASSWORD');
      expect(res.body.message).toMatch(reason);
    });

    it.each([
      ['no new password', { currentPassword: TEST_PASSWORD }],
      ['a numeric new password', { currentPassword: TEST_PASSWORD, newPassword: 12345678 }],
      ['an unexpected field', { currentPassword: TEST_PASSWORD, newPassword: 'MatKhauMoi@1', role: 'admin' }],
    ])('refuses a body with %s with 400 VALIDATION_FAILED', async (_case, body) => {
      const user = await freshUser();
      const res = await changePassword(await login(t.http, user.username), body).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.message).toMatch(/^Dữ liệu không hợp lệ/);
    });

    it('requires a signed-in user', async () => {
      await t.http.post('/api/auth/change-password').send({ currentPassword: TEST_PASSWORD, newPassword: 'MatKhauMoi@1' }).expect(401);
    });

    it('changes the password: the old one is refused, the new one works, other sessions end', async () => {
      const user = await freshUser();
      const session = (await signIn(user.username).expect(200)).body;

      const changed = await changePassword(session.accessToken, { currentPassword: TEST_PASSWORD, newPassword: 'MatKhauMoi@1' }).expect(200);

      await signIn(user.username, TEST_PASSWORD).expect(401);
      const res = await signIn(user.username, 'MatKhauMoi@1').expect(200);
      expect(res.body.user.mustChangePassword).toBe(false);
      await refresh(session.refreshToken).expect(401);
      // The session that changed the password carries on with the pair it was given.
      expect(changed.body.user).toMatchObject({ username: user.username, mustChangePassword: false });
      const next = await refresh(changed.body.refreshToken).expect(200);
      await t.http.get('/api/auth/me').set(bearer(next.body.accessToken)).expect(200);
    });
  });

  it('never lists password hashes in the admin user list either', async () => {
    const res = await t.http.get('/api/users').set(bearer(adminToken)).expect(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(JSON.stringify(res.body)).not.toMatch(/argon2|passwordHash|password_hash/i);
  });
});
