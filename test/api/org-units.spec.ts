import { randomUUID } from 'node:crypto';
import { Role, UnitLevel, type UnitDetailDto, type UnitDto } from '@cchc/shared';
import { asUser, expectApiError, type ApiAs } from '../support/fixtures/api-client';
import { snapshotTables } from '../support/fixtures/db-snapshot';
import { createTestApp, insertPerson, insertUnit, insertUser, login, seedSmallProvince, SmallProvince, TestApp } from '../support/test-app';

describe('Org units API', () => {
  let t: TestApp;
  let p: SmallProvince;
  let coord: ApiAs;

  beforeAll(async () => {
    t = await createTestApp();
    p = await seedSmallProvince(t.db);
    coord = asUser(t.http, await login(t.http, 'coord'));
  });
  afterAll(() => t.close());

  const listUnits = async (api: ApiAs = coord, query = ''): Promise<UnitDto[]> => (await api.get(`/api/units${query}`).expect(200)).body;
  const byId = (units: UnitDto[], id: string) => units.find((u) => u.id === id);
  const getUnit = async (id: string, api: ApiAs = coord): Promise<UnitDetailDto> => (await api.get(`/api/units/${id}`).expect(200)).body;
  const peopleIn = async (unitId: string, api: ApiAs = coord, extra = ''): Promise<string[]> => {
    const res = await api.get(`/api/people?unitId=${unitId}&pageSize=500${extra}`).expect(200);
    return res.body.items.map((i: { fullName: string }) => i.fullName).sort((a: string, b: string) => a.localeCompare(b, 'vi'));
  };

  /** A district of its own for each test that changes the tree, so tests never depend on each other's changes. */
  async function district(code: string, name = `Huyện ${code}`) {
    return insertUnit(t.db, { code, name, level: UnitLevel.District, parent: p.units.province });
  }

  describe('listing', () => {
    it('lists the tree with each unit’s own and subtree counts of people in service (retired excluded)', async () => {
      const units = await listUnits();
      const counts = Object.fromEntries(units.map((u) => [u.code, [u.peopleCount, u.subtreePeopleCount]]));
      expect(counts).toEqual({
        T: [0, 5],
        'T.SNV': [1, 2],
        'T.SNV.CCHC': [1, 1],
        'T.X.A': [2, 2],
        // Hoàng Văn Em is counted; Võ Thị Phương has retired and leaves the denominators.
        'T.X.B': [1, 1],
      });
      expect(byId(units, p.units.office.id)).toMatchObject({ name: 'Phòng Cải cách hành chính', parentId: p.units.dept.id, level: 'sub_unit', status: 'active' });
    });

    it('shows a unit officer only their own subtree', async () => {
      const dept = asUser(t.http, await login(t.http, 'dept.officer'));
      expect((await listUnits(dept)).map((u) => u.code).sort()).toEqual(['T.SNV', 'T.SNV.CCHC']);
      const commune = asUser(t.http, await login(t.http, 'commune.officer'));
      expectApiError(await commune.get(`/api/units/${p.units.communeB.id}`), 403, 'OUT_OF_SCOPE');
    });

    it('gives a unit with its ancestors, children and counts', async () => {
      const office = await getUnit(p.units.office.id);
      expect(office.ancestors.map((a) => a.code)).toEqual(['T', 'T.SNV']);
      expect(office).toMatchObject({ peopleCount: 1, subtreePeopleCount: 1, children: [], closedAt: null });
      const dept = await getUnit(p.units.dept.id);
      expect(dept.children.map((c) => [c.code, c.peopleCount])).toEqual([['T.SNV.CCHC', 1]]);
      expect(dept.subtreePeopleCount).toBe(2);
    });
  });

  describe('create and rename', () => {
    it('creates a child unit, with the code upper-cased, under its parent', async () => {
      const res = await coord
        .post('/api/units', { code: 'T.X.Cl', name: '  Xã Cát Lâm  ', level: 'commune', parentId: p.units.province.id })
        .expect(201);
      expect(res.body).toMatchObject({ code: 'T.X.CL', name: 'Xã Cát Lâm', level: 'commune', parentId: p.units.province.id, status: 'active' });
      expect(res.body.path).toBe(`${p.units.province.path}${res.body.id}/`);
      const created = await getUnit(res.body.id);
      expect(created.ancestors.map((a) => a.code)).toEqual(['T']);
      expect((await getUnit(p.units.province.id)).children.map((c) => c.code)).toContain('T.X.CL');
    });

    it('refuses a code already used, whatever its case, naming the unit that has it', async () => {
      for (const code of ['t.snv', 'T.SNV', ' T.Snv ']) {
        const res = await coord.post('/api/units', { code, name: 'Sở trùng mã', level: 'department', parentId: p.units.province.id });
        expectApiError(res, 409, 'UNIT_CODE_TAKEN');
        expect(res.body.message).toContain('Sở Nội vụ');
      }
      expect((await listUnits()).filter((u) => u.name === 'Sở trùng mã')).toEqual([]);
    });

    it('refuses to create under a closed parent', async () => {
      const parent = await district('T.H.DONG');
      await coord.post(`/api/units/${parent.id}/close`).expect(200);
      const res = await coord.post('/api/units', { code: 'T.H.DONG.X1', name: 'Xã Đông Một', level: 'commune', parentId: parent.id });
      expectApiError(res, 409, 'UNIT_PARENT_INACTIVE');
      expect(res.body.message).toContain(parent.name);
    });

    it('renames a unit and refuses to take another unit’s code', async () => {
      const unit = await district('T.H.DOI');
      const res = await coord.patch(`/api/units/${unit.id}`, { name: 'Huyện Đổi Tên' }).expect(200);
      expect(res.body).toMatchObject({ id: unit.id, name: 'Huyện Đổi Tên', code: 'T.H.DOI' });
      expect(byId(await listUnits(), unit.id)?.name).toBe('Huyện Đổi Tên');
      expectApiError(await coord.patch(`/api/units/${unit.id}`, { code: 't.x.a' }), 409, 'UNIT_CODE_TAKEN');
      // Its own code in another case is not a clash.
      await coord.patch(`/api/units/${unit.id}`, { code: 't.h.doi' }).expect(200);
    });

    it('is refused to a unit officer (no unit management right)', async () => {
      const officer = asUser(t.http, await login(t.http, 'dept.officer'));
      expectApiError(
        await officer.post('/api/units', { code: 'T.SNV.MOI', name: 'Phòng Mới', level: 'sub_unit', parentId: p.units.dept.id }),
        403,
        'FORBIDDEN',
      );
    });
  });

  describe('move', () => {
    it('moves a subtree, rewriting the path of every unit below it', async () => {
      const from = await district('T.H.CU', 'Huyện Cũ');
      const to = await district('T.H.MOI', 'Huyện Mới');
      const commune = await insertUnit(t.db, { code: 'T.H.CU.X', name: 'Xã Lưu Động', level: UnitLevel.Commune, parent: from });
      const hamlet = await insertUnit(t.db, { code: 'T.H.CU.X.1', name: 'Phòng Một Cửa', level: UnitLevel.SubUnit, parent: commune });
      await insertPerson(t.db, { staffCode: 'MV001', fullName: 'Đặng Văn Chuyển', unitId: hamlet.id });
      await insertPerson(t.db, { staffCode: 'MV002', fullName: 'Bùi Thị Xã', unitId: commune.id });

      const res = await coord.post(`/api/units/${commune.id}/move`, { newParentId: to.id }).expect(200);
      expect(res.body).toMatchObject({ id: commune.id, parentId: to.id, path: `${to.path}${commune.id}/` });

      const movedHamlet = await getUnit(hamlet.id);
      expect(movedHamlet.path).toBe(`${to.path}${commune.id}/${hamlet.id}/`);
      expect(movedHamlet.ancestors.map((a) => a.code)).toEqual(['T', 'T.H.MOI', 'T.H.CU.X']);
      // The grandchild's person is now found under the new ancestor, and no longer under the old one.
      expect(await peopleIn(to.id)).toEqual(['Bùi Thị Xã', 'Đặng Văn Chuyển']);
      expect(await peopleIn(from.id)).toEqual([]);
      const units = await listUnits();
      expect(byId(units, to.id)?.subtreePeopleCount).toBe(2);
      expect(byId(units, from.id)?.subtreePeopleCount).toBe(0);
    });

    it('refuses to move a unit under itself or its own descendant', async () => {
      const top = await district('T.H.VONG');
      const child = await insertUnit(t.db, { code: 'T.H.VONG.X', name: 'Xã Vòng', level: UnitLevel.Commune, parent: top });
      const grandchild = await insertUnit(t.db, { code: 'T.H.VONG.X.1', name: 'Phòng Vòng', level: UnitLevel.SubUnit, parent: child });
      const before = await snapshotTables(t.db, ['org_unit']);
      for (const target of [grandchild, child, top]) {
        expectApiError(await coord.post(`/api/units/${top.id}/move`, { newParentId: target.id }), 400, 'UNIT_MOVE_INTO_OWN_SUBTREE');
      }
      expect(await snapshotTables(t.db, ['org_unit'])).toEqual(before);
    });

    it('refuses to move the province itself, or under a closed unit', async () => {
      expectApiError(await coord.post(`/api/units/${p.units.province.id}/move`, { newParentId: p.units.dept.id }), 400, 'UNIT_ROOT_IMMUTABLE');
      const closed = await district('T.H.DONGCUA');
      await coord.post(`/api/units/${closed.id}/close`).expect(200);
      const unit = await district('T.H.LANG');
      expectApiError(await coord.post(`/api/units/${unit.id}/move`, { newParentId: closed.id }), 409, 'UNIT_PARENT_INACTIVE');
    });
  });

  describe('close', () => {
    it('refuses to close a unit that still has people or sub-units, saying how many', async () => {
      const withPeople = await district('T.H.DONGNGUOI', 'Huyện Đông Người');
      await insertPerson(t.db, { staffCode: 'CL001', fullName: 'Trịnh Văn Một', unitId: withPeople.id });
      await insertPerson(t.db, { staffCode: 'CL002', fullName: 'Trịnh Văn Hai', unitId: withPeople.id });
      await insertUnit(t.db, { code: 'T.H.DONGNGUOI.X', name: 'Xã Con', level: UnitLevel.Commune, parent: withPeople });

      const res = await coord.post(`/api/units/${withPeople.id}/close`);
      expectApiError(res, 409, 'UNIT_NOT_EMPTY');
      expect(res.body.details).toEqual({ people: 2, children: 1 });
      expect(res.body.message).toContain('còn 2 cán bộ đang công tác và 1 đơn vị trực thuộc');
      expect((await getUnit(withPeople.id)).status).toBe('active');
    });

    it('closes an empty unit: gone from the default list, shown with includeClosed', async () => {
      const unit = await district('T.H.TRONG', 'Huyện Trống');
      // A retired person does not keep a unit open: they no longer work there.
      await insertPerson(t.db, { staffCode: 'CL003', fullName: 'Lý Thị Hưu', unitId: unit.id, status: 'retired' });

      const res = await coord.post(`/api/units/${unit.id}/close`).expect(200);
      expect(res.body).toMatchObject({ id: unit.id, status: 'closed' });
      expect(byId(await listUnits(), unit.id)).toBeUndefined();
      expect(byId(await listUnits(coord, '?includeClosed=true'), unit.id)).toMatchObject({ status: 'closed', name: 'Huyện Trống' });
      expect((await getUnit(unit.id)).closedAt).toEqual(expect.any(String));
      expectApiError(await coord.post(`/api/units/${unit.id}/close`), 409, 'UNIT_INACTIVE');
    });

    it('refuses to close the province', async () => {
      expectApiError(await coord.post(`/api/units/${p.units.province.id}/close`), 400, 'UNIT_ROOT_IMMUTABLE');
    });
  });

  describe('merge', () => {
    /** Communes A and B of a district merge into C; B has a sub-unit; A has an officer. */
    async function mergeScenario(prefix: string) {
      const d = await district(`T.H.${prefix}`, `Huyện ${prefix}`);
      const a = await insertUnit(t.db, { code: `T.H.${prefix}.A`, name: `Xã ${prefix} Thượng`, level: UnitLevel.Commune, parent: d });
      const b = await insertUnit(t.db, { code: `T.H.${prefix}.B`, name: `Xã ${prefix} Hạ`, level: UnitLevel.Commune, parent: d });
      const c = await insertUnit(t.db, { code: `T.H.${prefix}.C`, name: `Xã ${prefix} Trung`, level: UnitLevel.Commune, parent: d });
      const bSub = await insertUnit(t.db, { code: `T.H.${prefix}.B.1`, name: `Trạm ${prefix} Hạ`, level: UnitLevel.PublicService, parent: b });
      const people = {
        a1: await insertPerson(t.db, { staffCode: `${prefix}A1`, fullName: 'Ngô Văn Thượng', unitId: a.id }),
        a2: await insertPerson(t.db, { staffCode: `${prefix}A2`, fullName: 'Ngô Thị Thượng', unitId: a.id }),
        aRetired: await insertPerson(t.db, { staffCode: `${prefix}A3`, fullName: 'Ngô Văn Hưu', unitId: a.id, status: 'retired' }),
        b1: await insertPerson(t.db, { staffCode: `${prefix}B1`, fullName: 'Đỗ Văn Hạ', unitId: b.id }),
        bSub1: await insertPerson(t.db, { staffCode: `${prefix}BS1`, fullName: 'Đỗ Thị Trạm', unitId: bSub.id }),
        c1: await insertPerson(t.db, { staffCode: `${prefix}C1`, fullName: 'Mai Văn Trung', unitId: c.id }),
      };
      const officer = await insertUser(t.db, { username: `officer.${prefix.toLowerCase()}`, role: Role.UnitOfficer, unitId: a.id });
      return { d, a, b, c, bSub, people, officer };
    }

    it('merges two communes into a third: people, history, sub-units, officers and statuses', async () => {
      const s = await mergeScenario('HOP');
      const res = await coord.post(`/api/units/${s.c.id}/merge`, { sourceUnitIds: [s.a.id, s.b.id] }).expect(200);
      // Survivor: its own person plus the three from A and B; the sub-unit's person stays in the sub-unit.
      expect(res.body).toMatchObject({ id: s.c.id, status: 'active', peopleCount: 4, subtreePeopleCount: 5 });
      expect(res.body.children.map((u: UnitDto) => u.code)).toEqual([`T.H.HOP.B.1`]);

      for (const [person, oldUnit] of [
        [s.people.a1, s.a],
        [s.people.a2, s.a],
        [s.people.b1, s.b],
      ] as const) {
        const detail = (await coord.get(`/api/people/${person.id}`).expect(200)).body;
        expect(detail.unitId).toBe(s.c.id);
        expect(detail.unitHistory).toHaveLength(2);
        const [now, before] = detail.unitHistory;
        expect(now).toMatchObject({ unitId: s.c.id, reason: 'merge', toDate: null });
        expect(now.note).toContain(oldUnit.name);
        expect(before).toMatchObject({ unitId: oldUnit.id, unitName: oldUnit.name, reason: 'hire' });
        expect(before.toDate).toBe(now.fromDate);
        expect(new Date(before.fromDate).getTime()).toBeLessThan(new Date(before.toDate).getTime());
      }
      // A retired person's record follows the unit too (history kept), though they are not counted.
      expect((await coord.get(`/api/people/${s.people.aRetired.id}`).expect(200)).body).toMatchObject({
        unitId: s.c.id,
        status: 'retired',
        unitHistory: [expect.objectContaining({ reason: 'merge' }), expect.objectContaining({ unitId: s.a.id })],
      });
      // Nobody else was touched.
      expect((await coord.get(`/api/people/${s.people.c1.id}`).expect(200)).body.unitHistory).toHaveLength(1);
      expect((await coord.get(`/api/people/${s.people.bSub1.id}`).expect(200)).body).toMatchObject({ unitId: s.bSub.id });

      const sub = await getUnit(s.bSub.id);
      expect(sub).toMatchObject({ parentId: s.c.id, path: `${s.c.path}${s.bSub.id}/` });
      expect(sub.ancestors.map((u) => u.code)).toEqual(['T', 'T.H.HOP', 'T.H.HOP.C']);

      for (const source of [s.a, s.b]) {
        const merged = await getUnit(source.id);
        expect(merged).toMatchObject({ status: 'merged', mergedIntoId: s.c.id, peopleCount: 0, children: [] });
        expect(merged.closedAt).toEqual(expect.any(String));
      }
      const units = await listUnits();
      expect(byId(units, s.a.id)).toBeUndefined();
      expect(byId(units, s.d.id)?.subtreePeopleCount).toBe(5);
      expect(byId(await listUnits(coord, '?includeClosed=true'), s.b.id)).toMatchObject({ status: 'merged', mergedIntoId: s.c.id });

      // A's officer now manages the survivor: signing in again, they see C's people and the sub-unit's.
      const officer = asUser(t.http, await login(t.http, s.officer.username));
      expect(await peopleIn(s.c.id, officer)).toEqual(['Đỗ Thị Trạm', 'Đỗ Văn Hạ', 'Mai Văn Trung', 'Ngô Thị Thượng', 'Ngô Văn Hưu', 'Ngô Văn Thượng']);
      const visible = (await officer.get('/api/people?pageSize=500').expect(200)).body;
      expect(visible.total).toBe(6);
      expect((await listUnits(officer)).map((u) => u.code).sort()).toEqual(['T.H.HOP.B.1', 'T.H.HOP.C']);
      expect((await officer.get('/api/auth/me').expect(200)).body.unitId).toBe(s.c.id);
    });

    it('refuses to merge a unit into itself', async () => {
      const s = await mergeScenario('TU');
      const before = await snapshotTables(t.db);
      expectApiError(await coord.post(`/api/units/${s.c.id}/merge`, { sourceUnitIds: [s.a.id, s.c.id] }), 400, 'UNIT_MERGE_INTO_ITSELF');
      expect(await snapshotTables(t.db)).toEqual(before);
    });

    it('refuses to merge a unit into its own descendant', async () => {
      const s = await mergeScenario('CON');
      const before = await snapshotTables(t.db);
      expectApiError(await coord.post(`/api/units/${s.bSub.id}/merge`, { sourceUnitIds: [s.b.id] }), 400, 'UNIT_MERGE_ANCESTOR');
      expectApiError(await coord.post(`/api/units/${s.c.id}/merge`, { sourceUnitIds: [p.units.province.id] }), 400, 'UNIT_ROOT_IMMUTABLE');
      expect(await snapshotTables(t.db)).toEqual(before);
    });

    it('refuses to merge a unit that was already merged, or into one', async () => {
      const s = await mergeScenario('DAHOP');
      await coord.post(`/api/units/${s.c.id}/merge`, { sourceUnitIds: [s.a.id] }).expect(200);
      const before = await snapshotTables(t.db);
      const again = await coord.post(`/api/units/${s.b.id}/merge`, { sourceUnitIds: [s.a.id] });
      expectApiError(again, 409, 'UNIT_INACTIVE');
      expect(again.body.message).toContain(s.a.name);
      expectApiError(await coord.post(`/api/units/${s.a.id}/merge`, { sourceUnitIds: [s.b.id] }), 409, 'UNIT_INACTIVE');
      expect(await snapshotTables(t.db)).toEqual(before);
    });

    it('is all or nothing: when the second source is refused, the first is not merged either', async () => {
      const s = await mergeScenario('LOI');
      const otherMerged = await mergeScenario('LOIHOP');
      await coord.post(`/api/units/${otherMerged.c.id}/merge`, { sourceUnitIds: [otherMerged.a.id] }).expect(200);
      const before = await snapshotTables(t.db);

      // The first source is valid and is processed first; the second fails inside the same transaction.
      expectApiError(await coord.post(`/api/units/${s.c.id}/merge`, { sourceUnitIds: [s.a.id, otherMerged.a.id] }), 409, 'UNIT_INACTIVE');
      expectApiError(await coord.post(`/api/units/${s.c.id}/merge`, { sourceUnitIds: [s.b.id, s.d.id] }), 400, 'UNIT_MERGE_ANCESTOR');
      expectApiError(await coord.post(`/api/units/${s.c.id}/merge`, { sourceUnitIds: [s.a.id, randomUUID()] }), 404, 'UNIT_NOT_FOUND');

      expect(await snapshotTables(t.db)).toEqual(before);
      expect(await getUnit(s.a.id)).toMatchObject({ status: 'active', peopleCount: 2 });
      expect(await getUnit(s.b.id)).toMatchObject({ status: 'active', peopleCount: 1, children: [expect.objectContaining({ id: s.bSub.id })] });
      expect((await coord.get(`/api/people/${s.people.a1.id}`).expect(200)).body).toMatchObject({ unitId: s.a.id, unitHistory: [expect.objectContaining({ reason: 'hire', toDate: null })] });
      expect(await peopleIn(s.a.id, asUser(t.http, await login(t.http, s.officer.username)))).toEqual(['Ngô Thị Thượng', 'Ngô Văn Hưu', 'Ngô Văn Thượng']);
    });

    it('is refused to a unit officer', async () => {
      const officer = asUser(t.http, await login(t.http, 'commune.officer'));
      expectApiError(await officer.post(`/api/units/${p.units.communeA.id}/merge`, { sourceUnitIds: [p.units.communeB.id] }), 403, 'FORBIDDEN');
    });
  });

  describe('audit', () => {
    it('records create, rename, move, close and merge with who did it, in Vietnamese', async () => {
      const parent = await district('T.H.NHATKY', 'Huyện Nhật Ký');
      const target = await district('T.H.NHATKY2', 'Huyện Nhật Ký Hai');
      const created = (await coord.post('/api/units', { code: 'T.H.NHATKY.X', name: 'Xã Ghi Chép', level: 'commune', parentId: parent.id }).expect(201)).body;
      const second = (await coord.post('/api/units', { code: 'T.H.NHATKY.Y', name: 'Xã Lưu Vết', level: 'commune', parentId: parent.id }).expect(201)).body;
      await coord.patch(`/api/units/${created.id}`, { name: 'Xã Ghi Chép Mới' }).expect(200);
      await coord.post(`/api/units/${created.id}/move`, { newParentId: target.id }).expect(200);
      await coord.post(`/api/units/${created.id}/merge`, { sourceUnitIds: [second.id] }).expect(200);

      const audit = (await coord.get('/api/audit?entityType=unit&pageSize=100').expect(200)).body;
      const mine = (action: string, id: string) => audit.items.filter((e: { action: string; entityId: string }) => e.action === action && e.entityId === id);
      expect(mine('create', created.id)).toEqual([
        expect.objectContaining({ actorName: 'Tài khoản coord (coord)', summary: 'Tạo đơn vị "Xã Ghi Chép" (T.H.NHATKY.X) thuộc "Huyện Nhật Ký"' }),
      ]);
      expect(mine('update', created.id)).toEqual([expect.objectContaining({ summary: 'Sửa đơn vị "Xã Ghi Chép" thành "Xã Ghi Chép Mới"' })]);
      expect(mine('move', created.id)).toEqual([
        expect.objectContaining({ summary: 'Chuyển đơn vị "Xã Ghi Chép Mới" về trực thuộc "Huyện Nhật Ký Hai"', details: { fromParentId: parent.id, toParentId: target.id } }),
      ]);
      const [merge] = mine('merge', created.id);
      expect(merge.summary).toBe('Sáp nhập "Xã Lưu Vết" vào "Xã Ghi Chép Mới"');
      expect(merge.details.sources).toEqual([{ id: second.id, code: 'T.H.NHATKY.Y', name: 'Xã Lưu Vết', people: 0, subUnits: 0 }]);

      const officer = asUser(t.http, await login(t.http, 'commune.officer'));
      expectApiError(await officer.get('/api/audit'), 403, 'FORBIDDEN');
    });

    it('records nothing for a refused change', async () => {
      const before = (await coord.get('/api/audit?pageSize=1').expect(200)).body.total;
      await coord.post('/api/units', { code: 'T', name: 'Trùng gốc', level: 'province', parentId: p.units.province.id }).expect(409);
      await coord.post(`/api/units/${p.units.dept.id}/close`).expect(409);
      expect((await coord.get('/api/audit?pageSize=1').expect(200)).body.total).toBe(before);
    });
  });
});
