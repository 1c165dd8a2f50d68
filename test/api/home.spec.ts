import type { HomeDto } from '@cchc/shared';
import { asUser, type ApiAs } from '../support/fixtures/api-client';
import { publishedCourse } from '../support/fixtures/courses';
import { createTestApp, login, seedSmallProvince, SmallProvince, TestApp } from '../support/test-app';
import { createOpenRound, insertQuestion, keyOf, topicId } from './test-round-fixtures';

const DAY = 86_400_000;
const isoDay = (d: Date) => new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10);

describe('home pages: GET /api/home says what is due, for each role and within its scope', () => {
  let t: TestApp;
  let p: SmallProvince;
  let coord: ApiAs;
  let officer: ApiAs;
  let deptOfficer: ApiAs;
  let learner: ApiAs;
  let roundId: string;
  let courseId: string;
  let dueDate: string;
  const home = async (who: ApiAs): Promise<HomeDto> => (await who.get('/api/home').expect(200)).body;

  beforeAll(async () => {
    t = await createTestApp();
    p = await seedSmallProvince(t.db);
    coord = asUser(t.http, await login(t.http, 'coord'));
    officer = asUser(t.http, await login(t.http, 'commune.officer'));
    deptOfficer = asUser(t.http, await login(t.http, 'dept.officer'));
    learner = asUser(t.http, await login(t.http, 'learner'));
    const now = t.clock.now();
    dueDate = isoDay(new Date(now.getTime() + 20 * DAY));
    const course = await publishedCourse(coord, t.db, { title: 'Văn hóa công vụ nơi công sở', topics: ['VHCV'], modules: [1] });
    courseId = course.course.id;
    await coord.post('/api/assignments', { courseId, unitId: p.units.communeA.id, dueDate }).expect(201);
    const asean = await topicId(t.db, 'ASEAN');
    for (let i = 0; i < 2; i++) await insertQuestion(t.db, { topicId: asean, difficulty: 'easy', lessonIds: [course.lessonIds[0]] });
    roundId = await createOpenRound(t.http, coord.token, {
      name: 'Kiểm tra Cộng đồng ASEAN tháng 12',
      opensAt: new Date(now.getTime() - 60_000).toISOString(),
      closesAt: new Date(now.getTime() + 5 * DAY).toISOString(),
      blueprint: [{ topicId: asean, difficulty: 'easy', count: 2 }],
      timeLimitMinutes: 20,
      attemptsAllowed: 1,
      remedial: { auto: true, dueDays: 10 },
    });
  });

  afterAll(() => t.close());

  it('learner: the open round with its close date, the assigned course with its due date, the targets not met', async () => {
    const h = await home(learner);
    expect(h.overview).toBeNull();
    expect(h.learner!.rounds).toEqual([expect.objectContaining({ roundId, name: 'Kiểm tra Cộng đồng ASEAN tháng 12', inProgress: false })]);
    expect(h.learner!.courses).toEqual([expect.objectContaining({ courseId, status: 'not_started', dueDate })]);
    expect(h.learner!.remedial).toEqual([]);
    const vhcv = h.learner!.targets.find((x) => x.name.includes('văn hóa công vụ'))!;
    expect(vhcv.reasons).toContain(`Chưa hoàn thành khóa «Văn hóa công vụ nơi công sở» (hạn ${dueDate.split('-').reverse().join('/')})`);
    expect(vhcv.todo).toMatch(/^Cần /);
  });

  it('learner: after a low result the round leaves the list and the remedial work appears with its due date', async () => {
    const attempt = (await learner.post(`/api/test-rounds/${roundId}/attempts`).expect(200)).body;
    let seq = 1;
    for (const [questionId] of await keyOf(t.db, attempt.id)) await learner.put(`/api/attempts/${attempt.id}/answers/${questionId}`, { choice: ['b'], seq: seq++ }).expect(200);
    await learner.post(`/api/attempts/${attempt.id}/submit`).expect(200);
    const h = await home(learner);
    expect(h.learner!.rounds).toEqual([]);
    const [{ due }] = await t.db.query(`SELECT to_char(due_date, 'YYYY-MM-DD') AS due FROM remedial_assignment WHERE round_id = $1`, [roundId]);
    expect(h.learner!.remedial).toEqual([expect.objectContaining({ roundId, dueDate: due, overdue: false, itemsDone: 0 })]);
  });

  it('unit officer: numbers of their subtree only, each equal to the list it links to', async () => {
    const h = await home(officer);
    expect(h.learner).toBeNull();
    const o = h.overview!;
    expect(o).toMatchObject({ level: 'unit', unitId: p.units.communeA.id, unitName: 'Xã An Bình' });

    // Commune A has two people at work, both in the round's audience; the learner submitted.
    const notTaken = (await officer.get(`/api/test-rounds/${roundId}/not-taken`).expect(200)).body;
    expect(o.rounds).toEqual([expect.objectContaining({ roundId, audience: 2, notTaken: 1 })]);
    expect(notTaken.total).toBe(1);

    // One failed result in the commune, with remedial work still to do.
    const low = (await officer.get('/api/coverage/low-scorers').expect(200)).body;
    expect(o.lowScorers).toMatchObject({ total: low.total, withoutRemedialDone: 1 });
    expect(low.total).toBe(1);

    // Per target: the missing number is the length of the missing list.
    const vhcv = o.targets.find((x) => x.name.includes('văn hóa công vụ'))!;
    expect(vhcv).toMatchObject({ eligible: 2, covered: 0, missing: 2, pct: 0 });
    const missing = (await officer.get(`/api/coverage/targets/${vhcv.targetId}/missing`).expect(200)).body;
    expect(missing.total).toBe(vhcv.missing);
    expect(o.targetsBehind).toBeGreaterThan(0);
  });

  it('another unit officer sees their own subtree: no one of commune A is counted', async () => {
    const o = (await home(deptOfficer)).overview!;
    expect(o).toMatchObject({ level: 'unit', unitId: p.units.dept.id });
    // The department and its office: two people at work, neither has taken the round; no low scorer there.
    expect(o.rounds).toEqual([expect.objectContaining({ roundId, audience: 2, notTaken: 2 })]);
    expect(o.lowScorers).toMatchObject({ total: 0, withoutRemedialDone: 0 });
  });

  it('coordinator: the province, its rounds and low scorers, and the units furthest behind', async () => {
    const h = await home(coord);
    const o = h.overview!;
    expect(o).toMatchObject({ level: 'province', unitId: p.units.province.id });
    // Five people at work in the province (one retired): the learner submitted.
    expect(o.rounds).toEqual([expect.objectContaining({ roundId, audience: 5, notTaken: 4 })]);
    expect(o.lowScorers).toMatchObject({ total: 1, withoutRemedialDone: 1 });
    // Every child unit with someone eligible and nobody trained is behind; worst first, at most five.
    expect(o.unitsBehind.length).toBeGreaterThan(0);
    expect(o.unitsBehind.length).toBeLessThanOrEqual(5);
    for (const u of o.unitsBehind) expect(u.pct).toBeLessThan(u.thresholdPct);
    const gaps = o.unitsBehind.map((u) => u.thresholdPct - u.pct);
    expect([...gaps].sort((a, b) => b - a)).toEqual(gaps);
    expect(o.unitsBehind.map((u) => u.unitId)).toEqual(expect.arrayContaining([p.units.communeA.id]));
    // The coordinator has a person too: their own due items come along.
    expect(h.learner!.personId).toBe(p.people.deptHead.id);
  });

  it('the learner section follows remedial progress: finished work leaves the officer’s count', async () => {
    const [{ id }] = await t.db.query(`SELECT id FROM remedial_assignment WHERE round_id = $1`, [roundId]);
    const items: { kind: string; ref_id: string }[] = await t.db.query(`SELECT kind, ref_id FROM remedial_item WHERE assignment_id = $1`, [id]);
    for (const i of items) {
      if (i.kind === 'lesson') await learner.post(`/api/lessons/${i.ref_id}/progress`, { completed: true }).expect(200);
      else await learner.post(`/api/remedial/${id}/documents/${i.ref_id}/read`).expect(200);
    }
    expect((await home(learner)).learner!.remedial).toEqual([]);
    expect((await home(officer)).overview!.lowScorers).toMatchObject({ total: 1, withoutRemedialDone: 0 });
  });

  it('an author (no person, no unit) gets an empty home', async () => {
    const author = asUser(t.http, await login(t.http, 'author'));
    expect(await home(author)).toEqual({ learner: null, overview: null });
  });
});
