import { Workbook } from 'exceljs';
import { discriminationIndex, facilityIndex, Role } from '@cchc/shared';
import { TestRoundJobs } from '@api/test-rounds/test-rounds.jobs';
import { createTestApp, insertPerson, insertUser, login, seedSmallProvince, SmallProvince, TestApp } from '../support/test-app';
import { allKeys, bearer, createOpenRound, keyOf, roundBody, seedBank } from './test-round-fixtures';

describe('test rounds: authoring, a whole round, results, commendations, item analysis, recurrence', () => {
  let t: TestApp;
  let p: SmallProvince;
  let topics: Record<string, string>;
  let coord: string;
  let learner: string;
  let learner2: string;
  let communeOfficer: string;

  beforeAll(async () => {
    t = await createTestApp();
    p = await seedSmallProvince(t.db);
    topics = await seedBank(t.db, 4);
    await insertUser(t.db, { username: 'learner2', role: Role.Learner, unitId: p.units.communeA.id, personId: p.people.communeAStaff2.id });
    await insertUser(t.db, { username: 'learner.b', role: Role.Learner, unitId: p.units.communeB.id, personId: p.people.communeBStaff.id });
    coord = await login(t.http, 'coord');
    learner = await login(t.http, 'learner');
    learner2 = await login(t.http, 'learner2');
    communeOfficer = await login(t.http, 'commune.officer');
  });
  afterAll(() => t.close());

  it('checks a blueprint against the bank and refuses one it cannot satisfy, saying exactly what is missing', async () => {
    const check = await t.http
      .post('/api/test-rounds/blueprint-check')
      .set(bearer(coord))
      .send({ blueprint: [{ topicId: topics.ASEAN, difficulty: 'easy', count: 3 }, { topicId: topics.ASEAN, difficulty: 'hard', count: 2 }] })
      .expect(200);
    expect(check.body.ok).toBe(false);
    expect(check.body.lines).toEqual([
      expect.objectContaining({ topicId: topics.ASEAN, difficulty: 'easy', needed: 3, available: 4, missing: 0 }),
      expect.objectContaining({ topicId: topics.ASEAN, difficulty: 'hard', needed: 2, available: 0, missing: 2 }),
    ]);

    const before = await t.db.query(`SELECT count(*)::int AS n FROM test_round`);
    const res = await t.http
      .post('/api/test-rounds')
      .set(bearer(coord))
      .send(roundBody(topics, { blueprint: [{ topicId: topics.VHCV, difficulty: 'medium', count: 6 }, { topicId: topics.ASEAN, difficulty: 'hard', count: 1 }] }));
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('BLUEPRINT_UNSATISFIABLE');
    expect(res.body.message).toContain('chủ đề "Văn hóa công vụ", mức trung bình: cần 6 câu, ngân hàng chỉ có 4 câu');
    expect(res.body.message).toMatch(/mức khó: cần 1 câu, ngân hàng chỉ có 0 câu/);
    expect(res.body.details.shortfalls).toHaveLength(2);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM test_round`)).toEqual(before);
  });

  it('refuses bad input with 400 and Vietnamese messages', async () => {
    const bad = async (body: object, code: string) => {
      const res = await t.http.post('/api/test-rounds').set(bearer(coord)).send(body);
      expect(`${res.status} ${res.body.code}`).toBe(`400 ${code}`);
      expect(typeof res.body.message).toBe('string');
    };
    await bad(roundBody(topics, { closesAt: new Date(Date.now() - 86_400_000 * 2).toISOString() }), 'INVALID_WINDOW');
    await bad(roundBody(topics, { blueprint: [{ topicId: topics.ASEAN, difficulty: 'rat_kho', count: 1 }] }), 'VALIDATION_FAILED');
    await bad(roundBody(topics, { passMark: 11 }), 'VALIDATION_FAILED');
    await bad(roundBody(topics, { bands: [{ label: 'Đạt', min: 5 }] }), 'INVALID_BANDS');
    await bad(roundBody(topics, { blueprint: [{ topicId: topics.ASEAN, difficulty: 'easy', count: 0 }] }), 'EMPTY_BLUEPRINT');
    await bad({ ...roundBody(topics), hacker: true }, 'VALIDATION_FAILED');
    // A malformed id is refused at the edge; a well-formed unknown one is not found.
    const malformed = await t.http.post('/api/test-rounds/khong-co/publish').set(bearer(coord));
    expect(`${malformed.status} ${malformed.body.code}`).toBe('400 INVALID_ID');
    const missing = await t.http.post('/api/test-rounds/00000000-0000-4000-8000-000000000000/publish').set(bearer(coord));
    expect(`${missing.status} ${missing.body.code}`).toBe('404 TEST_ROUND_NOT_FOUND');
  });

  it('runs a whole round: publish notifies the audience, learners sit it, scores, results, evidence, recommendations', async () => {
    const roundId = await createOpenRound(t.http, coord, roundBody(topics, { audience: { unitId: p.units.communeA.id }, recommendBelow: 6 }));

    const notes = await t.http.get('/api/notifications').set(bearer(learner)).expect(200);
    expect(notes.body.items.map((n: { title: string }) => n.title)).toContain('Kỳ kiểm tra "Kiểm tra kiến thức CCHC quý IV/2026" đã mở');

    const mine = await t.http.get('/api/test-rounds/mine').set(bearer(learner)).expect(200);
    expect(mine.body).toEqual([expect.objectContaining({ id: roundId, phase: 'open', questionCount: 4, attemptsUsed: 0, result: null })]);

    // Learner 1: all right except the VHCV question.
    const start = await t.http.post(`/api/test-rounds/${roundId}/attempts`).set(bearer(learner)).expect(200);
    expect(start.body.questions).toHaveLength(4);
    expect([...allKeys(start.body)].filter((k) => /correct|explanation/i.test(k))).toEqual([]);
    const key = await keyOf(t.db, start.body.id);
    let seq = 1;
    for (const q of start.body.questions) {
      const choice = q.topicId === topics.VHCV ? ['b'] : key.get(q.questionId)!;
      const save = await t.http.put(`/api/attempts/${start.body.id}/answers/${q.questionId}`).set(bearer(learner)).send({ choice, seq: seq++ });
      expect(save.status).toBe(200);
      expect(save.body).toEqual({ questionId: q.questionId, seq: seq - 1, stale: false });
    }
    // Submit answers with the result page itself: the same as reading it afterwards.
    const submitted = await t.http.post(`/api/attempts/${start.body.id}/submit`).set(bearer(learner)).expect(200);
    const result = await t.http.get(`/api/test-rounds/${roundId}/my-result`).set(bearer(learner)).expect(200);
    expect(submitted.body).toEqual(result.body);
    // Submitting again (a retry, another tab) answers the same result and changes nothing.
    expect((await t.http.post(`/api/attempts/${start.body.id}/submit`).set(bearer(learner)).expect(200)).body).toEqual(result.body);
    expect(result.body).toMatchObject({ score: 7.5, band: 'Khá', passed: true, attemptsUsed: 1, attemptsAllowed: 2 });
    expect(result.body.topics).toEqual([
      expect.objectContaining({ topicId: topics.ASEAN, topicName: 'Cộng đồng ASEAN', rightAnswers: 3, total: 3, score: 10 }),
      expect.objectContaining({ topicId: topics.VHCV, topicName: 'Văn hóa công vụ', rightAnswers: 0, total: 1, score: 0 }),
    ]);
    expect(result.body.recommendations).toEqual([
      expect.objectContaining({ topicId: topics.VHCV, topicName: 'Văn hóa công vụ', score: 0, retestAvailable: true, lessons: [expect.objectContaining({ title: null })] }),
    ]);
    expect(result.body.review).toBeNull();

    // The contract tables coverage reads, and evidence for each round topic on a pass.
    expect(await t.db.query(`SELECT score::float, band, passed, attempts_used FROM test_result WHERE round_id = $1`, [roundId])).toEqual([
      { score: 7.5, band: 'Khá', passed: true, attempts_used: 1 },
    ]);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM test_result_topic WHERE round_id = $1`, [roundId]))[0].n).toBe(2);
    const evidence = await t.db.query(`SELECT topic_id, kind, source_type FROM training_evidence WHERE source_id = $1 ORDER BY topic_id`, [roundId]);
    expect(evidence).toHaveLength(2);
    expect(evidence.every((e: { kind: string; source_type: string }) => e.kind === 'test_passed' && e.source_type === 'test_round')).toBe(true);

    // A second attempt draws other questions where the bank allows; a worse score does not replace the highest.
    const second = await t.http.post(`/api/test-rounds/${roundId}/attempts`).set(bearer(learner)).expect(200);
    expect(second.body.number).toBe(2);
    const firstIds = start.body.questions.map((q: { questionId: string }) => q.questionId);
    expect(second.body.questions.filter((q: { questionId: string }) => firstIds.includes(q.questionId))).toEqual([]);
    await t.http.post(`/api/attempts/${second.body.id}/submit`).set(bearer(learner)).expect(200);
    const after = await t.http.get(`/api/test-rounds/${roundId}/my-result`).set(bearer(learner)).expect(200);
    expect(after.body).toMatchObject({ score: 7.5, attemptsUsed: 2 });
    const third = await t.http.post(`/api/test-rounds/${roundId}/attempts`).set(bearer(learner));
    expect(`${third.status} ${third.body.code}`).toBe('409 NO_ATTEMPTS_LEFT');

    // Learner 2 gets everything right; the person in commune B is outside the audience.
    const s2 = await t.http.post(`/api/test-rounds/${roundId}/attempts`).set(bearer(learner2)).expect(200);
    const key2 = await keyOf(t.db, s2.body.id);
    await Promise.all(
      s2.body.questions.map((q: { questionId: string }, i: number) =>
        t.http.put(`/api/attempts/${s2.body.id}/answers/${q.questionId}`).set(bearer(learner2)).send({ choice: key2.get(q.questionId), seq: i + 1 }).expect(200),
      ),
    );
    await t.http.post(`/api/attempts/${s2.body.id}/submit`).set(bearer(learner2)).expect(200);
    const outsider = await t.http.post(`/api/test-rounds/${roundId}/attempts`).set(bearer(await login(t.http, 'learner.b')));
    expect(`${outsider.status} ${outsider.body.code}`).toBe('403 NOT_IN_AUDIENCE');

    // The commune officer sees their commune's results, low scorers with what to re-study, and commendations.
    const results = await t.http.get(`/api/test-rounds/${roundId}/results`).set(bearer(communeOfficer)).expect(200);
    expect(results.body).toMatchObject({ eligible: 2, taken: 2, passed: 2, averageScore: 8.75 });
    expect(results.body.items.map((i: { staffCode: string }) => i.staffCode)).toEqual(['T0003', 'T0004']);
    const low = await t.http.get(`/api/test-rounds/${roundId}/results`).query({ lowOnly: 'true' }).set(bearer(communeOfficer)).expect(200);
    expect(low.body.items).toEqual([expect.objectContaining({ staffCode: 'T0003', recommendations: [expect.objectContaining({ topicId: topics.VHCV })] })]);
    const outside = await t.http.get(`/api/test-rounds/${roundId}/results`).query({ unitId: p.units.communeB.id }).set(bearer(communeOfficer));
    expect(`${outside.status} ${outside.body.code}`).toBe('403 OUT_OF_SCOPE');
    const deptOfficer = await login(t.http, 'dept.officer');
    const deptView = await t.http.get(`/api/test-rounds/${roundId}/results`).set(bearer(deptOfficer)).expect(200);
    expect(deptView.body.items).toEqual([]);

    const commend = await t.http.get(`/api/test-rounds/${roundId}/commendations`).set(bearer(communeOfficer)).expect(200);
    expect(commend.body).toEqual([expect.objectContaining({ staffCode: 'T0004', score: 10, band: 'Giỏi', unitName: 'Xã An Bình' })]);
    const xlsx = await t.http
      .get(`/api/test-rounds/${roundId}/commendations.xlsx`)
      .set(bearer(coord))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const wb = new Workbook();
    await wb.xlsx.load(xlsx.body as never);
    const sheet = wb.worksheets[0];
    expect(String(sheet.getCell('A1').value)).toContain('DANH SÁCH ĐỀ NGHỊ BIỂU DƯƠNG');
    expect(sheet.getRow(5).values).toEqual([undefined, 1, 'T0004', 'Phạm Thị Dung', 'Xã An Bình', 10, 'Giỏi']);

    // Item analysis from the counters kept at each submission: 3 attempts submitted.
    const items = await t.http.get(`/api/test-rounds/${roundId}/item-analysis`).set(bearer(coord)).expect(200);
    const answered = items.body.filter((i: { attempts: number }) => i.attempts > 0);
    expect(answered.length).toBeGreaterThan(0);
    const vhcvFirst = items.body.find((i: { questionId: string }) => i.questionId === start.body.questions.find((q: { topicId: string }) => q.topicId === topics.VHCV).questionId);
    expect(vhcvFirst.attempts).toBeGreaterThanOrEqual(1);
    expect(vhcvFirst.options.find((o: { id: string }) => o.id === 'b').chosen).toBeGreaterThanOrEqual(1);
    // The SQL aggregate and the incremental counters agree with the pure statistics over the same submitted attempts.
    const submittedRows: { score: string; graded: { questionId: string; credit: number; chosen: string[] }[] }[] = await t.db.query(
      `SELECT score, test_attempt_graded(a) AS graded FROM test_attempt a WHERE round_id = $1 AND submitted_at IS NOT NULL ORDER BY submitted_at, id`,
      [roundId],
    );
    for (const item of items.body as { questionId: string; attempts: number; facility: number; discrimination: number | null; options: { id: string; chosen: number }[] }[]) {
      const responses = submittedRows.flatMap((a) => a.graded.filter((g) => g.questionId === item.questionId).map((g) => ({ total: Number(a.score), correct: g.credit === 1, chosen: g.chosen })));
      expect(item.attempts).toBe(responses.length);
      expect(item.facility).toBeCloseTo(facilityIndex(responses.filter((r) => r.correct).length, responses.length)!, 4);
      for (const o of item.options) expect(o.chosen).toBe(responses.filter((r) => r.chosen.includes(o.id)).length);
      // D ranks the attempts that were given this question (each person draws their own) by total score.
      const d = discriminationIndex(responses.map(({ total, correct }) => ({ total, correct })));
      expect(item.discrimination).toBe(d === null ? null : Math.round(d * 10000) / 10000);
    }
    const forbidden = await t.http.get(`/api/test-rounds/${roundId}/item-analysis`).set(bearer(communeOfficer));
    expect(forbidden.status).toBe(403);
  });

  it('shows the full review with explanations only once the window has closed', async () => {
    const roundId = await createOpenRound(t.http, coord, roundBody(topics, { name: 'Kiểm tra có xem lại bài', reviewMode: 'full', audience: { unitId: p.units.communeA.id } }));
    const a = await t.http.post(`/api/test-rounds/${roundId}/attempts`).set(bearer(learner2)).expect(200);
    await t.http.post(`/api/attempts/${a.body.id}/submit`).set(bearer(learner2)).expect(200);
    const during = await t.http.get(`/api/test-rounds/${roundId}/my-result`).set(bearer(learner2)).expect(200);
    expect(during.body.review).toBeNull();
    expect(during.body.reviewAvailableAt).not.toBeNull();
    expect([...allKeys(during.body)].filter((k) => /^(correct|explanation)$/.test(k))).toEqual([]);
    t.clock.advance(8 * 86_400_000);
    const later = await t.http.get(`/api/test-rounds/${roundId}/my-result`).set(bearer(learner2)).expect(200);
    expect(later.body.review).toHaveLength(4);
    expect(later.body.review[0]).toEqual(expect.objectContaining({ correct: expect.any(Array), explanation: expect.stringContaining('Giải thích'), chosen: [], right: false }));
    // Each option's feedback comes with the review, beside its option (hidden during the window, like the key).
    expect(later.body.review[0].options).toEqual(
      expect.arrayContaining([{ id: 'a', text: 'Phương án A', feedback: 'Phản hồi riêng cho phương án A' }, { id: 'c', text: 'Phương án C' }]),
    );
    expect(JSON.stringify(during.body)).not.toContain('Phản hồi');
    t.clock.advance(-8 * 86_400_000);
  });

  it('a quarterly round opens the next round by itself and notifies the audience (the pg-boss job handler)', async () => {
    const person = await insertPerson(t.db, { staffCode: 'T0100', fullName: 'Đinh Thị Lan', unitId: p.units.communeB.id, doesCchcWork: true });
    await insertUser(t.db, { username: 'lan', role: Role.Learner, unitId: p.units.communeB.id, personId: person.id });
    const lan = await login(t.http, 'lan');
    const now = t.clock.now();
    const roundId = await createOpenRound(
      t.http,
      coord,
      roundBody(topics, { name: 'Kiểm tra định kỳ người làm CCHC', recurrence: 'quarterly', audience: { doesCchcWork: true }, closesAt: new Date(now.getTime() + 86_400_000).toISOString() }),
    );
    const jobs = t.app.get(TestRoundJobs);
    t.clock.advance(2 * 86_400_000);
    const r1 = await jobs.tick();
    expect(r1.created).toBeGreaterThanOrEqual(1);
    const [next] = await t.db.query(`SELECT id, name, status, opens_at, previous_round_id FROM test_round WHERE previous_round_id = $1`, [roundId]);
    expect(next.status).toBe('scheduled');
    expect(next.name).toMatch(/^Kiểm tra định kỳ người làm CCHC – đợt \d{2}\/\d{2}\/\d{4}$/);
    expect(new Date(next.opens_at).getTime() - (now.getTime() - 60_000)).toBeGreaterThan(88 * 86_400_000);
    expect((await t.db.query(`SELECT status FROM test_round WHERE id = $1`, [roundId]))[0].status).toBe('closed');
    expect((await jobs.tick()).created).toBe(0); // running again creates nothing twice

    t.clock.advance(new Date(next.opens_at).getTime() - t.clock.now().getTime() + 1000);
    await jobs.tick();
    expect((await t.db.query(`SELECT status FROM test_round WHERE id = $1`, [next.id]))[0].status).toBe('open');
    const notes = await t.http.get('/api/notifications').set(bearer(lan)).expect(200);
    expect(notes.body.items.filter((n: { link: string }) => n.link === `/tests/${next.id}`)).toHaveLength(1);
    await jobs.tick();
    expect((await t.http.get('/api/notifications').set(bearer(lan))).body.items.filter((n: { link: string }) => n.link === `/tests/${next.id}`)).toHaveLength(1);
    const mine = await t.http.get('/api/test-rounds/mine').set(bearer(lan)).expect(200);
    expect(mine.body.map((r: { id: string }) => r.id)).toContain(next.id);
    t.clock.advance(-(t.clock.now().getTime() - now.getTime()));
  });

  it('cannot change a round once someone has started it', async () => {
    const body = roundBody(topics, { name: 'Kiểm tra khóa đề', audience: { unitId: p.units.communeA.id } });
    const roundId = await createOpenRound(t.http, coord, body);
    await t.http.post(`/api/test-rounds/${roundId}/attempts`).set(bearer(learner2)).expect(200);
    const res = await t.http.patch(`/api/test-rounds/${roundId}`).set(bearer(coord)).send({ ...body, passMark: 8 });
    expect(`${res.status} ${res.body.code}`).toBe('409 TEST_ROUND_LOCKED');
  });
});
