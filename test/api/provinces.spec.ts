import { Workbook } from 'exceljs';
import { Role, UnitLevel } from '@cchc/shared';
import { createTestApp, insertPerson, insertUnit, insertUser, login, seedSmallProvince, SmallProvince, TestApp } from '../support/test-app';

/**
 * One deployment, two provinces: province T (the small test province) and province B beside it. Every role of T, the
 * coordinator and unit officer of B, the administrator and the national officer (Bộ Nội vụ) probe the other province
 * by id, by filter and by export. A province sees nothing of the other; the nation sees both and changes nothing.
 */
describe('provinces: one deployment, each province sees only its own', () => {
  let t: TestApp;
  let p: SmallProvince;
  let b: { province: { id: string; path: string }; dept: { id: string; path: string }; commune: { id: string; path: string; code: string } };
  let bPerson: { id: string };
  const tokens: Record<string, string> = {};
  const as = (caller: string) => ({ Authorization: `Bearer ${tokens[caller]}` });

  beforeAll(async () => {
    t = await createTestApp();
    p = await seedSmallProvince(t.db);
    const province = await insertUnit(t.db, { code: 'B', name: 'UBND tỉnh Bên Cạnh', level: UnitLevel.Province });
    const dept = await insertUnit(t.db, { code: 'B.SNV', name: 'Sở Nội vụ tỉnh Bên Cạnh', level: UnitLevel.Department, parent: province });
    const commune = await insertUnit(t.db, { code: 'B.X.C', name: 'Xã Cạnh Bên', level: UnitLevel.Commune, parent: province });
    b = { province, dept, commune };
    // The same staff code as a person of province T: codes are unique within a province only.
    bPerson = await insertPerson(t.db, { staffCode: 'T0003', fullName: 'Đinh Thị Bên', unitId: commune.id });
    const bHead = await insertPerson(t.db, { staffCode: 'B0001', fullName: 'Lò Văn Trưởng', unitId: dept.id, isLeader: true });
    await insertUser(t.db, { username: 'coord.b', role: Role.Coordinator, unitId: dept.id, personId: bHead.id });
    await insertUser(t.db, { username: 'officer.b', role: Role.UnitOfficer, unitId: commune.id });
    await insertUser(t.db, { username: 'national', role: Role.NationalOfficer });
    for (const [caller, username] of Object.entries({
      learner: 'learner', author: 'author', unitOfficer: 'commune.officer', coordinator: 'coord', admin: 'admin',
      coordB: 'coord.b', officerB: 'officer.b', national: 'national',
    }))
      tokens[caller] = await login(t.http, username);
  }, 60_000);
  afterAll(() => t.close());

  /** What each caller gets for province B's commune and person: allowed, or the refusal's code. */
  const expectB: Record<string, 'ok' | 'OUT_OF_SCOPE' | 'FORBIDDEN'> = {
    learner: 'FORBIDDEN', author: 'FORBIDDEN', unitOfficer: 'OUT_OF_SCOPE', coordinator: 'OUT_OF_SCOPE',
    admin: 'ok', national: 'ok', coordB: 'ok', officerB: 'ok',
  };
  const outcome = (res: { status: number; body: { code?: string } }) => (res.status === 200 ? 'ok' : `${res.status} ${res.body.code}`);
  const expected = (e: string) => (e === 'ok' ? 'ok' : `403 ${e}`);

  describe('by id', () => {
    it.each(Object.keys(expectB))('GET /api/units/<commune of B> as %s', async (caller) => {
      expect(outcome(await t.http.get(`/api/units/${b.commune.id}`).set(as(caller)))).toBe(expected(expectB[caller]));
    });

    it.each(Object.keys(expectB))('GET /api/people/<person of B> as %s', async (caller) => {
      // Anyone signed in may read their own record there, so a learner or an author is told OUT_OF_SCOPE.
      const want = caller === 'learner' || caller === 'author' ? 'OUT_OF_SCOPE' : expectB[caller];
      expect(outcome(await t.http.get(`/api/people/${bPerson.id}`).set(as(caller)))).toBe(expected(want));
    });

    it.each(['coordB', 'officerB'])('GET /api/people/<person of T> as %s → OUT_OF_SCOPE (and back)', async (caller) => {
      expect(outcome(await t.http.get(`/api/people/${p.people.communeAStaff.id}`).set(as(caller)))).toBe('403 OUT_OF_SCOPE');
      expect(outcome(await t.http.get(`/api/units/${p.units.communeA.id}`).set(as(caller)))).toBe('403 OUT_OF_SCOPE');
    });
  });

  describe('by filter', () => {
    const codesOf = async (caller: string, query: Record<string, string | number> = {}) => {
      const res = await t.http.get('/api/people').query({ pageSize: 500, ...query }).set(as(caller)).expect(200);
      return res.body.items.map((x: { staffCode: string; unitName: string }) => `${x.staffCode} ${x.unitName}`);
    };

    it("province T's coordinator lists T's people only, even searching for B's", async () => {
      const all = await codesOf('coordinator');
      expect(all).toContain('T0003 Xã An Bình');
      expect(all).not.toContain('T0003 Xã Cạnh Bên');
      expect(all.filter((x: string) => x.endsWith('Cạnh Bên'))).toEqual([]);
      expect(await codesOf('coordinator', { q: 'Đinh Thị Bên' })).toEqual([]);
      expect(outcome(await t.http.get('/api/people').query({ unitId: b.commune.id }).set(as('coordinator')))).toBe('403 OUT_OF_SCOPE');
    });

    it("province B's coordinator lists B's people only", async () => {
      expect((await codesOf('coordB')).sort()).toEqual(['B0001 Sở Nội vụ tỉnh Bên Cạnh', 'T0003 Xã Cạnh Bên']);
    });

    it('the national officer and the administrator list both provinces', async () => {
      for (const caller of ['national', 'admin']) {
        const all = await codesOf(caller);
        expect(all).toEqual(expect.arrayContaining(['T0003 Xã An Bình', 'T0003 Xã Cạnh Bên', 'B0001 Sở Nội vụ tỉnh Bên Cạnh']));
      }
    });

    it('the unit list of a coordinator is their province; the nation sees both', async () => {
      const ids = async (caller: string) => (await t.http.get('/api/units').set(as(caller)).expect(200)).body.map((u: { id: string }) => u.id);
      const coordT = await ids('coordinator');
      expect(coordT).toContain(p.units.province.id);
      expect(coordT).not.toContain(b.province.id);
      expect(coordT).not.toContain(b.commune.id);
      const coordB = await ids('coordB');
      expect(coordB).toEqual(expect.arrayContaining([b.province.id, b.dept.id, b.commune.id]));
      expect(coordB).not.toContain(p.units.province.id);
      expect(await ids('national')).toEqual(expect.arrayContaining([p.units.province.id, b.province.id]));
    });

    it("the audit log of a coordinator holds their province's changes only", async () => {
      await t.http.post('/api/people').set(as('coordB')).send({ staffCode: 'B0099', fullName: 'Vàng Thị Mới', unitId: b.commune.id, category: 'cong_chuc', doesCchcWork: false, isLeader: false }).expect(201);
      const summaries = async (caller: string) =>
        (await t.http.get('/api/audit').query({ pageSize: 200 }).set(as(caller)).expect(200)).body.items.map((e: { summary: string }) => e.summary);
      expect((await summaries('coordB')).some((s: string) => s.includes('Vàng Thị Mới'))).toBe(true);
      expect((await summaries('coordinator')).some((s: string) => s.includes('Vàng Thị Mới'))).toBe(false);
      expect((await summaries('national')).some((s: string) => s.includes('Vàng Thị Mới'))).toBe(true);
    });

    it("coverage of B's units is refused to T's coordinator and open to the nation", async () => {
      const [{ id: target }] = await t.db.query(`SELECT id FROM target WHERE code = 'QD1439.ASEAN'`);
      const summary = (caller: string, unitId?: string) => t.http.get(`/api/coverage/targets/${target}`).query(unitId ? { unitId } : {}).set(as(caller));
      expect(outcome(await summary('coordinator', b.commune.id))).toBe('403 OUT_OF_SCOPE');
      expect(outcome(await summary('national', b.commune.id))).toBe('ok');
      // Without a unit, each coordinator's view is rooted at their own province.
      expect((await summary('coordinator')).body.unit.name).toBe('UBND tỉnh Thử Nghiệm');
      expect((await summary('coordB')).body.unit.name).toBe('UBND tỉnh Bên Cạnh');
    });
  });

  describe('results of a round taken in both provinces', () => {
    let round: string;
    beforeAll(async () => {
      [{ id: round }] = await t.db.query(
        `INSERT INTO test_round (name, status, opens_at, closes_at, pass_mark) VALUES ('Kiểm tra toàn quốc', 'closed', now() - interval '10 days', now() - interval '1 day', 5) RETURNING id`,
      );
      for (const [personId, score] of [[p.people.communeAStaff.id, 9.5], [bPerson.id, 9.0]] as const)
        await t.db.query(`INSERT INTO test_result (round_id, person_id, score, band, passed, finished_at) VALUES ($1, $2, $3, 'Giỏi', true, now() - interval '2 days')`, [round, personId, score]);
    });
    const units = async (caller: string, what: 'results' | 'commendations') => {
      const res = await t.http.get(`/api/test-rounds/${round}/${what}`).set(as(caller)).expect(200);
      return (what === 'results' ? res.body.items : res.body).map((r: { unitName: string }) => r.unitName).sort();
    };

    it.each([
      ['coordinator', ['Xã An Bình']],
      ['coordB', ['Xã Cạnh Bên']],
      ['national', ['Xã An Bình', 'Xã Cạnh Bên']],
    ])('%s sees the results and commendations of their own province only', async (caller, expectedUnits) => {
      expect(await units(caller, 'results')).toEqual(expectedUnits);
      expect(await units(caller, 'commendations')).toEqual(expectedUnits);
    });

    it("results filtered to a unit of the other province are refused", async () => {
      const res = await t.http.get(`/api/test-rounds/${round}/results`).query({ unitId: b.commune.id }).set(as('coordinator'));
      expect(`${res.status} ${res.body.code}`).toBe('403 OUT_OF_SCOPE');
    });
  });

  describe('by export', () => {
    const exportedCodes = async (caller: string): Promise<string[]> => {
      const res = await t.http
        .get('/api/people/export.xlsx')
        .set(as(caller))
        .buffer(true)
        .parse((response, done) => {
          const chunks: Buffer[] = [];
          response.on('data', (c: Buffer) => chunks.push(c));
          response.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      const workbook = new Workbook();
      await workbook.xlsx.load(res.body as never);
      const sheet = workbook.worksheets[0];
      const header = (sheet.getRow(1).values as unknown[]).map(String);
      const [code, unit] = [header.indexOf('Mã cán bộ'), header.indexOf('Mã đơn vị')];
      const rows: string[] = [];
      sheet.eachRow((row, n) => n > 1 && rows.push(`${row.getCell(code).value} ${row.getCell(unit).value}`));
      return rows;
    };

    it("each coordinator's export holds their own province only; the nation's holds both", async () => {
      const coordT = await exportedCodes('coordinator');
      expect(coordT).toContain('T0003 T.X.A');
      expect(coordT.filter((r) => / B(\.|$)/.test(r))).toEqual([]);
      const coordB = await exportedCodes('coordB');
      expect(coordB).toContain('T0003 B.X.C');
      expect(coordB.filter((r) => / T(\.|$)/.test(r))).toEqual([]);
      const national = await exportedCodes('national');
      expect(national).toEqual(expect.arrayContaining(['T0003 T.X.A', 'T0003 B.X.C']));
    });
  });

  describe('the national officer reads and changes nothing', () => {
    it.each([
      ['add a person', () => t.http.post('/api/people').send({ staffCode: 'VN1', fullName: 'Người Mới', unitId: b.commune.id, category: 'cong_chuc', doesCchcWork: false, isLeader: false })],
      ['edit a unit', () => t.http.patch(`/api/units/${b.commune.id}`).send({ name: 'Tên Mới' })],
      ['create a target', () => t.http.post('/api/targets').send({})],
      ['create a test round', () => t.http.post('/api/test-rounds').send({})],
      ['record a training session', () => t.http.post('/api/training-sessions').send({})],
    ])('cannot %s (403 FORBIDDEN)', async (_case, request) => {
      const res = await request().set(as('national'));
      expect(`${res.status} ${res.body.code}`).toBe('403 FORBIDDEN');
    });
  });

  describe('staff codes and moves stay within a province', () => {
    it('a staff code taken in province T is free in province B, but not twice in B', async () => {
      const body = { staffCode: 'T0001', fullName: 'Giàng A Páo', unitId: b.commune.id, category: 'cong_chuc', doesCchcWork: false, isLeader: false };
      await t.http.post('/api/people').set(as('coordB')).send(body).expect(201);
      const again = await t.http.post('/api/people').set(as('coordB')).send({ ...body, fullName: 'Người Thứ Hai' });
      expect(`${again.status} ${again.body.code}`).toBe('409 STAFF_CODE_TAKEN');
    });

    it('a person cannot be transferred to another province, nor a unit moved or merged into one', async () => {
      const before = await t.db.query(`SELECT id, unit_id FROM person ORDER BY id`);
      const transfer = await t.http.post(`/api/people/${p.people.communeBStaff.id}/transfer`).set(as('admin')).send({ unitId: b.commune.id });
      expect(`${transfer.status} ${transfer.body.code}`).toBe('400 TRANSFER_CROSS_PROVINCE');
      const move = await t.http.post(`/api/units/${p.units.communeB.id}/move`).set(as('admin')).send({ newParentId: b.province.id });
      expect(`${move.status} ${move.body.code}`).toBe('400 UNIT_CROSS_PROVINCE');
      const merge = await t.http.post(`/api/units/${b.commune.id}/merge`).set(as('admin')).send({ sourceUnitIds: [p.units.communeB.id] });
      expect(`${merge.status} ${merge.body.code}`).toBe('400 UNIT_CROSS_PROVINCE');
      expect(await t.db.query(`SELECT id, unit_id FROM person ORDER BY id`)).toEqual(before);
    });
  });
});
