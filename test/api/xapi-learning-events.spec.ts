import { Role } from '@cchc/shared';
import { createTestApp, insertUser, login, seedSmallProvince, SmallProvince, TestApp } from '../support/test-app';
import { bearer, createOpenRound, keyOf, roundBody, seedBank, topicId } from './test-round-fixtures';

/**
 * Every learning event is an xAPI statement in our LRS, written with the event: lessons and courses completed, the
 * certificate, test attempts (score, success, per-topic results), attendance; read back through the LRS itself.
 */
describe('learning events as xAPI statements', () => {
  let t: TestApp;
  let p: SmallProvince;
  let learner: string;
  let coordinator: string;
  let readAll: string;
  const site = 'http://localhost:3000';
  const V = { 'X-Experience-API-Version': '1.0.3' };
  const me = () => JSON.stringify({ account: { homePage: site, name: 'learner' } });

  const statementsOf = async (query: Record<string, string>) => {
    const res = await t.http.get('/api/xapi/statements').set(V).set('Authorization', readAll).query(query).expect(200);
    return res.body.statements as { id: string; verb: { id: string }; object: { id: string }; actor: Record<string, unknown>; result?: Record<string, unknown>; context?: Record<string, unknown>; authority: { name: string } }[];
  };

  beforeAll(async () => {
    t = await createTestApp();
    p = await seedSmallProvince(t.db);
    learner = await login(t.http, 'learner');
    coordinator = await login(t.http, 'coord');
    await insertUser(t.db, { username: 'lrs.admin2', role: Role.Admin });
    const admin = await login(t.http, 'lrs.admin2');
    const client = await t.http.post('/api/lrs/clients').set(bearer(admin)).send({ name: 'Báo cáo', scopes: ['read_all'] }).expect(201);
    readAll = `Basic ${Buffer.from(`${client.body.key}:${client.body.secret}`).toString('base64')}`;
  });
  afterAll(() => t.close());

  it('lesson and course completion and the certificate, once each, with the account as actor and no personal data', async () => {
    const [{ id: courseId }] = await t.db.query(`INSERT INTO course (title, estimated_hours, status) VALUES ('Văn hóa công vụ', 1, 'published') RETURNING id`);
    const [{ id: moduleId }] = await t.db.query(`INSERT INTO course_module (course_id, title) VALUES ($1, 'Phần 1') RETURNING id`, [courseId]);
    const [{ id: lessonId }] = await t.db.query(`INSERT INTO lesson (course_id, module_id, title, kind, body_html) VALUES ($1, $2, 'Bài 1: Chuẩn mực ứng xử', 'text', '<p>x</p>') RETURNING id`, [courseId, moduleId]);

    await t.http.post(`/api/lessons/${lessonId}/progress`).set(bearer(learner)).send({ completed: false }).expect(200);
    expect(await statementsOf({ agent: me() })).toEqual([]);
    await t.http.post(`/api/lessons/${lessonId}/progress`).set(bearer(learner)).send({ completed: true }).expect(200);
    // Completing again (another device, a retry) adds nothing.
    await t.http.post(`/api/lessons/${lessonId}/progress`).set(bearer(learner)).send({ completed: true }).expect(200);

    const list = await statementsOf({ agent: me(), ascending: 'true' });
    expect(list.map((s) => `${s.verb.id.split('/').pop()} ${s.object.id.replace(`${site}/xapi/activities/`, '').split('/')[0]}`)).toEqual([
      'completed lesson',
      'completed course',
      'earned certificate',
    ]);
    expect(list[0].object.id).toBe(`${site}/xapi/activities/lesson/${lessonId}`);
    expect(list[0].context?.contextActivities).toEqual({ parent: [{ id: `${site}/xapi/activities/course/${courseId}` }] });
    // The lesson's and the certificate's statements are related to the course (written with the event, found in stored order).
    const byCourse = await statementsOf({ activity: `${site}/xapi/activities/course/${courseId}`, related_activities: 'true', ascending: 'true' });
    expect(byCourse.map((s) => s.object.id.replace(`${site}/xapi/activities/`, '').split('/')[0])).toEqual(['lesson', 'course', 'certificate']);
    expect(list[0].actor).toEqual({ objectType: 'Agent', account: { homePage: site, name: 'learner' } });
    expect(list[0].authority.name).toBe('cchc-learn');
    const [{ certificate_code }] = await t.db.query(`SELECT certificate_code FROM course_completion WHERE course_id = $1`, [courseId]);
    expect(JSON.stringify(list[2])).toContain(certificate_code);
    expect(JSON.stringify(list)).not.toContain('Lê Đức Cường');
  });

  it('a submitted attempt: passed/failed with the scaled score, the 10-point score and per-topic results', async () => {
    await seedBank(t.db, 3);
    const topics = { ASEAN: await topicId(t.db, 'ASEAN'), VHCV: await topicId(t.db, 'VHCV') };
    const roundId = await createOpenRound(t.http, coordinator, roundBody(topics));
    const attempt = await t.http.post(`/api/test-rounds/${roundId}/attempts`).set(bearer(learner)).expect(200);
    const key = await keyOf(t.db, attempt.body.id);
    let seq = 0;
    for (const [questionId, correct] of key) {
      await t.http.put(`/api/attempts/${attempt.body.id}/answers/${questionId}`).set(bearer(learner)).send({ choice: correct, seq: ++seq }).expect(200);
    }
    await t.http.post(`/api/attempts/${attempt.body.id}/submit`).set(bearer(learner)).expect(200);

    const [s] = await statementsOf({ agent: me(), activity: `${site}/xapi/activities/test-round/${roundId}` });
    expect(s.verb.id).toBe('http://adlnet.gov/expapi/verbs/passed');
    expect(s.result).toMatchObject({ score: { scaled: 1, raw: 10, min: 0, max: 10 }, success: true, completion: true });
    const perTopic = (s.result!.extensions as Record<string, { topicId: string; score: number }[]>)[`${site}/xapi/extensions/topic-scores`];
    expect(perTopic.map((x) => x.topicId).sort()).toEqual([topics.ASEAN, topics.VHCV].sort());
    expect(perTopic.every((x) => x.score === 10)).toBe(true);
  });

  it('attendance of an in-person session, for each person added, once', async () => {
    const [{ id: sessionId }] = await t.db.query(
      `INSERT INTO training_session (title, topic_id, starts_on, ends_on, organising_unit_id, hours) SELECT 'Hội nghị tập huấn CCHC', id, '2026-03-01', '2026-03-01', $1, 4 FROM topic WHERE code = 'CCHC' RETURNING id`,
      [p.units.communeA.id],
    );
    const add = () => t.http.post(`/api/training-sessions/${sessionId}/attendance`).set(bearer(coordinator)).send({ personIds: [p.people.communeAStaff.id, p.people.communeAStaff2.id] }).expect(200);
    await add();
    await add();
    const list = await statementsOf({ activity: `${site}/xapi/activities/training-session/${sessionId}` });
    expect(list).toHaveLength(2);
    expect(list.every((s) => s.verb.id === 'http://adlnet.gov/expapi/verbs/attended')).toBe(true);
    // A person without an account is named by an opaque id, never by name.
    expect(list.map((s) => (s.actor.account as { name: string }).name).sort()).toEqual(['learner', `person:${p.people.communeAStaff2.id}`].sort());
  });

  it('a refused event (a draft course) writes no statement', async () => {
    const before = (await t.db.query(`SELECT count(*)::int AS n FROM xapi_statement`))[0].n;
    // A lesson of a draft course is refused before anything is written.
    const [{ id: courseId }] = await t.db.query(`INSERT INTO course (title, estimated_hours) VALUES ('Nháp', 1) RETURNING id`);
    const [{ id: moduleId }] = await t.db.query(`INSERT INTO course_module (course_id, title) VALUES ($1, 'Phần 1') RETURNING id`, [courseId]);
    const [{ id: lessonId }] = await t.db.query(`INSERT INTO lesson (course_id, module_id, title, kind, body_html) VALUES ($1, $2, 'Bài nháp', 'text', '<p>x</p>') RETURNING id`, [courseId, moduleId]);
    const res = await t.http.post(`/api/lessons/${lessonId}/progress`).set(bearer(learner)).send({ completed: true });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM xapi_statement`))[0].n).toBe(before);
  });

  it('every related activity of every statement written here has its row for related_activities queries', async () => {
    const [{ n, missing }] = await t.db.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM xapi_statement_activity a WHERE a.activity_id = r.id AND a.stored = s.stored AND a.seq = s.seq))::int AS missing
         FROM xapi_statement s CROSS JOIN LATERAL unnest(s.related_activities) AS r(id)`,
    );
    expect(n).toBeGreaterThan(5);
    expect(missing).toBe(0);
  });
});
