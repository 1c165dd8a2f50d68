import { Role, UnitLevel, type ImportReportDto } from '@cchc/shared';
import { asUser, expectApiError, type ApiAs } from '../support/fixtures/api-client';
import { snapshotTables } from '../support/fixtures/db-snapshot';
import { openXlsx, sheetRows, staffXlsx, type StaffRowInput } from '../support/fixtures/staff-files';
import { createTestApp, insertPerson, insertUnit, insertUser, login, seedSmallProvince, SmallProvince, TestApp } from '../support/test-app';

const DRY_RUN = '/api/people/import/dry-run?createAccounts=true';
const COMMIT = '/api/people/import/commit?createAccounts=true';
const TABLES = ['person', 'person_unit_history', 'person_status_history', 'user_account', 'account_handout'];

/** The staff import's "tạo tài khoản cho người mới", and the bulk dry run's conflicts (point 1 of issue #11). */
describe('Accounts for the people a staff import creates', () => {
  let t: TestApp;
  let p: SmallProvince;
  let coord: ApiAs;
  let communeOfficer: ApiAs;

  beforeAll(async () => {
    t = await createTestApp();
    p = await seedSmallProvince(t.db);
    coord = asUser(t.http, await login(t.http, 'coord'));
    communeOfficer = asUser(t.http, await login(t.http, 'commune.officer'));
  });
  afterAll(() => t.close());

  const handout = (api: ApiAs, id: string, format: 'pdf' | 'xlsx', key: string) =>
    api
      .post(`/api/account-handouts/${id}/${format}`, { key })
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
  const accountOf = async (staffCode: string) =>
    (await t.db.query(`SELECT a.username, a.role, a.password_hash, a.must_change_password FROM user_account a JOIN person p ON p.id = a.person_id WHERE p.staff_code = $1`, [staffCode]))[0] ?? null;

  it('the dry run counts the accounts, lists a username already taken on its row, and writes nothing', async () => {
    const rows: StaffRowInput[] = [
      { staffCode: 'IA001', fullName: 'Đặng Thị Thu', unitCode: 'T.X.A', category: 'Công chức' },
      // "admin" is the administrator's username: this person cannot get it.
      { staffCode: 'ADMIN', fullName: 'Ngô Văn Quản', unitCode: 'T.X.A', category: 'Công chức' },
      { staffCode: 'IA003', fullName: 'Lý Văn Hưu', unitCode: 'T.X.A', category: 'Công chức', status: 'Đã nghỉ hưu' },
    ];
    const before = await snapshotTables(t.db, TABLES);
    const report: ImportReportDto = (await communeOfficer.upload(DRY_RUN, await staffXlsx(rows), 'ds.xlsx').expect(200)).body;
    expect(report).toMatchObject({ toCreate: 3, accountsToCreate: 1, committed: false });
    expect(report.problems).toEqual([
      { row: 3, column: 'Mã cán bộ', code: 'ACCOUNT_USERNAME_TAKEN', message: expect.stringMatching(/^Không tạo được tài khoản: Tên đăng nhập "admin" đã thuộc một tài khoản khác\./) },
    ]);
    // Each row appears once in the preview, the refused one marked by its problem.
    expect(report.rows.map((r) => [r.row, r.action])).toEqual([[2, 'create'], [3, 'create'], [4, 'create']]);
    // Without the option the same file is fine and no account is counted.
    const plain: ImportReportDto = (await communeOfficer.upload('/api/people/import/dry-run', await staffXlsx(rows), 'ds.xlsx').expect(200)).body;
    expect(plain.problems).toEqual([]);
    expect(plain.accountsToCreate).toBeUndefined();
    expect(await snapshotTables(t.db, TABLES)).toEqual(before);
  });

  it('a commit with an account problem writes no person and no account (all or nothing)', async () => {
    const rows: StaffRowInput[] = [
      { staffCode: 'IB001', fullName: 'Trịnh Văn Bảo', unitCode: 'T.X.A', category: 'Công chức' },
      { staffCode: 'ADMIN', fullName: 'Ngô Văn Quản', unitCode: 'T.X.A', category: 'Công chức' },
    ];
    const before = await snapshotTables(t.db, TABLES);
    const res = await communeOfficer.upload(COMMIT, await staffXlsx(rows), 'ds.xlsx');
    expectApiError(res, 422, 'IMPORT_HAS_ERRORS');
    expect(res.body.details.problems.map((x: { code: string }) => x.code)).toEqual(['ACCOUNT_USERNAME_TAKEN']);
    expect(await snapshotTables(t.db, TABLES)).toEqual(before);
  });

  it('refuses a malformed option with a 400', async () => {
    expectApiError(await communeOfficer.upload('/api/people/import/dry-run?createAccounts=maybe', await staffXlsx([]), 'ds.xlsx'), 400);
    expectApiError(await communeOfficer.upload('/api/people/import/commit?createAccounts=2', await staffXlsx([]), 'ds.xlsx'), 400);
  });

  describe('an officer imports new staff with accounts and hands out the slips', () => {
    let report: ImportReportDto;
    let password = '';

    it('creates the people and, in the same transaction, an account for each new person at work; audited', async () => {
      const existing = await insertPerson(t.db, { staffCode: 'IC000', fullName: 'Phùng Văn Cũ', unitId: p.units.communeA.id });
      const rows: StaffRowInput[] = [
        { staffCode: 'ic001', fullName: 'Võ Thị Mai', unitCode: 'T.X.A', category: 'Công chức', position: 'Công chức Tư pháp - Hộ tịch' },
        { staffCode: 'IC002', fullName: 'Dương Văn Tâm', unitCode: 'T.X.A', category: 'Cán bộ', position: 'Phó Chủ tịch UBND' },
        // Already in the system: updated, and (not being created) gets no account.
        { staffCode: existing.staffCode, fullName: 'Phùng Văn Cũ', unitCode: 'T.X.A', category: 'Công chức', position: 'Văn thư' },
        // New but retired: recorded, no account.
        { staffCode: 'IC003', fullName: 'Kiều Văn Lão', unitCode: 'T.X.A', category: 'Công chức', status: 'Đã nghỉ hưu' },
      ];
      const res = await communeOfficer.upload(COMMIT, await staffXlsx(rows), 'can-bo-moi.xlsx').expect(200);
      report = res.body;
      expect(report).toMatchObject({ committed: true, toCreate: 3, toUpdate: 1, accountsToCreate: 2 });
      expect(report.handout).toMatchObject({ accounts: 2, handoutId: expect.any(String), handoutKey: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });

      const mai = await accountOf('IC001');
      expect(mai).toMatchObject({ username: 'ic001', role: Role.Learner, must_change_password: true });
      expect(mai.password_hash).toMatch(/^\$argon2id\$/);
      expect(await accountOf('IC002')).toMatchObject({ username: 'ic002' });
      expect(await accountOf('IC000')).toBeNull();
      expect(await accountOf('IC003')).toBeNull();

      const audit = await t.db.query(`SELECT action, summary, details FROM audit_log WHERE action IN ('accounts_create', 'import') ORDER BY id DESC LIMIT 2`);
      const created = audit.find((a: { action: string }) => a.action === 'accounts_create');
      expect(created.details.handoutId).toBe(report.handout!.handoutId);
      expect([...created.details.usernames].sort()).toEqual(['ic001', 'ic002']);
      expect(created.summary).toContain('nhập từ tệp');
      const imported = audit.find((a: { action: string }) => a.action === 'import');
      expect(imported.summary).toContain('tạo 2 tài khoản cho người mới');
    });

    it('the handout lists the new people with their one-time passwords, and is given once', async () => {
      const { handoutId, handoutKey } = report.handout!;
      const res = await handout(communeOfficer, handoutId, 'xlsx', handoutKey).expect(200);
      const rows = sheetRows(await openXlsx(res.body as Buffer));
      const mai = rows.find((r) => r.includes('Võ Thị Mai'))!;
      expect(mai).toEqual(expect.arrayContaining(['Công chức Tư pháp - Hộ tịch', 'ic001']));
      password = mai[4];
      expect(password).toMatch(/^[a-z2-9]{10}$/);
      expect(rows.flat().join(' ')).toContain('Xã An Bình');
      expect(rows.flat()).not.toContain('Phùng Văn Cũ');
      expect((await handout(communeOfficer, handoutId, 'xlsx', handoutKey)).status).toBe(410);
      // Another officer (even the coordinator) cannot fetch it.
      expect((await handout(coord, handoutId, 'pdf', handoutKey)).status).toBe(404);
      const pdf = await handout(communeOfficer, handoutId, 'pdf', handoutKey).expect(200);
      expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
      expect((await handout(communeOfficer, handoutId, 'pdf', handoutKey)).status).toBe(410);
    });

    it('the new person signs in with the one-time password and must set their own first', async () => {
      const first = await t.http.post('/api/auth/login').send({ username: 'ic001', password }).expect(200);
      expect(first.body.user).toMatchObject({ username: 'ic001', mustChangePassword: true });
      const me = asUser(t.http, first.body.accessToken);
      expectApiError(await me.get('/api/test-rounds/mine'), 403, 'AUTH_PASSWORD_CHANGE_REQUIRED');
      await me.post('/api/auth/change-password', { currentPassword: password, newPassword: 'MaiVo@2026' }).expect(200);
      await t.http.post('/api/auth/login').send({ username: 'ic001', password: 'MaiVo@2026' }).expect(200);
    });

    it('importing the same file again with the option creates nobody and no account', async () => {
      const rows: StaffRowInput[] = [{ staffCode: 'IC001', fullName: 'Võ Thị Mai', unitCode: 'T.X.A', category: 'Công chức', position: 'Công chức Tư pháp - Hộ tịch' }];
      const again: ImportReportDto = (await communeOfficer.upload(COMMIT, await staffXlsx(rows), 'lai.xlsx').expect(200)).body;
      expect(again).toMatchObject({ toCreate: 0, accountsToCreate: 0, handout: null });
    });
  });

  describe('the bulk dry run lists every person who cannot get an account, and nothing is created', () => {
    it('two staff codes that fold to one username, and a person without a staff code', async () => {
      const unit = await insertUnit(t.db, { code: 'T.X.F', name: 'Xã Phước Đồng', level: UnitLevel.Commune, parent: p.units.province });
      // Staff codes written before codes were upper-cased on entry: "Kh07" and "KH07" are two people.
      await insertPerson(t.db, { staffCode: 'Kh07', fullName: 'Lò Văn Một', unitId: unit.id });
      await insertPerson(t.db, { staffCode: 'KH07', fullName: 'Lò Văn Hai', unitId: unit.id });
      await insertPerson(t.db, { staffCode: '  ', fullName: 'Mã Thị Trống', unitId: unit.id });
      await insertPerson(t.db, { staffCode: 'KH08', fullName: 'Lò Thị Ba', unitId: unit.id });
      const plan = await coord.post('/api/accounts/bulk/dry-run', { unitId: unit.id }).expect(200);
      expect(plan.body).toMatchObject({ candidates: 4, toCreate: 1 });
      expect(plan.body.problems.map((r: { fullName: string; problem: string; username: string | null }) => [r.fullName, r.problem, r.username]).sort()).toEqual([
        ['Lò Văn Hai', 'username_clash', 'kh07'],
        ['Lò Văn Một', 'username_clash', 'kh07'],
        ['Mã Thị Trống', 'no_staff_code', null],
      ]);
      const before = await snapshotTables(t.db, ['user_account', 'account_handout']);
      const res = await coord.post('/api/accounts/bulk', { unitId: unit.id });
      expectApiError(res, 409, 'ACCOUNTS_HAVE_PROBLEMS');
      expect(res.body.details.problems).toHaveLength(3);
      expect(await snapshotTables(t.db, ['user_account', 'account_handout'])).toEqual(before);
    });

    it('a unit officer cannot import into, or create accounts for, another commune', async () => {
      const before = await snapshotTables(t.db, TABLES);
      const rows: StaffRowInput[] = [{ staffCode: 'ID001', fullName: 'Hồ Văn Xa', unitCode: 'T.X.B', category: 'Công chức' }];
      const res = await communeOfficer.upload(COMMIT, await staffXlsx(rows), 'xa-khac.xlsx');
      expectApiError(res, 422, 'IMPORT_HAS_ERRORS');
      expect(res.body.details.problems.map((x: { code: string }) => x.code)).toEqual(['UNIT_OUT_OF_SCOPE']);
      expect(await snapshotTables(t.db, TABLES)).toEqual(before);
      const learner = await insertUser(t.db, { username: 'hoc.vien.ia', role: Role.Learner, unitId: p.units.communeA.id });
      const asLearner = asUser(t.http, await login(t.http, learner.username));
      expectApiError(await asLearner.upload(DRY_RUN, await staffXlsx(rows), 'x.xlsx'), 403);
    });
  });
});
