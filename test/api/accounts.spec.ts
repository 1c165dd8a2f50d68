import { mkdirSync, writeFileSync } from 'node:fs';
import { Role } from '@cchc/shared';
import { asUser, expectApiError, type ApiAs } from '../support/fixtures/api-client';
import { openXlsx, sheetRows } from '../support/fixtures/staff-files';
import { createTestApp, insertPerson, insertUnit, insertUser, login, seedSmallProvince, SmallProvince, TestApp } from '../support/test-app';
import { UnitLevel } from '@cchc/shared';

const pdfText = async (buffer: Buffer): Promise<string> => {
  const pdfParse = require('pdf-parse/lib/pdf-parse.js') as (b: Buffer) => Promise<{ text: string }>;
  return (await pdfParse(buffer)).text.normalize('NFC');
};

describe('Accounts for everyone (bulk creation, one-time passwords, handouts)', () => {
  let t: TestApp;
  let p: SmallProvince;
  let coord: ApiAs;
  let communeOfficer: ApiAs;
  let deptOfficer: ApiAs;

  beforeAll(async () => {
    t = await createTestApp();
    p = await seedSmallProvince(t.db);
    coord = asUser(t.http, await login(t.http, 'coord'));
    communeOfficer = asUser(t.http, await login(t.http, 'commune.officer'));
    deptOfficer = asUser(t.http, await login(t.http, 'dept.officer'));
  });
  afterAll(() => t.close());

  const accountCount = async () => Number((await t.db.query(`SELECT count(*)::int AS n FROM user_account`))[0].n);
  const handout = (api: ApiAs, id: string, format: 'pdf' | 'xlsx', key: string) =>
    api
      .post(`/api/account-handouts/${id}/${format}`, { key })
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
  const errorOf = (body: Buffer) => JSON.parse(body.toString('utf8'));

  it('the dry run counts who would get an account and lists nobody twice; nothing is written', async () => {
    const before = await accountCount();
    const res = await communeOfficer.post('/api/accounts/bulk/dry-run', { unitId: p.units.communeA.id }).expect(200);
    expect(res.body).toMatchObject({ unitName: 'Xã An Bình', candidates: 1, toCreate: 1, alreadyHaveAccount: 1, problems: [] });
    expect(res.body.sample).toEqual([expect.objectContaining({ fullName: 'Phạm Thị Dung', username: 't0004', problem: null })]);
    expect(await accountCount()).toBe(before);
  });

  it('an officer cannot plan, create or reset outside their subtree, and learns nothing about it', async () => {
    const before = await accountCount();
    expectApiError(await communeOfficer.post('/api/accounts/bulk/dry-run', { unitId: p.units.communeB.id }), 403, 'OUT_OF_SCOPE');
    expectApiError(await communeOfficer.post('/api/accounts/bulk', { unitId: p.units.communeB.id }), 403, 'OUT_OF_SCOPE');
    expectApiError(await communeOfficer.post('/api/accounts/bulk', { unitId: p.units.province.id }), 403, 'OUT_OF_SCOPE');
    expectApiError(await communeOfficer.post(`/api/people/${p.people.communeBStaff.id}/account/reset-password`), 403, 'OUT_OF_SCOPE');
    const learner = asUser(t.http, await login(t.http, 'learner'));
    expectApiError(await learner.post('/api/accounts/bulk', { unitId: p.units.communeA.id }), 403);
    expect(await accountCount()).toBe(before);
  });

  it('refuses bad ids and bodies with a 4xx', async () => {
    expectApiError(await coord.post('/api/accounts/bulk', {}), 400);
    expectApiError(await coord.post('/api/accounts/bulk', { unitId: 'not-a-uuid' }), 400);
    expectApiError(await coord.post('/api/accounts/bulk/dry-run', { unitId: '00000000-0000-4000-8000-000000000000' }), 404, 'UNIT_NOT_FOUND');
    expectApiError(await coord.post('/api/people/nope/account/reset-password'), 400);
    expectApiError(await coord.post('/api/people/00000000-0000-4000-8000-000000000000/account/reset-password'), 404);
    expectApiError(await coord.post('/api/account-handouts/00000000-0000-4000-8000-000000000000/doc', { key: 'x'.repeat(43) }), 400);
    expectApiError(await coord.post('/api/account-handouts/00000000-0000-4000-8000-000000000000/pdf', { key: 'short' }), 400);
    expectApiError(await coord.post('/api/account-handouts/00000000-0000-4000-8000-000000000000/pdf', { key: 'x'.repeat(43) }), 404, 'HANDOUT_NOT_FOUND');
  });

  it('creates every account of a subtree or none: one clash and nobody gets an account', async () => {
    const unit = await insertUnit(t.db, { code: 'T.X.C', name: 'Xã Cam Hải', level: UnitLevel.Commune, parent: p.units.province });
    await insertPerson(t.db, { staffCode: 'C0001', fullName: 'Đỗ Văn Khoa', unitId: unit.id });
    const clash = await insertPerson(t.db, { staffCode: 'ADMIN', fullName: 'Ngô Thị Lan', unitId: unit.id });
    const before = await accountCount();
    const plan = await coord.post('/api/accounts/bulk/dry-run', { unitId: unit.id }).expect(200);
    expect(plan.body).toMatchObject({ candidates: 2, toCreate: 1 });
    expect(plan.body.problems).toEqual([expect.objectContaining({ fullName: 'Ngô Thị Lan', username: 'admin', problem: 'username_taken' })]);
    const res = await coord.post('/api/accounts/bulk', { unitId: unit.id });
    expectApiError(res, 409, 'ACCOUNTS_HAVE_PROBLEMS');
    expect(res.body.details.problems).toHaveLength(1);
    expect(await accountCount()).toBe(before);
    // Fixed (the person left): the rest goes through.
    await coord.post(`/api/people/${clash.id}/status`, { status: 'left' }).expect(200);
    const ok = await coord.post('/api/accounts/bulk', { unitId: unit.id }).expect(201);
    expect(ok.body.created).toBe(1);
    expect(await accountCount()).toBe(before + 1);
  });

  it('an empty subtree, or one where everyone already has an account, is a clear 400', async () => {
    const empty = await insertUnit(t.db, { code: 'T.X.D', name: 'Xã Trống', level: UnitLevel.Commune, parent: p.units.province });
    expectApiError(await coord.post('/api/accounts/bulk', { unitId: empty.id }), 400, 'ACCOUNTS_NOBODY_TO_CREATE');
  });

  describe('a commune gets its accounts and the handout, once', () => {
    let result: { handoutId: string; handoutKey: string; created: number };
    let password = '';

    it('creates the accounts with argon2 hashes only, must-change flag set, audited', async () => {
      const res = await communeOfficer.post('/api/accounts/bulk', { unitId: p.units.communeA.id }).expect(201);
      result = res.body;
      expect(result.created).toBe(1);
      const [account] = await t.db.query(`SELECT username, role, password_hash, must_change_password, unit_id FROM user_account WHERE person_id = $1`, [p.people.communeAStaff2.id]);
      expect(account).toMatchObject({ username: 't0004', role: Role.Learner, must_change_password: true, unit_id: p.units.communeA.id });
      expect(account.password_hash).toMatch(/^\$argon2id\$/);
      const [stored] = await t.db.query(`SELECT sealed FROM account_handout WHERE id = $1`, [result.handoutId]);
      expect(Buffer.from(stored.sealed).toString('latin1')).not.toContain('t0004');
      const audit = await t.db.query(`SELECT summary, details FROM audit_log WHERE action = 'accounts_create' AND entity_id = $1`, [p.units.communeA.id]);
      expect(audit).toHaveLength(1);
      expect(audit[0].details.usernames).toEqual(['t0004']);
      // A second run finds nobody left.
      expectApiError(await communeOfficer.post('/api/accounts/bulk', { unitId: p.units.communeA.id }), 400, 'ACCOUNTS_NOBODY_TO_CREATE');
    });

    it('the .xlsx handout has the unit, name, username and one-time password and the sign-in note; a second request is refused', async () => {
      const wrongKey = await handout(communeOfficer, result.handoutId, 'xlsx', 'A'.repeat(43));
      expect([wrongKey.status, errorOf(wrongKey.body as Buffer).code]).toEqual([403, 'HANDOUT_KEY_INVALID']);
      const other = await handout(deptOfficer, result.handoutId, 'xlsx', result.handoutKey);
      expect(other.status).toBe(404);
      const res = await handout(communeOfficer, result.handoutId, 'xlsx', result.handoutKey).expect(200);
      expect(res.headers['cache-control']).toBe('no-store');
      const rows = sheetRows(await openXlsx(res.body as Buffer));
      const text = rows.flat().join(' | ');
      expect(text).toContain('Xã An Bình');
      expect(text).toMatch(/Địa chỉ đăng nhập: http:\/\/localhost:\d+/);
      const row = rows.find((r) => r.includes('Phạm Thị Dung'))!;
      expect(row).toContain('t0004');
      password = row[4];
      expect(password).toMatch(/^[a-z2-9]{10}$/);
      const again = await handout(communeOfficer, result.handoutId, 'xlsx', result.handoutKey);
      expect(again.status).toBe(410);
      expect(errorOf(again.body as Buffer).code).toBe('HANDOUT_ALREADY_TAKEN');
    });

    it('the PDF handout carries the same password, once; then the ciphertext is gone', async () => {
      const res = await handout(communeOfficer, result.handoutId, 'pdf', result.handoutKey).expect(200);
      expect((res.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
      mkdirSync('test-output/accounts', { recursive: true });
      writeFileSync('test-output/accounts/phieu-tai-khoan.pdf', res.body as Buffer);
      const text = await pdfText(res.body as Buffer);
      expect(text).toContain('Phạm Thị Dung');
      expect(text).toContain(password);
      expect(text).toContain('XÃ AN BÌNH');
      expect((await handout(communeOfficer, result.handoutId, 'pdf', result.handoutKey)).status).toBe(410);
      const [stored] = await t.db.query(`SELECT sealed, pdf_taken_at, xlsx_taken_at FROM account_handout WHERE id = $1`, [result.handoutId]);
      expect(stored.sealed).toBeNull();
      expect(stored.pdf_taken_at).not.toBeNull();
    });

    it('the new user signs in with the one-time password and must set their own before anything else', async () => {
      const first = await t.http.post('/api/auth/login').send({ username: 't0004', password }).expect(200);
      expect(first.body.user).toMatchObject({ username: 't0004', mustChangePassword: true, personId: p.people.communeAStaff2.id });
      const me = asUser(t.http, first.body.accessToken);
      const changed = await me.post('/api/auth/change-password', { currentPassword: password, newPassword: 'Dung@2026' }).expect(200);
      expect(changed.body.user.mustChangePassword).toBe(false);
      expectApiError(await t.http.post('/api/auth/login').send({ username: 't0004', password }), 401);
      await t.http.post('/api/auth/login').send({ username: 't0004', password: 'Dung@2026' }).expect(200);
    });

    it('the officer resets the password of someone in their subtree: a new one-time password in a handout for that person', async () => {
      const res = await communeOfficer.post(`/api/people/${p.people.communeAStaff2.id}/account/reset-password`).expect(200);
      expect(res.body.accounts).toBe(1);
      expectApiError(await t.http.post('/api/auth/login').send({ username: 't0004', password: 'Dung@2026' }), 401);
      const file = await handout(communeOfficer, res.body.handoutId, 'xlsx', res.body.handoutKey).expect(200);
      const row = sheetRows(await openXlsx(file.body as Buffer)).find((r) => r.includes('t0004'))!;
      const login2 = await t.http.post('/api/auth/login').send({ username: 't0004', password: row[4] }).expect(200);
      expect(login2.body.user.mustChangePassword).toBe(true);
      const audit = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'password_reset' AND summary LIKE '%t0004%'`);
      expect(audit[0].n).toBe(1);
    });

    it('an officer cannot reset a coordinator who works in their unit', async () => {
      expectApiError(await deptOfficer.post(`/api/people/${p.people.deptHead.id}/account/reset-password`), 403, 'ACCOUNT_RESET_NOT_ALLOWED');
      expectApiError(await deptOfficer.post(`/api/people/${p.people.officeStaff.id}/account/reset-password`), 404, 'PERSON_HAS_NO_ACCOUNT');
    });
  });

  it('retiring or leaving disables the account; returning to work enables it again', async () => {
    const person = await insertPerson(t.db, { staffCode: 'T0099', fullName: 'Bùi Văn Nam', unitId: p.units.communeB.id });
    await insertUser(t.db, { username: 'nam', role: Role.Learner, unitId: p.units.communeB.id, personId: person.id });
    const token = await login(t.http, 'nam');
    await coord.post(`/api/people/${person.id}/status`, { status: 'retired' }).expect(200);
    expectApiError(await t.http.post('/api/auth/login').send({ username: 'nam', password: 'Test@12345' }), 403);
    const refresh = await t.db.query(`SELECT count(*)::int AS n FROM refresh_token r JOIN user_account a ON a.id = r.user_id WHERE a.username = 'nam' AND r.revoked_at IS NULL`);
    expect(refresh[0].n).toBe(0);
    expectApiError(await t.http.get('/api/auth/me').set('authorization', `Bearer ${token}`), 401);
    await coord.post(`/api/people/${person.id}/status`, { status: 'active' }).expect(200);
    await t.http.post('/api/auth/login').send({ username: 'nam', password: 'Test@12345' }).expect(200);
    const audit = await t.db.query(`SELECT action FROM audit_log WHERE summary LIKE '%"nam"%' ORDER BY id`);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['account_disable', 'account_enable']);
  });
});
