import { Role, UnitLevel } from '@cchc/shared';
import { asUser, expectApiError, type ApiAs } from '../support/fixtures/api-client';
import { openXlsx, sheetRows } from '../support/fixtures/staff-files';
import { createTestApp, insertPerson, insertUnit, insertUser, login, seedSmallProvince, SmallProvince, TestApp } from '../support/test-app';

const pdfText = async (buffer: Buffer): Promise<string> => {
  const pdfParse = require('pdf-parse/lib/pdf-parse.js') as (b: Buffer) => Promise<{ text: string }>;
  return (await pdfParse(buffer)).text.normalize('NFC');
};

/**
 * Content belongs to a province or to the nation. Province T (the small test province) and province B beside it each
 * make a topic, a target, a question and a test round through the API; the administrator makes the national ones.
 * Every role of both provinces and the national officer probe the other province's content by id, by list and filter,
 * by export, and try to change it. A province sees its own and the nation's; the nation sees all and each province's
 * part of a national target or round.
 */
describe('province content: targets, topics, questions and test rounds belong to a province or to the nation', () => {
  let t: TestApp;
  let p: SmallProvince;
  let b: { province: { id: string; path: string }; commune: { id: string; path: string } };
  const as: Record<string, ApiAs> = {};
  /** What each owner made: province T ('T'), province B ('B') and the nation ('N'). */
  const made: Record<'T' | 'B' | 'N', { topic: string; target: string; targetName: string; question: string; stem: string; round: string; roundName: string }> = {} as never;

  const OWNERS = { T: 'coordT', B: 'coordB', N: 'admin' } as const;

  const targetBody = (code: string, name: string, topicId: string, unitIds: string[] = []) => ({
    code, name, legalBasisNumber: '1/QĐ-UBND', topicId, kind: 'people',
    audience: { categories: [], doesCchcWork: null, isLeader: null, unitLevels: [], unitIds },
    evidenceKinds: ['attendance'], validity: 'year', phases: [], startYear: 2026, endYear: 2030, deadline: '2030-12-31', thresholdPct: 90,
  });
  const questionBody = (topicId: string, stem: string) => ({
    topicId, type: 'single', difficulty: 'easy', stem, options: [{ id: 'a', text: 'Đúng' }, { id: 'b', text: 'Sai' }], correct: ['a'],
  });
  const roundBody = (name: string, topicId: string, audienceUnitId: string | null = null) => ({
    name, opensAt: new Date(Date.now() - 60_000).toISOString(), closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    blueprint: [{ topicId, difficulty: 'easy', count: 1 }], attemptsAllowed: 3, audience: { unitId: audienceUnitId },
  });

  async function make(owner: 'T' | 'B' | 'N'): Promise<void> {
    const api = as[OWNERS[owner]];
    const label = { T: 'tỉnh Thử Nghiệm', B: 'tỉnh Bên Cạnh', N: 'toàn quốc' }[owner];
    const topic = await api.post('/api/topics', { code: `PC.${owner}`, name: `Chủ đề riêng ${label}`, kind: 'skill' }).expect(201);
    const targetName = `Chỉ tiêu riêng ${label}`;
    const target = await api.post('/api/targets', targetBody(`PC.T.${owner}`, targetName, topic.body.id)).expect(201);
    const stem = `Câu hỏi riêng của ${label}?`;
    const question = await api.post('/api/questions', { ...questionBody(topic.body.id, stem), publish: true }).expect(201);
    const roundName = `Kỳ kiểm tra riêng ${label}`;
    const round = await api.post('/api/test-rounds', roundBody(roundName, topic.body.id)).expect(201);
    await api.post(`/api/test-rounds/${round.body.id}/publish`).expect(200);
    made[owner] = { topic: topic.body.id, target: target.body.id, targetName, question: question.body.id, stem, round: round.body.id, roundName };
  }

  beforeAll(async () => {
    t = await createTestApp();
    p = await seedSmallProvince(t.db);
    // One deployment: the national root above province T (moved under it, as migration 1763800010000 does) and B.
    const nation = await insertUnit(t.db, { code: 'VN', name: 'Toàn quốc', level: UnitLevel.Nation });
    await t.db.query(`UPDATE org_unit SET parent_id = $1 WHERE id = $2`, [nation.id, p.units.province.id]);
    await t.db.query(`UPDATE org_unit SET path = $1 || substr(path, 2) WHERE path LIKE $2 || '%'`, [nation.path, p.units.province.path]);
    const province = await insertUnit(t.db, { code: 'B', name: 'UBND tỉnh Bên Cạnh', level: UnitLevel.Province, parent: nation });
    const dept = await insertUnit(t.db, { code: 'B.SNV', name: 'Sở Nội vụ tỉnh Bên Cạnh', level: UnitLevel.Department, parent: province });
    const commune = await insertUnit(t.db, { code: 'B.X.C', name: 'Xã Cạnh Bên', level: UnitLevel.Commune, parent: province });
    b = { province, commune };
    const bHead = await insertPerson(t.db, { staffCode: 'B0001', fullName: 'Lò Văn Trưởng', unitId: dept.id, isLeader: true });
    const bLearner = await insertPerson(t.db, { staffCode: 'B0002', fullName: 'Đinh Thị Bên', unitId: commune.id });
    await insertUser(t.db, { username: 'coord.b', role: Role.Coordinator, unitId: dept.id, personId: bHead.id });
    await insertUser(t.db, { username: 'officer.b', role: Role.UnitOfficer, unitId: commune.id });
    await insertUser(t.db, { username: 'learner.b', role: Role.Learner, unitId: commune.id, personId: bLearner.id });
    await insertUser(t.db, { username: 'national', role: Role.NationalOfficer });
    await insertUser(t.db, { username: 'author.nation', role: Role.Author });
    for (const [caller, username] of Object.entries({
      coordT: 'coord', authorT: 'author', officerT: 'commune.officer', learnerT: 'learner',
      coordB: 'coord.b', officerB: 'officer.b', learnerB: 'learner.b', national: 'national', admin: 'admin', authorN: 'author.nation',
    }))
      as[caller] = asUser(t.http, await login(t.http, username));
    for (const owner of ['T', 'B', 'N'] as const) await make(owner);
  }, 120_000);
  afterAll(() => t.close());

  /** Whose content each caller sees: its own province's and the nation's; everything for the national level. */
  const SEES: Record<string, ('T' | 'B' | 'N')[]> = {
    coordT: ['T', 'N'], authorT: ['T', 'N'], officerT: ['T', 'N'], learnerT: ['T', 'N'],
    coordB: ['B', 'N'], officerB: ['B', 'N'], learnerB: ['B', 'N'],
    national: ['T', 'B', 'N'], admin: ['T', 'B', 'N'],
  };
  const OTHER = (caller: string) => (['T', 'B'] as const).filter((o) => !SEES[caller].includes(o));

  describe('by list', () => {
    it.each(Object.keys(SEES))('GET /api/targets and /api/topics as %s: its province and the nation only', async (caller) => {
      const targets = (await as[caller].get('/api/targets').expect(200)).body.map((x: { id: string }) => x.id);
      const topics = (await as[caller].get('/api/topics').expect(200)).body.map((x: { id: string }) => x.id);
      for (const o of ['T', 'B', 'N'] as const) {
        expect([o, targets.includes(made[o].target)]).toEqual([o, SEES[caller].includes(o)]);
        expect([o, topics.includes(made[o].topic)]).toEqual([o, SEES[caller].includes(o)]);
      }
    });

    it.each(['coordT', 'officerT', 'coordB', 'officerB', 'national', 'admin'])('GET /api/test-rounds as %s: its province and the nation only', async (caller) => {
      const ids = (await as[caller].get('/api/test-rounds').expect(200)).body.map((x: { id: string }) => x.id);
      for (const o of ['T', 'B', 'N'] as const) expect([o, ids.includes(made[o].round)]).toEqual([o, SEES[caller].includes(o)]);
    });

    it.each(['coordT', 'authorT', 'coordB', 'admin'])('GET /api/test-rounds/choices (the final-quiz picker) as %s: its province and the nation only', async (caller) => {
      const ids = (await as[caller].get('/api/test-rounds/choices').expect(200)).body.map((x: { id: string }) => x.id);
      for (const o of ['T', 'B', 'N'] as const) expect([o, ids.includes(made[o].round)]).toEqual([o, SEES[caller].includes(o)]);
    });

    it.each(['learnerT', 'learnerB'])("GET /api/test-rounds/mine as %s: its province's round and the national one", async (caller) => {
      const names = (await as[caller].get('/api/test-rounds/mine').expect(200)).body.map((x: { name: string }) => x.name);
      for (const o of ['T', 'B', 'N'] as const) expect([o, names.includes(made[o].roundName)]).toEqual([o, SEES[caller].includes(o)]);
    });

    it.each(['coordT', 'authorT', 'coordB', 'admin'])('GET /api/questions as %s, searching for every stem: its bank and the national one', async (caller) => {
      for (const o of ['T', 'B', 'N'] as const) {
        const res = await as[caller].get(`/api/questions?q=${encodeURIComponent(made[o].stem)}`).expect(200);
        expect([o, res.body.items.map((x: { id: string }) => x.id)]).toEqual([o, SEES[caller].includes(o) ? [made[o].question] : []]);
      }
    });

    it("a filter on another province's topic is refused as unknown, not answered with its questions", async () => {
      expectApiError(await as.coordB.get(`/api/questions?topicId=${made.T.topic}`), 404, 'TOPIC_NOT_FOUND');
    });

    it('an author outside every province writes and reads the national bank only', async () => {
      const stems = async () => (await as.authorN.get('/api/questions?pageSize=200').expect(200)).body.items.map((x: { stem: string }) => x.stem);
      expect(await stems()).toContain(made.N.stem);
      expect(await stems()).not.toContain(made.T.stem);
      const created = await as.authorN.post('/api/questions', questionBody(made.N.topic, 'Câu hỏi của ngân hàng quốc gia?')).expect(201);
      expect((await t.db.query(`SELECT province_id FROM question WHERE id = $1`, [created.body.id]))[0].province_id).toBeNull();
      expectApiError(await as.authorN.put(`/api/questions/${made.T.question}`, questionBody(made.T.topic, 'Sửa?')), 404, 'QUESTION_NOT_FOUND');
    });
  });

  describe('by id', () => {
    const READS: [string, (o: 'T' | 'B' | 'N') => string][] = [
      ['GET /api/targets/:id', (o) => `/api/targets/${made[o].target}`],
      ['GET /api/test-rounds/:id', (o) => `/api/test-rounds/${made[o].round}`],
      ['GET /api/test-rounds/:id/results', (o) => `/api/test-rounds/${made[o].round}/results`],
      ['GET /api/test-rounds/:id/commendations', (o) => `/api/test-rounds/${made[o].round}/commendations`],
      ['GET /api/test-rounds/:id/not-taken', (o) => `/api/test-rounds/${made[o].round}/not-taken`],
      ['GET /api/coverage/targets/:id', (o) => `/api/coverage/targets/${made[o].target}`],
      ['GET /api/coverage/targets/:id/missing', (o) => `/api/coverage/targets/${made[o].target}/missing`],
    ];
    it.each(READS)("%s with another province's id is not found; the nation reads both", async (_route, url) => {
      for (const caller of ['coordT', 'officerT', 'coordB', 'officerB']) {
        const other = OTHER(caller)[0];
        const res = await as[caller].get(url(other));
        expect([caller, res.status]).toEqual([caller, 404]);
        expect((await as[caller].get(url('N'))).status).toBe(200);
      }
      for (const o of ['T', 'B'] as const) expect((await as.national.get(url(o))).status).toBe(200);
    });

    it("questions: another province's by id, versions and item analysis of its round are not found", async () => {
      expectApiError(await as.coordB.get(`/api/questions/${made.T.question}`), 404, 'QUESTION_NOT_FOUND');
      expectApiError(await as.coordB.get(`/api/questions/${made.T.question}/versions`), 404, 'QUESTION_NOT_FOUND');
      expectApiError(await as.authorT.get(`/api/questions/${made.B.question}`), 404, 'QUESTION_NOT_FOUND');
      expectApiError(await as.coordB.get(`/api/test-rounds/${made.T.round}/item-analysis`), 404);
      expect((await as.coordT.get(`/api/questions/${made.N.question}`)).status).toBe(200);
    });

    it("a learner cannot open another province's round or its result", async () => {
      expectApiError(await as.learnerB.get(`/api/test-rounds/${made.T.round}/my-result`), 404);
      expectApiError(await as.learnerB.post(`/api/test-rounds/${made.T.round}/attempts`), 404);
    });
  });

  describe('by export', () => {
    const xlsxText = async (api: ApiAs, url: string) => sheetRows(await openXlsx((await api.download(url).expect(200)).body as Buffer)).flat().join('\n');

    it("the question bank's .xlsx and GIFT exports hold the caller's bank and the national one", async () => {
      const xT = await xlsxText(as.coordT, '/api/questions/export.xlsx');
      expect(xT).toContain(made.T.stem);
      expect(xT).toContain(made.N.stem);
      expect(xT).not.toContain(made.B.stem);
      // The topic sheet lists only topics the caller may use.
      expect(xT).not.toContain('PC.B');
      const gift = (await as.coordB.get('/api/questions/export.gift').expect(200)).text;
      expect(gift).toContain(made.B.stem);
      expect(gift).not.toContain(made.T.stem);
    });

    it("the yearly report (.xlsx and .pdf) of a province holds its own targets and the national ones", async () => {
      const xB = await xlsxText(as.coordB, '/api/reports/yearly.xlsx?year=2026');
      expect(xB).toContain(made.B.targetName);
      expect(xB).toContain(made.N.targetName);
      expect(xB).not.toContain(made.T.targetName);
      const pdf = await pdfText((await as.coordT.download('/api/reports/yearly.pdf?year=2026').expect(200)).body as Buffer);
      expect(pdf).toContain(made.T.targetName);
      expect(pdf).not.toContain(made.B.targetName);
    });

    it('the national report leaves a province\'s own targets to that province; at a province it shows them', async () => {
      const nation = await xlsxText(as.national, '/api/reports/yearly.xlsx?year=2026');
      expect(nation).toContain(made.N.targetName);
      expect(nation).not.toContain(made.T.targetName);
      const atT = await xlsxText(as.national, `/api/reports/yearly.xlsx?year=2026&unitId=${p.units.province.id}`);
      expect(atT).toContain(made.T.targetName);
      expect(atT).not.toContain(made.B.targetName);
    });

    it("another province's missing list and commendations exports are not found", async () => {
      expect((await as.coordB.get(`/api/coverage/targets/${made.T.target}/missing.xlsx`)).status).toBe(404);
      expect((await as.coordB.get(`/api/test-rounds/${made.T.round}/commendations.xlsx`)).status).toBe(404);
      expect((await as.coordB.get(`/api/test-rounds/${made.T.round}/not-taken.xlsx`)).status).toBe(404);
    });
  });

  describe('edits', () => {
    /** Every write on content, aimed at `o`'s. */
    const WRITES: [string, (o: 'T' | 'B' | 'N') => [string, string, object]][] = [
      ['PUT /api/targets/:id', (o) => ['put', `/api/targets/${made[o].target}`, targetBody(`PC.T.${o}`, 'Đổi tên', made[o].topic)]],
      ['PATCH /api/topics/:id', (o) => ['patch', `/api/topics/${made[o].topic}`, { description: 'Đổi mô tả' }]],
      ['PUT /api/questions/:id', (o) => ['put', `/api/questions/${made[o].question}`, questionBody(made[o].topic, 'Đã sửa?')]],
      ['POST /api/questions/:id/status', (o) => ['post', `/api/questions/${made[o].question}/status`, { status: 'retired' }]],
      ['PATCH /api/test-rounds/:id', (o) => ['patch', `/api/test-rounds/${made[o].round}`, roundBody('Đổi tên', made[o].topic)]],
      ['POST /api/test-rounds/:id/publish', (o) => ['post', `/api/test-rounds/${made[o].round}/publish`, {}]],
    ];
    const send = (caller: string, [method, url, body]: [string, string, object]) => (as[caller] as unknown as Record<string, (u: string, b: object) => Promise<{ status: number; body: { code: string } }>>)[method](url, body);

    it.each(WRITES)("%s: another province's content is not found, the nation's is not the province's to change", async (_route, write) => {
      const snapshot = async () => JSON.stringify(await t.db.query(`SELECT (SELECT json_agg(x ORDER BY id) FROM target x) AS a, (SELECT json_agg(x ORDER BY id) FROM topic x) AS b,
        (SELECT json_agg(x ORDER BY id) FROM question x) AS c, (SELECT json_agg(x ORDER BY id) FROM test_round x) AS d`));
      const start = await snapshot();
      expect((await send('coordB', write('T'))).status).toBe(404);
      expect((await send('coordT', write('B'))).status).toBe(404);
      const national = await send('coordT', write('N'));
      expect(`${national.status} ${national.body.code}`).toBe('403 OUT_OF_SCOPE');
      // The administrator authors the nation's content, not a province's.
      const admin = await send('admin', write('T'));
      expect(`${admin.status} ${admin.body.code}`).toBe('403 OUT_OF_SCOPE');
      expect((await send('national', write('T'))).status).toBe(403);
      expect(await snapshot()).toBe(start);
    });

    it("bulk changes with another province's question change nothing", async () => {
      const before = await t.db.query(`SELECT id, status, tags FROM question ORDER BY id`);
      expectApiError(await as.coordB.post('/api/questions/bulk/retire', { ids: [made.B.question, made.T.question] }), 404, 'QUESTIONS_NOT_FOUND');
      expectApiError(await as.coordB.post('/api/questions/bulk/tag', { ids: [made.B.question, made.N.question], add: ['Thẻ'] }), 403, 'OUT_OF_SCOPE');
      expect(await t.db.query(`SELECT id, status, tags FROM question ORDER BY id`)).toEqual(before);
    });

    it('new content cannot reach into another province: a unit, a topic or a parent topic of B is unknown to T', async () => {
      expectApiError(await as.coordT.post('/api/targets', targetBody('PC.X1', 'Chỉ tiêu lấn tỉnh', made.N.topic, [b.commune.id])), 404);
      expectApiError(await as.coordT.post('/api/targets', targetBody('PC.X2', 'Chỉ tiêu lấn tỉnh', made.B.topic)), 404);
      expectApiError(await as.coordT.post('/api/questions', questionBody(made.B.topic, 'Lấn tỉnh?')), 404, 'TOPIC_NOT_FOUND');
      expectApiError(await as.coordT.post('/api/test-rounds', roundBody('Lấn tỉnh', made.N.topic, b.commune.id)), 404);
      expectApiError(await as.coordT.post('/api/test-rounds/blueprint-check', { blueprint: [{ topicId: made.B.topic, difficulty: 'easy', count: 1 }] }), 404);
      expectApiError(await as.coordT.post('/api/topics', { code: 'PC.X3', name: 'Con', kind: 'skill', parentId: made.B.topic }), 404, 'TOPIC_NOT_FOUND');
      // A code another province uses is taken, without naming that province's topic.
      const taken = await as.coordT.post('/api/topics', { code: 'PC.B', name: 'Trùng mã', kind: 'skill' });
      expectApiError(taken, 409, 'TOPIC_CODE_TAKEN');
      expect(taken.body.message).not.toContain('Bên Cạnh');
    });

    it("sessions, surveys and questions to the Q&A cannot name another province's topic; the national one is fine", async () => {
      const session = (topicId: string) => ({
        title: 'Lớp tập huấn lấn tỉnh', topicId, startsOn: '2026-06-10', endsOn: '2026-06-11', place: 'Hội trường', organisingUnitId: p.units.communeA.id, trainer: 'Sở Nội vụ', hours: 4,
      });
      expectApiError(await as.coordT.post('/api/training-sessions', session(made.B.topic)), 404, 'TOPIC_NOT_FOUND');
      await as.coordT.post('/api/training-sessions', session(made.N.topic)).expect(201);
      const survey = (topicId: string, questionTopicId: string | null) => ({
        kind: 'needs', title: 'Khảo sát lấn tỉnh', topicId, opensAt: '2026-01-01', closesAt: '2026-02-01',
        questions: [{ id: 'q', type: 'rating', text: 'Mức độ cần thiết', topicId: questionTopicId }],
      });
      expectApiError(await as.coordT.post('/api/surveys', survey(made.B.topic, null)), 404, 'SURVEY_REFERENCE_NOT_FOUND');
      expectApiError(await as.coordT.post('/api/surveys', survey(made.T.topic, made.B.topic)), 404, 'SURVEY_REFERENCE_NOT_FOUND');
      await as.coordT.post('/api/surveys', survey(made.T.topic, made.N.topic)).expect(201);
      expectApiError(await as.learnerT.post('/api/qa/questions', { title: 'Hỏi lấn tỉnh', body: 'Chủ đề của tỉnh khác?', topicId: made.B.topic }), 404, 'TOPIC_NOT_FOUND');
      await as.learnerB.post('/api/qa/questions', { title: 'Hỏi đúng tỉnh', body: 'Chủ đề của tỉnh mình', topicId: made.B.topic }).expect(201);
    });

    it("a national round's blueprint draws from the national bank only", async () => {
      const check = await as.admin.post('/api/test-rounds/blueprint-check', { blueprint: [{ topicId: made.N.topic, difficulty: 'easy', count: 2 }] }).expect(200);
      expect(check.body.lines[0]).toMatchObject({ available: 1, missing: 1 });
      expectApiError(await as.admin.post('/api/test-rounds/blueprint-check', { blueprint: [{ topicId: made.T.topic, difficulty: 'easy', count: 1 }] }), 404);
    });
  });

  describe("audiences and coverage stay in the owner's province", () => {
    const PEOPLE_T = ['T0001', 'T0002', 'T0003', 'T0004', 'T0005'];
    const PEOPLE_B = ['B0001', 'B0002'];
    const notTaken = async (caller: string, round: string) =>
      (await as[caller].get(`/api/test-rounds/${round}/not-taken?pageSize=200`).expect(200)).body.items.map((x: { staffCode: string }) => x.staffCode).sort();

    it("a province's round counts and lists that province's people only, whoever looks", async () => {
      expect(await notTaken('national', made.T.round)).toEqual(PEOPLE_T);
      expect(await notTaken('national', made.B.round)).toEqual(PEOPLE_B);
      expect((await as.national.get(`/api/test-rounds/${made.T.round}/results`).expect(200)).body.eligible).toBe(PEOPLE_T.length);
    });

    it('a national round reaches every province, and each province sees its own part', async () => {
      expect(await notTaken('national', made.N.round)).toEqual([...PEOPLE_B, ...PEOPLE_T]);
      expect(await notTaken('coordT', made.N.round)).toEqual(PEOPLE_T);
      expect(await notTaken('coordB', made.N.round)).toEqual(PEOPLE_B);
      expect((await as.coordB.get(`/api/test-rounds/${made.N.round}/results`).expect(200)).body.eligible).toBe(PEOPLE_B.length);
    });

    it("a learner takes their province's round and the national one, not another province's", async () => {
      const taken = await as.learnerB.post(`/api/test-rounds/${made.N.round}/attempts`);
      expect(taken.status).toBe(200);
      expect((await as.learnerB.post(`/api/test-rounds/${made.B.round}/attempts`)).status).toBe(200);
      const own = (await t.db.query(`SELECT count(*)::int AS n FROM test_attempt WHERE round_id = $1`, [made.T.round]))[0].n;
      expect(own).toBe(0);
    });

    it("a province's target counts that province's people; the national view is taken at the province", async () => {
      const summary = (await as.national.get(`/api/coverage/targets/${made.T.target}`).expect(200)).body;
      expect(summary.unit.id).toBe(p.units.province.id);
      expect(summary.eligible).toBe(PEOPLE_T.length);
      const inB = await as.national.get(`/api/coverage/targets/${made.T.target}?unitId=${b.commune.id}`);
      expectApiError(inB, 400, 'TARGET_OTHER_PROVINCE');
      const stored = await t.db.query(`SELECT DISTINCT p.province_id FROM coverage_person cp JOIN person p ON p.id = cp.person_id WHERE cp.target_id = $1`, [made.T.target]);
      expect(stored).toEqual([{ province_id: p.units.province.id }]);
    });

    it('a national target counts every province; each coordinator sees their own part', async () => {
      const national = (await as.national.get(`/api/coverage/targets/${made.N.target}`).expect(200)).body;
      expect(national.eligible).toBe(PEOPLE_T.length + PEOPLE_B.length);
      expect((await as.coordT.get(`/api/coverage/targets/${made.N.target}`).expect(200)).body.eligible).toBe(PEOPLE_T.length);
      expect((await as.coordB.get(`/api/coverage/targets/${made.N.target}`).expect(200)).body.eligible).toBe(PEOPLE_B.length);
    });

    it("the heat map shows a province's own targets at the province, the national ones everywhere", async () => {
      const columns = async (caller: string, unitId?: string) =>
        (await as[caller].get(`/api/coverage/matrix?year=2026${unitId ? `&unitId=${unitId}` : ''}`).expect(200)).body.targets.map((x: { id: string }) => x.id);
      const coordB = await columns('coordB');
      expect(coordB).toEqual(expect.arrayContaining([made.B.target, made.N.target]));
      expect(coordB).not.toContain(made.T.target);
      const nation = await columns('national');
      expect(nation).toContain(made.N.target);
      expect(nation).not.toContain(made.T.target);
      expect(await columns('national', p.units.province.id)).toContain(made.T.target);
    });

    it("a learner's own targets are their province's and the nation's", async () => {
      const ids = (await as.learnerB.get('/api/coverage/me').expect(200)).body.map((x: { target: { id: string } }) => x.target.id);
      expect(ids).toContain(made.N.target);
      expect(ids).toContain(made.B.target);
      expect(ids).not.toContain(made.T.target);
    });
  });
});
