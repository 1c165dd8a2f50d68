import { Audience, AudienceMember, inAudience, UnitLevel } from '@cchc/shared';
import { assignmentAudience, audienceSql, roundAudience } from '@api/common/audience';
import { createTestApp, insertPerson, insertUnit, TestApp } from '../support/test-app';

/**
 * The one audience rule in SQL equals the pure predicate of libs/shared, for both shapes of audience (a course
 * assignment's columns and a test round's jsonb), on every combination of a person's facts in a real PostgreSQL.
 */
describe('audienceSql agrees with inAudience', () => {
  let t: TestApp;
  const people: (AudienceMember & { name: string })[] = [];
  let unitU: { id: string; path: string };

  beforeAll(async () => {
    t = await createTestApp();
    const province = await insertUnit(t.db, { code: 'AU', name: 'Tỉnh Đối Tượng', level: UnitLevel.Province });
    unitU = await insertUnit(t.db, { code: 'AU.U', name: 'Đơn vị U', level: UnitLevel.Department, parent: province });
    const sub = await insertUnit(t.db, { code: 'AU.U.S', name: 'Phòng S', level: UnitLevel.SubUnit, parent: unitU });
    const sibling = await insertUnit(t.db, { code: 'AU.V', name: 'Đơn vị V', level: UnitLevel.Department, parent: province });
    let n = 0;
    for (const status of ['active', 'on_leave', 'retired', 'left'])
      for (const unit of [unitU, sub, sibling])
        for (const category of ['cong_chuc', 'can_bo'])
          for (const doesCchcWork of [true, false])
            for (const isLeader of [true, false]) {
              const staffCode = `AU${String(++n).padStart(3, '0')}`;
              const p = await insertPerson(t.db, { staffCode, fullName: `Người Thứ ${n}`, unitId: unit.id, status, category, doesCchcWork, isLeader });
              people.push({ id: p.id, name: staffCode, status, unitPath: unit.path, category, doesCchcWork, isLeader });
            }
  }, 60_000);
  afterAll(() => t.close());

  const shapes = () => {
    const out: Audience[] = [];
    const chosen = [people[0].id, people[5].id, people[17].id];
    for (const unitPath of [null, unitU.path])
      for (const categories of [[], ['cong_chuc']])
        for (const doesCchcWork of [null, true, false])
          for (const isLeader of [null, true, false]) for (const personIds of [[], chosen]) out.push({ unitPath, categories, doesCchcWork, isLeader, personIds });
    return out;
  };

  const expected = (a: Audience) => people.filter((p) => inAudience(a, p)).map((p) => p.name).sort();

  it('for a course assignment (its columns and its unit)', async () => {
    for (const a of shapes()) {
      const rows: { staff_code: string }[] = await t.db.query(
        `WITH a AS (SELECT $1::text[] AS categories, $2::boolean AS does_cchc_work, $3::boolean AS is_leader, $4::uuid[] AS person_ids),
              au AS (SELECT $5::text AS path)
         SELECT p.staff_code FROM person p JOIN org_unit pu ON pu.id = p.unit_id, a, au
          WHERE p.staff_code LIKE 'AU%' AND ${audienceSql({ alias: 'p', unitPath: 'pu.path' }, assignmentAudience('a', 'au'))} ORDER BY 1`,
        [a.categories, a.doesCchcWork, a.isLeader, a.personIds, a.unitPath],
      );
      expect({ a, got: rows.map((r) => r.staff_code).sort() }).toEqual({ a, got: expected(a) });
    }
  });

  it('for a test round (its jsonb audience, which names a unit id and no people)', async () => {
    for (const a of shapes().filter((x) => !x.personIds.length)) {
      const json = { unitId: a.unitPath ? unitU.id : null, categories: a.categories, doesCchcWork: a.doesCchcWork, isLeader: a.isLeader };
      const rows: { staff_code: string }[] = await t.db.query(
        `SELECT p.staff_code FROM person p JOIN org_unit u ON u.id = p.unit_id
          WHERE p.staff_code LIKE 'AU%' AND ${audienceSql({ alias: 'p', unitPath: 'u.path' }, roundAudience('$1::jsonb'))} ORDER BY 1`,
        [JSON.stringify(json)],
      );
      expect({ a, got: rows.map((r) => r.staff_code).sort() }).toEqual({ a, got: expected(a) });
    }
  });

  it('the fixture covers every status, unit and flag (the rule has something to tell apart)', () => {
    expect(people).toHaveLength(96);
    expect(new Set(people.map((p) => p.id)).size).toBe(96);
  });
});
