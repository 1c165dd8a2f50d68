import { asUser } from '../support/fixtures/api-client';
import { publishedCourse } from '../support/fixtures/courses';
import { createTestApp, login, seedSmallProvince, TestApp } from '../support/test-app';
import { bearer, createOpenRound, keyOf, roundBody, seedBank } from './test-round-fixtures';

describe('a course completed by passing its final quiz (learning × assessment)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await seedSmallProvince(t.db);
  });
  afterAll(() => t.close());

  it('completes the course, with course evidence and a certificate, when the learner passes the round', async () => {
    const coord = await login(t.http, 'coord');
    const learner = await login(t.http, 'learner');
    const topics = await seedBank(t.db, 4);
    const roundId = await createOpenRound(t.http, coord, roundBody(topics, { attemptsAllowed: 2 }));
    const author = asUser(t.http, coord);
    const { course } = await publishedCourse(author, t.db, { title: 'Cộng đồng ASEAN — kiểm tra cuối khóa' });
    await author.patch(`/api/authoring/courses/${course.id}`, { completionRule: { kind: 'final_quiz', testRoundId: roundId } }).expect(200);

    const attempt = await t.http.post(`/api/test-rounds/${roundId}/attempts`).set(bearer(learner)).expect(200);
    const key = await keyOf(t.db, attempt.body.id);
    let seq = 1;
    for (const [questionId, correct] of key) {
      await t.http.put(`/api/attempts/${attempt.body.id}/answers/${questionId}`).set(bearer(learner)).send({ choice: correct, seq: seq++ }).expect(200);
    }
    await t.http.post(`/api/attempts/${attempt.body.id}/submit`).set(bearer(learner)).expect(200);

    const mine = await t.http.get('/api/my-learning').set(bearer(learner)).expect(200);
    const completed = JSON.stringify(mine.body);
    expect(completed).toContain('Cộng đồng ASEAN — kiểm tra cuối khóa');
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM course_completion cc JOIN user_account u ON u.person_id = cc.person_id WHERE u.username = 'learner' AND cc.course_id = $1`,
      [course.id],
    );
    expect(n).toBe(1);
    const evidence = await t.db.query(`SELECT kind FROM training_evidence WHERE source_id IN ($1, $2) ORDER BY kind`, [course.id, roundId]);
    expect(evidence.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['course_completed', 'test_passed']));
    await t.http.get(`/api/courses/${course.id}/certificate`).set(bearer(learner)).expect(200);
  });
});
