import { endOfVietnamDay, remedialDueDate, Role } from '@cchc/shared';
import { asUser } from '../support/fixtures/api-client';
import { publishedCourse } from '../support/fixtures/courses';
import { TestRoundJobs } from '@api/test-rounds/test-rounds.jobs';
import { createTestApp, insertPerson, insertUser, login, seedSmallProvince, SmallProvince, TestApp } from '../support/test-app';
import { bearer, createOpenRound, insertQuestion, keyOf, topicId } from './test-round-fixtures';

const DAY = 86_400_000;
const DOC = '7d1f3c2a-0000-4000-8000-00000000d0c1';

describe('remedial learning: auto-assigned after a low result, with a due date and one re-test', () => {
  let t: TestApp;
  let p: SmallProvince;
  let roundId: string;
  let lessons: string[];
  let closesAt: Date;
  const people: Record<string, string> = {};

  const token = (username: string) => login(t.http, username);
  const start = async (username: string) => t.http.post(`/api/test-rounds/${roundId}/attempts`).set(bearer(await token(username)));
  /** Answers every question wrongly ("b"; the key is always "a") or rightly. */
  const answerAll = async (username: string, attemptId: string, right: boolean) => {
    const tk = await token(username);
    let seq = 1;
    for (const [questionId, key] of await keyOf(t.db, attemptId))
      await t.http.put(`/api/attempts/${attemptId}/answers/${questionId}`).set(bearer(tk)).send({ choice: right ? key : ['b'], seq: seq++ }).expect(200);
  };
  const sitLow = async (username: string) => {
    const a = await start(username);
    expect(a.status).toBe(200);
    await answerAll(username, a.body.id, false);
    await t.http.post(`/api/attempts/${a.body.id}/submit`).set(bearer(await token(username))).expect(200);
    return a.body.id as string;
  };
  const assignments = (personId: string) =>
    t.db.query(`SELECT id, status, to_char(due_date, 'YYYY-MM-DD') AS due, retest_attempt_id FROM remedial_assignment WHERE round_id = $1 AND person_id = $2`, [roundId, personId]);
  const mine = async (username: string) => (await t.http.get('/api/remedial/mine').set(bearer(await token(username))).expect(200)).body;
  const studyAll = async (username: string) => {
    const tk = await token(username);
    const [a] = await mine(username);
    for (const lessonId of lessons) await t.http.post(`/api/lessons/${lessonId}/progress`).set(bearer(tk)).send({ completed: true }).expect((r) => expect(r.status).toBeLessThan(300));
    await t.http.post(`/api/remedial/${a.id}/documents/${DOC}/read`).set(bearer(tk)).expect(200);
  };

  beforeAll(async () => {
    t = await createTestApp();
    p = await seedSmallProvince(t.db);
    const coord = await token('coord');
    ({ lessonIds: lessons } = await publishedCourse(asUser(t.http, coord), t.db, { title: 'Ôn tập Cộng đồng ASEAN', modules: [2] }));
    const asean = await topicId(t.db, 'ASEAN');
    const vhcv = await topicId(t.db, 'VHCV');
    for (let i = 0; i < 3; i++) {
      await insertQuestion(t.db, { topicId: asean, difficulty: 'easy', lessonIds: [lessons[0]], documentIds: [DOC] });
      await insertQuestion(t.db, { topicId: vhcv, difficulty: 'easy', lessonIds: [lessons[1]] });
    }
    const now = t.clock.now();
    closesAt = new Date(now.getTime() + 7 * DAY);
    roundId = await createOpenRound(t.http, coord, {
      name: 'Kiểm tra CCHC có ôn tập bắt buộc',
      opensAt: new Date(now.getTime() - 60_000).toISOString(),
      closesAt: closesAt.toISOString(),
      blueprint: [
        { topicId: asean, difficulty: 'easy', count: 2 },
        { topicId: vhcv, difficulty: 'easy', count: 1 },
      ],
      timeLimitMinutes: 20,
      attemptsAllowed: 1,
      remedial: { auto: true, dueDays: 14 },
    });
    people.learner = p.people.communeAStaff.id;
    for (const [username, staffCode, unitId] of [
      ['learner2', 'R0002', p.units.communeA.id],
      ['learner3', 'R0003', p.units.communeA.id],
      ['learner4', 'R0004', p.units.communeB.id],
    ] as const) {
      const person = await insertPerson(t.db, { staffCode, fullName: `Học viên ôn tập ${staffCode}`, unitId });
      await insertUser(t.db, { username, role: Role.Learner, unitId, personId: person.id });
      people[username] = person.id;
    }
    await insertUser(t.db, { username: 'communeB.officer', role: Role.UnitOfficer, unitId: p.units.communeB.id });
  });
  afterAll(() => t.close());

  it('the round keeps the remedial option; bad options are refused with 400', async () => {
    const coord = await token('coord');
    const round = await t.http.get(`/api/test-rounds/${roundId}`).set(bearer(coord)).expect(200);
    expect(round.body.remedial).toEqual({ auto: true, dueDays: 14 });
    const base = { ...round.body, name: 'Kỳ sai', opensAt: round.body.opensAt, closesAt: round.body.closesAt };
    for (const remedial of [{ auto: true, dueDays: 0 }, { auto: 'có', dueDays: 14 }, { auto: true, dueDays: 181 }, { auto: true }]) {
      const res = await t.http
        .post('/api/test-rounds')
        .set(bearer(coord))
        .send({ name: base.name, opensAt: base.opensAt, closesAt: base.closesAt, blueprint: base.blueprint, remedial });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
  });

  it('a low-scoring submission creates the assignment with the linked lessons and document, due 14 Vietnam days later, and notifies', async () => {
    await sitLow('learner');
    const rows = await assignments(people.learner);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'open', due: remedialDueDate(t.clock.now(), 14), retest_attempt_id: null });
    const items = await t.db.query(`SELECT kind, ref_id FROM remedial_item WHERE assignment_id = $1 ORDER BY kind, ref_id`, [rows[0].id]);
    expect(items).toEqual(
      [
        { kind: 'document', ref_id: DOC },
        ...[...lessons].sort().map((id) => ({ kind: 'lesson', ref_id: id })),
      ],
    );

    const [a] = await mine('learner');
    expect(a).toMatchObject({ roundId, status: 'open', itemsDone: 0, itemsTotal: 3, overdue: false, retestAvailable: false, retestUsed: false });
    expect(a.items.filter((i: { kind: string }) => i.kind === 'lesson').map((i: { title: string }) => i.title).sort()).toEqual(['Bài 1.1', 'Bài 1.2']);
    const result = await t.http.get(`/api/test-rounds/${roundId}/my-result`).set(bearer(await token('learner'))).expect(200);
    expect(result.body.remedial).toMatchObject({ id: a.id, dueDate: rows[0].due, itemsTotal: 3 });

    const notes = await t.http.get('/api/notifications').set(bearer(await token('learner'))).expect(200);
    const remedial = notes.body.items.filter((n: { kind: string }) => n.kind === 'remedial_assigned');
    expect(remedial).toHaveLength(1);
    expect(remedial[0].link).toBe(`/tests/${roundId}/result`);
    expect(remedial[0].body).toContain(rows[0].due.split('-').reverse().join('/'));
  });

  it('a retried submission and a re-run of the grading never duplicate the assignment or the notification', async () => {
    const [{ id: attemptId }] = await t.db.query(`SELECT id FROM test_attempt WHERE round_id = $1 AND person_id = $2`, [roundId, people.learner]);
    const tk = await token('learner');
    await Promise.all([1, 2, 3].map(() => t.http.post(`/api/attempts/${attemptId}/submit`).set(bearer(tk)).expect(200)));
    expect(await assignments(people.learner)).toHaveLength(1);
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM notification n JOIN user_account u ON u.id = n.user_id WHERE u.username = 'learner' AND n.kind = 'remedial_assigned'`,
    );
    expect(n).toBe(1);
  });

  it('the server submitting at the deadline also assigns remedial learning', async () => {
    const a = await start('learner2');
    await answerAll('learner2', a.body.id, false);
    const a3 = await start('learner3');
    await answerAll('learner3', a3.body.id, false);
    const a4 = await start('learner4');
    await answerAll('learner4', a4.body.id, false);
    t.clock.advance(21 * 60_000);
    expect((await t.app.get(TestRoundJobs).tick()).submitted).toBe(3);
    const [{ submitted_by }] = await t.db.query(`SELECT submitted_by FROM test_attempt WHERE id = $1`, [a.body.id]);
    expect(submitted_by).toBe('deadline');
    for (const who of ['learner2', 'learner3', 'learner4']) expect(await assignments(people[who])).toEqual([expect.objectContaining({ status: 'open' })]);
  });

  it('no re-test while items are pending; done items (lesson completed, document marked read) make it available', async () => {
    expect((await start('learner')).body.code).toBe('NO_ATTEMPTS_LEFT');
    const tk = await token('learner');
    const [a] = await mine('learner');
    const read = await t.http.post(`/api/remedial/${a.id}/documents/${DOC}/read`).set(bearer(tk)).expect(200);
    expect(read.body).toMatchObject({ itemsDone: 1, retestAvailable: false });
    // Marking twice is harmless.
    await t.http.post(`/api/remedial/${a.id}/documents/${DOC}/read`).set(bearer(tk)).expect(200);
    const finishedStatements = async () =>
      (await t.db.query(`SELECT count(*)::int AS n FROM xapi_statement WHERE verb_id = 'http://adlnet.gov/expapi/verbs/completed' AND object_activity_id LIKE '%/remedial/' || $1`, [a.id]))[0].n;
    expect(await finishedStatements()).toBe(0);
    for (const lessonId of lessons) await t.http.post(`/api/lessons/${lessonId}/progress`).set(bearer(tk)).send({ completed: true }).expect((r) => expect(r.status).toBeLessThan(300));
    // The last item was a lesson: completing it finishes the plan, recorded once as "remedial completed" in the LRS.
    expect(await finishedStatements()).toBe(1);
    await t.http.post(`/api/lessons/${lessons[1]}/progress`).set(bearer(tk)).send({ completed: true }).expect((r) => expect(r.status).toBeLessThan(300));
    expect(await finishedStatements()).toBe(1);
    const [after] = await mine('learner');
    expect(after).toMatchObject({ itemsDone: 3, itemsTotal: 3, retestAvailable: true });
    expect(after.items.every((i: { done: boolean }) => i.done)).toBe(true);
    expect(Date.parse(after.retestUntil)).toBe(Math.max(closesAt.getTime(), endOfVietnamDay(after.dueDate).getTime()));
    const rounds = await t.http.get('/api/test-rounds/mine').set(bearer(tk)).expect(200);
    expect(rounds.body.find((r: { id: string }) => r.id === roundId).remedial.retestAvailable).toBe(true);
  });

  it('the re-test is one attempt beyond the allowance, scored as usual; passing every topic closes the assignment', async () => {
    const retest = await start('learner');
    expect(retest.status).toBe(200);
    expect(retest.body.number).toBe(2);
    expect(Date.parse(retest.body.deadlineAt) - Date.parse(retest.body.startedAt)).toBe(20 * 60_000);
    await answerAll('learner', retest.body.id, true);
    await t.http.post(`/api/attempts/${retest.body.id}/submit`).set(bearer(await token('learner'))).expect(200);
    const [row] = await assignments(people.learner);
    expect(row).toMatchObject({ status: 'closed', retest_attempt_id: retest.body.id });
    const result = await t.http.get(`/api/test-rounds/${roundId}/my-result`).set(bearer(await token('learner'))).expect(200);
    expect(result.body).toMatchObject({ score: 10, passed: true, attemptsUsed: 2, recommendations: [] });
    expect(result.body.remedial).toMatchObject({ status: 'closed', retestAvailable: false, retestUsed: true });
    const evidence = await t.db.query(`SELECT 1 FROM training_evidence WHERE person_id = $1 AND source_id = $2 AND kind = 'test_passed'`, [people.learner, roundId]);
    expect(evidence.length).toBeGreaterThan(0);
    // No second re-test.
    expect((await start('learner')).body.code).toBe('NO_ATTEMPTS_LEFT');
  });

  it('out-of-scope access is refused: another learner\'s assignment looks missing; an officer sees only their subtree', async () => {
    const [a] = await mine('learner');
    const other = await t.http.post(`/api/remedial/${a.id}/documents/${DOC}/read`).set(bearer(await token('learner2')));
    expect(other.status).toBe(404);
    expect(other.body.code).toBe('REMEDIAL_NOT_FOUND');
    expect((await mine('learner2')).map((x: { roundId: string; id: string }) => x.id)).not.toContain(a.id);
    // Bad ids and a document that is not in the assignment.
    const tk = await token('learner2');
    const [own] = await mine('learner2');
    expect((await t.http.post(`/api/remedial/khong-phai-uuid/documents/${DOC}/read`).set(bearer(tk))).status).toBe(400);
    const wrong = await t.http.post(`/api/remedial/${own.id}/documents/${lessons[0]}/read`).set(bearer(tk));
    expect(wrong.status).toBe(404);
    // An account without a person cannot mark anything.
    const officer = await token('commune.officer');
    expect((await t.http.post(`/api/remedial/${own.id}/documents/${DOC}/read`).set(bearer(officer))).status).toBe(403);
    expect((await t.http.get('/api/remedial/mine').set(bearer(officer)).expect(200)).body).toEqual([]);

    // Commune A's officer: remedial status of commune A's low scorers only.
    const results = await t.http.get(`/api/test-rounds/${roundId}/results`).query({ lowOnly: true }).set(bearer(officer)).expect(200);
    const byPerson = new Map(results.body.items.map((i: { personId: string; remedial: unknown }) => [i.personId, i.remedial]));
    expect(byPerson.get(people.learner2)).toMatchObject({ status: 'open', itemsDone: 0, itemsTotal: 3, overdue: false });
    expect(byPerson.has(people.learner4)).toBe(false);
    const outside = await t.http.get(`/api/test-rounds/${roundId}/results`).query({ unitId: p.units.communeA.id }).set(bearer(await token('communeB.officer')));
    expect(outside.status).toBe(403);
  });

  it('reminds in-app a few days before the due date those with items left, once', async () => {
    const [{ dueDate }] = await mine('learner2');
    t.clock.advance(endOfVietnamDay(dueDate).getTime() - 2 * DAY - t.clock.now().getTime());
    const coord = await token('coord');
    const first = await t.http.post('/api/reminders/run').set(bearer(coord)).expect(200);
    expect(first.body.details.filter((d: { kind: string }) => d.kind === 'remedial_due')).toHaveLength(3);
    const second = await t.http.post('/api/reminders/run').set(bearer(coord)).expect(200);
    expect(second.body.details.filter((d: { kind: string }) => d.kind === 'remedial_due')).toHaveLength(0);
    const notes = await t.http.get('/api/notifications').set(bearer(await token('learner2'))).expect(200);
    expect(notes.body.items.find((n: { kind: string }) => n.kind === 'remedial_due')).toMatchObject({ link: `/tests/${roundId}/result` });
    // The learner whose assignment is closed is not reminded.
    const own = await t.http.get('/api/notifications').set(bearer(await token('learner'))).expect(200);
    expect(own.body.items.some((n: { kind: string }) => n.kind === 'remedial_due')).toBe(false);
  });

  it('after the round closed, the re-test is allowed until the due date, its deadline cut at the end of that day, and refused after', async () => {
    await studyAll('learner2');
    await studyAll('learner3');
    await studyAll('learner4');
    // The window has closed (two days before the due date now); the regular attempts are over for everyone.
    expect(t.clock.now().getTime()).toBeGreaterThan(closesAt.getTime());
    await t.app.get(TestRoundJobs).tick();
    const r2 = await start('learner2');
    expect(r2.status).toBe(200);
    expect(Date.parse(r2.body.deadlineAt) - Date.parse(r2.body.startedAt)).toBe(20 * 60_000);
    await answerAll('learner2', r2.body.id, false);
    await t.http.post(`/api/attempts/${r2.body.id}/submit`).set(bearer(await token('learner2'))).expect(200);
    // Still low, but the one re-test is spent.
    const again = await start('learner2');
    expect(again.status).toBe(409);
    expect((await mine('learner2'))[0]).toMatchObject({ status: 'open', retestUsed: true, retestAvailable: false });

    // Five minutes before the due day ends: the attempt ends with the day, not after its 20 minutes.
    const [{ dueDate }] = await mine('learner3');
    const dueEnd = endOfVietnamDay(dueDate);
    t.clock.advance(dueEnd.getTime() - 5 * 60_000 - t.clock.now().getTime());
    const r3 = await start('learner3');
    expect(r3.status).toBe(200);
    expect(r3.body.deadlineAt).toBe(dueEnd.toISOString());

    // After the due date: refused.
    t.clock.advance(6 * 60_000);
    const late = await start('learner4');
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('TEST_ROUND_NOT_OPEN');
    expect((await mine('learner4'))[0]).toMatchObject({ retestAvailable: false, overdue: false, itemsDone: 3 });
  });

  it('overdue shows for an assignment whose items were not all done by the due date', async () => {
    const tk = await token('learner2');
    await t.http.get('/api/remedial/mine').set(bearer(tk)).expect(200);
    // learner2 studied everything; undo one item to see the overdue state the officer sees.
    await t.db.query(`UPDATE remedial_item SET read_at = NULL WHERE assignment_id = (SELECT id FROM remedial_assignment WHERE person_id = $1)`, [people.learner2]);
    expect((await mine('learner2'))[0]).toMatchObject({ overdue: true, itemsDone: 2 });
    const results = await t.http.get(`/api/test-rounds/${roundId}/results`).query({ lowOnly: true }).set(bearer(await token('commune.officer'))).expect(200);
    expect(results.body.items.find((i: { personId: string }) => i.personId === people.learner2).remedial).toMatchObject({ overdue: true, itemsDone: 2, itemsTotal: 3 });
  });
});
