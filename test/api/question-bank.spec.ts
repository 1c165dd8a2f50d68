import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Workbook } from 'exceljs';
import type { Response } from 'supertest';
import { parseGift, QUESTION_SHEET_COLUMNS } from '@cchc/shared';
import { createTestApp, login, seedSmallProvince, TestApp } from '../support/test-app';

describe('question bank', () => {
  let t: TestApp;
  let coord: string;
  let author: string;
  let topics: Record<string, string>;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  const body = (over: Record<string, unknown> = {}) => ({
    topicId: topics.ASEAN,
    type: 'single',
    difficulty: 'easy',
    stem: 'Cộng đồng ASEAN chính thức hình thành vào năm nào?',
    options: [
      { id: 'a', text: '2010' },
      { id: 'b', text: '2015' },
      { id: 'c', text: '2020' },
    ],
    correct: ['b'],
    explanation: 'Ngày 31/12/2015.',
    ...over,
  });
  const create = async (over: Record<string, unknown> = {}, token = coord) => {
    const res = await t.http.post('/api/questions').set(auth(token)).send(body(over));
    expect(res.status).toBe(201);
    return res.body;
  };
  const count = async () => Number((await t.db.query('SELECT count(*) AS n FROM question'))[0].n);
  const list = async (query: Record<string, string>) => (await t.http.get('/api/questions').query({ pageSize: '500', ...query }).set(auth(coord)).expect(200)).body;

  beforeAll(async () => {
    t = await createTestApp();
    await seedSmallProvince(t.db);
    coord = await login(t.http, 'coord');
    author = await login(t.http, 'author');
    const rows: { id: string; code: string }[] = await t.db.query('SELECT id, code FROM topic');
    topics = Object.fromEntries(rows.map((r) => [r.code, r.id]));
  });
  afterAll(() => t.close());

  describe('lifecycle: create → edit (new version) → publish → retire', () => {
    it('keeps every version and never changes an old one', async () => {
      const q = await create({}, author);
      expect(q).toMatchObject({ status: 'draft', currentVersion: 1, code: expect.stringMatching(/^CH\d{6}$/), problems: [] });
      const [v1Before] = await t.db.query('SELECT * FROM question_version WHERE question_id = $1 AND version = 1', [q.id]);

      const edited = await t.http
        .put(`/api/questions/${q.id}`)
        .set(auth(coord))
        .send(body({ stem: 'Cộng đồng ASEAN được hình thành chính thức vào thời điểm nào?', difficulty: 'medium', expectedVersion: 1 }))
        .expect(200);
      expect(edited.body).toMatchObject({ currentVersion: 2, difficulty: 'medium', stem: 'Cộng đồng ASEAN được hình thành chính thức vào thời điểm nào?' });
      const [v1After] = await t.db.query('SELECT * FROM question_version WHERE question_id = $1 AND version = 1', [q.id]);
      expect(v1After).toEqual(v1Before);

      // A stale editor is told someone else saved.
      const stale = await t.http.put(`/api/questions/${q.id}`).set(auth(coord)).send(body({ stem: 'X', expectedVersion: 1 }));
      expect(`${stale.status} ${stale.body.code}`).toBe('409 QUESTION_VERSION_CONFLICT');

      // Saving the same content again adds no version.
      await t.http.put(`/api/questions/${q.id}`).set(auth(coord)).send(body({ stem: 'Cộng đồng ASEAN được hình thành chính thức vào thời điểm nào?', difficulty: 'medium' })).expect(200);
      const history = (await t.http.get(`/api/questions/${q.id}/versions`).set(auth(coord)).expect(200)).body;
      expect(history.map((v: { version: number }) => v.version)).toEqual([2, 1]);
      expect(history[1].stem).toBe('Cộng đồng ASEAN chính thức hình thành vào năm nào?');
      expect(history[0].createdByName).toBe('Tài khoản coord');

      const published = await t.http.post(`/api/questions/${q.id}/status`).set(auth(coord)).send({ status: 'published' }).expect(200);
      expect(published.body.status).toBe('published');
      const again = await t.http.post(`/api/questions/${q.id}/status`).set(auth(coord)).send({ status: 'published' });
      expect(`${again.status} ${again.body.code}`).toBe('400 QUESTION_STATUS_UNCHANGED');
      await t.http.post(`/api/questions/${q.id}/status`).set(auth(coord)).send({ status: 'retired' }).expect(200);
      const [row] = await t.db.query('SELECT status, current_version FROM question WHERE id = $1', [q.id]);
      expect(row).toEqual({ status: 'retired', current_version: 2 });
    });

    it('an invalid draft may be saved but not published; a published question cannot be edited into an invalid one', async () => {
      const q = await create({ correct: [] });
      expect(q.problems.map((p: { code: string }) => p.code)).toEqual(['NO_CORRECT_ANSWER']);
      const res = await t.http.post(`/api/questions/${q.id}/status`).set(auth(coord)).send({ status: 'published' });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'QUESTION_INVALID', message: expect.stringContaining('Chưa chọn đáp án đúng') });

      const ok = await create({ publish: true });
      const bad = await t.http.put(`/api/questions/${ok.id}`).set(auth(coord)).send(body({ options: [{ id: 'a', text: 'Có' }, { id: 'b', text: 'có' }], correct: ['a'] }));
      expect(bad.status).toBe(422);
      expect(bad.body.message).toContain('trùng nội dung');
      expect((await t.db.query('SELECT count(*)::int AS n FROM question_version WHERE question_id = $1', [ok.id]))[0].n).toBe(1);
    });

    it('true/false questions get their fixed options', async () => {
      const q = await create({ type: 'true_false', options: [], correct: ['false'], publish: true });
      expect(q.current.options).toEqual([{ id: 'true', text: 'Đúng' }, { id: 'false', text: 'Sai' }]);
    });

    it('accepts any lesson and document ids (they live in other modules)', async () => {
      const lessonId = '6f1c2b4e-1111-4a2b-9c3d-000000000001';
      const q = await create({ lessonIds: [lessonId], documentIds: [lessonId] });
      expect(q.current).toMatchObject({ lessonIds: [lessonId], documentIds: [lessonId] });
    });
  });

  describe('formatted questions and per-option feedback', () => {
    it('stores HTML through the allow-list on create and on edit: formatting kept, script and handlers gone', async () => {
      const q = await create({
        format: 'html',
        stem: '<p>Chọn phương án <b>đúng</b><script>alert(1)</script></p><ul><li onclick="x()">một</li></ul><svg><image href="https://tracker.example/p.gif"/></svg>',
        options: [
          { id: 'a', text: '2010', feedback: '<i>Chưa</i> đúng' },
          { id: 'b', text: '<u>2015</u>', feedback: 'Đúng<iframe src="https://evil.example"></iframe>' },
          { id: 'c', text: '<a href="javascript:alert(1)">2020</a>' },
        ],
      });
      expect(q.current).toMatchObject({
        format: 'html',
        stem: '<p>Chọn phương án <strong>đúng</strong></p><ul><li>một</li></ul>',
        options: [
          { id: 'a', text: '2010', feedback: '<em>Chưa</em> đúng' },
          { id: 'b', text: '<u>2015</u>', feedback: 'Đúng' },
          { id: 'c', text: '<a target="_blank" rel="noopener noreferrer">2020</a>' },
        ],
      });
      // Lists and search read the text, not the markup.
      expect(q.stem).toBe('Chọn phương án đúng\n• một');
      expect((await list({ q: 'phuong an dung' })).items.map((i: { id: string }) => i.id)).toContain(q.id);
      const edited = await t.http
        .put(`/api/questions/${q.id}`)
        .set(auth(coord))
        .send(body({ format: 'html', stem: '<p onmouseover="x()">Sửa <sup>2</sup></p><style>p{}</style>', expectedVersion: 1 }))
        .expect(200);
      expect(edited.body.current).toMatchObject({ format: 'html', stem: '<p>Sửa <sup>2</sup></p>', version: 2 });
      const stored: { stem: string }[] = await t.db.query('SELECT stem FROM question_version WHERE question_id = $1 ORDER BY version', [q.id]);
      expect(stored.map((r) => r.stem).join('')).not.toMatch(/script|onclick|onmouseover|iframe|javascript|tracker|style/i);
    });

    it('plain questions stay plain: markup-looking text is text, and per-option feedback is kept', async () => {
      const q = await create({ stem: 'Biểu thức <b>a < b</b> có nghĩa gì?', options: [{ id: 'a', text: 'Nhỏ hơn', feedback: 'Đúng: a nhỏ hơn b.' }, { id: 'b', text: 'Lớn hơn' }], correct: ['a'] });
      expect(q.current).toMatchObject({ format: 'plain', stem: 'Biểu thức <b>a < b</b> có nghĩa gì?', options: [{ id: 'a', text: 'Nhỏ hơn', feedback: 'Đúng: a nhỏ hơn b.' }, { id: 'b', text: 'Lớn hơn' }] });
      // HTML whose markup only makes paragraphs is stored as text.
      const p = await create({ format: 'html', stem: '<p>Chỉ có đoạn văn &amp; chữ</p>' });
      expect(p.current).toMatchObject({ format: 'plain', stem: 'Chỉ có đoạn văn & chữ' });
    });

    it('refuses an image the platform has not stored (pasted data:, another site): never dropped without a word', async () => {
      for (const img of ['<img src="data:image/png;base64,iVBORw0KGgo=">', '<img src="https://tracker.example/p.gif">']) {
        const res = await t.http.post('/api/questions').set(auth(coord)).send(body({ format: 'html', stem: `<p>Hình ${img}</p>` }));
        expect(`${res.status} ${res.body.code}`).toBe('400 QUESTION_IMAGE_NOT_STORED');
        expect(res.body.message).toContain('Chèn hình');
      }
      const inOption = await t.http.post('/api/questions').set(auth(coord)).send(body({ format: 'html', options: [{ id: 'a', text: 'x' }, { id: 'b', text: '<img src="//evil.example/a.png">' }] }));
      expect(inOption.status).toBe(400);
    });

    it('refuses an unknown format and an HTML stem past its limit', async () => {
      expect((await t.http.post('/api/questions').set(auth(coord)).send(body({ format: 'markdown' }))).status).toBe(400);
      expect((await t.http.post('/api/questions').set(auth(coord)).send(body({ format: 'html', stem: `<p>${'x'.repeat(20_000)}</p>` }))).status).toBe(400);
      // An HTML stem may be longer than a plain one (markup counts).
      expect((await t.http.post('/api/questions').set(auth(coord)).send(body({ format: 'html', stem: `<p><b>${'x'.repeat(3000)}</b></p>${'<p><b>y</b></p>'.repeat(200)}` }))).status).toBe(201);
    });
  });

  describe('search and filters', () => {
    let a: { id: string; code: string };
    let b: { id: string };
    let c: { id: string };
    beforeAll(async () => {
      a = await create({ topicId: topics['CCHC.TTHC'], stem: 'Thủ tục hành chính được công khai ở đâu?', options: [{ id: 'a', text: 'Bộ phận một cửa' }, { id: 'b', text: 'Nhà văn hóa' }], correct: ['a'], difficulty: 'hard', tags: ['QĐ 1718'] });
      b = await create({ topicId: topics.VHCV, type: 'true_false', options: [], correct: ['true'], stem: 'Công chức phải đeo thẻ khi thi hành công vụ.', publish: true });
      c = await create({ topicId: topics['CCHC.CQS'], type: 'multiple', stem: 'Dịch vụ công trực tuyến', options: [{ id: 'a', text: 'Chữ ký số' }, { id: 'b', text: 'Thanh toán trực tuyến' }, { id: 'c', text: 'Nộp tiền mặt tại quầy' }], correct: ['a', 'b'], difficulty: 'medium' });
    });

    it('finds with or without diacritics over code, stem and options', async () => {
      for (const q of ['thu tuc hanh chinh', 'Thủ tục hành chính', 'THU TUC', 'mot cua', a.code.toLowerCase()]) {
        expect((await list({ q })).items.map((i: { id: string }) => i.id)).toEqual([a.id]);
      }
      expect((await list({ q: 'chu ky so' })).items.map((i: { id: string }) => i.id)).toEqual([c.id]);
      expect((await list({ q: '100%_' })).total).toBe(0);
    });

    it('filters by topic including sub-topics, difficulty, type, status and tag, with paging', async () => {
      const ids = async (query: Record<string, string>) => (await list(query)).items.map((i: { id: string }) => i.id).sort();
      expect(await ids({ topicId: topics.CCHC })).toEqual([a.id, c.id].sort());
      expect(await ids({ topicId: topics.CCHC, includeSubtopics: 'false' })).toEqual([]);
      expect(await ids({ topicId: topics.CCHC, difficulty: 'hard' })).toEqual([a.id]);
      expect(await ids({ type: 'true_false', topicId: topics.VHCV })).toEqual([b.id]);
      expect(await ids({ topicId: topics.CCHC, status: 'draft' })).toEqual([a.id, c.id].sort());
      expect(await ids({ tag: 'QĐ 1718' })).toEqual([a.id]);
      const page = (await t.http.get('/api/questions').query({ pageSize: '2', page: '1' }).set(auth(coord)).expect(200)).body;
      expect(page.items).toHaveLength(2);
      expect(page.total).toBe(await count());
      expect((await t.http.get('/api/questions/tags').set(auth(coord)).expect(200)).body).toContain('QĐ 1718');
    });
  });

  describe('bulk tag and bulk retire', () => {
    it('tags and retires all chosen questions in one go', async () => {
      const q1 = await create({ publish: true });
      const q2 = await create({ tags: ['cũ'] });
      expect((await t.http.post('/api/questions/bulk/tag').set(auth(coord)).send({ ids: [q1.id, q2.id], add: ['Đề án 1439'], remove: ['cũ'] }).expect(200)).body).toEqual({ updated: 2 });
      const tags = await t.db.query('SELECT tags FROM question WHERE id = ANY($1) ORDER BY created_at', [[q1.id, q2.id]]);
      expect(tags).toEqual([{ tags: ['Đề án 1439'] }, { tags: ['Đề án 1439'] }]);
      expect((await t.http.post('/api/questions/bulk/retire').set(auth(coord)).send({ ids: [q1.id, q2.id] }).expect(200)).body).toEqual({ updated: 2 });
      const statuses = await t.db.query('SELECT DISTINCT status FROM question WHERE id = ANY($1)', [[q1.id, q2.id]]);
      expect(statuses).toEqual([{ status: 'retired' }]);
    });

    it('one unknown id and nothing changes', async () => {
      const q1 = await create({ publish: true });
      const ghost = '00000000-0000-4000-8000-000000000000';
      const res = await t.http.post('/api/questions/bulk/retire').set(auth(coord)).send({ ids: [q1.id, ghost] });
      expect(`${res.status} ${res.body.code}`).toBe('404 QUESTIONS_NOT_FOUND');
      const tag = await t.http.post('/api/questions/bulk/tag').set(auth(coord)).send({ ids: [q1.id, ghost], add: ['x'] });
      expect(tag.status).toBe(404);
      expect((await t.db.query('SELECT status, tags FROM question WHERE id = $1', [q1.id]))[0]).toEqual({ status: 'published', tags: [] });
    });
  });

  describe('import', () => {
    const upload = (path: string, query: Record<string, string>, name: string, content: Buffer | string) =>
      t.http.post(`/api/questions/import/${path}`).query(query).set(auth(coord)).attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content), name);

    const gift = ['// Bộ câu hỏi', '$CATEGORY: $course$/top/VHCV', '', '::A::Công chức tiếp dân cần có thái độ nào? {=Tôn trọng, lắng nghe ~Thờ ơ ~Hách dịch ####Theo QĐ 1847}', '', 'Giờ hành chính cần đeo thẻ công chức. {T}', ''].join('\n');

    it('GIFT: dry run reports, commit writes drafts (or published with the flag)', async () => {
      const before = await count();
      const dry = await upload('dry-run', { format: 'gift' }, 'cau-hoi.gift.txt', gift).expect(200);
      expect(dry.body).toMatchObject({ format: 'gift', total: 2, valid: 2, problems: [], committed: false, status: 'draft' });
      expect(await count()).toBe(before);
      const commit = await upload('commit', { format: 'gift', publish: 'true' }, 'cau-hoi.gift.txt', gift).expect(200);
      expect(commit.body).toMatchObject({ committed: true, status: 'published', createdCodes: [expect.any(String), expect.any(String)] });
      const rows = await t.db.query(
        `SELECT q.status, t.code AS topic, v.type, v.explanation FROM question q JOIN topic t ON t.id = q.topic_id
           JOIN question_version v ON v.question_id = q.id WHERE q.code = ANY($1) ORDER BY q.code`,
        [commit.body.createdCodes],
      );
      expect(rows).toEqual([
        { status: 'published', topic: 'VHCV', type: 'single', explanation: 'Theo QĐ 1847' },
        { status: 'published', topic: 'VHCV', type: 'true_false', explanation: null },
      ]);
    });

    it('GIFT with one bad question: every problem with its line, and commit writes nothing (422)', async () => {
      const bad = `${gift}\nCâu thiếu ngoặc {=a ~b\n\nKhông có đáp án đúng {~a ~b}\n`;
      const dry = await upload('dry-run', { format: 'gift' }, 'x.txt', bad).expect(200);
      expect(dry.body.problems.map((p: { position: number; code: string }) => [p.position, p.code])).toEqual([
        [8, 'GIFT_UNCLOSED_BRACE'],
        [10, 'NO_CORRECT_ANSWER'],
      ]);
      expect(dry.body.problems[1].message).toBe('Dòng 10: Chưa chọn đáp án đúng.');
      const before = await count();
      const commit = await upload('commit', { format: 'gift' }, 'x.txt', bad);
      expect(commit.status).toBe(422);
      expect(commit.body.code).toBe('IMPORT_HAS_ERRORS');
      expect(commit.body.details.problems).toHaveLength(2);
      expect(await count()).toBe(before);
    });

    it('Moodle XML: categories map to topics in the dry run, unsupported types are listed and skipped only when confirmed, keys and feedback kept', async () => {
      const xml = readFileSync(path.join(__dirname, '../support/fixtures/moodle/moodle-export.xml'));
      const dry = await upload('dry-run', { format: 'moodlexml' }, 'moodle.xml', xml).expect(200);
      // Two categories, neither a topic code and no default: each needs a topic; the rest is reported by line.
      expect(dry.body.categories).toEqual([
        { category: '$course$/top/Default for CCHC-2024', count: 1, topicCode: null, source: null },
        { category: '$course$/top/Default for CCHC-2024/Văn hóa công vụ', count: 3, topicCode: null, source: null },
      ]);
      expect(dry.body.unsupported).toEqual([
        { kind: 'essay', label: 'Tự luận', count: 2, positions: [expect.any(Number), expect.any(Number)] },
        { kind: 'matching', label: 'Ghép nối', count: 1, positions: [expect.any(Number)] },
        { kind: 'shortanswer', label: 'Trả lời ngắn', count: 1, positions: [expect.any(Number)] },
        { kind: 'description', label: 'Đoạn mô tả (không phải câu hỏi)', count: 1, positions: [expect.any(Number)] },
      ]);
      // A question with an image is no longer refused (its image is stored as a file).
      expect(dry.body.problems.map((p: { code: string }) => p.code).sort()).toEqual(['MOODLE_PARTIAL_CREDIT', 'TOPIC_NOT_FOUND', 'TOPIC_NOT_FOUND', 'TOPIC_NOT_FOUND', 'TOPIC_NOT_FOUND']);
      expect(dry.body.total).toBe(10);

      // The author maps one category, leaves the other to the default topic, and fixes the refused question.
      const fixed = xml.toString('utf8').replace('<answer fraction="50" format="plain_text">', '<answer fraction="0" format="plain_text">');
      const mapping = JSON.stringify({ '$course$/top/Default for CCHC-2024/Văn hóa công vụ': 'VHCV' });
      const mapped = await upload('dry-run', { format: 'moodlexml', topicCode: 'CCHC', categoryTopics: mapping }, 'moodle.xml', fixed).expect(200);
      expect(mapped.body.problems).toEqual([]);
      expect(mapped.body.categories.map((c: { topicCode: string; source: string }) => `${c.topicCode}:${c.source}`)).toEqual(['CCHC:default', 'VHCV:mapping']);
      expect(mapped.body.valid).toBe(5);

      // Unsupported questions not confirmed: 422 and nothing written.
      const before = await count();
      const refused = await upload('commit', { format: 'moodlexml', topicCode: 'CCHC', categoryTopics: mapping }, 'moodle.xml', fixed).expect(422);
      expect(refused.body.code).toBe('IMPORT_UNSUPPORTED_NOT_CONFIRMED');
      expect(refused.body.message).toContain('5 câu hỏi loại chưa hỗ trợ (Tự luận: 2; Ghép nối: 1; Trả lời ngắn: 1; Đoạn mô tả (không phải câu hỏi): 1)');
      expect(await count()).toBe(before);

      const commit = await upload('commit', { format: 'moodlexml', topicCode: 'CCHC', categoryTopics: mapping, skipUnsupported: 'true' }, 'moodle.xml', fixed).expect(200);
      expect(commit.body.createdCodes).toHaveLength(5);
      expect(await count()).toBe(before + 5);
      const rows = await t.db.query(
        `SELECT t.code AS topic, v.type, v.format, v.stem, v.options, v.correct, v.explanation, q.tags FROM question q JOIN question_version v ON v.question_id = q.id JOIN topic t ON t.id = q.topic_id
          WHERE q.code = ANY($1) ORDER BY q.code`,
        [commit.body.createdCodes],
      );
      expect(rows.map((r: { topic: string; type: string; format: string; correct: string[] }) => `${r.topic} ${r.type} ${r.format} ${r.correct.join(',')}`)).toEqual([
        'CCHC single html a',
        'CCHC single plain a',
        'VHCV multiple html a,b',
        'VHCV true_false plain true',
        'VHCV single html a',
      ]);
      const oneStop = rows.find((r: { stem: string }) => r.stem.startsWith('<p>Theo <strong>Nghị định 61'));
      expect(oneStop.explanation).toBe('<p>Xem <em>Điều 7</em>.</p>');
      expect(oneStop.options[0]).toEqual({ id: 'a', text: '<p>Trung tâm Phục vụ hành chính công tỉnh</p>', feedback: '<p>Đúng: Điều 7 Nghị định 61.</p>' });
      expect(oneStop.options[2].text).toBe('<p>UBND cấp xã &amp; phường</p>');
      expect(oneStop.tags).toEqual(['một cửa', 'NĐ 61']);
      // The question with an image keeps it, as a stored file.
      expect(rows[4].stem).toMatch(/^<p>Bước nào còn thiếu trong sơ đồ\?<\/p><p><img src="\/api\/question-images\/[0-9a-f-]{36}" alt="sơ đồ" width="400" \/><\/p>$/);
      expect(rows.map((r: { stem: string }) => r.stem).join(' ')).not.toMatch(/@@PLUGINFILE@@|data:|<script/);

      const badMapping = await upload('dry-run', { format: 'moodlexml', categoryTopics: '{khong phai json' }, 'moodle.xml', fixed).expect(400);
      expect(badMapping.body.code).toBe('IMPORT_BAD_CATEGORY_MAPPING');
      const unknownTopic = await upload('dry-run', { format: 'moodlexml', categoryTopics: JSON.stringify({ x: 'KHONG.CO' }) }, 'moodle.xml', fixed).expect(200);
      expect(unknownTopic.body.problems[0].message).toContain('chủ đề "KHONG.CO", nhưng chủ đề này không có');
      const notXml = await upload('dry-run', { format: 'moodlexml' }, 'a.xml', 'đây không phải XML <quiz').expect(200);
      expect(notXml.body.problems[0].code).toBe('MOODLE_XML_MALFORMED');
    });

    it('GIFT from a real Moodle export: its category applies the default topic, [html] stays formatted, partial credit is refused by line, keys unchanged', async () => {
      const moodle = readFileSync(path.join(__dirname, '../support/fixtures/moodle/moodle-export.gift.txt'));
      const noDefault = await upload('dry-run', { format: 'gift' }, 'moodle.gift.txt', moodle).expect(200);
      expect(noDefault.body.problems.find((p: { code: string }) => p.code === 'TOPIC_NOT_FOUND').message).toContain('danh mục Moodle "$course$/top/Default for CCHC-2024" chưa gắn với chủ đề nào');
      const dry = await upload('dry-run', { format: 'gift', topicCode: 'CCHC' }, 'moodle.gift.txt', moodle).expect(200);
      expect(dry.body.problems.map((p: { code: string }) => p.code)).toEqual(['GIFT_PARTIAL_CREDIT']);
      expect(dry.body.valid).toBe(3);
      expect(dry.body.questions.filter((q: { ok: boolean }) => q.ok).map((q: { topicCode: string }) => q.topicCode)).toEqual(['CCHC', 'CCHC', 'CCHC']);
      // The partial-credit question stops the commit: nothing is written until the author fixes or removes it.
      const before = await count();
      expect((await upload('commit', { format: 'gift', topicCode: 'CCHC' }, 'moodle.gift.txt', moodle)).status).toBe(422);
      expect(await count()).toBe(before);
      const fixed = moodle.toString('utf8').replace('~%50%[plain]Ngày làm việc, trừ ngày lễ', '~[plain]Ngày làm việc, trừ ngày lễ');
      const commit = await upload('commit', { format: 'gift', topicCode: 'CCHC' }, 'moodle.gift.txt', fixed).expect(200);
      const rows = await t.db.query(
        `SELECT v.format, v.stem, v.options, v.correct FROM question q JOIN question_version v ON v.question_id = q.id WHERE q.code = ANY($1) ORDER BY q.code`,
        [commit.body.createdCodes],
      );
      // Markers are never text; formatted questions stay HTML, the one without formatting is plain text.
      expect(JSON.stringify(rows)).not.toMatch(/\[(html|plain|markdown|moodle)\]/);
      expect(rows.map((r: { format: string; stem: string }) => `${r.format}: ${r.stem}`)).toEqual([
        'html: <p>Theo <strong>Nghị định 61/2018/NĐ-CP</strong>, bộ phận một cửa cấp tỉnh được tổ chức tại đâu?</p>',
        'plain: Thời hạn giải quyết thủ tục được tính theo?',
        'html: Chọn <strong>hai</strong> lĩnh vực thuộc chương trình CCHC',
        'html: <ul><li>Chuẩn mực ứng xử</li><li>Đạo đức công vụ</li></ul>là nội dung của QĐ 1847/QĐ-TTg.',
      ]);
      const deadline = rows.find((r: { stem: string }) => r.stem.startsWith('Thời hạn'));
      expect(deadline.options.map((o: { text: string }) => o.text)).toEqual(['Ngày làm việc', 'Ngày làm việc, trừ ngày lễ', 'Ngày dương lịch']);
      expect(deadline.correct).toEqual(['a']);
    });

    it('Aiken: needs a topic; reports an ANSWER out of range by line', async () => {
      const aiken = 'Ai chủ trì thẩm định TTHC?\nA. Sở Tư pháp\nB. Sở Du lịch\nANSWER: A\n\nCâu hai?\nA. X\nB. Y\nANSWER: D\n';
      const noTopic = await upload('dry-run', { format: 'aiken' }, 'a.txt', aiken).expect(200);
      expect(noTopic.body.problems.map((p: { position: number; code: string }) => [p.position, p.code])).toEqual([
        [1, 'TOPIC_NOT_FOUND'],
        [9, 'AIKEN_ANSWER_OUT_OF_RANGE'],
      ]);
      const before = await count();
      expect((await upload('commit', { format: 'aiken', topicCode: 'CCHC.TTHC' }, 'a.txt', aiken)).status).toBe(422);
      expect(await count()).toBe(before);
      const good = await upload('commit', { format: 'aiken', topicCode: 'cchc.tthc', difficulty: 'hard' }, 'a.txt', aiken.split('\n\n')[0]).expect(200);
      const [row] = await t.db.query(`SELECT q.difficulty, q.status, t.code FROM question q JOIN topic t ON t.id = q.topic_id WHERE q.code = $1`, [good.body.createdCodes[0]]);
      expect(row).toEqual({ difficulty: 'hard', status: 'draft', code: 'CCHC.TTHC' });
    });

    it('Excel: the template downloads with a Vietnamese guide and drop-downs, and a filled file imports', async () => {
      const tpl = await t.http.get('/api/questions/import/template.xlsx').set(auth(coord)).buffer(true).parse(binary).expect(200);
      const wb = new Workbook();
      await wb.xlsx.load(tpl.body);
      expect(wb.worksheets.map((s) => s.name)).toEqual(['Câu hỏi', 'Hướng dẫn']);
      const sheet = wb.getWorksheet('Câu hỏi')!;
      expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(QUESTION_SHEET_COLUMNS.map((c) => c.header));
      const validations = (sheet as unknown as { dataValidations: { model: Record<string, { formulae: string[] }> } }).dataValidations.model;
      expect(Object.values(validations).map((v) => v.formulae[0])).toEqual(expect.arrayContaining(['"Một đáp án đúng,Nhiều đáp án đúng,Đúng / Sai"', '"Dễ,Trung bình,Khó"']));
      expect(JSON.stringify(wb.getWorksheet('Hướng dẫn')!.getSheetValues())).toContain('CCHC.TTHC');

      // The template's example rows are valid questions; a bad row makes the whole file fail.
      sheet.addRow([4, '', 'KHONGCO', 'Một đáp án đúng', 'Dễ', 'Câu?', 'x', 'y', '', '', '', '', '', '', 'C']);
      const file = Buffer.from(await wb.xlsx.writeBuffer());
      const dry = await upload('dry-run', { format: 'xlsx' }, 'cau-hoi.xlsx', file).expect(200);
      expect(dry.body.problems.map((p: { position: number; code: string }) => [p.position, p.code])).toEqual([
        [5, 'CORRECT_OUT_OF_RANGE'],
      ]);
      const before = await count();
      expect((await upload('commit', { format: 'xlsx' }, 'cau-hoi.xlsx', file)).status).toBe(422);
      expect(await count()).toBe(before);
      sheet.spliceRows(5, 1);
      const fixed = Buffer.from(await wb.xlsx.writeBuffer());
      const ok = await upload('commit', { format: 'xlsx' }, 'cau-hoi.xlsx', fixed).expect(200);
      expect(ok.body.createdCodes).toHaveLength(3);
      expect(await count()).toBe(before + 3);
    });

    it('bad input: no file, unknown format, binary text, a broken xlsx', async () => {
      const noFile = await t.http.post('/api/questions/import/dry-run').query({ format: 'gift' }).set(auth(coord)).send({});
      expect(`${noFile.status} ${noFile.body.code}`).toBe('400 FILE_REQUIRED');
      expect((await upload('dry-run', { format: 'docx' }, 'a.txt', 'x')).status).toBe(400);
      const latin1 = await upload('dry-run', { format: 'gift' }, 'a.txt', Buffer.from([0x43, 0xe2, 0x75, 0x20, 0x7b, 0x54, 0x7d]));
      expect(`${latin1.status} ${latin1.body.code}`).toBe('400 FILE_UNREADABLE');
      const broken = await upload('dry-run', { format: 'xlsx' }, 'a.xlsx', 'không phải excel');
      expect(`${broken.status} ${broken.body.code}`).toBe('400 FILE_UNREADABLE');
      const empty = await upload('dry-run', { format: 'gift' }, 'a.txt', '\n').expect(200);
      expect(empty.body.problems).toEqual([{ position: 1, code: 'EMPTY_FILE', message: 'Tệp không có câu hỏi nào.' }]);
    });
  });

  describe('export', () => {
    it('GIFT export of a filtered bank round-trips through the parser', async () => {
      const res = await t.http.get('/api/questions/export.gift').query({ topicId: topics.CCHC }).set(auth(coord)).buffer(true).parse(binary).expect(200);
      expect(res.headers['content-type']).toContain('text/plain');
      const parsed = parseGift(res.body.toString('utf8'));
      expect(parsed.problems).toEqual([]);
      const bank = await list({ topicId: topics.CCHC });
      expect(parsed.questions.map((q) => q.title).sort()).toEqual(bank.items.map((i: { code: string }) => i.code).sort());
      for (const q of parsed.questions) {
        const [v] = await t.db.query(`SELECT v.stem, v.options, v.correct, v.type FROM question q JOIN question_version v ON v.question_id = q.id AND v.version = q.current_version WHERE q.code = $1`, [q.title]);
        expect({ stem: q.stem, options: q.options, correct: q.correct, type: q.type }).toEqual(v);
      }
    });

    it('Excel export re-imports as the same questions', async () => {
      const res = await t.http.get('/api/questions/export.xlsx').query({ topicId: topics.VHCV }).set(auth(coord)).buffer(true).parse(binary).expect(200);
      const exported = (await list({ topicId: topics.VHCV })).total;
      const dry = await upload2(res.body);
      expect(dry).toMatchObject({ total: exported, valid: exported, problems: [] });
    });

    const upload2 = async (buffer: Buffer) =>
      (await t.http.post('/api/questions/import/dry-run').query({ format: 'xlsx' }).set(auth(coord)).attach('file', buffer, 'xuat.xlsx').expect(200)).body;
  });

  describe('authorization and bad input', () => {
    it('learners and unit officers cannot read the bank (it holds the answers)', async () => {
      const q = await create({ publish: true });
      for (const user of ['learner', 'commune.officer']) {
        const token = await login(t.http, user);
        for (const url of ['/api/questions', `/api/questions/${q.id}`, `/api/questions/${q.id}/versions`, '/api/questions/export.gift', '/api/questions/export.xlsx']) {
          expect((await t.http.get(url).set(auth(token))).status).toBe(403);
        }
      }
    });

    it('rejects malformed requests with 400 and unknown ids with 404', async () => {
      const bad = [
        body({ topicId: 'x' }),
        body({ type: 'essay' }),
        body({ difficulty: 'very hard' }),
        body({ options: 'a,b' }),
        body({ options: [{ id: 'A B', text: 'x' }] }),
        body({ lessonIds: ['not-a-uuid'] }),
        body({ correct: ['a', 'a'] }),
        body({ stem: 'x'.repeat(4001) }),
        body({ tags: ['a,b'] }),
      ];
      for (const b of bad) expect((await t.http.post('/api/questions').set(auth(coord)).send(b)).status).toBe(400);
      const noTopic = await t.http.post('/api/questions').set(auth(coord)).send(body({ topicId: '00000000-0000-4000-8000-000000000000' }));
      expect(`${noTopic.status} ${noTopic.body.code}`).toBe('404 TOPIC_NOT_FOUND');
      expect((await t.http.get('/api/questions/khong-phai-uuid').set(auth(coord))).body.code).toBe('INVALID_ID');
      expect((await t.http.put('/api/questions/00000000-0000-4000-8000-000000000000').set(auth(coord)).send(body())).status).toBe(404);
      expect((await t.http.get('/api/questions').query({ difficulty: 'x' }).set(auth(coord))).status).toBe(400);
      expect((await t.http.post('/api/questions/bulk/retire').set(auth(coord)).send({ ids: [] })).status).toBe(400);
    });
  });
});

/** supertest parser that keeps the body as bytes (downloads). */
function binary(res: Response, cb: (err: Error | null, body: Buffer) => void) {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
}
