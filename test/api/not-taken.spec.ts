import { Role, UnitLevel } from '@cchc/shared';
import { asUser, expectApiError, type ApiAs } from '../support/fixtures/api-client';
import { openXlsx, sheetRows } from '../support/fixtures/staff-files';
import { createTestApp, insertPerson, insertUnit, insertUser, login, seedSmallProvince, SmallProvince, TestApp } from '../support/test-app';
import { bearer, createOpenRound, roundBody, seedBank } from './test-round-fixtures';

/** A small deterministic generator, so a failure replays the same story. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

describe('who has not taken a round (GET /api/test-rounds/{id}/not-taken)', () => {
  let t: TestApp;
  let p: SmallProvince;
  let coord: ApiAs;
  let officer: ApiAs;
  let roundId: string;
  let communeC: { id: string; path: string };
  /** Everyone the story touches, with what happened to them. */
  const people: { id: string; name: string; unitId: string; token: string | null; state: 'none' | 'started' | 'submitted'; active: boolean }[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    p = await seedSmallProvince(t.db);
    const topics = await seedBank(t.db, 4);
    coord = asUser(t.http, await login(t.http, 'coord'));
    officer = asUser(t.http, await login(t.http, 'commune.officer'));
    communeC = await insertUnit(t.db, { code: 'T.X.C', name: 'Xã Cam Lâm', level: UnitLevel.Commune, parent: p.units.province });
    roundId = await createOpenRound(t.http, coord.token, roundBody(topics, { attemptsAllowed: 1, timeLimitMinutes: 30 }));

    const units = [p.units.communeA.id, p.units.communeB.id, communeC.id];
    const given = ['An', 'Bình', 'Chi', 'Dũng', 'Giang', 'Hà', 'Khánh', 'Linh', 'Minh', 'Nga', 'Oanh', 'Phúc', 'Quân', 'Sơn', 'Thảo', 'Uyên', 'Vinh', 'Xuân'];
    for (let i = 0; i < given.length; i++) {
      const person = await insertPerson(t.db, { staffCode: `NT${String(i).padStart(3, '0')}`, fullName: `Trần Văn ${given[i]}`, unitId: units[i % 3] });
      const hasAccount = i % 4 !== 3;
      if (hasAccount) await insertUser(t.db, { username: `nt${i}`, role: Role.Learner, unitId: units[i % 3], personId: person.id });
      people.push({ id: person.id, name: `Trần Văn ${given[i]}`, unitId: units[i % 3], token: hasAccount ? await login(t.http, `nt${i}`) : null, state: 'none', active: true });
    }

    // The story: random starts, submissions, transfers and retirements, in a reproducible order.
    const random = prng(11);
    for (let step = 0; step < 40; step++) {
      const who = people[Math.floor(random() * people.length)];
      const action = random();
      if (action < 0.35 && who.token && who.active && who.state === 'none') {
        await t.http.post(`/api/test-rounds/${roundId}/attempts`).set(bearer(who.token)).expect(200);
        who.state = 'started';
      } else if (action < 0.6 && who.token && who.active && who.state === 'started') {
        const attempt = (await t.http.post(`/api/test-rounds/${roundId}/attempts`).set(bearer(who.token)).expect(200)).body;
        await t.http.post(`/api/attempts/${attempt.id}/submit`).set(bearer(who.token)).expect(200);
        who.state = 'submitted';
      } else if (action < 0.85 && who.active) {
        const to = units.filter((u) => u !== who.unitId)[Math.floor(random() * 2)];
        await coord.post(`/api/people/${who.id}/transfer`, { unitId: to }).expect(200);
        who.unitId = to;
      } else if (action >= 0.95 && who.active) {
        await coord.post(`/api/people/${who.id}/status`, { status: 'retired' }).expect(200);
        who.active = false;
      }
    }
  }, 180_000);
  afterAll(() => t.close());

  const list = async (api: ApiAs, query = '') => (await api.get(`/api/test-rounds/${roundId}/not-taken?pageSize=500${query}`).expect(200)).body;

  it('equals the audience (people at work) minus those who submitted, with who is half-way', async () => {
    const fixture = new Set<string>(Object.values(p.people).map((x) => x.id));
    const res = await list(coord);
    const ours = res.items.filter((x: { personId: string }) => !fixture.has(x.personId));
    const expected = people.filter((x) => x.active && x.state !== 'submitted');
    expect(ours.map((x: { fullName: string }) => x.fullName).sort()).toEqual(expected.map((x) => x.name).sort());
    for (const e of expected) {
      const row = ours.find((x: { personId: string }) => x.personId === e.id);
      expect(row).toMatchObject({ unitId: e.unitId, status: e.state === 'started' ? 'in_progress' : 'not_started', hasAccount: !!e.token });
    }
    // The small province's own people are in the audience too (the retired one is not).
    expect(res.items.map((x: { personId: string }) => x.personId)).not.toContain(p.people.retired.id);
    expect(res.total).toBe(res.items.length);
    expect(people.some((x) => x.state === 'submitted') && people.some((x) => x.state === 'started')).toBe(true);
  });

  it('pages with a total, sorts and filters by unit and status', async () => {
    const all = await list(coord);
    const page1 = (await coord.get(`/api/test-rounds/${roundId}/not-taken?pageSize=5&page=1&sort=fullName`).expect(200)).body;
    const page2 = (await coord.get(`/api/test-rounds/${roundId}/not-taken?pageSize=5&page=2&sort=fullName`).expect(200)).body;
    expect(page1).toMatchObject({ total: all.total, page: 1, pageSize: 5 });
    expect(page1.items).toHaveLength(5);
    const ids = [...page1.items, ...page2.items].map((x: { personId: string }) => x.personId);
    expect(new Set(ids).size).toBe(10);
    const byStatus = (await list(coord, '&sort=status')).items.map((x: { status: string }) => x.status);
    expect(byStatus).toEqual([...byStatus].sort((a, b) => (a === b ? 0 : a === 'in_progress' ? -1 : 1)));
    const inC = (await list(coord, `&unitId=${communeC.id}`)).items;
    expect(inC.length).toBeGreaterThan(0);
    expect(inC.every((x: { unitId: string }) => x.unitId === communeC.id)).toBe(true);
    const started = (await list(coord, '&status=in_progress')).items;
    expect(started.every((x: { status: string }) => x.status === 'in_progress')).toBe(true);
  });

  it("a unit officer sees their own subtree only, and cannot read another unit's list by filter or export", async () => {
    const mine = (await list(officer)).items;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((x: { unitId: string }) => x.unitId === p.units.communeA.id)).toBe(true);
    expectApiError(await officer.get(`/api/test-rounds/${roundId}/not-taken?unitId=${p.units.communeB.id}`), 403, 'OUT_OF_SCOPE');
    expectApiError(await officer.get(`/api/test-rounds/${roundId}/not-taken.xlsx?unitId=${p.units.communeB.id}`), 403, 'OUT_OF_SCOPE');
    const file = await officer.download(`/api/test-rounds/${roundId}/not-taken.xlsx`).expect(200);
    const rows = sheetRows(await openXlsx(file.body as Buffer));
    expect(rows[0][0]).toContain('DANH SÁCH CÁN BỘ, CÔNG CHỨC CHƯA LÀM BÀI');
    const names = rows.slice(4).map((r) => r[2]);
    expect(names.sort()).toEqual(mine.map((x: { fullName: string }) => x.fullName).sort());
  });

  it('reminds the people of the list once per person per day, in the app', async () => {
    const mine = (await list(officer)).items;
    const first = (await officer.post(`/api/test-rounds/${roundId}/not-taken/remind`).expect(200)).body;
    expect(first).toMatchObject({ reminded: mine.filter((x: { hasAccount: boolean }) => x.hasAccount).length, alreadyToday: 0, withoutAccount: mine.filter((x: { hasAccount: boolean }) => !x.hasAccount).length });
    const again = (await officer.post(`/api/test-rounds/${roundId}/not-taken/remind`).expect(200)).body;
    expect(again).toMatchObject({ reminded: 0, alreadyToday: first.reminded });
    // Lê Đức Cường (account "learner") works in commune A and has not started.
    expect(mine.map((x: { fullName: string }) => x.fullName)).toContain('Lê Đức Cường');
    const bell = (await t.http.get('/api/notifications').set(bearer(await login(t.http, 'learner'))).expect(200)).body;
    const reminders = bell.items.filter((n: { title: string }) => n.title.startsWith('Nhắc làm bài kiểm tra'));
    expect(reminders).toHaveLength(1);
    expect(reminders[0].link).toBe(`/tests/${roundId}`);
    // Tomorrow they may be reminded again.
    t.clock.advance(24 * 3600 * 1000);
    try {
      const tomorrow = (await officer.post(`/api/test-rounds/${roundId}/not-taken/remind`).expect(200)).body;
      expect(tomorrow.reminded).toBe(first.reminded);
    } finally {
      t.clock.advance(-24 * 3600 * 1000);
    }
  });

  it('answers 4xx to bad ids and filters', async () => {
    expectApiError(await coord.get('/api/test-rounds/khong-phai-id/not-taken'), 400);
    expectApiError(await coord.get('/api/test-rounds/00000000-0000-4000-8000-000000000000/not-taken'), 404);
    expectApiError(await coord.get(`/api/test-rounds/${roundId}/not-taken?status=done`), 400);
    expectApiError(await coord.get(`/api/test-rounds/${roundId}/not-taken?sort=age`), 400);
    expectApiError(await coord.get(`/api/test-rounds/${roundId}/not-taken?unitId=abc`), 400);
    expectApiError(await coord.get(`/api/test-rounds/${roundId}/not-taken?pageSize=100000`), 400);
    expectApiError(await coord.get(`/api/test-rounds/${roundId}/not-taken?unitId=00000000-0000-4000-8000-000000000000`), 404);
    const learner = asUser(t.http, await login(t.http, 'learner'));
    expectApiError(await learner.get(`/api/test-rounds/${roundId}/not-taken`), 403);
  });
});
