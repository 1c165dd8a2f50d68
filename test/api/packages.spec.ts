import type { FastifyInstance } from 'fastify';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createContentServer } from '@api/packages';
import { asUser, expectApiError, type ApiAs } from '../support/fixtures/api-client';
import { topicId } from '../support/fixtures/courses';
import { buildZip, cmi5Zip, SAMPLE_CMI5_AU, SAMPLE_CMI5_COURSE, scorm12Manifest, scorm12Zip, scorm2004MultiScoZip, scoPage } from '../support/scorm-packages';
import { createTestApp, login, seedSmallProvince, SmallProvince, TestApp } from '../support/test-app';

jest.setTimeout(60_000);

const filesDir = mkdtempSync(path.join(os.tmpdir(), 'cchc-packages-'));
process.env.FILES_DIR = filesDir;

function storedFiles(dir = filesDir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? storedFiles(full) : [full];
  });
}

describe('E-lecture packages: upload, launch, runtime commits, completion', () => {
  let t: TestApp;
  let p: SmallProvince;
  let author: ApiAs;
  let learner: ApiAs;
  let content: FastifyInstance;

  beforeAll(async () => {
    t = await createTestApp();
    p = await seedSmallProvince(t.db);
    author = asUser(t.http, await login(t.http, 'author'));
    learner = asUser(t.http, await login(t.http, 'learner'));
    content = await createContentServer(t.app);
  });
  afterAll(async () => {
    await content?.close();
    await t.close();
    rmSync(filesDir, { recursive: true, force: true });
  });

  /** A published course on the CCHC topic whose only lesson is a package lesson. */
  async function packageCourse(title: string, publish = true): Promise<{ courseId: string; lessonId: string }> {
    const created = await author.post('/api/authoring/courses', { title, topicIds: [await topicId(t.db, 'CCHC')], estimatedHours: 1 }).expect(201);
    const withModule = await author.post(`/api/authoring/courses/${created.body.id}/modules`, { title: 'Phần 1' }).expect(201);
    const lesson = await author.post(`/api/authoring/modules/${withModule.body.modules[0].id}/lessons`, { title: 'Bài giảng điện tử', kind: 'package' }).expect(201);
    if (publish) await author.patch(`/api/authoring/courses/${created.body.id}`, { status: 'published' }).expect(200);
    return { courseId: created.body.id, lessonId: lesson.body.id };
  }

  const contentGet = (url: string) => content.inject({ method: 'GET', url: new URL(url).pathname });

  describe('upload', () => {
    it('accepts a SCORM 1.2 package, stores its files and shows its structure', async () => {
      const { lessonId } = await packageCourse('Khóa SCORM 1.2');
      const res = await author.upload(`/api/authoring/lessons/${lessonId}/package`, scorm12Zip(), 'bai-giang.zip').expect(201);
      expect(res.body).toMatchObject({ standard: 'scorm12', title: 'Cải cách hành chính — bài giảng thử', fileName: 'bai-giang.zip', fileCount: 2 });
      expect(res.body.items).toEqual([{ id: 'item1', title: 'Bài 1: Tổng quan', depth: 0, launchable: true }]);
      expect((await author.get(`/api/authoring/lessons/${lessonId}/package`).expect(200)).body.id).toBe(res.body.id);
    });

    it('refuses bad packages with a Vietnamese 4xx, keeps the previous package and leaves no stored file behind', async () => {
      const { lessonId } = await packageCourse('Khóa gói lỗi', false);
      const first = await author.upload(`/api/authoring/lessons/${lessonId}/package`, scorm12Zip(), 'dung.zip').expect(201);
      const filesBefore = storedFiles().sort();
      const cases: [Buffer, number, string, RegExp][] = [
        [Buffer.from('%PDF-1.4 không phải zip'), 400, 'PACKAGE_NOT_PACKAGE', /không phải tệp nén/],
        [buildZip([{ name: 'index.html', data: '<p>x</p>' }]), 400, 'PACKAGE_NO_MANIFEST', /imsmanifest\.xml/],
        [buildZip([{ name: 'imsmanifest.xml', data: '<manifest><organizations>' }]), 400, 'PACKAGE_MANIFEST_BROKEN', /lỗi cú pháp XML/],
        [buildZip([{ name: 'imsmanifest.xml', data: scorm12Manifest({ launch: 'khong-co.html' }) }, { name: 'index.html', data: 'x' }]), 400, 'PACKAGE_LAUNCH_MISSING', /khong-co\.html/],
        [buildZip([{ name: 'imsmanifest.xml', data: scorm12Manifest() }, { name: 'index.html', data: 'x' }, { name: '../../ra-ngoai.js', data: 'x' }]), 400, 'PACKAGE_UNSAFE', /ra ngoài/],
        [buildZip([{ name: 'imsmanifest.xml', data: scorm12Manifest() }, { name: 'index.html', data: Buffer.alloc(30 * 1024 * 1024), deflate: true }]), 413, 'PACKAGE_TOO_LARGE', /bom zip/],
        [buildZip([{ name: 'cmi5.xml', data: '<courseStructure><course id="c"/><lesson id="x"/></courseStructure>' }]), 400, 'PACKAGE_CMI5_INVALID', /<lesson>/],
        [buildZip([{ name: 'cmi5.xml', data: '<courseStructure><course id="c"/><au id="a" moveOn="Passed"><url>khong-co.html</url></au></courseStructure>' }]), 400, 'PACKAGE_LAUNCH_MISSING', /khong-co\.html/],
      ];
      for (const [zip, status, code, message] of cases) {
        const res = await author.upload(`/api/authoring/lessons/${lessonId}/package`, zip, 'goi.zip');
        expectApiError(res, status, code);
        expect(res.body.message).toMatch(message);
      }
      expect((await author.get(`/api/authoring/lessons/${lessonId}/package`).expect(200)).body.id).toBe(first.body.id);
      expect(storedFiles().sort()).toEqual(filesBefore);
    });

    it('accepts a package zipped with its folder and Vietnamese names; a text lesson takes no package', async () => {
      const { lessonId } = await packageCourse('Khóa thư mục', false);
      const zip = buildZip([
        { name: 'Bài giảng/imsmanifest.xml', data: scorm12Manifest({ launch: 'Mở đầu.html' }) },
        { name: 'Bài giảng/Mở đầu.html', data: scoPage('1.2', 'Mở đầu') },
      ]);
      const res = await author.upload(`/api/authoring/lessons/${lessonId}/package`, zip, 'Bài giảng.zip').expect(201);
      expect(res.body.fileCount).toBe(2);
      const launch = (await author.get(`/api/lessons/${lessonId}/package/launch`).expect(200)).body;
      expect(launch.items[0].launch).toBe('Mở đầu.html');
      expect((await contentGet(launch.contentBase + encodeURIComponent('Mở đầu.html'))).statusCode).toBe(200);

      const [{ id: textLesson }] = await t.db.query(
        `INSERT INTO lesson (course_id, module_id, title, kind, body_html) SELECT course_id, module_id, 'Bài đọc', 'text', '<p>x</p>' FROM lesson WHERE id = $1 RETURNING id`,
        [lessonId],
      );
      expectApiError(await author.upload(`/api/authoring/lessons/${textLesson}/package`, scorm12Zip(), 'a.zip'), 400, 'PACKAGE_WRONG_LESSON_KIND');
      expectApiError(await author.upload(`/api/authoring/lessons/00000000-0000-4000-8000-000000000000/package`, scorm12Zip(), 'a.zip'), 404, 'LESSON_NOT_FOUND');
    });
  });

  describe('learning', () => {
    it('launch → content from the content origin → commits → resume on another device → completion → evidence → coverage', async () => {
      await t.db.query(`UPDATE person SET does_cchc_work = true WHERE id = $1`, [p.people.communeAStaff.id]);
      const { courseId, lessonId } = await packageCourse('Khóa SCORM hoàn thành');
      await author.upload(`/api/authoring/lessons/${lessonId}/package`, scorm12Zip(), 'bai-giang.zip').expect(201);
      const coord = asUser(t.http, await login(t.http, 'coord'));
      const [{ id: target }] = await t.db.query(`SELECT id FROM target WHERE code = 'QD1718.CCHC'`);
      const year = new Date().getFullYear();
      const missing = async () =>
        (await coord.get(`/api/coverage/targets/${target}/missing?unitId=${p.units.communeA.id}&year=${year}&pageSize=100`).expect(200)).body.items.map((i: { personId: string }) => i.personId);
      expect(await missing()).toContain(p.people.communeAStaff.id);

      const launch = (await learner.get(`/api/lessons/${lessonId}/package/launch`).expect(200)).body;
      expect(launch).toMatchObject({ standard: 'scorm12', attempt: 1, currentItemId: 'item1', lessonCompleted: false });
      // PUBLIC_URL's host name on CONTENT_PORT: another origin than the app's.
      expect(launch.contentOrigin).toMatch(/^http:\/\/localhost:\d+$/);
      expect(launch.runtimeUrl).toBe(`${launch.contentOrigin}/scorm-runtime.html`);
      // The app's Content-Security-Policy lets the player frame that origin.
      expect((await learner.get('/api/auth/me')).headers['content-security-policy']).toContain(`frame-src 'self' ${launch.contentOrigin};`);
      expect(launch.contentBase.startsWith(`${launch.contentOrigin}/p/`)).toBe(true);
      expect(launch.items[0]).toMatchObject({ launch: 'index.html', seq: 0, resume: { 'cmi.core.entry': 'ab-initio', 'cmi.core.student_name': 'Tài khoản learner', 'cmi.student_data.mastery_score': '80' } });

      // The content listener serves the package's files behind the signed path, nothing else.
      const page = await contentGet(launch.contentBase + 'index.html');
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.body).toContain('Bài 1: Tổng quan');
      expect((await contentGet(launch.contentBase + 'khong-co.html')).statusCode).toBe(404);
      expect((await contentGet(launch.contentBase.replace(/\.[^./]+\/$/, '.sai-chu-ky/') + 'index.html')).statusCode).toBe(404);
      expect((await content.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(404);

      const commit = (seq: number, core: object, extra: object = {}, terminated = false) =>
        learner.post(`/api/lessons/${lessonId}/package/commits`, { itemId: 'item1', attempt: 1, seq, cmi: { cmi: { core, suspend_data: 'trang=2', ...extra } }, terminated });
      const first = await commit(1, { lesson_status: 'incomplete', lesson_location: '2', exit: 'suspend', session_time: '00:03:00' }).expect(200);
      expect(first.body).toMatchObject({ applied: true, completion: 'incomplete', lessonCompleted: false });
      // A replayed older commit is ignored.
      expect((await commit(1, { lesson_status: 'not attempted' }).expect(200)).body).toMatchObject({ applied: false, completion: 'incomplete' });

      // Another device resumes where the learner left, with the time so far.
      const other = asUser(t.http, await login(t.http, 'learner'));
      const resumed = (await other.get(`/api/lessons/${lessonId}/package/launch`).expect(200)).body;
      expect(resumed.items[0]).toMatchObject({
        seq: 1,
        completion: 'incomplete',
        resume: { 'cmi.core.entry': 'resume', 'cmi.core.lesson_location': '2', 'cmi.suspend_data': 'trang=2', 'cmi.core.lesson_status': 'incomplete', 'cmi.core.total_time': '0000:03:00' },
      });

      const done = await commit(2, { lesson_status: 'passed', lesson_location: '3', exit: '', session_time: '00:02:00', score: { raw: '85', min: '0', max: '100' } }, { interactions: { 0: { id: 'q1', result: 'correct' } } }, true).expect(200);
      expect(done.body).toMatchObject({ applied: true, completion: 'completed', success: 'passed', scoreScaled: 0.85, lessonCompleted: true, courseCompletedNow: true });
      const [row] = await t.db.query(`SELECT score_raw, total_seconds, session_seconds, interactions FROM package_runtime WHERE person_id = $1`, [p.people.communeAStaff.id]);
      expect(row).toMatchObject({ score_raw: '85', total_seconds: '300', session_seconds: '0', interactions: [{ id: 'q1', result: 'correct' }] });

      const course = (await learner.get(`/api/courses/${courseId}`).expect(200)).body;
      expect(course.mine).toMatchObject({ status: 'completed', percent: 100 });
      const evidence = await t.db.query(`SELECT e.kind FROM training_evidence e WHERE e.person_id = $1 AND e.source_id = $2`, [p.people.communeAStaff.id, courseId]);
      expect(evidence).toEqual([{ kind: 'course_completed' }]);
      expect(await missing()).not.toContain(p.people.communeAStaff.id);
      // A status that went back (a stale tab) never undoes the pass.
      expect((await commit(3, { lesson_status: 'incomplete' }).expect(200)).body).toMatchObject({ success: 'passed', lessonCompleted: true });
    });

    it('a multi-SCO SCORM 2004 lesson is done only when every SCO is', async () => {
      const { lessonId } = await packageCourse('Khóa SCORM 2004');
      await author.upload(`/api/authoring/lessons/${lessonId}/package`, scorm2004MultiScoZip(), 'scorm2004.zip').expect(201);
      const launch = (await learner.get(`/api/lessons/${lessonId}/package/launch`).expect(200)).body;
      expect(launch.items.map((i: { id: string; launchable: boolean }) => [i.id, i.launchable])).toEqual([
        ['module1', false],
        ['sco-1', true],
        ['sco-2', true],
      ]);
      expect(launch.currentItemId).toBe('sco-1');
      expect(launch.items[1].resume).toMatchObject({ 'cmi.entry': 'ab-initio', 'cmi.scaled_passing_score': '0.7' });
      const commit = (itemId: string, cmi: object) => learner.post(`/api/lessons/${lessonId}/package/commits`, { itemId, attempt: 1, seq: 1, cmi, terminated: true });
      expect((await commit('sco-1', { completion_status: 'completed', success_status: 'passed', score: { scaled: '0.9' } }).expect(200)).body).toMatchObject({ lessonCompleted: false });
      expect((await learner.get(`/api/lessons/${lessonId}/package/launch`).expect(200)).body.currentItemId).toBe('sco-2');
      expect((await commit('sco-2', { completion_status: 'completed', success_status: 'unknown' }).expect(200)).body).toMatchObject({ lessonCompleted: true, courseCompletedNow: true });

      expectApiError(await commit('module1', {}), 400, 'PACKAGE_UNKNOWN_ITEM');
      // Attempt 1 is over, so attempt 2 may begin; nothing beyond it.
      expectApiError(await learner.post(`/api/lessons/${lessonId}/package/commits`, { itemId: 'sco-1', attempt: 3, seq: 9, cmi: {}, terminated: false }), 409, 'PACKAGE_UNKNOWN_ATTEMPT');
      expectApiError(await learner.post(`/api/lessons/${lessonId}/package/commits`, { itemId: 'sco-1', attempt: 1, seq: 0, cmi: 'x', terminated: false }), 400);
    });

    it('a lesson without a package, and a draft course, are refused to learners', async () => {
      const { lessonId } = await packageCourse('Khóa chưa có gói');
      expectApiError(await learner.get(`/api/lessons/${lessonId}/package/launch`), 404, 'PACKAGE_NOT_UPLOADED');
      const draft = await packageCourse('Khóa nháp', false);
      await author.upload(`/api/authoring/lessons/${draft.lessonId}/package`, scorm12Zip(), 'a.zip').expect(201);
      expectApiError(await learner.get(`/api/lessons/${draft.lessonId}/package/launch`), 404, 'LESSON_NOT_FOUND');
    });
  });

  describe('cmi5', () => {
    const V = { 'X-Experience-API-Version': '1.0.3' };
    const CMI5 = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
    const SESSION = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
    const verbs = async (registration: string) =>
      (await t.db.query(`SELECT verb_id FROM xapi_statement WHERE registration = $1 ORDER BY seq`, [registration])).map((r: { verb_id: string }) => r.verb_id.split('/').pop());

    /** A launched AU session: the launch parameters, and the credentials the fetch URL hands out. */
    async function session(lessonId: string) {
      const launched = await learner.post(`/api/lessons/${lessonId}/package/cmi5-launch`, { itemId: SAMPLE_CMI5_AU }).expect(200);
      const url = new URL(launched.body.url);
      const fetchPath = new URL(url.searchParams.get('fetch')!).pathname;
      const fetched = await t.http.post(fetchPath).set('Origin', 'http://127.0.0.1:3001').expect(200);
      expect(fetched.headers['access-control-allow-origin']).toBe('http://127.0.0.1:3001');
      const auth = `Basic ${fetched.body['auth-token']}`;
      return { url, fetchPath, auth, registration: url.searchParams.get('registration')!, actor: JSON.parse(url.searchParams.get('actor')!), sessionId: launched.body.sessionId as string };
    }

    const statement = (s: { registration: string; actor: object; sessionId: string }, verb: string, result?: object) => ({
      actor: s.actor,
      verb: { id: verb.startsWith('http') ? verb : `http://adlnet.gov/expapi/verbs/${verb}` },
      object: { objectType: 'Activity', id: SAMPLE_CMI5_AU },
      ...(result ? { result } : {}),
      context: { registration: s.registration, extensions: { [SESSION]: s.sessionId }, contextActivities: { category: [{ id: CMI5 }] } },
    });

    it('upload → launch (fetch token, LMS.LaunchData) → the AU\'s statements under cmi5 rules → moveOn → lesson complete', async () => {
      const { courseId, lessonId } = await packageCourse('Khóa cmi5');
      const uploaded = await author.upload(`/api/authoring/lessons/${lessonId}/package`, cmi5Zip(), 'cmi5.zip').expect(201);
      expect(uploaded.body).toMatchObject({ standard: 'cmi5', title: 'Khóa học cmi5 thử nghiệm' });
      expect(uploaded.body.items.map((i: { launchable: boolean }) => i.launchable)).toEqual([false, true]);
      expectApiError(await learner.post(`/api/lessons/${lessonId}/package/cmi5-launch`, { itemId: 'khong-co' }), 400, 'PACKAGE_UNKNOWN_ITEM');

      const s = await session(lessonId);
      expect(s.url.origin).toMatch(/^http:\/\/localhost:\d+$/);
      expect(s.url.pathname).toMatch(/\/p\/[^/]+\/au\/index\.html$/);
      expect(s.url.searchParams.get('endpoint')).toMatch(/\/api\/xapi\/$/);
      expect(s.url.searchParams.get('activityId')).toBe(SAMPLE_CMI5_AU);
      expect(s.actor).toEqual({ objectType: 'Agent', account: { homePage: expect.any(String), name: 'learner' } });
      // The fetch URL answers once.
      const again = await t.http.post(s.fetchPath).expect(400);
      expect(again.body).toMatchObject({ 'error-code': '1' });
      expect((await t.http.post('/api/xapi/cmi5/fetch/khong-co-token-nao').expect(404)).body).toMatchObject({ 'error-code': '3' });

      const state = { activityId: SAMPLE_CMI5_AU, agent: JSON.stringify(s.actor), registration: s.registration, stateId: 'LMS.LaunchData' };
      const launchData = await t.http.get('/api/xapi/activities/state').query(state).set(V).set('Authorization', s.auth).expect(200);
      expect(JSON.parse(launchData.text)).toMatchObject({ launchMode: 'Normal', moveOn: 'CompletedAndPassed', masteryScore: 0.8, contextTemplate: { extensions: { [SESSION]: s.sessionId } } });
      const overwrite = await t.http.put('/api/xapi/activities/state').query(state).set(V).set('Authorization', s.auth).set('Content-Type', 'application/json').send({ launchMode: 'Review' });
      expect(overwrite.status).toBe(403);
      const otherAgent = await t.http.get('/api/xapi/activities/state').query({ ...state, agent: JSON.stringify({ mbox: 'mailto:khac@example.vn' }) }).set(V).set('Authorization', s.auth);
      expect(otherAgent.status).toBe(403);

      const post = (body: object) => t.http.post('/api/xapi/statements').set(V).set('Authorization', s.auth).send(body);
      expect((await post(statement(s, 'completed', { completion: true }))).status).toBe(403);
      await post(statement(s, 'initialized')).expect(200);
      const low = await post(statement(s, 'passed', { success: true, score: { scaled: 0.5 } }));
      expect(low.status).toBe(403);
      expect(low.body.message).toMatch(/mastery score 0.8/);
      expect((await post(statement(s, 'https://w3id.org/xapi/adl/verbs/satisfied'))).status).toBe(403);
      await post(statement(s, 'completed', { completion: true })).expect(200);
      expect((await learner.get(`/api/lessons/${lessonId}`).expect(200)).body.completed).toBe(false);
      await post(statement(s, 'passed', { success: true, score: { scaled: 0.9 } })).expect(200);
      await post(statement(s, 'terminated')).expect(200);
      expect((await post(statement(s, 'http://adlnet.gov/expapi/verbs/experienced'))).status).toBe(403);

      expect((await learner.get(`/api/lessons/${lessonId}`).expect(200)).body.completed).toBe(true);
      expect((await learner.get(`/api/courses/${courseId}`).expect(200)).body.mine.status).toBe('completed');
      // The AU, then its block and the course are satisfied (cmi5 §10.2.4).
      expect(await verbs(s.registration)).toEqual(['launched', 'initialized', 'completed', 'passed', 'satisfied', 'satisfied', 'satisfied', 'terminated']);
      const satisfied = await t.db.query(`SELECT object_activity_id FROM xapi_statement WHERE registration = $1 AND verb_id LIKE '%satisfied' ORDER BY seq`, [s.registration]);
      expect(satisfied.map((r: { object_activity_id: string }) => r.object_activity_id)).toEqual([SAMPLE_CMI5_AU, `${SAMPLE_CMI5_COURSE}/khoi-1`, SAMPLE_CMI5_COURSE]);
      const launch = (await learner.get(`/api/lessons/${lessonId}/package/launch`).expect(200)).body;
      expect(launch.items[1]).toMatchObject({ completion: 'completed', success: 'passed', scoreScaled: 0.9 });
      expect(launch.lessonCompleted).toBe(true);
      // SCORM runtime commits are not how a cmi5 AU reports.
      expectApiError(await learner.post(`/api/lessons/${lessonId}/package/commits`, { itemId: SAMPLE_CMI5_AU, attempt: 1, seq: 1, cmi: {}, terminated: false }), 400, 'PACKAGE_UNKNOWN_ITEM');
    });

    it('a session left without "terminated" is abandoned when the AU is launched again; its credentials stop working', async () => {
      const { lessonId } = await packageCourse('Khóa cmi5 bỏ dở');
      await author.upload(`/api/authoring/lessons/${lessonId}/package`, cmi5Zip(), 'cmi5.zip').expect(201);
      const first = await session(lessonId);
      await t.http.post('/api/xapi/statements').set(V).set('Authorization', first.auth).send(statement(first, 'initialized')).expect(200);
      const second = await session(lessonId);
      expect(second.registration).toBe(first.registration);
      expect(await verbs(first.registration)).toEqual(['launched', 'initialized', 'abandoned', 'launched']);
      expect((await t.http.post('/api/xapi/statements').set(V).set('Authorization', first.auth).send(statement(first, 'terminated'))).status).toBe(401);
      await t.http.post('/api/xapi/statements').set(V).set('Authorization', second.auth).send(statement(second, 'initialized')).expect(200);
    });
  });
});
