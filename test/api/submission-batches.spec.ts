import { Role } from '@cchc/shared';
import type { AuthUser } from '@api/common/auth';
import { AttemptsRepository } from '@api/test-rounds/attempts.repository';
import { AttemptsService } from '@api/test-rounds/attempts.service';
import { eventStatementId } from '@api/xapi/learning-statements';
import { createTestApp, insertPerson, insertUser, login, seedSmallProvince, TestApp } from '../support/test-app';
import { bearer, createOpenRound, keyOf, roundBody, seedBank } from './test-round-fixtures';

/** The repository's statements, watched: how many submissions each one carried. */
type Batched = { submissionInputs: (ids: string[]) => Promise<unknown>; recordSubmissions: (ws: unknown[]) => Promise<unknown> };

describe('submissions arriving together: one read and one write statement, each submission exactly as alone', () => {
  let t: TestApp;
  let roundId: string;
  let topicIds: string[];
  const takers: { auth: AuthUser; token: string; personId: string }[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    const p = await seedSmallProvince(t.db);
    const topics = await seedBank(t.db, 4);
    topicIds = [topics.ASEAN, topics.VHCV];
    const coord = await login(t.http, 'coord');
    roundId = await createOpenRound(t.http, coord, roundBody(topics, { attemptsAllowed: 2, audience: { unitId: p.units.communeA.id } }));
    for (let i = 0; i < 8; i++) {
      const person = await insertPerson(t.db, { staffCode: `TB${i}`, fullName: `Người Nộp Cùng ${i}`, unitId: p.units.communeA.id });
      const user = await insertUser(t.db, { username: `nopcung${i}`, role: Role.Learner, unitId: p.units.communeA.id, personId: person.id });
      const auth: AuthUser = { id: user.id, username: user.username, displayName: user.username, role: Role.Learner, unitId: p.units.communeA.id, personId: person.id, tokenVersion: 0, mustChangePassword: false };
      takers.push({ auth, token: await login(t.http, user.username), personId: person.id });
    }
  });
  afterAll(() => t.close());

  /** Starts an attempt and answers every question: right (all), wrong (none) or the first half right. */
  async function sit(taker: (typeof takers)[number], how: 'right' | 'wrong' | 'half'): Promise<string> {
    const a = await t.http.post(`/api/test-rounds/${roundId}/attempts`).set(bearer(taker.token)).expect(200);
    const key = await keyOf(t.db, a.body.id);
    const questions: string[] = a.body.questions.map((q: { questionId: string }) => q.questionId);
    for (const [i, q] of questions.entries()) {
      const right = how === 'right' || (how === 'half' && i < questions.length / 2);
      const choice = right ? key.get(q)! : [key.get(q)![0] === 'a' ? 'b' : 'a'];
      await t.http.put(`/api/attempts/${a.body.id}/answers/${q}`).set(bearer(taker.token)).send({ choice, seq: i + 1 }).expect(200);
    }
    return a.body.id;
  }

  it('eight learners submitting at once share the statements; each gets the result page they read afterwards, with its own result, topics, evidence and statement', async () => {
    const hows = ['right', 'wrong', 'half', 'right', 'wrong', 'half', 'right', 'wrong'] as const;
    const attemptIds = await Promise.all(takers.map((k, i) => sit(k, hows[i])));
    const repo = t.app.get(AttemptsRepository) as unknown as Batched;
    const reads = jest.spyOn(repo, 'submissionInputs');
    const writes = jest.spyOn(repo, 'recordSubmissions');
    const service = t.app.get(AttemptsService);
    let pages;
    try {
      pages = await Promise.all(takers.map((k, i) => service.submit(k.auth, attemptIds[i])));
      expect(reads.mock.calls.map(([ids]) => ids.length)).toEqual([8]);
      expect(writes.mock.calls.map(([ws]) => ws.length)).toEqual([8]);
    } finally {
      reads.mockRestore();
      writes.mockRestore();
    }

    for (const [i, k] of takers.entries()) {
      const page = JSON.parse(JSON.stringify(pages[i]));
      expect(page.attemptId).toBe(attemptIds[i]);
      expect(page.score).toBe({ right: 10, wrong: 0, half: 5 }[hows[i]]);
      expect(page.passed).toBe(hows[i] !== 'wrong');
      // What the learner reads later is what the submission answered.
      const later = await t.http.get(`/api/test-rounds/${roundId}/my-result`).set(bearer(k.token)).expect(200);
      expect(later.body).toEqual(page);

      const [result] = await t.db.query(`SELECT attempt_id, score::float8 AS score, passed, attempts_used FROM test_result WHERE round_id = $1 AND person_id = $2`, [roundId, k.personId]);
      expect(result).toEqual({ attempt_id: attemptIds[i], score: page.score, passed: page.passed, attempts_used: 1 });
      const topics = await t.db.query(`SELECT topic_id, correct::int AS correct, total FROM test_result_topic WHERE round_id = $1 AND person_id = $2 ORDER BY topic_id`, [roundId, k.personId]);
      expect(topics).toEqual(
        page.topics
          .map((x: { topicId: string; rightAnswers: number; total: number }) => ({ topic_id: x.topicId, correct: x.rightAnswers, total: x.total }))
          .sort((a: { topic_id: string }, b: { topic_id: string }) => a.topic_id.localeCompare(b.topic_id)),
      );
      const evidence = await t.db.query(`SELECT topic_id FROM training_evidence WHERE person_id = $1 AND kind = 'test_passed' AND source_id = $2 ORDER BY topic_id`, [k.personId, roundId]);
      expect(evidence.map((e: { topic_id: string }) => e.topic_id)).toEqual(page.passed ? [...topicIds].sort() : []);
      const statements = await t.db.query(`SELECT verb_id FROM xapi_statement WHERE id = $1`, [eventStatementId(`attempt-submitted/${attemptIds[i]}`)]);
      expect(statements).toEqual([{ verb_id: `http://adlnet.gov/expapi/verbs/${page.passed ? 'passed' : 'failed'}` }]);
    }
    // Each attempt keeps one credit per question; the graded items (question, topic, choice, credit) follow from it.
    for (const [i, attemptId] of attemptIds.entries()) {
      const [row] = await t.db.query(
        `SELECT a.submitted_by, a.graded IS NULL AS compact, a.credits::text AS credits, test_attempt_graded(a) AS graded,
                test_attempt_questions(a.questions, a.snapshot_ids, a.option_sets) AS questions
           FROM test_attempt a WHERE a.id = $1`,
        [attemptId],
      );
      const key = await keyOf(t.db, attemptId);
      const saved = new Map<string, string[]>((await t.db.query(`SELECT question_id, choice FROM test_answer WHERE attempt_id = $1`, [attemptId])).map((r: { question_id: string; choice: string[] }) => [r.question_id, r.choice]));
      const expected = (row.questions as { questionId: string; topicId: string }[]).map((q) => ({
        questionId: q.questionId,
        topicId: q.topicId,
        chosen: saved.get(q.questionId),
        credit: saved.get(q.questionId)!.join() === key.get(q.questionId)!.join() ? 1 : 0,
      }));
      expect(row).toMatchObject({ submitted_by: 'learner', compact: true, credits: expected.map((g) => g.credit).join(''), graded: expected });
      expect(expected.filter((g) => g.credit === 1).length).toBe({ right: 4, wrong: 0, half: 2 }[hows[i]]);
    }
  });

  it('the same attempt submitted twice in one burst is written once, and both answers are the same result page', async () => {
    const k = takers[1]; // failed above: a second attempt is allowed
    const attemptId = await sit(k, 'right');
    const service = t.app.get(AttemptsService);
    const [a, b] = await Promise.all([service.submit(k.auth, attemptId), service.submit(k.auth, attemptId)]);
    expect(JSON.parse(JSON.stringify(b))).toEqual(JSON.parse(JSON.stringify(a)));
    expect(a).toMatchObject({ attemptId, score: 10, passed: true, attemptsUsed: 2 });
    const [result] = await t.db.query(`SELECT attempt_id, attempts_used FROM test_result WHERE round_id = $1 AND person_id = $2`, [roundId, k.personId]);
    expect(result).toEqual({ attempt_id: attemptId, attempts_used: 2 });
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM xapi_statement WHERE id = $1`, [eventStatementId(`attempt-submitted/${attemptId}`)]);
    expect(n).toBe(1);
    const [{ queued }] = await t.db.query(`SELECT count(*)::int AS queued FROM test_item_stat_pending WHERE attempt_id = $1`, [attemptId]);
    expect(queued).toBeLessThanOrEqual(1); // queued once (or already folded), never twice
  });
});
