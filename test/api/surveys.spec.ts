import { createTestApp, login, seedSmallProvince, SmallProvince, TestApp } from '../support/test-app';

describe('surveys: training needs and post-training evaluation', () => {
  let t: TestApp;
  let p: SmallProvince;
  let coord: string;
  let learner: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await createTestApp();
    p = await seedSmallProvince(t.db);
    coord = await login(t.http, 'coord');
    learner = await login(t.http, 'learner');
  });
  afterAll(() => t.close());

  const questions = (topicId: string) => [
    { id: 'need', type: 'rating', text: 'Mức độ cần bồi dưỡng về thủ tục hành chính', topicId },
    { id: 'form', type: 'choice', text: 'Hình thức mong muốn', options: ['Trực tuyến', 'Trực tiếp', 'Kết hợp'] },
    { id: 'note', type: 'text', text: 'Đề xuất khác' },
  ];

  it('a needs survey: one answer per person, results by unit and topic', async () => {
    const [{ id: topicId }] = await t.db.query(`SELECT id FROM topic WHERE code = 'CCHC.TTHC'`);
    const created = await t.http
      .post('/api/surveys')
      .set(auth(coord))
      .send({ kind: 'needs', title: 'Khảo sát nhu cầu bồi dưỡng CCHC năm 2027', questions: questions(topicId), opensAt: new Date(Date.now() - 3600e3).toISOString(), closesAt: new Date(Date.now() + 30 * 86400e3).toISOString() })
      .expect(201);
    const mine = await t.http.get('/api/surveys/mine').set(auth(learner)).expect(200);
    expect(mine.body.map((s: { id: string; answeredByMe: boolean }) => [s.id, s.answeredByMe])).toEqual([[created.body.id, false]]);

    const bad = await t.http.post(`/api/surveys/${created.body.id}/responses`).set(auth(learner)).send({ answers: { need: 7 } });
    expect(`${bad.status} ${bad.body.code}`).toBe('400 SURVEY_ANSWER');
    await t.http.post(`/api/surveys/${created.body.id}/responses`).set(auth(learner)).send({ answers: { need: 4, form: 'Trực tiếp', note: '  Cần thêm tài liệu  ' } }).expect(201);
    const again = await t.http.post(`/api/surveys/${created.body.id}/responses`).set(auth(learner)).send({ answers: { need: 5 } });
    expect(`${again.status} ${again.body.code}`).toBe('409 SURVEY_ALREADY_ANSWERED');
    // The coordinator (Sở Nội vụ) answers too.
    await t.http.post(`/api/surveys/${created.body.id}/responses`).set(auth(coord)).send({ answers: { need: 2, form: 'Trực tuyến' } }).expect(201);

    const results = await t.http.get(`/api/surveys/${created.body.id}/results`).set(auth(coord)).expect(200);
    const byUnit = Object.fromEntries(results.body.byUnit.map((u: { unitName: string; responses: number; averageRating: number }) => [u.unitName, [u.responses, u.averageRating]]));
    expect(byUnit['Xã An Bình']).toEqual([1, 4]);
    expect(byUnit['Sở Nội vụ']).toEqual([1, 2]);
    const need = results.body.questions.find((q: { id: string }) => q.id === 'need');
    expect(need).toMatchObject({ responses: 2, averageRating: 3, topicId });
    expect(results.body.questions.find((q: { id: string }) => q.id === 'form').choices).toEqual([
      { option: 'Trực tuyến', count: 1 }, { option: 'Trực tiếp', count: 1 }, { option: 'Kết hợp', count: 0 },
    ]);
    expect(results.body.questions.find((q: { id: string }) => q.id === 'note').texts).toEqual(['Cần thêm tài liệu']);

    // A unit officer sees only their subtree's answers.
    const officer = await login(t.http, 'commune.officer');
    const scoped = await t.http.get(`/api/surveys/${created.body.id}/results`).set(auth(officer)).expect(200);
    expect(scoped.body.questions.find((q: { id: string }) => q.id === 'need')).toMatchObject({ responses: 1, averageRating: 4 });
    const out = await t.http.get(`/api/surveys/${created.body.id}/results`).query({ unitId: p.units.dept.id }).set(auth(officer));
    expect(`${out.status} ${out.body.code}`).toBe('403 OUT_OF_SCOPE');
  });

  it('a post-training evaluation is answered only by the attendees of its session', async () => {
    const [{ id: topicId }] = await t.db.query(`SELECT id FROM topic WHERE code = 'CCHC'`);
    const session = await t.http
      .post('/api/training-sessions')
      .set(auth(coord))
      .send({ title: 'Lớp bồi dưỡng kỹ năng CCHC', topicId, startsOn: '2026-05-04', endsOn: '2026-05-05', organisingUnitId: p.units.dept.id, hours: 16 })
      .expect(201);
    await t.http.post(`/api/training-sessions/${session.body.id}/attendance`).set(auth(coord)).send({ personIds: [p.people.communeAStaff.id] }).expect(200);
    const evalSurvey = await t.http
      .post('/api/surveys')
      .set(auth(coord))
      .send({ kind: 'evaluation', title: 'Phiếu đánh giá sau lớp bồi dưỡng kỹ năng CCHC', sessionId: session.body.id, questions: [{ id: 'useful', type: 'rating', text: 'Nội dung hữu ích' }], opensAt: new Date(Date.now() - 3600e3).toISOString(), closesAt: new Date(Date.now() + 86400e3).toISOString() })
      .expect(201);
    await t.http.post(`/api/surveys/${evalSurvey.body.id}/responses`).set(auth(learner)).send({ answers: { useful: 5 } }).expect(201);
    const notThere = await t.http.post(`/api/surveys/${evalSurvey.body.id}/responses`).set(auth(coord)).send({ answers: { useful: 1 } });
    expect(notThere.status).toBe(403);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM survey_response WHERE survey_id = $1`, [evalSurvey.body.id]);
    expect(n).toBe(1);
  });

  it("lists only the surveys whose audience concerns the caller's units, for a unit officer as for results", async () => {
    const window = { opensAt: new Date(Date.now() - 3600e3).toISOString(), closesAt: new Date(Date.now() + 86400e3).toISOString() };
    const make = async (title: string, audienceUnitId?: string) =>
      (await t.http.post('/api/surveys').set(auth(coord)).send({ kind: 'needs', title, audienceUnitId, questions: [{ id: 'q', type: 'rating', text: 'Mức độ cần thiết' }], ...window }).expect(201)).body.id as string;
    const provinceWide = await make('Khảo sát toàn tỉnh');
    const forCommuneA = await make('Khảo sát riêng xã An Bình', p.units.communeA.id);
    const forCommuneB = await make('Khảo sát riêng phường Bình Minh', p.units.communeB.id);
    const forDeptOffice = await make('Khảo sát riêng phòng CCHC', p.units.office.id);

    const ids = async (token: string) => ((await t.http.get('/api/surveys').set(auth(token)).expect(200)).body as { id: string }[]).map((s) => s.id);
    const communeOfficer = await ids(await login(t.http, 'commune.officer'));
    expect(communeOfficer).toEqual(expect.arrayContaining([provinceWide, forCommuneA]));
    expect(communeOfficer).not.toContain(forCommuneB);
    expect(communeOfficer).not.toContain(forDeptOffice);
    // A department's officer also sees the survey of an office below the department.
    const deptOfficer = await ids(await login(t.http, 'dept.officer'));
    expect(deptOfficer).toEqual(expect.arrayContaining([provinceWide, forDeptOffice]));
    expect(deptOfficer).not.toContain(forCommuneA);
    expect(await ids(coord)).toEqual(expect.arrayContaining([provinceWide, forCommuneA, forCommuneB, forDeptOffice]));

    const officer = await login(t.http, 'commune.officer');
    const other = await t.http.get(`/api/surveys/${forCommuneB}/results`).set(auth(officer)).expect(403);
    expect(other.body.code).toBe('OUT_OF_SCOPE');
    await t.http.get(`/api/surveys/${forCommuneA}/results`).set(auth(officer)).expect(200);
  });

  it('refuses a survey without questions or with a closed window', async () => {
    const res = await t.http.post('/api/surveys').set(auth(coord)).send({ kind: 'needs', title: 'Khảo sát rỗng', questions: [], opensAt: '2026-01-01', closesAt: '2026-02-01' });
    expect(res.status).toBe(400);
    const window = await t.http.post('/api/surveys').set(auth(coord)).send({ kind: 'needs', title: 'Khảo sát sai hạn', questions: [{ id: 'a', type: 'text', text: 'Ý kiến' }], opensAt: '2026-02-01', closesAt: '2026-01-01' });
    expect(`${window.status} ${window.body.code}`).toBe('400 SURVEY_WINDOW');
  });
});
