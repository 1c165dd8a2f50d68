import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asUser, expectApiError, type ApiAs } from '../support/fixtures/api-client';
import { publishedCourse, topicId } from '../support/fixtures/courses';
import { countRows, snapshotTables } from '../support/fixtures/db-snapshot';
import { Role } from '@cchc/shared';
import { createTestApp, insertUser, login, seedSmallProvince, SmallProvince, TestApp } from '../support/test-app';

const pdfParse: (data: Buffer) => Promise<{ text: string }> = require('pdf-parse/lib/pdf-parse.js');

// jest ignores testTimeout inside `projects`; on a busy machine starting the app or browser needs more than 5 s.
jest.setTimeout(60_000);

const filesDir = mkdtempSync(path.join(os.tmpdir(), 'cchc-courses-'));
process.env.FILES_DIR = filesDir;

function storedFiles(dir = filesDir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? storedFiles(full) : [full];
  });
}

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 0x20), Buffer.from('\n%%EOF')]);

describe('Courses: authoring, learning, completion, certificates', () => {
  let t: TestApp;
  let p: SmallProvince;
  let author: ApiAs;
  let coord: ApiAs;
  let learner: ApiAs;
  let officer: ApiAs;

  beforeAll(async () => {
    t = await createTestApp();
    p = await seedSmallProvince(t.db);
    // The author works in the province (as the demo's bienson does), so the province's audit shows their changes.
    await t.db.query(`UPDATE user_account SET unit_id = $1 WHERE id = $2`, [p.units.dept.id, p.users.author.id]);
    author = asUser(t.http, await login(t.http, 'author'));
    coord = asUser(t.http, await login(t.http, 'coord'));
    learner = asUser(t.http, await login(t.http, 'learner'));
    officer = asUser(t.http, await login(t.http, 'commune.officer'));
  });
  afterAll(async () => {
    await t.close();
    rmSync(filesDir, { recursive: true, force: true });
  });

  describe('lifecycle', () => {
    it('a draft is invisible to learners until published; archived courses leave the catalogue', async () => {
      const { course } = await publishedCourse(author, t.db, { title: 'Cộng đồng ASEAN cơ bản', publish: false });
      expect(course.status).toBe('draft');
      expect(course.modules[0].lessons).toHaveLength(2);
      const titles = async () => (await learner.get('/api/courses').expect(200)).body.map((c: { title: string }) => c.title);
      expect(await titles()).not.toContain('Cộng đồng ASEAN cơ bản');
      expectApiError(await learner.get(`/api/courses/${course.id}`), 404, 'COURSE_NOT_FOUND');

      await author.patch(`/api/authoring/courses/${course.id}`, { status: 'published' }).expect(200);
      expect(await titles()).toContain('Cộng đồng ASEAN cơ bản');

      await author.patch(`/api/authoring/courses/${course.id}`, { status: 'archived' }).expect(200);
      expect(await titles()).not.toContain('Cộng đồng ASEAN cơ bản');
      const audit = (await coord.get('/api/audit?entityType=course').expect(200)).body.items.map((e: { summary: string }) => e.summary);
      expect(audit).toEqual(expect.arrayContaining(['Xuất bản khóa học "Cộng đồng ASEAN cơ bản"', 'Lưu trữ khóa học "Cộng đồng ASEAN cơ bản"']));
    });

    it('refuses to publish a course with no lesson, and unknown topics', async () => {
      const created = await author.post('/api/authoring/courses', { title: 'Khóa rỗng', topicIds: [], estimatedHours: 1 }).expect(201);
      expectApiError(await author.patch(`/api/authoring/courses/${created.body.id}`, { status: 'published' }), 400, 'COURSE_EMPTY');
      expectApiError(
        await author.post('/api/authoring/courses', { title: 'Khóa sai chủ đề', topicIds: ['00000000-0000-4000-8000-000000000000'], estimatedHours: 1 }),
        400,
        'COURSE_TOPIC_UNKNOWN',
      );
    });

    it('searches the catalogue without diacritics and filters by topic (with sub-topics)', async () => {
      await publishedCourse(author, t.db, { title: 'Cải cách thủ tục hành chính', topics: ['CCHC.TTHC'] });
      await publishedCourse(author, t.db, { title: 'Văn hóa công vụ', topics: ['VHCV'] });
      const search = async (q: string) => (await learner.get(`/api/courses?q=${encodeURIComponent(q)}`).expect(200)).body.map((c: { title: string }) => c.title);
      expect(await search('thu tuc hanh chinh')).toEqual(['Cải cách thủ tục hành chính']);
      expect(await search('VĂN HÓA')).toEqual(['Văn hóa công vụ']);
      expect(await search('van hoa cong vu')).toEqual(['Văn hóa công vụ']);
      const byTopic = (await learner.get(`/api/courses?topicId=${await topicId(t.db, 'CCHC')}`).expect(200)).body.map((c: { title: string }) => c.title);
      expect(byTopic).toEqual(['Cải cách thủ tục hành chính']);
    });
  });

  describe('authorization', () => {
    it('a learner or a unit officer cannot create or edit courses', async () => {
      const { course, lessonIds } = await publishedCourse(author, t.db, { title: 'Khóa không được sửa' });
      for (const who of [learner, officer]) {
        expectApiError(await who.post('/api/authoring/courses', { title: 'Khóa lạ', topicIds: [], estimatedHours: 1 }), 403, 'FORBIDDEN');
        expectApiError(await who.patch(`/api/authoring/courses/${course.id}`, { title: 'Đổi tên' }), 403, 'FORBIDDEN');
        expectApiError(await who.patch(`/api/authoring/lessons/${lessonIds[0]}`, { bodyHtml: '<p>x</p>' }), 403, 'FORBIDDEN');
      }
      expect((await learner.get(`/api/courses/${course.id}`).expect(200)).body.title).toBe('Khóa không được sửa');
    });

    it('an account without a person record cannot enrol or record progress, with a clear message', async () => {
      const { course, lessonIds } = await publishedCourse(author, t.db, { title: 'Khóa cho người có hồ sơ' });
      const res = await officer.post(`/api/courses/${course.id}/enrol`);
      expectApiError(res, 403, 'FORBIDDEN');
      expect(res.body.message).toMatch(/chưa gắn với hồ sơ cán bộ/);
      expectApiError(await officer.post(`/api/lessons/${lessonIds[0]}/progress`, { completed: true }), 403, 'FORBIDDEN');
      expectApiError(await officer.get('/api/my-learning'), 403, 'FORBIDDEN');
    });

    it("the unit officer's own \"Việc học của tôi\" does not tell them to contact themselves; a learner is sent to the officer", async () => {
      const own = await officer.get('/api/my-learning');
      expectApiError(own, 403, 'FORBIDDEN');
      expect(own.body.message).not.toMatch(/liên hệ cán bộ phụ trách/i);
      expect(own.body.message).toMatch(/^Đây là tài khoản cán bộ phụ trách đơn vị/);
      expect(own.body.message).toContain('đăng nhập bằng tài khoản cá nhân (tên đăng nhập là mã cán bộ viết thường)');
      expect(own.body.message).toContain('điều phối viên Sở Nội vụ');
      // The same words on every route that needs the caller's own person (here: the tests they would take).
      expect((await officer.get('/api/test-rounds/00000000-0000-4000-8000-000000000000/my-result').expect(403)).body.message).toBe(own.body.message);
      const learnerWithoutPerson = await insertUser(t.db, { username: 'hv.khong.ho.so', role: Role.Learner, unitId: p.units.communeA.id });
      const learner = asUser(t.http, await login(t.http, learnerWithoutPerson.username));
      expect((await learner.get('/api/my-learning').expect(403)).body.message).toMatch(/Hãy liên hệ cán bộ phụ trách đơn vị\.$/);
    });
  });

  describe('lesson content', () => {
    it('neutralises unsafe HTML: no script, no event handler, no javascript: link reaches a learner', async () => {
      const { lessonIds } = await publishedCourse(author, t.db, { title: 'Khóa an toàn' });
      await author
        .patch(`/api/authoring/lessons/${lessonIds[0]}`, {
          bodyHtml: '<p>Điều 1 <b>quan trọng</b></p><script>alert("x")</script><img src=x onerror="alert(1)"><a href="javascript:alert(1)">bấm</a><p onclick="steal()">Hết</p>',
        })
        .expect(200);
      const lesson = (await learner.get(`/api/lessons/${lessonIds[0]}`).expect(200)).body;
      expect(lesson.bodyHtml).toContain('<strong>quan trọng</strong>');
      expect(lesson.bodyHtml).toContain('<p>Hết</p>');
      expect(lesson.bodyHtml).not.toMatch(/<script|onerror|onclick|javascript:|<img/i);
      const stored = (await t.db.query(`SELECT body_html FROM lesson WHERE id = $1`, [lessonIds[0]]))[0].body_html;
      expect(stored).not.toMatch(/<script|onerror/i);
    });

    it('an external-link lesson needs an http(s) address', async () => {
      const { course } = await publishedCourse(author, t.db, { title: 'Khóa liên kết' });
      const moduleId = course.modules[0].id;
      expectApiError(await author.post(`/api/authoring/modules/${moduleId}/lessons`, { title: 'Cổng dịch vụ công', kind: 'link' }), 400, 'LESSON_CONTENT_MISSING');
      expectApiError(await author.post(`/api/authoring/modules/${moduleId}/lessons`, { title: 'Cổng', kind: 'link', url: 'javascript:alert(1)' }), 400);
      const ok = await author.post(`/api/authoring/modules/${moduleId}/lessons`, { title: 'Cổng dịch vụ công', kind: 'link', url: 'https://dichvucong.gov.vn' }).expect(201);
      expect(ok.body.url).toBe('https://dichvucong.gov.vn');
    });
  });

  describe('uploads', () => {
    let documentLessonId: string;
    let videoLessonId: string;

    beforeAll(async () => {
      const { course } = await publishedCourse(author, t.db, { title: 'Khóa có tài liệu' });
      const moduleId = course.modules[0].id;
      documentLessonId = (await author.post(`/api/authoring/modules/${moduleId}/lessons`, { title: 'Tài liệu QĐ 1439', kind: 'document' }).expect(201)).body.id;
      videoLessonId = (await author.post(`/api/authoring/modules/${moduleId}/lessons`, { title: 'Video giới thiệu', kind: 'video' }).expect(201)).body.id;
    });

    const learningTables = ['lesson', 'course', 'audit_log'];

    it.each([
      ['an executable', () => ({ lesson: documentLessonId, file: Buffer.from('MZ...'), name: 'tai-lieu.exe' }), 400, 'LESSON_FILE_TYPE'],
      ['a PDF given to a video lesson', () => ({ lesson: videoLessonId, file: PDF, name: 'video.pdf' }), 400, 'LESSON_FILE_TYPE'],
      ['a file that only pretends to be a PDF', () => ({ lesson: documentLessonId, file: Buffer.from('<html><script>x</script></html>'), name: 'gia.pdf' }), 400, 'LESSON_FILE_CONTENT'],
      ['a document over 20 MB', () => ({ lesson: documentLessonId, file: Buffer.concat([PDF, Buffer.alloc(20 * 1024 * 1024)]), name: 'lon.pdf' }), 413, 'LESSON_FILE_TOO_LARGE'],
      ['a file over the upload limit', () => ({ lesson: videoLessonId, file: Buffer.alloc(50 * 1024 * 1024 + 10), name: 'qua-lon.mp4' }), 413, 'LESSON_FILE_TOO_LARGE'],
    ])('refuses %s with a clear message, leaving nothing in storage or the database', async (_case, input, status, code) => {
      const before = await snapshotTables(t.db, learningTables);
      const filesBefore = storedFiles();
      const { lesson, file, name } = input();
      const res = await author.upload(`/api/authoring/lessons/${lesson}/file`, file, name);
      expectApiError(res, status, code);
      expect(await snapshotTables(t.db, learningTables)).toEqual(before);
      expect(storedFiles()).toEqual(filesBefore);
    });

    it('stores a PDF and serves it to learners through a signed link; a replaced file is removed', async () => {
      const first = await author.upload(`/api/authoring/lessons/${documentLessonId}/file`, PDF, 'Quyết định 1439.pdf').expect(201);
      expect(first.body.file).toMatchObject({ name: 'Quyết định 1439.pdf', mime: 'application/pdf', size: PDF.length });
      expect(storedFiles()).toHaveLength(1);

      const lesson = (await learner.get(`/api/lessons/${documentLessonId}`).expect(200)).body;
      const download = await t.http.get(lesson.file.url).buffer(true).parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
      expect(download.status).toBe(200);
      expect(download.headers['content-type']).toBe('application/pdf');
      expect(Buffer.compare(download.body as Buffer, PDF)).toBe(0);
      expectApiError(await t.http.get(lesson.file.url.replace(/.$/, (c: string) => (c === 'A' ? 'B' : 'A'))), 404, 'LESSON_FILE_LINK_EXPIRED');

      const second = Buffer.concat([PDF, Buffer.from('phiên bản 2')]);
      await author.upload(`/api/authoring/lessons/${documentLessonId}/file`, second, 'QĐ 1439 (bản mới).pdf').expect(201);
      expect(storedFiles()).toHaveLength(1);
      // The old link named the old file: it no longer opens anything.
      expectApiError(await t.http.get(lesson.file.url), 404, 'LESSON_FILE_LINK_EXPIRED');
    });

    it('serves a video in byte ranges, so phones can seek', async () => {
      const video = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(500, 7)]);
      await author.upload(`/api/authoring/lessons/${videoLessonId}/file`, video, 'gioi-thieu.mp4').expect(201);
      const lesson = (await learner.get(`/api/lessons/${videoLessonId}`).expect(200)).body;
      expect(lesson.file).toMatchObject({ mime: 'video/mp4', size: video.length });
      // The link works with or without a session; the download helper only buffers the binary body.
      const part = await learner.download(lesson.file.url).set('Range', 'bytes=4-11');
      expect(part.status).toBe(206);
      expect(part.headers['content-range']).toBe(`bytes 4-11/${video.length}`);
      expect((part.body as Buffer).toString()).toBe('ftypmp42');
      const whole = await learner.download(lesson.file.url);
      expect(whole.status).toBe(200);
      expect(whole.headers['accept-ranges']).toBe('bytes');
      expect((whole.body as Buffer).length).toBe(video.length);
      const beyond = await t.http.get(lesson.file.url).set('Range', `bytes=${video.length}-`);
      expect(beyond.status).toBe(416);
    });
  });

  describe('progress, completion and certificates', () => {
    it('resumes where the learner left off and completes the course when all lessons are done', async () => {
      const { course, lessonIds } = await publishedCourse(author, t.db, { title: 'Đề án 1439 và Cộng đồng ASEAN', topics: ['ASEAN', 'KNHC'], modules: [2, 1] });
      await learner.post(`/api/courses/${course.id}/enrol`).expect(200);
      const r1 = await learner.post(`/api/lessons/${lessonIds[0]}/progress`, { completed: true }).expect(200);
      expect(r1.body.course).toMatchObject({ status: 'in_progress', done: 1, total: 3, percent: 33 });
      await learner.post(`/api/lessons/${lessonIds[1]}/progress`, { completed: false, positionSeconds: 42 }).expect(200);

      // Another device: the server says where to resume.
      const again = asUser(t.http, await login(t.http, 'learner'));
      const detail = (await again.get(`/api/courses/${course.id}`).expect(200)).body;
      expect(detail.mine).toMatchObject({ lastLessonId: lessonIds[1], done: 1, enrolled: true });
      expect(detail.modules[0].lessons.map((l: { completed: boolean }) => l.completed)).toEqual([true, false]);

      await again.post(`/api/lessons/${lessonIds[1]}/progress`, { completed: true }).expect(200);
      const last = await again.post(`/api/lessons/${lessonIds[2]}/progress`, { completed: true }).expect(200);
      expect(last.body.courseCompletedNow).toBe(true);
      expect(last.body.course).toMatchObject({ status: 'completed', percent: 100 });
      expect(last.body.course.certificateCode).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);

      // Evidence: one row per course topic, recorded once even if progress is sent again.
      await again.post(`/api/lessons/${lessonIds[2]}/progress`, { completed: true }).expect(200);
      const evidence = await t.db.query(
        `SELECT t.code, e.kind, e.source_type, e.source_id FROM training_evidence e JOIN topic t ON t.id = e.topic_id WHERE e.person_id = $1 ORDER BY t.code`,
        [p.people.communeAStaff.id],
      );
      expect(evidence).toEqual([
        { code: 'ASEAN', kind: 'course_completed', source_type: 'course', source_id: course.id },
        { code: 'KNHC', kind: 'course_completed', source_type: 'course', source_id: course.id },
      ]);
    });

    it('a completion survives later edits: a lesson added afterwards does not take it away', async () => {
      const { course, lessonIds } = await publishedCourse(author, t.db, { title: 'Khóa sẽ được bổ sung', modules: [1] });
      await learner.post(`/api/lessons/${lessonIds[0]}/progress`, { completed: true }).expect(200);
      await author.post(`/api/authoring/modules/${course.modules[0].id}/lessons`, { title: 'Bài bổ sung', kind: 'text', bodyHtml: '<p>Mới</p>' }).expect(201);
      await author.patch(`/api/authoring/courses/${course.id}`, { title: 'Khóa đã được bổ sung' }).expect(200);
      const mine = (await learner.get(`/api/courses/${course.id}`).expect(200)).body.mine;
      expect(mine).toMatchObject({ status: 'completed', percent: 100 });
      expect(mine.certificateCode).toBeTruthy();
      const my = (await learner.get('/api/my-learning').expect(200)).body.items.find((i: { course: { id: string } }) => i.course.id === course.id);
      expect(my.status).toBe('completed');

      // Archived later: still in their history and still openable by them, gone for everyone else.
      await author.patch(`/api/authoring/courses/${course.id}`, { status: 'archived' }).expect(200);
      expect((await learner.get(`/api/courses/${course.id}`).expect(200)).body.mine.status).toBe('completed');
      expect((await learner.get('/api/my-learning').expect(200)).body.items.map((i: { course: { id: string } }) => i.course.id)).toContain(course.id);
      expectApiError(await officer.get(`/api/courses/${course.id}`), 404, 'COURSE_NOT_FOUND');
      await learner.download(`/api/courses/${course.id}/certificate`).expect(200);
    });

    it('chosen-lessons rule: only the chosen lessons are needed', async () => {
      const { course, lessonIds } = await publishedCourse(author, t.db, { title: 'Khóa chọn bài', modules: [3] });
      expectApiError(await author.patch(`/api/authoring/courses/${course.id}`, { completionRule: { kind: 'chosen_lessons', lessonIds: [] } }), 400, 'COURSE_RULE_INVALID');
      await author.patch(`/api/authoring/courses/${course.id}`, { completionRule: { kind: 'chosen_lessons', lessonIds: [lessonIds[0], lessonIds[2]] } }).expect(200);
      const r = await learner.post(`/api/lessons/${lessonIds[0]}/progress`, { completed: true }).expect(200);
      expect(r.body.course).toMatchObject({ done: 1, total: 2 });
      const done = await learner.post(`/api/lessons/${lessonIds[2]}/progress`, { completed: true }).expect(200);
      expect(done.body.courseCompletedNow).toBe(true);
    });

    it('final-quiz rule: lessons alone do not complete; a reported test pass does', async () => {
      const { course, lessonIds } = await publishedCourse(author, t.db, { title: 'Khóa có bài kiểm tra cuối', modules: [1] });
      expectApiError(
        await author.patch(`/api/authoring/courses/${course.id}`, { completionRule: { kind: 'final_quiz', testRoundId: '11111111-2222-4333-8444-555555555555' } }),
        400,
        'COURSE_RULE_INVALID',
      );
      const [{ id: roundId }] = await t.db.query(
        `INSERT INTO test_round (name, opens_at, closes_at) VALUES ('Kiểm tra cuối khóa', now(), now() + interval '30 days') RETURNING id`,
      );
      await author.patch(`/api/authoring/courses/${course.id}`, { completionRule: { kind: 'final_quiz', testRoundId: roundId } }).expect(200);
      const r = await learner.post(`/api/lessons/${lessonIds[0]}/progress`, { completed: true }).expect(200);
      expect(r.body.course.status).toBe('in_progress');
      const { EnrolmentsService } = await import('@api/enrolments/enrolments.service');
      const completed = await t.app.get(EnrolmentsService).recordQuizPassed(p.people.communeAStaff.id, roundId, t.clock.now());
      expect(completed).toEqual([course.id]);
      expect((await learner.get(`/api/courses/${course.id}`).expect(200)).body.mine.status).toBe('completed');
    });

    it('the certificate is a real PDF in Vietnamese with the name and code, and the public page confirms it', async () => {
      const { course, lessonIds } = await publishedCourse(author, t.db, { title: 'Văn hóa công vụ theo Quyết định 1847', topics: ['VHCV'], modules: [1] });
      expectApiError(await learner.get(`/api/courses/${course.id}/certificate`), 404, 'CERTIFICATE_NOT_FOUND');
      const done = await learner.post(`/api/lessons/${lessonIds[0]}/progress`, { completed: true }).expect(200);
      const code: string = done.body.course.certificateCode;

      const res = await learner.download(`/api/courses/${course.id}/certificate`).expect(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const pdf = res.body as Buffer;
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const text = (await pdfParse(pdf)).text.normalize('NFC');
      expect(text).toContain('Lê Đức Cường');
      expect(text).toContain(code);
      expect(text).toContain('GIẤY CHỨNG NHẬN');
      expect(text).toContain('Văn hóa công vụ theo Quyết định 1847');
      // NĐ 30 layout: issuing body and its parent, Quốc hiệu, number, place and date, the signer's title.
      for (const s of ['UBND TỈNH THỬ NGHIỆM', 'SỞ NỘI VỤ', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', `Số: ${code}/GCN-SNV`, 'GIÁM ĐỐC', '(Ký, ghi rõ họ tên và đóng dấu)'])
        expect(text).toContain(s);
      expect(text).toMatch(/Thử Nghiệm, ngày \d{2} tháng \d{2} năm \d{4}/);
      // The address to check it is printed whole on one line (it was cut inside the code).
      expect(text).toContain(`/verify/${code}`);

      // The coordinator sets who signs; the next download carries it. Bad input is a 400 with a Vietnamese message.
      expect((await coord.get('/api/certificate-settings').expect(200)).body).toMatchObject({ issuerName: 'Sở Nội vụ', signerTitle: 'GIÁM ĐỐC', signerName: '' });
      expectApiError(await coord.put('/api/certificate-settings', { issuerParent: 'x', issuerName: ' ', place: 'Thử Nghiệm', signerTitle: 'Giám đốc', signerName: 'A' }), 400, 'VALIDATION_FAILED');
      await coord.put('/api/certificate-settings', { issuerParent: 'UBND tỉnh Thử Nghiệm', issuerName: 'Sở Nội vụ', place: 'Thử Nghiệm', signerTitle: 'Phó Giám đốc', signerAuthority: 'KT. Giám đốc', signerName: 'Nguyễn Thị Ký', numberSuffix: 'GCN-SNV' }).expect(200);
      expectApiError(await learner.put('/api/certificate-settings', { issuerParent: 'x', issuerName: 'y', place: 'z', signerTitle: 't', signerName: 'n' }), 403);
      const signed = (await pdfParse((await learner.download(`/api/courses/${course.id}/certificate`).expect(200)).body as Buffer)).text.normalize('NFC');
      for (const s of ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Nguyễn Thị Ký']) expect(signed).toContain(s);
      mkdirSync('test-output/certificates', { recursive: true });
      writeFileSync('test-output/certificates/chung-nhan.pdf', (await learner.download(`/api/courses/${course.id}/certificate`).expect(200)).body as Buffer);

      // Anyone, signed in or not, can check the code, typed loosely.
      const verified = await t.http.get(`/api/certificates/${code.toLowerCase().replace(/-/g, '')}`).expect(200);
      expect(verified.body).toMatchObject({ code, personName: 'Lê Đức Cường', unitName: 'Xã An Bình', courseTitle: 'Văn hóa công vụ theo Quyết định 1847' });
      expectApiError(await t.http.get('/api/certificates/AAAA-BBBB-CCCC'), 404, 'CERTIFICATE_NOT_FOUND');
      expectApiError(await t.http.get('/api/certificates/khong-phai-ma'), 404, 'CERTIFICATE_NOT_FOUND');
      // Another learner has no certificate for it.
      expectApiError(await coord.get(`/api/courses/${course.id}/certificate`), 404, 'CERTIFICATE_NOT_FOUND');
      expect(await countRows(t.db, 'course_completion', 'certificate_code = $1', [code])).toBe(1);
    });
  });
});
