import { UnitLevel } from '@cchc/shared';
import { asUser, type ApiAs } from '../support/fixtures/api-client';
import { createTestApp, insertPerson, insertUnit, login, seedSmallProvince, SmallProvince, TestApp } from '../support/test-app';

/**
 * Every sorted list reads in Vietnamese dictionary order (issue #12): syllable by syllable, so "Cà Ná" comes before
 * "Cam Lâm"; "Đ" is its own letter after "D"; tones in the order ngang, huyền, hỏi, ngã, sắc, nặng. The database's
 * default collation sorted by code point: "Đề án 1439" after "Xây dựng…", "Cà Ná" after "Cam Lâm".
 */
const DICTIONARY_ORDER = ['Cà Ná', 'Cam Lâm', 'Diên Khánh', 'Đề án 1439', 'Xây dựng chính quyền số'];
/** Given names, the part of a person's name lists sort by: a bare vowel before its tones, D before Đ. */
const GIVEN_NAMES_ORDER = ['Anh', 'Ánh', 'Dũng', 'Đào', 'Đức', 'Yến'];

/** The same names in an order unlike the sorted one, and unlike code-point order. */
const shuffled = <T>(xs: readonly T[]): T[] => [xs[3], xs[0], xs[4], xs[1], ...xs.slice(5), xs[2]];

describe('Vietnamese order in lists', () => {
  let t: TestApp;
  let p: SmallProvince;
  let coord: ApiAs;
  let topicId: string;

  beforeAll(async () => {
    t = await createTestApp();
    p = await seedSmallProvince(t.db);
    coord = asUser(t.http, await login(t.http, 'coord'));
    [{ id: topicId }] = await t.db.query(`SELECT id FROM topic WHERE code = 'CCHC.TTHC'`);
  });
  afterAll(() => t.close());

  it('checks its own premise: code-point order is not dictionary order', () => {
    expect([...DICTIONARY_ORDER].sort()).not.toEqual(DICTIONARY_ORDER);
  });

  it('lists units', async () => {
    const ids = new Set<string>();
    for (const [i, name] of shuffled(DICTIONARY_ORDER).entries()) {
      ids.add((await insertUnit(t.db, { code: `T.VI.${i}`, name: `Xã ${name}`, level: UnitLevel.Commune, parent: p.units.province })).id);
    }
    const units: { id: string; name: string }[] = (await coord.get('/api/units').expect(200)).body;
    expect(units.filter((u) => ids.has(u.id)).map((u) => u.name)).toEqual(DICTIONARY_ORDER.map((n) => `Xã ${n}`));
  });

  it('lists people by given name, in the list and by unit', async () => {
    const unit = await insertUnit(t.db, { code: 'T.VI.PEOPLE', name: 'Xã Vạn Ninh', level: UnitLevel.Commune, parent: p.units.province });
    for (const [i, given] of shuffled(GIVEN_NAMES_ORDER).entries()) await insertPerson(t.db, { staffCode: `VI${i}`, fullName: `Nguyễn Văn ${given}`, unitId: unit.id });
    const expected = GIVEN_NAMES_ORDER.map((g) => `Nguyễn Văn ${g}`);
    for (const sort of ['', '&sort=fullName', '&sort=unit']) {
      const res = await coord.get(`/api/people?unitId=${unit.id}&pageSize=50${sort}`).expect(200);
      expect(res.body.items.map((i: { fullName: string }) => i.fullName)).toEqual(expected);
    }
  });

  it('lists topics of the same rank', async () => {
    for (const [i, name] of shuffled(DICTIONARY_ORDER).entries()) {
      await t.db.query(`INSERT INTO topic (code, name, kind, sort_order) VALUES ($1, $2, 'skill', 900)`, [`VI.${i}`, name]);
    }
    const topics: { code: string; name: string }[] = (await coord.get('/api/topics').expect(200)).body;
    expect(topics.filter((x) => x.code.startsWith('VI.')).map((x) => x.name)).toEqual(DICTIONARY_ORDER);
  });

  it('lists training sessions of the same day', async () => {
    for (const name of shuffled(DICTIONARY_ORDER)) {
      await coord
        .post('/api/training-sessions', { title: `Tập huấn ${name}`, topicId, startsOn: '2031-06-10', endsOn: '2031-06-10', place: 'Hội trường', organisingUnitId: p.units.dept.id, trainer: 'Sở Nội vụ', hours: 4 })
        .expect(201);
    }
    const sessions: { title: string; startsOn: string }[] = (await coord.get('/api/training-sessions').expect(200)).body;
    expect(sessions.filter((s) => s.startsOn === '2031-06-10').map((s) => s.title)).toEqual(DICTIONARY_ORDER.map((n) => `Tập huấn ${n}`));
  });

  it('lists test rounds opening at the same time', async () => {
    for (const name of shuffled(DICTIONARY_ORDER)) {
      await t.db.query(`INSERT INTO test_round (name, status, opens_at, closes_at) VALUES ($1, 'scheduled', '2031-03-01T01:00:00Z', '2031-03-31T01:00:00Z')`, [`Kiểm tra ${name}`]);
    }
    const rounds: { name: string }[] = (await coord.get('/api/test-rounds').expect(200)).body;
    expect(rounds.filter((r) => r.name.startsWith('Kiểm tra ')).map((r) => r.name)).toEqual(DICTIONARY_ORDER.map((n) => `Kiểm tra ${n}`));
  });

  it('lists courses in authoring', async () => {
    for (const name of shuffled(DICTIONARY_ORDER)) await t.db.query(`INSERT INTO course (title, status) VALUES ($1, 'draft')`, [`Khóa ${name}`]);
    const courses: { title: string }[] = (await coord.get('/api/authoring/courses').expect(200)).body;
    expect(courses.filter((c) => c.title.startsWith('Khóa ')).map((c) => c.title)).toEqual(DICTIONARY_ORDER.map((n) => `Khóa ${n}`));
  });
});
