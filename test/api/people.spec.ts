import { randomUUID } from 'node:crypto';
import { UnitLevel, type PersonDetailDto, type UnitDto } from '@cchc/shared';
import { asUser, expectApiError, type ApiAs } from '../support/fixtures/api-client';
import { vnDate, vnMidnight } from '../support/fixtures/dates';
import { snapshotTables } from '../support/fixtures/db-snapshot';
import { openXlsx, sheetRows, STAFF_HEADERS } from '../support/fixtures/staff-files';
import { createTestApp, insertPerson, insertUnit, login, seedSmallProvince, SmallProvince, TestApp } from '../support/test-app';

describe('People API', () => {
  let t: TestApp;
  let p: SmallProvince;
  let coord: ApiAs;

  beforeAll(async () => {
    t = await createTestApp();
    p = await seedSmallProvince(t.db);
    coord = asUser(t.http, await login(t.http, 'coord'));
  });
  afterAll(() => t.close());

  const names = async (query: string, api: ApiAs = coord): Promise<string[]> => {
    const res = await api.get(`/api/people?pageSize=500&${query}`).expect(200);
    expect(res.body.total).toBe(res.body.items.length);
    return res.body.items.map((i: { fullName: string }) => i.fullName);
  };
  const person = async (id: string): Promise<PersonDetailDto> => (await coord.get(`/api/people/${id}`).expect(200)).body;
  const ownCount = async (unitId: string): Promise<number> => {
    const units: UnitDto[] = (await coord.get('/api/units').expect(200)).body;
    return units.find((u) => u.id === unitId)!.peopleCount;
  };
  const commune = (code: string, name: string) => insertUnit(t.db, { code, name, level: UnitLevel.Commune, parent: p.units.province });

  /** A complete request body for POST (PATCH takes any subset). */
  const fields = (over: Record<string, unknown> = {}) => ({
    fullName: 'Trịnh Thị Hồng',
    category: 'vien_chuc',
    position: 'Văn thư',
    email: 'Hong.TT@Example.gov.vn',
    phone: '0912 345 678',
    dateOfBirth: '1985-03-15',
    gender: 'female',
    doesCchcWork: true,
    isLeader: false,
    ...over,
  });

  describe('search', () => {
    it('finds "Nguyễn Văn An" typed without diacritics, in any case, or with them', async () => {
      for (const q of ['nguyen van an', 'NGUYEN VAN AN', 'Nguyễn Văn An', '  nguyen   van an ']) {
        expect(await names(`q=${encodeURIComponent(q)}`)).toEqual(['Nguyễn Văn An']);
      }
    });

    it('finds "Đức" from "duc" and from "Đức"', async () => {
      expect(await names('q=duc')).toEqual(['Lê Đức Cường']);
      expect(await names(`q=${encodeURIComponent('Đức')}`)).toEqual(['Lê Đức Cường']);
      expect(await names('q=cuong')).toEqual(['Lê Đức Cường']);
    });

    it('finds a person by staff code, in any case', async () => {
      expect(await names('q=T0005')).toEqual(['Hoàng Văn Em']);
      expect(await names('q=t0005')).toEqual(['Hoàng Văn Em']);
    });

    it('treats % and _ as text, not as wildcards', async () => {
      expect(await names('q=%25')).toEqual([]);
      expect(await names('q=_')).toEqual([]);
    });
  });

  describe('filters', () => {
    it('filters by category, status and flags', async () => {
      expect(await names('category=can_bo')).toEqual(['Lê Đức Cường']);
      expect(await names('status=retired')).toEqual(['Võ Thị Phương']);
      expect(await names('doesCchcWork=true')).toEqual(['Trần Thị Bích']);
      expect(await names('isLeader=true')).toEqual(['Nguyễn Văn An']);
      expect(await names('isLeader=true&category=vien_chuc')).toEqual([]);
    });

    it('filters by unit, with or without its sub-units', async () => {
      expect((await names(`unitId=${p.units.dept.id}`)).sort()).toEqual(['Nguyễn Văn An', 'Trần Thị Bích']);
      expect(await names(`unitId=${p.units.dept.id}&includeSubunits=true`)).toHaveLength(2);
      expect(await names(`unitId=${p.units.dept.id}&includeSubunits=false`)).toEqual(['Nguyễn Văn An']);
      expect(await names(`unitId=${p.units.office.id}`)).toEqual(['Trần Thị Bích']);
      // Retired people stay readable in the list of their unit.
      expect((await names(`unitId=${p.units.communeB.id}`)).sort()).toEqual(['Hoàng Văn Em', 'Võ Thị Phương']);
    });

    it('shows a unit officer only the people of their subtree', async () => {
      const officer = asUser(t.http, await login(t.http, 'commune.officer'));
      expect((await names('', officer)).sort()).toEqual(['Lê Đức Cường', 'Phạm Thị Dung']);
      expect(await names('q=hoang', officer)).toEqual([]);
      expectApiError(await officer.get(`/api/people?unitId=${p.units.communeB.id}`), 403, 'OUT_OF_SCOPE');
      expectApiError(await officer.get(`/api/people/${p.people.communeBStaff.id}`), 403, 'OUT_OF_SCOPE');
    });

    it('lets a learner read their own record and nobody else’s', async () => {
      const learner = asUser(t.http, await login(t.http, 'learner'));
      expect((await learner.get(`/api/people/${p.people.communeAStaff.id}`).expect(200)).body.fullName).toBe('Lê Đức Cường');
      expectApiError(await learner.get(`/api/people/${p.people.communeAStaff2.id}`), 403, 'OUT_OF_SCOPE');
      expectApiError(await learner.get('/api/people'), 403, 'FORBIDDEN');
    });
  });

  describe('paging', () => {
    const GIVEN_NAME_ORDER = [
      'Trần Văn Bảo',
      'Lê Thị Cúc',
      'Phạm Văn Dũng',
      'Hoàng Thị Giang',
      'Vũ Văn Hải',
      'Đặng Thị Hoa',
      'Bùi Văn Khánh',
      'Đỗ Thị Lan',
      'Hồ Văn Minh',
      'Ngô Thị Nga',
      'Dương Văn Phúc',
      'Lý Thị Quỳnh',
    ];
    let unitId: string;

    beforeAll(async () => {
      const unit = await commune('T.X.TRANG', 'Xã Phân Trang');
      unitId = unit.id;
      // Inserted in an order unlike the sorted one, with staff codes in reverse.
      for (const [i, fullName] of [...GIVEN_NAME_ORDER].reverse().entries()) {
        await insertPerson(t.db, { staffCode: `PG${String(i + 1).padStart(3, '0')}`, fullName, unitId });
      }
    });

    it('pages through 12 people 5 at a time, sorted by given name, with the total on every page', async () => {
      const pages = [];
      for (const page of [1, 2, 3, 4]) {
        const res = await coord.get(`/api/people?unitId=${unitId}&pageSize=5&page=${page}`).expect(200);
        expect(res.body).toMatchObject({ total: 12, page, pageSize: 5 });
        pages.push(res.body.items.map((i: { fullName: string }) => i.fullName));
      }
      expect(pages.map((items) => items.length)).toEqual([5, 5, 2, 0]);
      expect(pages.flat()).toEqual(GIVEN_NAME_ORDER);
    });

    it('sorts by staff code when asked', async () => {
      const res = await coord.get(`/api/people?unitId=${unitId}&pageSize=3&sort=staffCode`).expect(200);
      expect(res.body.items.map((i: { staffCode: string }) => i.staffCode)).toEqual(['PG001', 'PG002', 'PG003']);
      expect(res.body.items[0].fullName).toBe('Lý Thị Quỳnh');
    });

    it('defaults to page 1 of 50', async () => {
      const res = await coord.get(`/api/people?unitId=${unitId}`).expect(200);
      expect(res.body).toMatchObject({ total: 12, page: 1, pageSize: 50 });
      expect(res.body.items).toHaveLength(12);
    });
  });

  describe('create and update', () => {
    it('creates a person with a hire history row, normalising code, name and email', async () => {
      const res = await coord
        .post('/api/people', { ...fields({ fullName: '  Trịnh   Thị  Hồng ' }), staffCode: 'kh0100', unitId: p.units.communeB.id })
        .expect(201);
      const created: PersonDetailDto = res.body;
      expect(created).toMatchObject({
        staffCode: 'KH0100',
        fullName: 'Trịnh Thị Hồng',
        unitId: p.units.communeB.id,
        unitName: 'Phường Bình Minh',
        unitCode: 'T.X.B',
        category: 'vien_chuc',
        email: 'hong.tt@example.gov.vn',
        dateOfBirth: '1985-03-15',
        gender: 'female',
        status: 'active',
      });
      expect(created.unitHistory).toEqual([expect.objectContaining({ unitId: p.units.communeB.id, reason: 'hire', toDate: null })]);
      expect(created.statusHistory).toEqual([expect.objectContaining({ status: 'active', toDate: null })]);
      expect(await names('q=trinh thi hong')).toEqual(['Trịnh Thị Hồng']);
      expect(await names('q=kh0100')).toEqual(['Trịnh Thị Hồng']);
    });

    it('refuses a staff code already used, naming who has it', async () => {
      const before = await snapshotTables(t.db);
      for (const staffCode of ['T0001', 't0001']) {
        const res = await coord.post('/api/people', { ...fields(), staffCode, unitId: p.units.communeB.id });
        expectApiError(res, 409, 'STAFF_CODE_TAKEN');
        expect(res.body.message).toContain('Nguyễn Văn An');
        expect(res.body.message).toContain('Sở Nội vụ');
      }
      expect(await snapshotTables(t.db)).toEqual(before);
    });

    it('refuses to add a person to a closed unit, an unknown unit, or a unit out of scope', async () => {
      const closed = await commune('T.X.DONG', 'Xã Đã Đóng');
      await coord.post(`/api/units/${closed.id}/close`).expect(200);
      const closedRes = await coord.post('/api/people', { ...fields(), staffCode: 'KH0101', unitId: closed.id });
      expectApiError(closedRes, 409, 'UNIT_INACTIVE');
      expect(closedRes.body.message).toContain('Xã Đã Đóng');
      expectApiError(await coord.post('/api/people', { ...fields(), staffCode: 'KH0102', unitId: randomUUID() }), 404, 'UNIT_NOT_FOUND');
      const officer = asUser(t.http, await login(t.http, 'commune.officer'));
      expectApiError(await officer.post('/api/people', { ...fields(), staffCode: 'KH0103', unitId: p.units.communeB.id }), 403, 'OUT_OF_SCOPE');
      expect(await names('q=KH010')).toEqual(['Trịnh Thị Hồng']);
    });

    it('updates a person’s details; the new name is searchable and the change audited', async () => {
      const someone = await insertPerson(t.db, { staffCode: 'UP001', fullName: 'Tạ Văn Sửa', unitId: p.units.communeB.id });
      const res = await coord
        .patch(`/api/people/${someone.id}`, fields({ fullName: 'Tạ Văn Sửa Đổi', category: 'cong_chuc', position: 'Chánh Văn phòng', isLeader: true }))
        .expect(200);
      expect(res.body).toMatchObject({ staffCode: 'UP001', fullName: 'Tạ Văn Sửa Đổi', position: 'Chánh Văn phòng', isLeader: true, unitId: p.units.communeB.id });
      expect(res.body.unitHistory).toHaveLength(1);
      expect(await names('q=sua doi')).toEqual(['Tạ Văn Sửa Đổi']);

      const audit = (await coord.get('/api/audit?entityType=person&action=update').expect(200)).body.items;
      const entry = audit.find((e: { entityId: string }) => e.entityId === someone.id);
      expect(entry.summary).toBe('Sửa thông tin cán bộ Tạ Văn Sửa Đổi (UP001)');
      expect(entry.details.changed.fullName).toEqual({ from: 'Tạ Văn Sửa', to: 'Tạ Văn Sửa Đổi' });
      expect(entry.details.changed.isLeader).toEqual({ from: false, to: true });
    });
  });

  describe('transfer', () => {
    it('moves a person, keeping where they were: two history rows, the first closed on the effective date', async () => {
      const from = await commune('T.X.DI', 'Xã Nơi Đi');
      const to = await commune('T.X.DEN', 'Xã Nơi Đến');
      const mover = await insertPerson(t.db, { staffCode: 'TR001', fullName: 'Quách Văn Chuyển', unitId: from.id });
      await insertPerson(t.db, { staffCode: 'TR002', fullName: 'Quách Thị Ở', unitId: from.id });
      expect([await ownCount(from.id), await ownCount(to.id)]).toEqual([2, 0]);

      const effective = vnDate(-30);
      const res = await coord
        .post(`/api/people/${mover.id}/transfer`, { unitId: to.id, effectiveDate: effective, note: 'Theo Quyết định số 123/QĐ-UBND' })
        .expect(200);
      expect(res.body).toMatchObject({ unitId: to.id, unitName: 'Xã Nơi Đến' });
      const at = vnMidnight(effective).toISOString();
      expect(res.body.unitHistory).toEqual([
        expect.objectContaining({ unitId: to.id, unitName: 'Xã Nơi Đến', fromDate: at, toDate: null, reason: 'transfer', note: 'Theo Quyết định số 123/QĐ-UBND' }),
        expect.objectContaining({ unitId: from.id, unitName: 'Xã Nơi Đi', toDate: at, reason: 'hire' }),
      ]);
      expect([await ownCount(from.id), await ownCount(to.id)]).toEqual([1, 1]);
      expect(await names(`unitId=${to.id}`)).toEqual(['Quách Văn Chuyển']);

      const audit = (await coord.get('/api/audit?action=transfer').expect(200)).body.items;
      expect(audit.find((e: { entityId: string }) => e.entityId === mover.id).summary).toBe(
        'Điều chuyển Quách Văn Chuyển (TR001) từ "Xã Nơi Đi" sang "Xã Nơi Đến"',
      );

      // Back again today: a third row, the second one closed.
      const back = (await coord.post(`/api/people/${mover.id}/transfer`, { unitId: from.id }).expect(200)).body;
      expect(back.unitHistory.map((h: { unitId: string; toDate: string | null }) => [h.unitId, h.toDate === null])).toEqual([
        [from.id, true],
        [to.id, false],
        [from.id, false],
      ]);
    });

    it('refuses a future effective date, one before the current posting began, and the same unit', async () => {
      const here = await commune('T.X.DAY', 'Xã Ở Đây');
      const there = await commune('T.X.KIA', 'Xã Ở Kia');
      const closed = await commune('T.X.DAGIAITHE', 'Xã Đã Giải Thể');
      await coord.post(`/api/units/${closed.id}/close`).expect(200);
      const mover = await insertPerson(t.db, { staffCode: 'TR010', fullName: 'Kiều Văn Đợi', unitId: here.id });
      await coord.post(`/api/people/${mover.id}/transfer`, { unitId: there.id, effectiveDate: vnDate(-10) }).expect(200);
      const before = await snapshotTables(t.db);

      expectApiError(await coord.post(`/api/people/${mover.id}/transfer`, { unitId: here.id, effectiveDate: vnDate(1) }), 400, 'EFFECTIVE_DATE_IN_FUTURE');
      const early = await coord.post(`/api/people/${mover.id}/transfer`, { unitId: here.id, effectiveDate: vnDate(-11) });
      expectApiError(early, 400, 'EFFECTIVE_DATE_TOO_EARLY');
      const [y, m, d] = vnDate(-10).split('-').map(Number);
      expect(early.body.message).toContain(`${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`);
      expectApiError(await coord.post(`/api/people/${mover.id}/transfer`, { unitId: there.id }), 400, 'TRANSFER_SAME_UNIT');
      expectApiError(await coord.post(`/api/people/${mover.id}/transfer`, { unitId: closed.id }), 409, 'UNIT_INACTIVE');
      expectApiError(await coord.post(`/api/people/${mover.id}/transfer`, { unitId: randomUUID() }), 404, 'UNIT_NOT_FOUND');

      expect(await snapshotTables(t.db)).toEqual(before);
      expect((await person(mover.id)).unitHistory).toHaveLength(2);
    });
  });

  describe('status', () => {
    it('retiring a person removes them from the unit counts but keeps them readable with their history', async () => {
      const unit = await commune('T.X.HUU', 'Xã Hưu Trí');
      const retiree = await insertPerson(t.db, { staffCode: 'ST001', fullName: 'La Văn Hưu', unitId: unit.id });
      await insertPerson(t.db, { staffCode: 'ST002', fullName: 'La Thị Còn', unitId: unit.id });
      const provinceBefore = (await coord.get(`/api/units/${p.units.province.id}`).expect(200)).body.subtreePeopleCount;
      expect(await ownCount(unit.id)).toBe(2);

      const effective = vnDate(-1);
      const res = await coord.post(`/api/people/${retiree.id}/status`, { status: 'retired', effectiveDate: effective, note: 'Nghỉ hưu theo chế độ' }).expect(200);
      expect(res.body.status).toBe('retired');
      expect(res.body.statusHistory).toEqual([
        expect.objectContaining({ status: 'retired', fromDate: vnMidnight(effective).toISOString(), toDate: null, note: 'Nghỉ hưu theo chế độ' }),
        expect.objectContaining({ status: 'active', toDate: vnMidnight(effective).toISOString() }),
      ]);

      expect(await ownCount(unit.id)).toBe(1);
      expect((await coord.get(`/api/units/${p.units.province.id}`).expect(200)).body.subtreePeopleCount).toBe(provinceBefore - 1);
      expect(await person(retiree.id)).toMatchObject({ fullName: 'La Văn Hưu', status: 'retired', unitId: unit.id });
      expect(await names(`unitId=${unit.id}&status=retired`)).toEqual(['La Văn Hưu']);
      expect(await names(`unitId=${unit.id}&status=active`)).toEqual(['La Thị Còn']);

      expectApiError(await coord.post(`/api/people/${retiree.id}/status`, { status: 'retired' }), 400, 'STATUS_UNCHANGED');
      expectApiError(await coord.post(`/api/people/${retiree.id}/status`, { status: 'active', effectiveDate: vnDate(2) }), 400, 'EFFECTIVE_DATE_IN_FUTURE');
      expectApiError(await coord.post(`/api/people/${retiree.id}/status`, { status: 'active', effectiveDate: vnDate(-2) }), 400, 'EFFECTIVE_DATE_TOO_EARLY');
    });
  });

  describe('export', () => {
    it('exports the filtered people as .xlsx in the template layout, diacritics intact', async () => {
      const res = await coord.download(`/api/people/export.xlsx?unitId=${p.units.communeA.id}`).expect(200);
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="danh-sach-can-bo-\d{4}-\d{2}-\d{2}\.xlsx"/);

      const rows = sheetRows(await openXlsx(res.body));
      expect(rows[0]).toEqual([...STAFF_HEADERS, 'Tên đơn vị']);
      expect(rows.slice(1)).toEqual([
        ['1', 'T0003', 'Lê Đức Cường', 'T.X.A', 'Cán bộ', '', 'Không', 'Không', '', '', '', '', 'Đang công tác', 'Xã An Bình'],
        ['2', 'T0004', 'Phạm Thị Dung', 'T.X.A', 'Công chức', '', 'Không', 'Không', '', '', '', '', 'Đang công tác', 'Xã An Bình'],
      ]);
    });

    it('applies the search and status filters, and the caller’s scope', async () => {
      const byName = sheetRows(await openXlsx((await coord.download('/api/people/export.xlsx?q=duc').expect(200)).body));
      expect(byName.slice(1).map((r) => r[2])).toEqual(['Lê Đức Cường']);
      const retired = sheetRows(await openXlsx((await coord.download(`/api/people/export.xlsx?unitId=${p.units.communeB.id}&status=retired`).expect(200)).body));
      expect(retired.slice(1).map((r) => [r[2], r[12], r[13]])).toEqual([['Võ Thị Phương', 'Đã nghỉ hưu', 'Phường Bình Minh']]);

      const officer = asUser(t.http, await login(t.http, 'commune.officer'));
      const own = sheetRows(await openXlsx((await officer.download('/api/people/export.xlsx').expect(200)).body));
      expect(own.slice(1).map((r) => r[2])).toEqual(['Lê Đức Cường', 'Phạm Thị Dung']);
    });
  });

  describe('editing only what is sent', () => {
    it('changes just the fields in a PATCH, clears an optional field sent as null, and refuses null for a required one', async () => {
      const created: PersonDetailDto = (await coord.post('/api/people', { ...fields(), staffCode: 'T-PATCH-1', unitId: p.units.communeA.id }).expect(201)).body;
      const onlyPosition: PersonDetailDto = (await coord.patch(`/api/people/${created.id}`, { position: 'Chuyên viên' }).expect(200)).body;
      expect(onlyPosition).toMatchObject({ position: 'Chuyên viên', email: 'hong.tt@example.gov.vn', phone: '0912 345 678', dateOfBirth: '1985-03-15', gender: 'female' });
      const cleared: PersonDetailDto = (await coord.patch(`/api/people/${created.id}`, { email: null }).expect(200)).body;
      expect(cleared.email).toBeNull();
      expect(cleared.position).toBe('Chuyên viên');
      const nulled = await coord.patch(`/api/people/${created.id}`, { fullName: null });
      expectApiError(nulled, 400, 'VALIDATION_FAILED');
      expect(nulled.body.message).toContain('fullName: không được để trống');
    });

    it('refuses a date of birth outside working age, as the import does', async () => {
      const res = await coord.post('/api/people', { ...fields({ dateOfBirth: '2030-01-01' }), staffCode: 'T-DOB-1', unitId: p.units.communeA.id });
      expectApiError(res, 400, 'DATE_OF_BIRTH_OUT_OF_RANGE');
      expect(res.body.message).toContain('01/01/2030');
    });
  });

  describe('a change dated the day the current posting began', () => {
    it('is accepted and ordered after it', async () => {
      const created: PersonDetailDto = (await coord.post('/api/people', { ...fields(), staffCode: 'T-SAMEDAY', unitId: p.units.communeA.id }).expect(201)).body;
      const moved: PersonDetailDto = (await coord.post(`/api/people/${created.id}/transfer`, { unitId: p.units.communeB.id, effectiveDate: vnDate(0) }).expect(200)).body;
      expect(moved.unitHistory.map((h) => h.unitId)).toEqual([p.units.communeB.id, p.units.communeA.id]);
      expect(new Date(moved.unitHistory[0].fromDate).getTime()).toBeGreaterThan(new Date(moved.unitHistory[1].fromDate).getTime());
    });
  });
});
