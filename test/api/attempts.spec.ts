import { ItemStatsFolder } from '@api/test-rounds/item-stats.folder';
import type { Response } from 'supertest';
import { Role } from '@cchc/shared';
import { TestRoundJobs } from '@api/test-rounds/test-rounds.jobs';
import { createTestApp, insertUser, login, seedSmallProvince, SmallProvince, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait';
import { allKeys, bearer, createOpenRound, keyOf, roundBody, seedBank } from './test-round-fixtures';

describe('attempts: saving answers safely, resuming, the deadline, and no key before submission', () => {
  let t: TestApp;
  let p: SmallProvince;
  let topics: Record<string, string>;
  let coord: string;
  let learner: string;
  let roundId: string;
  /** Every response a learner got before submitting: none may carry a key or an explanation. */
  const seen: Response[] = [];
  const keep = (r: Response) => (seen.push(r), r);

  beforeAll(async () => {
    t = await createTestApp();
    p = await seedSmallProvince(t.db);
    topics = await seedBank(t.db, 4);
    coord = await login(t.http, 'coord');
    learner = await login(t.http, 'learner');
    roundId = await createOpenRound(t.http, coord, roundBody(topics, { attemptsAllowed: 3, timeLimitMinutes: 15, audience: { unitId: p.units.communeA.id } }));
  });
  afterAll(() => t.close());

  const start = async (token = learner) => keep(await t.http.post(`/api/test-rounds/${roundId}/attempts`).set(bearer(token)).expect(200));
  const save = async (attemptId: string, questionId: string, choice: string[], seq: number, token = learner) =>
    keep(await t.http.put(`/api/attempts/${attemptId}/answers/${questionId}`).set(bearer(token)).send({ choice, seq }));
  const stored = (attemptId: string) =>
    t.db.query(`SELECT question_id, choice, seq::int AS seq FROM test_answer WHERE attempt_id = $1 ORDER BY question_id`, [attemptId]);

  it('50 concurrent saves to one attempt: every question ends with its highest-numbered answer, one row each', async () => {
    const a = await start();
    const qs: string[] = a.body.questions.map((q: { questionId: string }) => q.questionId);
    const saves = Array.from({ length: 50 }, (_, i) => ({ q: qs[i % qs.length], choice: [['a', 'b', 'c', 'd'][i % 4]], seq: i + 1 }));
    const results = await Promise.all(saves.map((s) => save(a.body.id, s.q, s.choice, s.seq)));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    const rows = await stored(a.body.id);
    expect(rows).toHaveLength(qs.length);
    for (const row of rows) {
      const last = saves.filter((s) => s.q === row.question_id).at(-1)!;
      expect({ q: row.question_id, choice: row.choice, seq: row.seq }).toEqual({ q: last.q, choice: last.choice, seq: last.seq });
    }
  });

  it('a retried save counts once and a late older save never overwrites a newer one', async () => {
    const a = await start();
    const q = a.body.questions[0].questionId;
    expect((await save(a.body.id, q, ['b'], 1000)).body).toEqual({ questionId: q, seq: 1000, stale: false });
    // The same save again (a retry after a lost response): acknowledged, nothing changes.
    expect((await save(a.body.id, q, ['b'], 1000)).body).toEqual({ questionId: q, seq: 1000, stale: true });
    expect((await save(a.body.id, q, ['c'], 1005)).body).toEqual({ questionId: q, seq: 1005, stale: false });
    // An older save arriving late (a slow request from before): acknowledged as stale, the newer choice stays.
    expect((await save(a.body.id, q, ['d'], 1003)).body).toEqual({ questionId: q, seq: 1005, stale: true });
    expect((await stored(a.body.id)).find((r: { question_id: string }) => r.question_id === q)).toEqual({ question_id: q, choice: ['c'], seq: 1005 });
  });

  it('a first start pressed ten times at once (tabs, a retrying phone) makes one attempt; an outsider\'s makes none', async () => {
    const fresh = await createOpenRound(t.http, coord, roundBody(topics, { attemptsAllowed: 2, audience: { unitId: p.units.communeA.id } }));
    const starts = await Promise.all(Array.from({ length: 10 }, () => t.http.post(`/api/test-rounds/${fresh}/attempts`).set(bearer(learner))));
    expect(starts.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(new Set(starts.map((r) => r.body.id)).size).toBe(1);
    expect(new Set(starts.map((r) => JSON.stringify(r.body.questions))).size).toBe(1);
    const outsider = await t.http.post(`/api/test-rounds/${fresh}/attempts`).set(bearer(coord));
    expect(`${outsider.status} ${outsider.body.code}`).toBe('403 NOT_IN_AUDIENCE');
    const rows = await t.db.query(`SELECT person_id, number FROM test_attempt WHERE round_id = $1`, [fresh]);
    expect(rows).toEqual([{ person_id: p.people.communeAStaff.id, number: 1 }]);
    await t.http.post(`/api/attempts/${starts[0].body.id}/submit`).set(bearer(learner)).expect(200);
  });

  it('resumes on a second device: same attempt, same questions, the answers saved so far', async () => {
    const first = await start();
    const secondDevice = await login(t.http, 'learner');
    const again = await start(secondDevice);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.questions).toEqual(first.body.questions);
    expect(again.body.answers).toEqual(expect.arrayContaining([expect.objectContaining({ choice: ['c'], seq: 1005 })]));
    const got = keep(await t.http.get(`/api/attempts/${first.body.id}`).set(bearer(secondDevice)).expect(200));
    expect(Date.parse(got.body.serverNow)).toBeGreaterThan(0);
    expect(Date.parse(got.body.deadlineAt) - Date.parse(got.body.startedAt)).toBe(15 * 60_000);
  });

  it('no response before submission contains a key, an explanation or an option\'s feedback', async () => {
    keep(await t.http.get('/api/test-rounds/mine').set(bearer(learner)).expect(200));
    expect(seen.length).toBeGreaterThan(50);
    const leaked = seen.flatMap((r) => [...allKeys(r.body)].filter((k) => /correct|explanation|feedback/i.test(k)).map((k) => `${(r as unknown as { req: { path: string } }).req.path}: ${k}`));
    expect(leaked).toEqual([]);
    // Nor is the text of an explanation or a feedback anywhere, though the frozen copy holds them.
    expect(seen.some((r) => JSON.stringify(r.body).includes('Giải thích') || JSON.stringify(r.body).includes('Phản hồi'))).toBe(false);
    const [{ questions }] = await t.db.query(`SELECT test_attempt_questions(questions, snapshot_ids, option_sets) AS questions FROM test_attempt WHERE round_id = $1 LIMIT 1`, [roundId]);
    expect(JSON.stringify(questions)).toContain('Phản hồi riêng cho phương án A');
    // Every question says how its texts are written.
    expect(seen.filter((r) => r.body?.questions).flatMap((r) => r.body.questions.map((q: { format: string }) => q.format))).toEqual(expect.arrayContaining(['plain']));
  });

  it('refuses bad input and other people\'s attempts', async () => {
    const a = await start();
    const q = a.body.questions[0].questionId;
    const bad = async (body: object, status: number, code: string, questionId = q, attemptId = a.body.id, token = learner) => {
      const res = await t.http.put(`/api/attempts/${attemptId}/answers/${questionId}`).set(bearer(token)).send(body);
      expect(`${res.status} ${res.body.code}`).toBe(`${status} ${code}`);
    };
    await bad({ choice: ['a'] }, 400, 'VALIDATION_FAILED');
    await bad({ choice: 'a', seq: 1 }, 400, 'VALIDATION_FAILED');
    await bad({ choice: ['a'], seq: -1 }, 400, 'VALIDATION_FAILED');
    await bad({ choice: ['<script>'], seq: 2 }, 400, 'VALIDATION_FAILED');
    await bad({ choice: ['a'], seq: 2 }, 400, 'QUESTION_NOT_IN_ATTEMPT', '00000000-0000-4000-8000-000000000001');
    await bad({ choice: ['a'], seq: 2 }, 400, 'INVALID_ID', q, 'khong-phai-uuid');
    // Option ids that are not the question's own are refused, alone or beside a real one, and nothing is stored.
    const own: string[] = a.body.questions[0].options.map((o: { id: string }) => o.id);
    const unchanged = await stored(a.body.id);
    await bad({ choice: ['zz'], seq: 3000 }, 400, 'OPTION_NOT_IN_QUESTION');
    await bad({ choice: [own[0], 'zz'], seq: 3001 }, 400, 'OPTION_NOT_IN_QUESTION');
    expect(await stored(a.body.id)).toEqual(unchanged);
    // Its own options (and clearing the answer) are stored.
    expect((await save(a.body.id, q, [own[1]], 3002)).body).toEqual({ questionId: q, seq: 3002, stale: false });
    expect((await save(a.body.id, q, [], 3003)).body).toEqual({ questionId: q, seq: 3003, stale: false });

    // Another person's attempt looks missing, and nothing is written to it.
    await insertUser(t.db, { username: 'learner2', role: Role.Learner, unitId: p.units.communeA.id, personId: p.people.communeAStaff2.id });
    const other = await login(t.http, 'learner2');
    const before = await stored(a.body.id);
    await bad({ choice: ['a'], seq: 99_999 }, 404, 'ATTEMPT_NOT_FOUND', q, a.body.id, other);
    expect(await stored(a.body.id)).toEqual(before);
    expect((await t.http.get(`/api/attempts/${a.body.id}`).set(bearer(other))).status).toBe(404);
    expect((await t.http.post(`/api/attempts/${a.body.id}/submit`).set(bearer(other))).status).toBe(404);
    const missingRound = await t.http.post(`/api/test-rounds/00000000-0000-4000-8000-000000000000/attempts`).set(bearer(learner));
    expect(`${missingRound.status} ${missingRound.body.code}`).toBe('404 TEST_ROUND_NOT_FOUND');
  });

  it('at the deadline the server submits what was saved: lazily on the next read, and saves are refused', async () => {
    const a = await start();
    const key = await keyOf(t.db, a.body.id);
    const [q1, q2] = a.body.questions.map((q: { questionId: string }) => q.questionId);
    await save(a.body.id, q1, key.get(q1)!, 5000);
    await save(a.body.id, q2, key.get(q2)!, 5001);
    t.clock.advance(16 * 60_000);
    const late = await t.http.put(`/api/attempts/${a.body.id}/answers/${a.body.questions[2].questionId}`).set(bearer(learner)).send({ choice: ['a'], seq: 5002 });
    expect(`${late.status} ${late.body.code}`).toBe('409 ATTEMPT_SUBMITTED');
    const got = await t.http.get(`/api/attempts/${a.body.id}`).set(bearer(learner)).expect(200);
    expect(got.body.submittedAt).toBe(got.body.deadlineAt);
    const [row] = await t.db.query(`SELECT submitted_by, score::float FROM test_attempt WHERE id = $1`, [a.body.id]);
    expect(row).toEqual({ submitted_by: 'deadline', score: 5 });
    t.clock.advance(-16 * 60_000);
  });

  it('the scheduled job submits attempts whose deadline passed without anyone reading them', async () => {
    const coordAttempt = keep(await t.http.post(`/api/test-rounds/${roundId}/attempts`).set(bearer(coord)));
    // The coordinator is not in commune A: outside the audience.
    expect(`${coordAttempt.status} ${coordAttempt.body.code}`).toBe('403 NOT_IN_AUDIENCE');
    const a = await start();
    t.clock.advance(20 * 60_000);
    const r = await t.app.get(TestRoundJobs).tick();
    expect(r.submitted).toBe(1);
    const [row] = await t.db.query(`SELECT submitted_by, submitted_at = deadline_at AS at_deadline FROM test_attempt WHERE id = $1`, [a.body.id]);
    expect(row).toEqual({ submitted_by: 'deadline', at_deadline: true });
    expect((await t.app.get(TestRoundJobs).tick()).submitted).toBe(0);
    const result = await t.db.query(`SELECT attempts_used FROM test_result WHERE round_id = $1 AND person_id = $2`, [roundId, p.people.communeAStaff.id]);
    expect(result[0].attempts_used).toBeGreaterThanOrEqual(2);
    t.clock.advance(-20 * 60_000);
  });

  it('a submission reaches the item counters by itself soon after, counted once', async () => {
    const a = await start();
    const key = await keyOf(t.db, a.body.id);
    const q1 = a.body.questions[0].questionId as string;
    await save(a.body.id, q1, key.get(q1)!, 7000);
    // Earlier tests' submissions are counted before this one is measured (a drain already under way commits first).
    await t.app.get(ItemStatsFolder).flush();
    const pending = async () => (await t.db.query(`SELECT count(*)::int AS n FROM test_item_stat_pending`))[0].n as number;
    await waitFor('the queue of earlier submissions to be folded', async () => (await pending()) === 0);
    const before = await t.db.query(`SELECT coalesce(sum(attempts), 0)::int AS n FROM test_item_stat WHERE round_id = $1 AND question_id = $2`, [roundId, q1]);
    await t.http.post(`/api/attempts/${a.body.id}/submit`).set(bearer(learner)).expect(200);
    const counted = async () =>
      (await t.db.query(`SELECT coalesce(sum(attempts), 0)::int AS n FROM test_item_stat WHERE round_id = $1 AND question_id = $2`, [roundId, q1]))[0].n;
    // Nobody reads the item analysis here: the submission's own scheduled drain must fold it.
    await waitFor('the submission to reach the item counters', async () => (await counted()) !== before[0].n && (await pending()) === 0);
    expect(await counted()).toBe(before[0].n + 1);
    // Submitting again changes nothing: whatever it might have queued is folded now, and the queue is empty after.
    await t.http.post(`/api/attempts/${a.body.id}/submit`).set(bearer(learner)).expect(200);
    await t.app.get(ItemStatsFolder).flush();
    await waitFor('the queue to be empty', async () => (await pending()) === 0);
    expect(await counted()).toBe(before[0].n + 1);
  });
  it('an open attempt keeps the questions it was given when they are edited; each question is stored once, not per attempt', async () => {
    const round2 = await createOpenRound(t.http, coord, roundBody(topics, { name: 'Kiểm tra câu hỏi đóng băng', audience: { unitId: p.units.communeA.id } }));
    const a = keep(await t.http.post(`/api/test-rounds/${round2}/attempts`).set(bearer(learner)).expect(200));
    const given = a.body.questions as { questionId: string; stem: string; options: { id: string; text: string }[] }[];
    const edited = given[0].questionId;
    // The author publishes a new version, and a migration or seed even rewrites the old version in place.
    await t.db.query(
      `INSERT INTO question_version (question_id, version, topic_id, type, difficulty, stem, options, correct, explanation)
       SELECT question_id, version + 1, topic_id, type, difficulty, 'Nội dung đã sửa giữa kỳ?', options, '["b"]', explanation
         FROM question_version WHERE question_id = $1 AND version = 1`,
      [edited],
    );
    await t.db.query(`UPDATE question SET current_version = 2 WHERE id = $1`, [edited]);
    await t.db.query(`UPDATE question_version SET stem = 'Sửa thẳng vào phiên bản cũ?', correct = '["c"]' WHERE question_id = $1 AND version = 1`, [edited]);
    const again = keep(await t.http.get(`/api/attempts/${a.body.id}`).set(bearer(learner)).expect(200));
    expect(again.body.questions).toEqual(given);
    // The key it is graded against is the one frozen at the start ("a"), not the edited one.
    expect((await keyOf(t.db, a.body.id)).get(edited)).toEqual(['a']);

    // No attempt holds a copy of its questions: they are content-addressed snapshots, one per question content.
    const [copies] = await t.db.query(`SELECT count(*) FILTER (WHERE questions IS NOT NULL)::int AS copies, count(*)::int AS attempts, sum(cardinality(snapshot_ids))::int AS given FROM test_attempt`);
    expect(copies.copies).toBe(0);
    const [snapshots] = await t.db.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE id <> md5(content::text)::uuid)::int AS bad FROM test_question_snapshot`);
    expect(copies.given).toBe(4 * copies.attempts);
    expect(snapshots).toEqual({ n: 16, bad: 0 }); // the bank's 16 questions, however many attempts drew them
    // A snapshot cannot be changed or removed underneath the attempts that read it.
    await expect(t.db.query(`UPDATE test_question_snapshot SET content = content || '{"stem":"x"}'`)).rejects.toThrow(/frozen/);
    await expect(t.db.query(`DELETE FROM test_question_snapshot`)).rejects.toThrow(/frozen/);
  });
});
