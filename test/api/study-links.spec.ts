import type { LessonPickDto, MyResultDto, Page, RecommendationDto, TestRoundChoiceDto } from '@cchc/shared';
import { asUser } from '../support/fixtures/api-client';
import { publishedCourse } from '../support/fixtures/courses';
import { createTestApp, login, seedSmallProvince, TestApp } from '../support/test-app';
import { bearer, createOpenRound, insertQuestion, keyOf, topicId } from './test-round-fixtures';

/**
 * Issue #11 point 5: authors pick lessons (and rounds) from lists instead of typing ids, and a learner's weak topic
 * with no linked lesson still leads to the topic's published courses and library documents.
 */
describe('pickers and study links', () => {
  let t: TestApp;
  let author: ReturnType<typeof asUser>;
  let tthcLessons: string[];
  let draftLessons: string[];

  const insertDocument = async (title: string, topicCode: string, status = 'in_force'): Promise<string> =>
    (
      await t.db.query(
        `INSERT INTO library_document (title, type, status, topic_id, file_key, file_name, format, content_type, size, sha256)
         VALUES ($1, 'legal', $2, $3, $4, 'vb.pdf', 'pdf', 'application/pdf', 10, repeat('0', 64)) RETURNING id`,
        [title, status, await topicId(t.db, topicCode), `test/${title.length}-${Math.random()}`],
      )
    )[0].id;

  beforeAll(async () => {
    t = await createTestApp();
    await seedSmallProvince(t.db);
    author = asUser(t.http, await login(t.http, 'author'));
    // Course and lesson titles as authors write them; the module titles say where a lesson sits.
    const tthc = await publishedCourse(author, t.db, { title: 'Cải cách thủ tục hành chính', topics: ['CCHC.TTHC'], modules: [2] });
    tthcLessons = tthc.lessonIds;
    await author.patch(`/api/authoring/lessons/${tthcLessons[1]}`, { title: 'Công khai, minh bạch thủ tục' }).expect(200);
    const draft = await publishedCourse(author, t.db, { title: 'Đề án 1439 (bản nháp)', topics: ['ASEAN'], modules: [1], publish: false });
    draftLessons = draft.lessonIds;
    const archived = await publishedCourse(author, t.db, { title: 'Thủ tục cũ đã lưu trữ', topics: ['CCHC.TTHC'], modules: [1] });
    await author.patch(`/api/authoring/courses/${archived.course.id}`, { status: 'archived' }).expect(200);
  }, 60_000);
  afterAll(() => t.close());

  const search = async (query: string) => (await author.get(`/api/authoring/lessons?${query}`).expect(200)).body as Page<LessonPickDto>;

  describe('lesson search (the question form picker)', () => {
    it('finds lessons by course, module or lesson words, with or without diacritics, NFC or NFD, and shows where each sits', async () => {
      for (const q of ['thủ tục', 'thu tuc', 'THU TUC', 'thủ tục'.normalize('NFD'), 'cong khai minh bach']) {
        const page = await search(`q=${encodeURIComponent(q)}`);
        expect(page.items.map((l) => l.id)).toContain(tthcLessons[1]);
      }
      const page = await search(`q=${encodeURIComponent('cong khai')}`);
      expect(page.items).toEqual([
        { id: tthcLessons[1], title: 'Công khai, minh bạch thủ tục', kind: 'text', courseId: expect.any(String), courseTitle: 'Cải cách thủ tục hành chính', courseStatus: 'published', moduleTitle: 'Phần 1' },
      ]);
      expect(page.total).toBe(1);
    });

    it('every word must match; archived courses are left out, drafts are shown as drafts', async () => {
      expect((await search('q=thu%20tuc%20khong-co-tu-nay')).items).toEqual([]);
      const all = await search('q=thu%20tuc');
      expect(all.items.map((l) => l.courseTitle)).not.toContain('Thủ tục cũ đã lưu trữ');
      const draft = await search('q=1439');
      expect(draft.items.map((l) => l.id)).toEqual(draftLessons);
      expect(draft.items[0].courseStatus).toBe('draft');
    });

    it('pages with a total, and looks up chosen lessons by id', async () => {
      const first = await search('pageSize=2&page=1');
      const second = await search('pageSize=2&page=2');
      expect(first.total).toBe(3);
      expect(first.items).toHaveLength(2);
      expect(second.items).toHaveLength(1);
      expect(new Set([...first.items, ...second.items].map((l) => l.id)).size).toBe(3);
      const chosen = await search(`ids=${tthcLessons[0].toUpperCase()},${draftLessons[0]}`);
      expect(chosen.items.map((l) => l.id).sort()).toEqual([tthcLessons[0], draftLessons[0]].sort());
    });

    it('a query of punctuation only finds nothing rather than everything', async () => {
      expect(await search(`q=${encodeURIComponent('…?!')}`)).toMatchObject({ items: [], total: 0 });
    });

    it('bad input is a 400 with a Vietnamese message; learners and unit officers may not search', async () => {
      for (const q of ['ids=abc', 'pageSize=0', 'page=-1', `q=${'x'.repeat(201)}`]) {
        const res = await author.get(`/api/authoring/lessons?${q}`);
        expect(res.status).toBe(400);
        expect(res.body.message).toMatch(/[àáảãạăâđêôơư]/i);
      }
      for (const username of ['learner', 'commune.officer']) {
        await t.http.get('/api/authoring/lessons').set(bearer(await login(t.http, username))).expect(403);
      }
      await t.http.get('/api/authoring/lessons').expect(401);
    });
  });

  describe('test round choices (course completion rule)', () => {
    it('course authors pick a round from a list; learners may not read it', async () => {
      const coordinator = await login(t.http, 'coord');
      const aseanQ = await topicId(t.db, 'ASEAN');
      for (let i = 0; i < 2; i++) await insertQuestion(t.db, { topicId: aseanQ, difficulty: 'easy' });
      const roundId = await createOpenRound(t.http, coordinator, {
        name: 'Kiểm tra cuối khóa ASEAN',
        opensAt: new Date(Date.now() - 60_000).toISOString(),
        closesAt: new Date(Date.now() + 86_400_000).toISOString(),
        blueprint: [{ topicId: aseanQ, difficulty: 'easy', count: 2 }],
        timeLimitMinutes: 10,
      });
      const choices: TestRoundChoiceDto[] = (await author.get('/api/test-rounds/choices').expect(200)).body;
      expect(choices).toContainEqual(expect.objectContaining({ id: roundId, name: 'Kiểm tra cuối khóa ASEAN', phase: 'open' }));
      await t.http.get('/api/test-rounds/choices').set(bearer(await login(t.http, 'learner'))).expect(403);
    });
  });

  describe("the learner's result: every weak topic leads somewhere", () => {
    it('a weak topic with a linked lesson shows it; one without falls back to the published courses and documents of its topic', async () => {
      const coordinator = await login(t.http, 'coord');
      const tthc = await topicId(t.db, 'CCHC.TTHC');
      const reporting = await topicId(t.db, 'CCHC.KN.BAOCAO');
      const vhcv = await topicId(t.db, 'VHCV');
      const tthcDoc = await insertDocument('Nghị định về kiểm soát thủ tục hành chính', 'CCHC.TTHC');
      await insertDocument('Văn bản đã bị thay thế', 'CCHC.TTHC', 'replaced');
      const cchcDoc = await insertDocument('Quyết định 1718/QĐ-UBND về năng lực CCHC', 'CCHC');
      // TTHC: no question links a lesson. Reporting skill: nothing of its own, so the programme above it (CCHC) is used.
      // Public-service culture: its questions link a lesson of the TTHC course (linked lessons are what is shown).
      for (let i = 0; i < 2; i++) {
        await insertQuestion(t.db, { topicId: tthc, difficulty: 'hard' });
        await insertQuestion(t.db, { topicId: reporting, difficulty: 'hard' });
        await insertQuestion(t.db, { topicId: vhcv, difficulty: 'hard', lessonIds: [tthcLessons[0]] });
      }
      const roundId = await createOpenRound(t.http, coordinator, {
        name: 'Kiểm tra kỹ năng CCHC',
        opensAt: new Date(Date.now() - 60_000).toISOString(),
        closesAt: new Date(Date.now() + 86_400_000).toISOString(),
        blueprint: [tthc, reporting, vhcv].map((topic) => ({ topicId: topic, difficulty: 'hard', count: 2 })),
        timeLimitMinutes: 10,
      });
      const learner = await login(t.http, 'learner');
      const attempt = await t.http.post(`/api/test-rounds/${roundId}/attempts`).set(bearer(learner)).expect(200);
      let seq = 1;
      for (const [questionId] of await keyOf(t.db, attempt.body.id)) {
        await t.http.put(`/api/attempts/${attempt.body.id}/answers/${questionId}`).set(bearer(learner)).send({ choice: ['b'], seq: seq++ }).expect(200);
      }
      const submitted: MyResultDto = (await t.http.post(`/api/attempts/${attempt.body.id}/submit`).set(bearer(learner)).expect(200)).body;
      const read: MyResultDto = (await t.http.get(`/api/test-rounds/${roundId}/my-result`).set(bearer(learner)).expect(200)).body;

      for (const result of [submitted, read]) {
        const byTopic = new Map<string, RecommendationDto>(result.recommendations.map((r) => [r.topicId, r]));
        expect([...byTopic.keys()].sort()).toEqual([tthc, reporting, vhcv].sort());
        // Every weak topic leads somewhere.
        for (const r of result.recommendations) expect(r.lessons.length + r.courses.length + r.documents.length).toBeGreaterThan(0);

        const own = byTopic.get(tthc)!;
        expect(own.lessons).toEqual([]);
        expect(own.courses).toEqual([{ id: expect.any(String), title: 'Cải cách thủ tục hành chính' }]);
        expect(own.documents).toEqual([{ id: tthcDoc, title: 'Nghị định về kiểm soát thủ tục hành chính' }]);

        const borrowed = byTopic.get(reporting)!;
        expect(borrowed.courses.map((c) => c.title)).toEqual(['Cải cách thủ tục hành chính']);
        // Borrowed from the programme: its documents and those of its fields, by title (the replaced one left out).
        expect(borrowed.documents).toEqual([
          { id: tthcDoc, title: 'Nghị định về kiểm soát thủ tục hành chính' },
          { id: cchcDoc, title: 'Quyết định 1718/QĐ-UBND về năng lực CCHC' },
        ]);

        const linked = byTopic.get(vhcv)!;
        expect(linked.lessons).toEqual([{ id: tthcLessons[0], title: 'Bài 1.1' }]);
        expect(linked.courses).toEqual([]);
      }

      // The unit officer's list of low scorers carries the same links.
      const officer = await login(t.http, 'commune.officer');
      const results = (await t.http.get(`/api/test-rounds/${roundId}/results?lowOnly=true`).set(bearer(officer)).expect(200)).body;
      const recs: RecommendationDto[] = results.items[0].recommendations;
      expect(recs.find((r) => r.topicId === reporting)!.documents.map((d) => d.id)).toEqual([tthcDoc, cchcDoc]);
    }, 60_000);
  });
});
