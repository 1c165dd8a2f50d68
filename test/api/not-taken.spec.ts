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

  it('two officers pressing "nhắc" at once remind each person once', async () => {
    t.clock.advance(2 * 24 * 3600 * 1000);
    try {
      const results = await Promise.all([1, 2, 3].map(() => officer.post(`/api/test-rounds/${roundId}/not-taken/remind`).expect(200)));
      const withAccount = (await list(officer)).items.filter((x: { hasAccount: boolean }) => x.hasAccount).length;
      expect(results.reduce((n, r) => n + r.body.reminded, 0)).toBe(withAccount);
      const [{ n }] = await t.db.query(
        `SELECT count(*)::int AS n FROM notification n JOIN user_account a ON a.id = n.user_id WHERE a.username = 'learner' AND n.title LIKE 'Nhắc làm bài kiểm tra%'`,
      );
      // Day one, day two (the test above), and once today however many presses.
      expect(n).toBe(3);
    } finally {
      t.clock.advance(-2 * 24 * 3600 * 1000);
    }
  });

  describe('the low scorers of the round (GET /api/test-rounds/{id}/low-scorers)', () => {
    const lows = async (api: ApiAs, query = '') => (await api.get(`/api/test-rounds/${roundId}/low-scorers?pageSize=500${query}`).expect(200)).body;
    const given = (name: string) => name.split(' ').pop()!;

    it('are those who submitted and failed, each with what to re-study', async () => {
      const res = await lows(coord);
      // Everyone in the story submitted an empty test: all of them failed.
      const submitted = people.filter((x) => x.state === 'submitted');
      expect(res.items.map((x: { fullName: string }) => x.fullName).sort()).toEqual(submitted.map((x) => x.name).sort());
      expect(res.total).toBe(submitted.length);
      for (const row of res.items) {
        expect(row).toMatchObject({ passed: false, score: 0, position: null });
        expect(row.recommendations.length).toBeGreaterThan(0);
      }
    });

    it('pages with a total, sorts by name, unit and date, and filters by unit', async () => {
      const all = await lows(coord);
      expect(all.total).toBeGreaterThanOrEqual(3);
      const page1 = (await coord.get(`/api/test-rounds/${roundId}/low-scorers?pageSize=2&page=1&sort=fullName`).expect(200)).body;
      const page2 = (await coord.get(`/api/test-rounds/${roundId}/low-scorers?pageSize=2&page=2&sort=fullName`).expect(200)).body;
      expect(page1).toMatchObject({ total: all.total, page: 1, pageSize: 2 });
      const ids = [...page1.items, ...page2.items].map((x: { personId: string }) => x.personId);
      expect(new Set(ids).size).toBe(Math.min(4, all.total));
      const byName = (await lows(coord, '&sort=fullName')).items.map((x: { fullName: string }) => given(x.fullName));
      expect(byName).toEqual([...byName].sort((a, b) => a.localeCompare(b, 'vi')));
      const byUnit = (await lows(coord, '&sort=unit')).items.map((x: { unitName: string }) => x.unitName);
      expect(byUnit).toEqual([...byUnit].sort((a, b) => a.localeCompare(b, 'vi')));
      const byDate = (await lows(coord, '&sort=date')).items.map((x: { finishedAt: string }) => x.finishedAt);
      expect(byDate).toEqual([...byDate].sort().reverse());
      const inC = (await lows(coord, `&unitId=${communeC.id}`)).items;
      expect(inC.every((x: { unitId: string }) => x.unitId === communeC.id)).toBe(true);
      expect(inC.length).toBe(all.items.filter((x: { unitId: string }) => x.unitId === communeC.id).length);
      const found = (await lows(coord, `&q=${encodeURIComponent(given(all.items[0].fullName).normalize('NFD'))}`)).items;
      expect(found.map((x: { personId: string }) => x.personId)).toContain(all.items[0].personId);
    });

    it("exports the whole filtered list as .xlsx; an officer gets their subtree only and never another unit's, by filter or export", async () => {
      const mine = (await lows(officer)).items;
      expect(mine.every((x: { unitId: string }) => x.unitId === p.units.communeA.id)).toBe(true);
      expectApiError(await officer.get(`/api/test-rounds/${roundId}/low-scorers?unitId=${p.units.communeB.id}`), 403, 'OUT_OF_SCOPE');
      expectApiError(await officer.get(`/api/test-rounds/${roundId}/low-scorers.xlsx?unitId=${p.units.communeB.id}`), 403, 'OUT_OF_SCOPE');
      const file = await officer.download(`/api/test-rounds/${roundId}/low-scorers.xlsx?sort=fullName`).expect(200);
      expect(file.headers['content-disposition']).toMatch(/filename="diem-thap-/);
      const rows = sheetRows(await openXlsx(file.body as Buffer));
      expect(rows[0][0]).toContain('DANH SÁCH CẦN BỒI DƯỠNG LẠI');
      expect(rows[1][0]).toContain('Xã An Bình');
      expect(rows[3]).toEqual(['STT', 'Mã cán bộ', 'Họ và tên', 'Chức vụ', 'Đơn vị', 'Điểm', 'Xếp loại', 'Chủ đề cần học lại', 'Ngày làm bài']);
      const body = rows.slice(4);
      expect(body.map((r) => r[2])).toEqual(mine.slice().sort((a: { fullName: string }, b: { fullName: string }) => given(a.fullName).localeCompare(given(b.fullName), 'vi')).map((x: { fullName: string }) => x.fullName));
      for (const r of body) expect(r[7]).not.toBe('');
      const everyone = sheetRows(await openXlsx((await coord.download(`/api/test-rounds/${roundId}/low-scorers.xlsx`).expect(200)).body as Buffer)).slice(4);
      expect(everyone).toHaveLength((await lows(coord)).total);
    });

    it('answers 4xx to bad ids, filters and callers', async () => {
      expectApiError(await coord.get('/api/test-rounds/khong-phai-id/low-scorers'), 400);
      expectApiError(await coord.get('/api/test-rounds/00000000-0000-4000-8000-000000000000/low-scorers'), 404);
      expectApiError(await coord.get('/api/test-rounds/00000000-0000-4000-8000-000000000000/low-scorers.xlsx'), 404);
      expectApiError(await coord.get(`/api/test-rounds/${roundId}/low-scorers?sort=age`), 400);
      expectApiError(await coord.get(`/api/test-rounds/${roundId}/low-scorers.xlsx?sort=age`), 400);
      expectApiError(await coord.get(`/api/test-rounds/${roundId}/low-scorers?unitId=abc`), 400);
      expectApiError(await coord.get(`/api/test-rounds/${roundId}/low-scorers?page=0`), 400);
      expectApiError(await coord.get(`/api/test-rounds/${roundId}/low-scorers?unitId=00000000-0000-4000-8000-000000000000`), 404);
      const learner = asUser(t.http, await login(t.http, 'learner'));
      expectApiError(await learner.get(`/api/test-rounds/${roundId}/low-scorers`), 403);
      expectApiError(await learner.get(`/api/test-rounds/${roundId}/low-scorers.xlsx`), 403);
    });

    it("the year's low-scorer list (coverage) sorts too, and refuses an unknown order", async () => {
      const year = new Date().getUTCFullYear();
      const byName = (await coord.get(`/api/coverage/low-scorers?year=${year}&pageSize=100&sort=fullName`).expect(200)).body;
      expect(byName.total).toBeGreaterThan(0);
      const names = byName.items.map((x: { fullName: string }) => given(x.fullName));
      expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'vi')));
      const byUnit = (await coord.get(`/api/coverage/low-scorers?year=${year}&pageSize=100&sort=unit`).expect(200)).body.items.map((x: { unitName: string }) => x.unitName);
      expect(byUnit).toEqual([...byUnit].sort((a, b) => a.localeCompare(b, 'vi')));
      expectApiError(await coord.get('/api/coverage/low-scorers?sort=age'), 400);
      expectApiError(await coord.get('/api/coverage/low-scorers.xlsx?sort=age'), 400);
      const file = sheetRows(await openXlsx((await coord.download(`/api/coverage/low-scorers.xlsx?year=${year}&sort=fullName`).expect(200)).body as Buffer));
      expect(file.slice(4).map((r) => given(r[2]))).toEqual(names);
    });
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
