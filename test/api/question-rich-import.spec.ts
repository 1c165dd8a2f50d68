import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Workbook } from 'exceljs';
import type { Response } from 'supertest';
import { QuestionImagesService } from '@api/question-bank/question-images.service';
import { FileStorage } from '@api/storage';
import { waitFor } from '../support/wait';
import { Role, UnitLevel } from '@cchc/shared';
import { createTestApp, insertPerson, insertUnit, insertUser, login, seedSmallProvince, SmallProvince, TestApp } from '../support/test-app';
import { allKeys, bearer, createOpenRound } from './test-round-fixtures';

const fixture = (name: string) => readFileSync(path.join(__dirname, '../support/fixtures/moodle', name));
const IMAGE_URL = /\/api\/question-images\/([0-9a-f-]{36})/g;

/** Rich Moodle questions: formatting and images kept through import, the test page and review. */
describe('rich question import: formatting, images stored as files, per-option feedback', () => {
  let t: TestApp;
  let p: SmallProvince;
  let coord: string;
  let learner: string;
  let topicId: string;

  const upload = (step: 'dry-run' | 'commit', query: Record<string, string>, name: string, content: Buffer) =>
    t.http.post(`/api/questions/import/${step}`).query(query).set(bearer(coord)).attach('file', content, name);
  const counts = async () => {
    const [row] = await t.db.query(`SELECT (SELECT count(*)::int FROM question) AS questions, (SELECT count(*)::int FROM question_image) AS images`);
    let files = 0;
    for await (const key of t.app.get(FileStorage).keys()) if (key) files++;
    return { ...row, files };
  };
  const imageIds = (html: string) => [...html.matchAll(IMAGE_URL)].map((m) => m[1]);

  beforeAll(async () => {
    t = await createTestApp();
    p = await seedSmallProvince(t.db);
    coord = await login(t.http, 'coord');
    learner = await login(t.http, 'learner');
    [{ id: topicId }] = await t.db.query(`SELECT id FROM topic WHERE code = 'CCHC'`);
  });
  afterAll(() => t.close());

  it('a broken image is a dry-run problem on its question, in Vietnamese; the commit writes nothing, no file either', async () => {
    const before = await counts();
    const dry = await upload('dry-run', { format: 'moodlexml', topicCode: 'CCHC' }, 'hinh-hong.xml', fixture('moodle-broken-images.xml')).expect(200);
    expect(dry.body).toMatchObject({ total: 4, valid: 1 });
    const lines = fixture('moodle-broken-images.xml').toString('utf8').split('\n');
    // The <question> line: the one before its name (0-based index of the name = 1-based line of the question).
    const lineOf = (name: string) => lines.findIndex((l) => l.includes(`<text>${name}</text>`));
    expect(dry.body.problems.map((x: { code: string; position: number; message: string }) => [x.code, x.position, x.message])).toEqual([
      ['IMAGE_INVALID', lineOf('Hình base64 hỏng'), expect.stringMatching(/^Dòng \d+: nội dung câu hỏi: hình thứ 1 có dữ liệu base64 hỏng\./)],
      ['IMAGE_INVALID', lineOf('Không phải ảnh'), expect.stringContaining('không phải ảnh PNG, JPEG, GIF hoặc WebP')],
      ['IMAGE_INVALID', lineOf('Thiếu tệp hình'), expect.stringContaining('"thieu.png") không có trong tệp XML')],
    ]);
    const commit = await upload('commit', { format: 'moodlexml', topicCode: 'CCHC' }, 'hinh-hong.xml', fixture('moodle-broken-images.xml'));
    expect(`${commit.status} ${commit.body.code}`).toBe('422 IMPORT_HAS_ERRORS');
    expect(await counts()).toEqual(before);
  });

  it('a failed commit removes the image files it had already written', async () => {
    const before = await counts();
    // A question the database refuses after the images are stored (a trigger stands in for any late failure).
    await t.db.query(`CREATE FUNCTION refuse_question() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$ LANGUAGE plpgsql`);
    await t.db.query(`CREATE TRIGGER refuse_question BEFORE INSERT ON question_version FOR EACH ROW EXECUTE FUNCTION refuse_question()`);
    try {
      const res = await upload('commit', { format: 'moodlexml', topicCode: 'CCHC' }, 'moodle.xml', fixture('moodle-rich.xml'));
      expect(res.status).toBe(500);
    } finally {
      await t.db.query(`DROP TRIGGER refuse_question ON question_version; DROP FUNCTION refuse_question()`);
    }
    expect(await counts()).toEqual(before);
  });

  describe('a Moodle XML export with formatting and images', () => {
    let codes: string[];
    let rows: { code: string; format: string; stem: string; options: { id: string; text: string; feedback?: string }[]; explanation: string | null }[];

    beforeAll(async () => {
      const res = await upload('commit', { format: 'moodlexml', topicCode: 'CCHC', publish: 'true' }, 'moodle.xml', fixture('moodle-rich.xml')).expect(200);
      codes = res.body.createdCodes;
      rows = await t.db.query(
        `SELECT q.code, v.format, v.stem, v.options, v.explanation FROM question q JOIN question_version v ON v.question_id = q.id AND v.version = q.current_version WHERE q.code = ANY($1) ORDER BY q.code`,
        [codes],
      );
    });

    it('keeps the formatting, drops the script, and points every image at a stored file', async () => {
      expect(codes).toHaveLength(2);
      const [diagram, plain] = rows;
      expect(diagram.format).toBe('html');
      expect(diagram.stem).toContain('<strong>bước thứ hai</strong>');
      expect(diagram.stem).toContain('<ul><li>Bước 1: <em>tiếp nhận</em></li>');
      expect(diagram.stem).toContain('<td>H<sub>2</sub> + m<sup>2</sup></td>');
      expect(diagram.stem).not.toMatch(/script|alert|style=|class=|@@PLUGINFILE@@|data:/);
      expect(diagram.stem).toMatch(/<img src="\/api\/question-images\/[0-9a-f-]{36}" alt="Sơ đồ quy trình 3 bước" width="250" height="100" \/>/);
      expect(imageIds(diagram.options[1].text)).toHaveLength(1);
      expect(diagram.options[0].feedback).toBe('<p>Đúng: sau khi <em>tiếp nhận</em> là giải quyết.</p>');
      expect(diagram.explanation).toBe('<p>Theo <u>Điều 19</u> Nghị định 61/2018/NĐ-CP.</p>');
      // A question whose HTML only makes paragraphs is stored as text.
      expect(plain).toMatchObject({ format: 'plain', stem: 'Bộ phận một cửa tiếp nhận hồ sơ trực tuyến.' });
      expect(plain.options).toEqual([
        { id: 'true', text: 'Đúng', feedback: 'Đúng, theo Nghị định 45/2020.' },
        { id: 'false', text: 'Sai', feedback: 'Chưa đúng.' },
      ]);
      // Two images referenced (the feedback's unreferenced file is not stored), each a row and a file, owned by the province.
      const images = await t.db.query(`SELECT id, province_id, mime, size FROM question_image WHERE id = ANY($1::uuid[])`, [[...imageIds(diagram.stem), ...imageIds(diagram.options[1].text)]]);
      expect(images).toHaveLength(2);
      expect(images.every((i: { province_id: string; mime: string }) => i.province_id === p.units.province.id && i.mime === 'image/png')).toBe(true);
    });

    it('exports read HTML as text (bullets, table cells, images named) in Excel, and as [html] in GIFT', async () => {
      const binary = (res: Response, done: (e: Error | null, b: Buffer) => void) => {
        const stream = res as unknown as NodeJS.ReadableStream;
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => done(null, Buffer.concat(chunks)));
      };
      const xlsx = await t.http.get('/api/questions/export.xlsx').query({ topicId }).set(bearer(coord)).buffer(true).parse(binary).expect(200);
      const wb = new Workbook();
      await wb.xlsx.load(xlsx.body as never);
      const cells = wb.worksheets[0].getSheetValues().flat().filter((v): v is string => typeof v === 'string');
      const stem = cells.find((c) => c.startsWith('Trong sơ đồ dưới đây'))!;
      expect(stem).toBe(
        'Trong sơ đồ dưới đây, bước thứ hai của quy trình giải quyết thủ tục hành chính là gì?\n[Hình: Sơ đồ quy trình 3 bước]\n• Bước 1: tiếp nhận\n• Bước 3: trả kết quả\nBước | Thời hạn\nTiếp nhận | 0,5 ngày\nTrả kết quả | H2 + m2',
      );
      expect(cells).toContain('Lưu trữ hồ sơ [Hình: con dấu]');
      expect(cells.find((c) => c.startsWith('Theo Điều 19'))).toBe('Theo Điều 19 Nghị định 61/2018/NĐ-CP.\nPhương án A: Đúng: sau khi tiếp nhận là giải quyết.\nPhương án B: Chưa đúng: lưu trữ là sau cùng.');
      const gift = await t.http.get('/api/questions/export.gift').query({ topicId }).set(bearer(coord)).expect(200);
      expect(gift.text).toContain('::[html]<p>Trong sơ đồ dưới đây, <strong>bước thứ hai</strong>');
      expect(gift.text).toMatch(/#<p>Đúng\\: sau khi <em>tiếp nhận<\/em> là giải quyết.<\/p>/);
    });

    it('a GIFT export carries its images; imported into another province they are stored there, and a bare address of this province\'s image is refused there', async () => {
      const other = await insertUnit(t.db, { code: 'K', name: 'UBND tỉnh Khác', level: UnitLevel.Province });
      const otherDept = await insertUnit(t.db, { code: 'K.SNV', name: 'Sở Nội vụ tỉnh Khác', level: UnitLevel.Department, parent: other });
      const otherStaff = await insertPerson(t.db, { staffCode: 'K001', fullName: 'Lê Văn Khác', unitId: otherDept.id });
      await insertUser(t.db, { username: 'coord.k', role: Role.Coordinator, unitId: otherDept.id });
      await insertUser(t.db, { username: 'learner.k', role: Role.Learner, unitId: otherDept.id, personId: otherStaff.id });
      const [otherCoord, otherLearner] = [await login(t.http, 'coord.k'), await login(t.http, 'learner.k')];
      const bytesOf = async (url: string, token: string) => {
        const res = await t.http.get(url).set(bearer(token)).buffer(true).parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => done(null, Buffer.concat(chunks)));
        });
        return { status: res.status, body: res.body as Buffer };
      };

      // Province T's images are not province K's: K's learner gets 404 for them.
      const originals = [...imageIds(rows[0].stem), ...imageIds(rows[0].options[1].text)];
      expect((await bytesOf(`/api/question-images/${originals[0]}`, otherLearner)).status).toBe(404);

      // The export embeds every image (GIFT escapes ':' and '='), and names no stored address.
      const gift = (await t.http.get('/api/questions/export.gift').query({ topicId }).set(bearer(coord)).expect(200)).text;
      expect(gift).not.toContain('/api/question-images/');
      expect(gift.match(/<img src\\="data\\:image\/png;base64,/g)).toHaveLength(2);

      const importK = (step: 'dry-run' | 'commit', text: string) =>
        t.http.post(`/api/questions/import/${step}`).query({ format: 'gift', topicCode: 'CCHC' }).set(bearer(otherCoord)).attach('file', Buffer.from(text), 'ngan-hang.gift.txt');
      const imported = await importK('commit', gift).expect(200);
      const diagram = imported.body.createdCodes as string[];
      const [copy] = await t.db.query(
        `SELECT q.province_id, v.stem, v.options FROM question q JOIN question_version v ON v.question_id = q.id AND v.version = q.current_version WHERE q.code = ANY($1) AND v.format = 'html'`,
        [diagram],
      );
      expect(copy.province_id).toBe(other.id);
      const copies = [...imageIds(copy.stem), ...imageIds(copy.options[1].text)];
      expect(copies).toHaveLength(2);
      expect(copies.some((id) => originals.includes(id))).toBe(false);
      // Stored again, in K's bank, byte for byte the originals, and K's learner sees them.
      expect((await t.db.query(`SELECT DISTINCT province_id FROM question_image WHERE id = ANY($1::uuid[])`, [copies])).map((r: { province_id: string }) => r.province_id)).toEqual([other.id]);
      for (const [i, id] of copies.entries()) {
        const mine = await bytesOf(`/api/question-images/${id}`, otherLearner);
        expect(mine.status).toBe(200);
        expect(Buffer.compare(mine.body, (await bytesOf(`/api/question-images/${originals[i]}`, learner)).body)).toBe(0);
      }

      // A file that names T's image by its address (an export made before images were embedded, or hand-written):
      // a problem on that question in K, in Vietnamese, and the commit writes nothing.
      const bare = `::K1::[html]<p>Xem hình <img src\\="/api/question-images/${originals[0]}"></p> {\n=Đúng\n~Sai\n}\n`;
      const dry = await importK('dry-run', bare).expect(200);
      expect(dry.body.valid).toBe(0);
      expect(dry.body.problems).toEqual([
        expect.objectContaining({ code: 'IMAGE_INVALID', message: expect.stringContaining('là hình của ngân hàng câu hỏi khác (hoặc không còn): người học ở đây không xem được') }),
      ]);
      expect((await importK('commit', bare)).body.code).toBe('IMPORT_HAS_ERRORS');
      // Nor can K's coordinator write T's image into a question by hand; T's own coordinator can.
      const withImage = { topicId, type: 'single', difficulty: 'easy', format: 'html', stem: `<p><img src="/api/question-images/${originals[0]}" alt="x"></p>`, options: [{ id: 'a', text: 'A' }, { id: 'b', text: 'B' }], correct: ['a'] };
      const refused = await t.http.post('/api/questions').set(bearer(otherCoord)).send(withImage);
      expect(`${refused.status} ${refused.body.code}`).toBe('400 QUESTION_IMAGE_NOT_STORED');
      expect(refused.body.message).toContain('không thuộc ngân hàng câu hỏi này');
      const mine = await t.http.post('/api/questions').set(bearer(coord)).send(withImage).expect(201);
      // Nor edit one of K's questions to show it.
      const kQuestion = (await t.db.query(`SELECT id FROM question WHERE code = ANY($1) AND province_id = $2 LIMIT 1`, [diagram, other.id]))[0].id as string;
      const current = (await t.http.get(`/api/questions/${kQuestion}`).set(bearer(otherCoord)).expect(200)).body.current;
      const edit = await t.http.put(`/api/questions/${kQuestion}`).set(bearer(otherCoord)).send({ ...withImage, topicId: current.topicId });
      expect(`${edit.status} ${edit.body.code}`).toBe('400 QUESTION_IMAGE_NOT_STORED');
      expect(mine.body.current.stem).toContain(originals[0]);
    });

    it('serves an image to a learner of the province, byte for byte, cacheable and not sniffable', async () => {
      const [id] = imageIds(rows[0].stem);
      const res = await t.http.get(`/api/question-images/${id}`).set(bearer(learner)).buffer(true).parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('image/png');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['cache-control']).toContain('immutable');
      const xml = fixture('moodle-rich.xml').toString('utf8');
      const original = Buffer.from(/<file name="sơ đồ quy trình.png"[^>]*>([^<]+)<\/file>/.exec(xml)![1], 'base64');
      expect(Buffer.compare(res.body as Buffer, original)).toBe(0);
      expect((await t.http.get(`/api/question-images/${id}`)).status).toBe(401);
      expect((await t.http.get('/api/question-images/00000000-0000-4000-8000-000000000000').set(bearer(learner))).body.code).toBe('QUESTION_IMAGE_NOT_FOUND');
    });

    it('the test page gets the formatted question without any feedback; review shows it beside the options', async () => {
      const roundId = await createOpenRound(t.http, coord, {
        name: 'Kiểm tra câu hỏi có hình',
        opensAt: new Date(Date.now() - 60_000).toISOString(),
        closesAt: new Date(Date.now() + 86_400_000).toISOString(),
        blueprint: [{ topicId, difficulty: 'medium', count: 2 }],
        timeLimitMinutes: 20,
        attemptsAllowed: 1,
        passMark: 5,
        reviewMode: 'full',
        audience: { unitId: p.units.communeA.id },
      });
      const started = await t.http.post(`/api/test-rounds/${roundId}/attempts`).set(bearer(learner)).expect(200);
      const diagram = started.body.questions.find((q: { format: string }) => q.format === 'html');
      expect(diagram.stem).toContain('<table>');
      expect(imageIds(diagram.stem)).toHaveLength(1);
      expect([...allKeys(started.body)].filter((k) => /feedback|correct|explanation/i.test(k))).toEqual([]);
      expect(JSON.stringify(started.body)).not.toContain('tiếp nhận</em> là giải quyết');
      const again = await t.http.get(`/api/attempts/${started.body.id}`).set(bearer(learner)).expect(200);
      expect(JSON.stringify(again.body)).not.toContain('Đúng, theo Nghị định 45/2020');

      const chosen = diagram.options.find((o: { text: string }) => o.text.includes('Lưu trữ')).id;
      await t.http.put(`/api/attempts/${started.body.id}/answers/${diagram.questionId}`).set(bearer(learner)).send({ choice: [chosen], seq: 1 }).expect(200);
      await t.http.post(`/api/attempts/${started.body.id}/submit`).set(bearer(learner)).expect(200);
      t.clock.advance(2 * 86_400_000);
      try {
        const result = await t.http.get(`/api/test-rounds/${roundId}/my-result`).set(bearer(learner)).expect(200);
        const review = result.body.review.find((q: { questionId: string }) => q.questionId === diagram.questionId);
        expect(review.format).toBe('html');
        expect(review.chosen).toEqual([chosen]);
        expect(review.options.find((o: { id: string }) => o.id === chosen).feedback).toBe('<p>Chưa đúng: lưu trữ là <strong>sau cùng</strong>.</p>');
        expect(review.options.find((o: { id: string }) => review.correct.includes(o.id)).feedback).toContain('<em>tiếp nhận</em>');
      } finally {
        t.clock.advance(-2 * 86_400_000);
      }
    });
  });

  it('GIFT [html] with a data: image stores it as a file; a bad one is a problem by line', async () => {
    const png = fixture('moodle-rich.xml').toString('utf8').match(/encoding="base64">([^<]+)</)![1];
    const gift = [
      '$CATEGORY: $course$/top/CCHC',
      '',
      `::Hình GIFT::[html]<p>Con dấu nào <b>đúng</b>?</p><p><img src\\="data:image/png;base64,${png}" alt\\="dấu"></p>{=[html]<i>Dấu tròn</i>#[html]Đúng ~Dấu vuông#Sai}`,
      '',
      '::Hình hỏng::[html]<p><img src\\="data:image/gif;base64,R0lGOD!!"></p> Chọn? {=A ~B}',
      '',
    ].join('\n');
    const dry = await upload('dry-run', { format: 'gift' }, 'hinh.gift.txt', Buffer.from(gift)).expect(200);
    expect(dry.body.problems).toEqual([{ position: 5, code: 'IMAGE_INVALID', message: 'Dòng 5: nội dung câu hỏi: hình thứ 1 có dữ liệu base64 hỏng.' }]);
    const good = gift.split('\n').slice(0, 3).join('\n');
    const res = await upload('commit', { format: 'gift' }, 'hinh.gift.txt', Buffer.from(good)).expect(200);
    const [row] = await t.db.query(`SELECT v.format, v.stem, v.options FROM question q JOIN question_version v ON v.question_id = q.id WHERE q.code = $1`, [res.body.createdCodes[0]]);
    expect(row.format).toBe('html');
    expect(imageIds(row.stem)).toHaveLength(1);
    expect(row.options).toEqual([
      { id: 'a', text: '<em>Dấu tròn</em>', feedback: 'Đúng' },
      { id: 'b', text: 'Dấu vuông', feedback: 'Sai' },
    ]);
  });

  it('an author uploads an image for a question: typed by its bytes, usable in a question, readable by a learner', async () => {
    const png = Buffer.from(fixture('moodle-rich.xml').toString('utf8').match(/encoding="base64">([^<]+)</)![1], 'base64');
    const author = await login(t.http, 'author');
    const up = await t.http.post('/api/question-images').set(bearer(author)).attach('file', png, 'so-do.png').expect(201);
    expect(up.body).toEqual({ id: expect.any(String), url: `/api/question-images/${up.body.id}`, mime: 'image/png', size: png.length });
    const q = await t.http
      .post('/api/questions')
      .set(bearer(author))
      .send({ topicId, type: 'single', difficulty: 'easy', format: 'html', stem: `<p>Xem hình <img src="${up.body.url}" alt="sơ đồ"></p>`, options: [{ id: 'a', text: 'A' }, { id: 'b', text: 'B' }], correct: ['a'] })
      .expect(201);
    expect(q.body.current.stem).toBe(`<p>Xem hình <img src="${up.body.url}" alt="sơ đồ" /></p>`);
    expect((await t.http.get(up.body.url).set(bearer(learner))).status).toBe(200);
    // Not an image by its bytes (an SVG named .png, an HTML page): 415, nothing stored.
    const before = await counts();
    for (const [name, content] of [['x.png', '<svg onload="alert(1)"/>'], ['x.jpg', '<html><script>alert(1)</script>']]) {
      const bad = await t.http.post('/api/question-images').set(bearer(author)).attach('file', Buffer.from(content), name);
      expect(`${bad.status} ${bad.body.code}`).toBe('415 QUESTION_IMAGE_INVALID');
    }
    const tooLarge = await t.http.post('/api/question-images').set(bearer(author)).attach('file', Buffer.concat([png, Buffer.alloc(2 * 1024 * 1024)]), 'lon.png');
    expect(`${tooLarge.status} ${tooLarge.body.code}`).toBe('413 FILE_TOO_LARGE');
    expect((await t.http.post('/api/question-images').set(bearer(learner)).attach('file', png, 'a.png')).status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('a week-old upload no question shows is swept, row and file; an image any version shows, and a recent upload, stay', async () => {
    const png = Buffer.from(fixture('moodle-rich.xml').toString('utf8').match(/encoding="base64">([^<]+)</)![1], 'base64');
    const author = await login(t.http, 'author');
    const upload = async () => (await t.http.post('/api/question-images').set(bearer(author)).attach('file', png, 'hinh.png').expect(201)).body as { id: string; url: string };
    const [unsaved, editedOut, recent] = [await upload(), await upload(), await upload()];
    // editedOut is shown by version 1 of a question and no longer by version 2: past attempts' review still needs it.
    const question = { topicId, type: 'single', difficulty: 'easy', format: 'html', options: [{ id: 'a', text: 'A' }, { id: 'b', text: 'B' }], correct: ['a'] };
    const created = await t.http.post('/api/questions').set(bearer(author)).send({ ...question, stem: `<p>Hình <img src="${editedOut.url}" alt="x"></p>` }).expect(201);
    await t.http.put(`/api/questions/${created.body.id}`).set(bearer(author)).send({ ...question, stem: '<p>Không còn hình</p>' }).expect(200);
    await t.db.query(`UPDATE question_image SET created_at = now() - interval '8 days' WHERE id <> $1`, [recent.id]);
    const images = async () => (await t.db.query(`SELECT id, file_key FROM question_image ORDER BY id`)) as { id: string; file_key: string }[];
    const before = await images();
    const storage = t.app.get(FileStorage);

    // A question being saved holds the sweep back until it commits (the sweep waits on the lock, not on time).
    const saving = await t.db.createQueryRunner();
    await saving.connect();
    await saving.startTransaction();
    await saving.query('SELECT pg_advisory_xact_lock_shared(727005)');
    const sweep = t.app.get(QuestionImagesService).sweepUnused();
    await waitFor('the sweep to wait for the saving transaction', async () => (await t.db.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = 727005 AND NOT granted`))[0].n === 1);
    expect((await images()).map((i) => i.id)).toEqual(before.map((i) => i.id));
    await saving.commitTransaction();
    await saving.release();

    expect(await sweep).toBe(1);
    const after = await images();
    expect(before.filter((i) => !after.some((a) => a.id === i.id)).map((i) => i.id)).toEqual([unsaved.id]);
    const unsavedKey = before.find((i) => i.id === unsaved.id)!.file_key;
    expect(await storage.size(unsavedKey)).toBeNull();
    expect((await t.db.query(`SELECT count(*)::int AS n FROM file_cleanup`))[0].n).toBe(0);
    for (const kept of after) expect(await storage.size(kept.file_key)).not.toBeNull();
    for (const id of [editedOut.id, recent.id]) expect((await t.http.get(`/api/question-images/${id}`).set(bearer(learner))).status).toBe(200);
    expect((await t.http.get(unsaved.url).set(bearer(learner))).body.code).toBe('QUESTION_IMAGE_NOT_FOUND');
    // Nothing more to sweep.
    expect(await t.app.get(QuestionImagesService).sweepUnused()).toBe(0);
  });
});
