import { Role } from '@cchc/shared';
import type { PersonRecordDto } from '@cchc/shared';
import { asUser, expectApiError, type ApiAs } from '../support/fixtures/api-client';
import { publishedCourse } from '../support/fixtures/courses';
import { pdfPages } from '../support/documents';
import { createTestApp, insertPerson, insertUser, login, seedSmallProvince, SmallProvince, TestApp } from '../support/test-app';
import { createOpenRound, insertQuestion, keyOf, topicId } from './test-round-fixtures';

const DAY = 86_400_000;
const isoDay = (d: Date) => new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
const vnDate = (d: Date) => isoDay(d).split('-').reverse().join('/');

describe('a person’s training record: GET /api/people/:id/record (+ .pdf)', () => {
  let t: TestApp;
  let p: SmallProvince;
  let coord: ApiAs;
  let officer: ApiAs;
  let learner: ApiAs;
  let roundId: string;
  let dueDate: string;
  let completedAt: Date;
  let record: PersonRecordDto;

  beforeAll(async () => {
    t = await createTestApp();
    p = await seedSmallProvince(t.db);
    coord = asUser(t.http, await login(t.http, 'coord'));
    officer = asUser(t.http, await login(t.http, 'commune.officer'));
    learner = asUser(t.http, await login(t.http, 'learner'));
    const now = t.clock.now();
    dueDate = isoDay(new Date(now.getTime() + 30 * DAY));

    // Two courses assigned to commune A: one the learner finishes, one not started.
    const vhcv = await publishedCourse(coord, t.db, { title: 'Văn hóa công vụ nơi công sở', topics: ['VHCV'], modules: [2] });
    const cchc = await publishedCourse(coord, t.db, { title: 'Cải cách thủ tục hành chính', topics: ['CCHC'], modules: [1] });
    for (const c of [vhcv, cchc]) await coord.post('/api/assignments', { courseId: c.course.id, unitId: p.units.communeA.id, dueDate }).expect(201);
    for (const lessonId of vhcv.lessonIds) await learner.post(`/api/lessons/${lessonId}/progress`, { completed: true }).expect(200);
    completedAt = t.clock.now();

    // A round on ASEAN and VHCV: the learner gets the VHCV question right and both ASEAN ones wrong, and fails.
    const asean = await topicId(t.db, 'ASEAN');
    const vhcvTopic = await topicId(t.db, 'VHCV');
    for (let i = 0; i < 2; i++) await insertQuestion(t.db, { topicId: asean, difficulty: 'easy', lessonIds: [vhcv.lessonIds[0]] });
    await insertQuestion(t.db, { topicId: vhcvTopic, difficulty: 'easy' });
    roundId = await createOpenRound(t.http, coord.token, {
      name: 'Kiểm tra kiến thức quý IV/2026',
      opensAt: new Date(now.getTime() - 60_000).toISOString(),
      closesAt: new Date(now.getTime() + 7 * DAY).toISOString(),
      blueprint: [
        { topicId: asean, difficulty: 'easy', count: 2 },
        { topicId: vhcvTopic, difficulty: 'easy', count: 1 },
      ],
      timeLimitMinutes: 20,
      attemptsAllowed: 1,
      remedial: { auto: true, dueDays: 14 },
    });
    const attempt = (await learner.post(`/api/test-rounds/${roundId}/attempts`).expect(200)).body;
    const topicOf = new Map<string, string>(attempt.questions.map((q: { questionId: string; topicId: string }) => [q.questionId, q.topicId]));
    let seq = 1;
    for (const [questionId, key] of await keyOf(t.db, attempt.id))
      await learner.put(`/api/attempts/${attempt.id}/answers/${questionId}`, { choice: topicOf.get(questionId) === vhcvTopic ? key : ['b'], seq: seq++ }).expect(200);
    await learner.post(`/api/attempts/${attempt.id}/submit`).expect(200);

    // An in-person session on ASEAN the learner attended.
    const session = await officer
      .post('/api/training-sessions', { title: 'Hội nghị tập huấn Cộng đồng ASEAN', topicId: asean, startsOn: '2026-03-10', endsOn: '2026-03-11', place: 'Hội trường UBND xã', organisingUnitId: p.units.communeA.id, hours: 8 })
      .expect(201);
    await officer.post(`/api/training-sessions/${session.body.id}/attendance`, { personIds: [p.people.communeAStaff.id] }).expect((r) => expect(r.status).toBeLessThan(300));

    record = (await officer.get(`/api/people/${p.people.communeAStaff.id}/record`).expect(200)).body;
  });

  afterAll(() => t.close());

  it('shows the person and their unit', () => {
    expect(record.person).toMatchObject({ fullName: 'Lê Đức Cường', staffCode: 'T0003', unitName: 'Xã An Bình', category: 'can_bo', status: 'active' });
    expect(record.person.unitTrail).toEqual(['UBND tỉnh Thử Nghiệm', 'Xã An Bình']);
  });

  it('lists the courses: completed with its date and certificate, assigned with its due date', () => {
    const byTitle = new Map(record.courses.map((c) => [c.title, c]));
    const done = byTitle.get('Văn hóa công vụ nơi công sở')!;
    expect(done).toMatchObject({ status: 'completed', assigned: true, percent: 100 });
    expect(done.certificateCode).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(Math.abs(new Date(done.completedAt!).getTime() - completedAt.getTime())).toBeLessThan(60_000);
    expect(byTitle.get('Cải cách thủ tục hành chính')).toMatchObject({ status: 'not_started', assigned: true, dueDate, completedAt: null, certificateCode: null });
  });

  it('lists the round with score, band, date and the weak topic', () => {
    const round = record.rounds.find((r) => r.roundId === roundId)!;
    expect(round.result).toMatchObject({ score: 3.33, passed: false, attemptsUsed: 1 });
    expect(round.result!.band).toBeTruthy();
    const topics = Object.fromEntries(round.topics.map((x) => [x.topicName, { score: x.score, weak: x.weak }]));
    expect(topics).toEqual({ 'Cộng đồng ASEAN': { score: 0, weak: true }, 'Văn hóa công vụ': { score: 10, weak: false } });
  });

  it('lists the session attended and the remedial work the low result assigned', () => {
    expect(record.sessions).toEqual([
      expect.objectContaining({ title: 'Hội nghị tập huấn Cộng đồng ASEAN', topicName: 'Cộng đồng ASEAN', startsOn: '2026-03-10', endsOn: '2026-03-11', hours: 8, organiserName: 'Xã An Bình' }),
    ]);
    expect(record.remedial).toEqual([expect.objectContaining({ roundId, roundName: 'Kiểm tra kiến thức quý IV/2026', status: 'open', overdue: false })]);
    // The ASEAN questions' lesson was already completed, but before the assignment: it is still to re-study.
    expect(record.remedial[0].itemsTotal).toBeGreaterThan(0);
  });

  it('says for every target whether it is met and why', () => {
    const byCode = new Map(record.targets.map((x) => [x.code, x]));
    const year = Number(isoDay(t.clock.now()).slice(0, 4));
    // Văn hóa công vụ, counted each year: met by the finished course.
    expect(byCode.get('QD1847.VHCV')).toMatchObject({ state: 'met', year, todo: null });
    expect(byCode.get('QD1847.VHCV')!.reasons).toContain(`Đã hoàn thành khóa «Văn hóa công vụ nơi công sở» ngày ${vnDate(completedAt)}`);
    // CCHC (QĐ 1718) is for people doing CCHC work, which this person does not.
    expect(byCode.get('QD1718.CCHC')).toMatchObject({ state: 'not_applicable', reasons: ['Không thuộc đối tượng: chỉ tiêu dành cho người làm công tác CCHC'] });
    // Every target has at least one reason.
    for (const target of record.targets) expect(target.reasons.length).toBeGreaterThan(0);
  });

  it('an unmet target names the unfinished course and the failed round on its topic', async () => {
    // A yearly CCHC target for everyone in the province, met by a course or a test.
    const cchcTopic = await topicId(t.db, 'CCHC');
    const aseanTopic = await topicId(t.db, 'ASEAN');
    const year = Number(isoDay(t.clock.now()).slice(0, 4));
    for (const [code, topic, name] of [
      ['REC.CCHC', cchcTopic, 'Bồi dưỡng CCHC hằng năm'],
      ['REC.ASEAN', aseanTopic, 'Bồi dưỡng ASEAN hằng năm'],
    ]) {
      await coord
        .post('/api/targets', {
          code, name, legalBasisNumber: '99/KH-UBND', topicId: topic, kind: 'people',
          audience: { categories: [], doesCchcWork: null, isLeader: null, unitLevels: [], unitIds: [] },
          evidenceKinds: ['course_completed', 'test_passed'], validity: 'year',
          phases: [{ name: `Năm ${year}`, startYear: year, endYear: year, review: 'final' }], startYear: year, endYear: year, deadline: `${year}-12-31`, thresholdPct: 100,
        })
        .expect(201);
    }
    const again: PersonRecordDto = (await officer.get(`/api/people/${p.people.communeAStaff.id}/record`).expect(200)).body;
    const cchc = again.targets.find((x) => x.code === 'REC.CCHC')!;
    expect(cchc.state).toBe('not_met');
    expect(cchc.reasons).toEqual([`Chưa hoàn thành khóa «Cải cách thủ tục hành chính» (hạn ${dueDate.split('-').reverse().join('/')})`]);
    expect(cchc.todo).toBe(`Cần hoàn thành một khóa học hoặc đạt một bài kiểm tra về "Cải cách hành chính" trong năm ${year}.`);
    // The attendance on ASEAN does not count for a target that accepts courses and tests only; the failed round does not meet it.
    const asean = again.targets.find((x) => x.code === 'REC.ASEAN')!;
    expect(asean).toMatchObject({ state: 'not_met', reasons: ['Chưa đạt bài kiểm tra «Kiểm tra kiến thức quý IV/2026» (3,33 điểm)'] });
  });

  it('the person reads their own record; the coordinator reads anyone in the province', async () => {
    const own = (await learner.get(`/api/people/${p.people.communeAStaff.id}/record`).expect(200)).body as PersonRecordDto;
    expect(own.courses.length).toBe(record.courses.length);
    await coord.get(`/api/people/${p.people.communeAStaff.id}/record`).expect(200);
    await coord.get(`/api/people/${p.people.communeBStaff.id}/record`).expect(200);
  });

  it('out of scope is refused like the person page; a bad id is 400, an unknown one 404', async () => {
    expectApiError(await officer.get(`/api/people/${p.people.communeBStaff.id}/record`), 403, 'OUT_OF_SCOPE');
    expectApiError(await officer.get(`/api/people/${p.people.communeBStaff.id}/record.pdf`), 403, 'OUT_OF_SCOPE');
    expectApiError(await learner.get(`/api/people/${p.people.communeAStaff2.id}/record`), 403, 'OUT_OF_SCOPE');
    expectApiError(await officer.get('/api/people/khong-phai-id/record'), 400, 'INVALID_ID');
    expectApiError(await officer.get('/api/people/4b7a9a52-6f57-4d5e-9d43-1d2b7c1e0a99/record'), 404, 'PERSON_NOT_FOUND');
    // An author has neither a person nor a unit scope.
    const author = asUser(t.http, await login(t.http, 'author'));
    expectApiError(await author.get(`/api/people/${p.people.communeAStaff.id}/record`), 403);
  });

  it('a learner with no history gets an empty record, not an error', async () => {
    const person = await insertPerson(t.db, { staffCode: 'T0099', fullName: 'Đỗ Thị Mới', unitId: p.units.communeB.id, category: 'vien_chuc' });
    await insertUser(t.db, { username: 'newcomer', role: Role.Learner, unitId: p.units.communeB.id, personId: person.id });
    const own = (await asUser(t.http, await login(t.http, 'newcomer')).get(`/api/people/${person.id}/record`).expect(200)).body as PersonRecordDto;
    expect(own).toMatchObject({ courses: [], sessions: [], remedial: [] });
    // The round's audience is the whole province: it is open and not yet taken.
    expect(own.rounds).toEqual([expect.objectContaining({ roundId, phase: 'open', eligible: true, result: null })]);
  });

  it('prints the record as a Vietnamese PDF in the NĐ 30 layout', async () => {
    const res = await officer.download(`/api/people/${p.people.communeAStaff.id}/record.pdf`).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain('ho-so-boi-duong-t0003.pdf');
    const text = (await pdfPages(res.body as Buffer)).join('\n');
    for (const expected of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'XÃ AN BÌNH',
      'HỒ SƠ BỒI DƯỠNG, KIỂM TRA KIẾN THỨC',
      'Lê Đức Cường',
      'T0003',
      'Văn hóa công vụ nơi công sở',
      // Cells wrap, so long titles are checked by their first words.
      'Kiểm tra kiến thức quý',
      '3,33',
      'Cộng đồng ASEAN (0)',
      'Hội nghị tập huấn Cộng đồng',
      '10/03/2026 –',
      '11/03/2026',
      'Không áp dụng',
      'THỦ TRƯỞNG ĐƠN VỊ',
      `ngày ${vnDate(t.clock.now()).slice(0, 2)} tháng ${vnDate(t.clock.now()).slice(3, 5)} năm ${vnDate(t.clock.now()).slice(6)}`,
    ])
      expect(text).toContain(expected);
    // The completion date of the course.
    expect(text).toContain(vnDate(completedAt));
  });
});
