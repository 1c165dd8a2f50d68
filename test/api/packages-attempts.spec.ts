import type { FastifyInstance } from 'fastify';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createContentServer } from '@api/packages';
import { loadConfig, resolvedContentOrigin } from '@api/config';
import { FileCleanup, FileStorage } from '@api/storage';
import { asUser, expectApiError, type ApiAs } from '../support/fixtures/api-client';
import { topicId } from '../support/fixtures/courses';
import { buildZip, cmi5AuPage, cmi5CourseXml, cmi5Zip, SAMPLE_CMI5_AU, SAMPLE_CMI5_COURSE, scorm12Zip, scorm2004MultiScoZip, scorm2004SequencedZip } from '../support/scorm-packages';
import { createTestApp, login, seedSmallProvince, SmallProvince, TestApp } from '../support/test-app';

jest.setTimeout(90_000);

const filesDir = mkdtempSync(path.join(os.tmpdir(), 'cchc-packages2-'));
process.env.FILES_DIR = filesDir;

describe('E-lecture packages: attempts, results, sequencing, interactions, cleanup, cmi5 modes', () => {
  let t: TestApp;
  let p: SmallProvince;
  let author: ApiAs;
  let authorToken: string;
  let learner: ApiAs;
  let content: FastifyInstance;

  beforeAll(async () => {
    t = await createTestApp();
    p = await seedSmallProvince(t.db);
    authorToken = await login(t.http, 'author');
    author = asUser(t.http, authorToken);
    learner = asUser(t.http, await login(t.http, 'learner'));
    content = await createContentServer(t.app);
  });
  afterAll(async () => {
    await content?.close();
    await t.close();
    rmSync(filesDir, { recursive: true, force: true });
  });

  async function packageLesson(title: string, zip: Buffer): Promise<{ courseId: string; lessonId: string; moduleId: string }> {
    const created = await author.post('/api/authoring/courses', { title, topicIds: [await topicId(t.db, 'CCHC')], estimatedHours: 1 }).expect(201);
    const withModule = await author.post(`/api/authoring/courses/${created.body.id}/modules`, { title: 'Phần 1' }).expect(201);
    const moduleId = withModule.body.modules[0].id as string;
    const lesson = await author.post(`/api/authoring/modules/${moduleId}/lessons`, { title: `Bài giảng ${title}`, kind: 'package' }).expect(201);
    await author.upload(`/api/authoring/lessons/${lesson.body.id}/package`, zip, 'goi.zip').expect(201);
    await author.patch(`/api/authoring/courses/${created.body.id}`, { status: 'published' }).expect(200);
    return { courseId: created.body.id, lessonId: lesson.body.id, moduleId };
  }

  const commit = (lessonId: string, body: { itemId: string; attempt: number; seq: number; cmi: object; terminated?: boolean }) =>
    learner.post(`/api/lessons/${lessonId}/package/commits`, { terminated: true, ...body });

  describe('new attempts and the lesson result (points 1 and 2)', () => {
    it('a suspended attempt resumes; after a finished one the next launch is a new attempt, the old data kept; the best score counts', async () => {
      const { lessonId } = await packageLesson('Học lại', scorm12Zip());
      const core = (c: object) => ({ cmi: { core: c, suspend_data: 'trang=2' } });
      await commit(lessonId, { itemId: 'item1', attempt: 1, seq: 1, cmi: core({ lesson_status: 'incomplete', exit: 'suspend', lesson_location: '2' }), terminated: false }).expect(200);
      let launch = (await learner.get(`/api/lessons/${lessonId}/package/launch`).expect(200)).body;
      expect(launch).toMatchObject({ attempt: 1, attemptFinished: false, lessonResult: null });
      // Asking for a new attempt while this one is unfinished resumes it.
      expect((await learner.get(`/api/lessons/${lessonId}/package/launch?attempt=new`).expect(200)).body.attempt).toBe(1);
      expectApiError(await learner.get(`/api/lessons/${lessonId}/package/launch?attempt=2`), 400);

      // Passed with 70/100 and left suspended: the next launch resumes attempt 1 (cmi.core.exit = "suspend").
      const passed = await commit(lessonId, { itemId: 'item1', attempt: 1, seq: 2, cmi: core({ lesson_status: 'passed', exit: 'suspend', score: { raw: '70', min: '0', max: '100' } }) }).expect(200);
      expect(passed.body).toMatchObject({ lessonCompleted: true, attempt: 1 });
      launch = (await learner.get(`/api/lessons/${lessonId}/package/launch`).expect(200)).body;
      expect(launch).toMatchObject({ attempt: 1, attemptFinished: true, lessonResult: { completion: 'completed', success: 'passed', scoreScaled: 0.7, scoreRaw: 70, scoreMin: 0, scoreMax: 100 } });
      expect(launch.items[0].resume).toMatchObject({ 'cmi.core.entry': 'resume', 'cmi.core.lesson_status': 'passed' });
      // The lesson page and the xAPI "completed" statement carry the score.
      expect((await learner.get(`/api/lessons/${lessonId}`).expect(200)).body.result).toEqual({ success: 'passed', scoreScaled: 0.7, scoreRaw: 70, scoreMin: 0, scoreMax: 100 });
      const [statement] = await t.db.query(
        `SELECT statement->'result' AS result FROM xapi_statement WHERE verb_id = 'http://adlnet.gov/expapi/verbs/completed' AND object_activity_id LIKE '%/lesson/' || $1`,
        [lessonId],
      );
      expect(statement.result).toEqual({ completion: true, success: true, score: { scaled: 0.7, raw: 70, min: 0, max: 100 } });

      // "Học lại từ đầu": a new attempt from scratch; attempt 1 stays as it was.
      launch = (await learner.get(`/api/lessons/${lessonId}/package/launch?attempt=new`).expect(200)).body;
      expect(launch).toMatchObject({ attempt: 2, attemptFinished: false });
      expect(launch.items[0]).toMatchObject({ completion: 'not attempted', seq: 0, resume: { 'cmi.core.entry': 'ab-initio' } });
      expect(launch.items[0].resume['cmi.suspend_data']).toBeUndefined();
      expect(launch.attempts).toMatchObject([{ attempt: 1, finished: true, success: 'passed', scoreScaled: 0.7 }]);
      // A lower score on attempt 2 does not lower the lesson's result; a higher one on attempt 3 raises it.
      await commit(lessonId, { itemId: 'item1', attempt: 2, seq: 1, cmi: core({ lesson_status: 'failed', exit: '', score: { raw: '40' } }) }).expect(200);
      expect((await learner.get(`/api/lessons/${lessonId}`).expect(200)).body.result).toMatchObject({ success: 'passed', scoreScaled: 0.7 });
      // Attempt 2 ended normally (exit ""): the next launch is attempt 3.
      launch = (await learner.get(`/api/lessons/${lessonId}/package/launch`).expect(200)).body;
      expect(launch.attempt).toBe(3);
      expect(launch.attempts.map((a: { attempt: number; success: string }) => [a.attempt, a.success])).toEqual([
        [2, 'failed'],
        [1, 'passed'],
      ]);
      await commit(lessonId, { itemId: 'item1', attempt: 3, seq: 1, cmi: core({ lesson_status: 'passed', exit: '', score: { raw: '95' } }) }).expect(200);
      expect((await learner.get(`/api/lessons/${lessonId}`).expect(200)).body.result).toMatchObject({ success: 'passed', scoreScaled: 0.95, scoreRaw: 95 });
      const rows = await t.db.query(`SELECT attempt, success, score_raw FROM package_runtime WHERE person_id = $1 AND item_id = 'item1' ORDER BY attempt`, [p.people.communeAStaff.id]);
      expect(rows.filter((r: { score_raw: string }) => ['70', '40', '95'].includes(r.score_raw)).map((r: { attempt: number }) => r.attempt)).toEqual([1, 2, 3]);
      // Only one "completed" statement for the lesson (the first completion), whatever the later attempts did.
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM xapi_statement WHERE verb_id LIKE '%/completed' AND object_activity_id LIKE '%/lesson/' || $1`, [lessonId]);
      expect(n).toBe(1);
    });
  });

  describe('SCORM 2004 rollup and preconditions (point 3)', () => {
    it('B is disabled until A is satisfied; the untracked C does not hold the lesson back; the lesson completes by rollup', async () => {
      const { lessonId } = await packageLesson('Trình tự', scorm2004SequencedZip());
      let launch = (await learner.get(`/api/lessons/${lessonId}/package/launch`).expect(200)).body;
      const item = (id: string) => launch.items.find((i: { id: string }) => i.id === id);
      expect(item('sco-a')).toMatchObject({ disabled: false, choosable: true, flow: true });
      expect(item('sco-b')).toMatchObject({ disabled: true, choosable: false, reason: expect.stringMatching(/hoàn thành các phần trước/) });
      expect(launch.currentItemId).toBe('sco-a');
      expectApiError(await commit(lessonId, { itemId: 'sco-b', attempt: 1, seq: 1, cmi: { completion_status: 'incomplete' } }), 409, 'PACKAGE_ITEM_DISABLED');

      // A completed but failed: still disabled (the condition is "satisfied").
      await commit(lessonId, { itemId: 'sco-a', attempt: 1, seq: 1, cmi: { completion_status: 'completed', success_status: 'failed', score: { scaled: '0.4' } } }).expect(200);
      launch = (await learner.get(`/api/lessons/${lessonId}/package/launch`).expect(200)).body;
      expect(item('sco-b').disabled).toBe(true);
      await commit(lessonId, { itemId: 'sco-a', attempt: 1, seq: 2, cmi: { completion_status: 'completed', success_status: 'passed', score: { scaled: '0.8' } } }).expect(200);
      launch = (await learner.get(`/api/lessons/${lessonId}/package/launch`).expect(200)).body;
      expect(item('sco-b')).toMatchObject({ disabled: false, choosable: true, reason: null });
      expect(launch.currentItemId).toBe('sco-b');

      // B passes: every tracked SCO is done, C was never opened, and the root is complete.
      const done = await commit(lessonId, { itemId: 'sco-b', attempt: 1, seq: 1, cmi: { completion_status: 'completed', success_status: 'passed', score: { scaled: '0.6' } } }).expect(200);
      expect(done.body).toMatchObject({ lessonCompleted: true, courseCompletedNow: true });
      // The lesson's score is the rollup measure of the tracked SCOs (0.8 + 0.6) / 2.
      expect((await learner.get(`/api/lessons/${lessonId}`).expect(200)).body.result).toMatchObject({ success: 'passed', scoreScaled: 0.7, scoreRaw: null });
    });

    it('the multi-SCO sample is not complete after one SCO', async () => {
      const { lessonId } = await packageLesson('Nhiều SCO', scorm2004MultiScoZip());
      expect((await commit(lessonId, { itemId: 'sco-1', attempt: 1, seq: 1, cmi: { completion_status: 'completed', success_status: 'passed' } }).expect(200)).body.lessonCompleted).toBe(false);
      const launch = (await learner.get(`/api/lessons/${lessonId}/package/launch`).expect(200)).body;
      expect(launch.attemptFinished).toBe(false);
    });
  });

  describe('interactions (point 4)', () => {
    it('the learner and the officers whose scope holds them read the stored answers; another commune\'s officer may not', async () => {
      const { lessonId } = await packageLesson('Câu trả lời', scorm2004MultiScoZip());
      await commit(lessonId, {
        itemId: 'sco-1',
        attempt: 1,
        seq: 1,
        cmi: {
          completion_status: 'completed',
          interactions: {
            childArray: [
              {
                id: 'cau-1',
                type: 'choice',
                learner_response: 'b',
                result: 'correct',
                correct_responses: { childArray: [{ pattern: 'b' }] },
                latency: 'PT12S',
                timestamp: '2026-12-06T07:00:00Z',
                description: 'Thủ tục hành chính là gì?',
              },
              { id: 'cau-2', type: 'true-false', learner_response: 'false', result: 'incorrect', correct_responses: [{ pattern: 'true' }], latency: 'PT3S' },
              { type: 'choice', learner_response: 'không có mã' },
            ],
          },
        },
      }).expect(200);
      const personId = p.people.communeAStaff.id;
      const mine = (await learner.get(`/api/people/${personId}/package-lessons`).expect(200)).body;
      const lesson = mine.find((l: { lessonId: string }) => l.lessonId === lessonId);
      expect(lesson).toMatchObject({ standard: 'scorm2004', lessonCompleted: false, attempts: [{ attempt: 1, finished: false }] });
      expect(lesson.interactions).toEqual([
        {
          itemId: 'sco-1',
          itemTitle: 'Mục 1: Khái niệm',
          attempt: 1,
          id: 'cau-1',
          type: 'choice',
          learnerResponse: 'b',
          result: 'correct',
          correctResponses: ['b'],
          latency: 'PT12S',
          timestamp: '2026-12-06T07:00:00Z',
          description: 'Thủ tục hành chính là gì?',
        },
        expect.objectContaining({ id: 'cau-2', result: 'incorrect', correctResponses: ['true'], learnerResponse: 'false' }),
      ]);
      const officer = asUser(t.http, await login(t.http, 'commune.officer'));
      expect((await officer.get(`/api/people/${personId}/package-lessons`).expect(200)).body.find((l: { lessonId: string }) => l.lessonId === lessonId).interactions).toHaveLength(2);
      const coord = asUser(t.http, await login(t.http, 'coord'));
      await coord.get(`/api/people/${personId}/package-lessons`).expect(200);
      const deptOfficer = asUser(t.http, await login(t.http, 'dept.officer'));
      expectApiError(await deptOfficer.get(`/api/people/${personId}/package-lessons`), 403);
      expectApiError(await learner.get(`/api/people/${p.people.communeAStaff2.id}/package-lessons`), 403);
      expectApiError(await officer.get(`/api/people/khong-phai-ma/package-lessons`), 400);
      expectApiError(await officer.get(`/api/people/00000000-0000-4000-8000-000000000000/package-lessons`), 404);
    });
  });

  describe('files of deleted packages (point 5)', () => {
    it('deleting a package lesson or replacing its package removes the extracted files from storage, after the commit; a failed removal is retried', async () => {
      const storage = t.app.get(FileStorage);
      const keysOf = async (lessonId: string) =>
        (await t.db.query(`SELECT f.file_key FROM learning_package_file f JOIN learning_package p ON p.id = f.package_id WHERE p.lesson_id = $1`, [lessonId])).map((r: { file_key: string }) => r.file_key);
      const exists = async (key: string) => (await storage.size(key)) !== null;

      const replaced = await packageLesson('Thay gói', scorm12Zip());
      const firstKeys = await keysOf(replaced.lessonId);
      expect(firstKeys).toHaveLength(2);
      for (const key of firstKeys) expect(await exists(key)).toBe(true);
      await author.upload(`/api/authoring/lessons/${replaced.lessonId}/package`, scorm2004MultiScoZip(), 'moi.zip').expect(201);
      for (const key of firstKeys) expect(await exists(key)).toBe(false);
      for (const key of await keysOf(replaced.lessonId)) expect(await exists(key)).toBe(true);

      // The store fails once: the lesson is deleted, the files stay queued, and the next drain removes them.
      const deleted = await packageLesson('Xóa bài', scorm2004MultiScoZip());
      const keys = await keysOf(deleted.lessonId);
      expect(keys).toHaveLength(3);
      const remove = jest.spyOn(storage, 'remove').mockRejectedValueOnce(new Error('kho tệp tạm ngừng'));
      await t.http.delete(`/api/authoring/lessons/${deleted.lessonId}`).set('authorization', `Bearer ${authorToken}`).expect(200);
      remove.mockRestore();
      const queued = await t.db.query(`SELECT file_key, tries, last_error FROM file_cleanup ORDER BY file_key`);
      expect(queued).toEqual([expect.objectContaining({ tries: 1, last_error: 'kho tệp tạm ngừng' })]);
      expect(keys).toContain(queued[0].file_key);
      expect(await exists(queued[0].file_key)).toBe(true);
      // The retry (a later drain: after the next deletion, or the ten-minute schedule).
      expect(await t.app.get(FileCleanup).drain()).toEqual({ removed: 1, failed: 0 });
      for (const key of keys) expect(await exists(key)).toBe(false);
      expect(await t.db.query(`SELECT * FROM file_cleanup`)).toEqual([]);
      // On local disk the files are really gone.
      for (const key of keys) expect(existsSync(path.join(filesDir, key))).toBe(false);

      // A deletion that rolls back queues nothing.
      const kept = await packageLesson('Giữ lại', scorm12Zip());
      await t.db.transaction(async (tx) => {
        await tx.query(`DELETE FROM lesson WHERE id = $1`, [kept.lessonId]);
        throw new Error('rollback');
      }).catch(() => undefined);
      expect(await t.db.query(`SELECT * FROM file_cleanup`)).toEqual([]);
      for (const key of await keysOf(kept.lessonId)) expect(await exists(key)).toBe(true);
    });
  });

  describe('content origin in the CSP (point 6)', () => {
    it('names exactly PUBLIC_URL\'s host on CONTENT_PORT, never a wildcard', async () => {
      const csp = String((await learner.get('/api/auth/me').expect(200)).headers['content-security-policy']);
      const frameSrc = /frame-src ([^;]+);/.exec(csp)![1].split(' ');
      const origin = resolvedContentOrigin(loadConfig());
      expect(origin).toMatch(/^http:\/\/localhost:\d+$/);
      expect(frameSrc).toEqual(["'self'", origin]);
      expect((await learner.get(`/api/lessons/${(await packageLesson('CSP', scorm12Zip())).lessonId}/package/launch`).expect(200)).body.contentOrigin).toBe(origin);
      expect(csp).not.toContain('*');
    });
  });

  describe('cmi5 (points 7–10)', () => {
    const V = { 'X-Experience-API-Version': '1.0.3' };
    const CMI5 = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
    const SESSION = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
    const verbs = async (registration: string) =>
      (await t.db.query(`SELECT verb_id, object_activity_id FROM xapi_statement WHERE registration = $1 ORDER BY seq`, [registration])).map(
        (r: { verb_id: string; object_activity_id: string }) => `${r.verb_id.split('/').pop()} ${r.object_activity_id.split('/').pop()}`,
      );

    async function session(lessonId: string, mode?: string, itemId = SAMPLE_CMI5_AU) {
      const launched = await learner.post(`/api/lessons/${lessonId}/package/cmi5-launch`, { itemId, ...(mode ? { mode } : {}) }).expect(200);
      const url = new URL(launched.body.url);
      const fetchPath = new URL(url.searchParams.get('fetch')!).pathname;
      return { launched: launched.body, url, fetchPath, registration: url.searchParams.get('registration')!, actor: JSON.parse(url.searchParams.get('actor')!), sessionId: launched.body.sessionId as string };
    }
    const statement = (s: { registration: string; actor: object; sessionId: string }, verb: string, result?: object) => ({
      actor: s.actor,
      verb: { id: `http://adlnet.gov/expapi/verbs/${verb}` },
      object: { objectType: 'Activity', id: SAMPLE_CMI5_AU },
      ...(result ? { result } : {}),
      context: { registration: s.registration, extensions: { [SESSION]: s.sessionId }, contextActivities: { category: [{ id: CMI5 }] } },
    });

    it('a fetch token unspent after CMI5_FETCH_TOKEN_MINUTES answers the cmi5 error JSON "expired" (point 9)', async () => {
      const { lessonId } = await packageLesson('cmi5 hết hạn', cmi5Zip());
      const s = await session(lessonId);
      await t.db.query(`UPDATE cmi5_session SET created_at = created_at - interval '11 minutes' WHERE id = $1`, [s.sessionId]);
      const res = await t.http.post(s.fetchPath).expect(401);
      expect(res.body).toMatchObject({ 'error-code': '2', 'error-text': 'Expired', code: 'CMI5_FETCH_EXPIRED', message: expect.stringMatching(/hết hạn.*10 phút/) });
      const fresh = await session(lessonId);
      await t.http.post(fresh.fetchPath).expect(200);
    });

    it('Review after the AU is passed: LaunchData says Review and the LRS refuses completed/passed/failed; Normal-only before (point 8)', async () => {
      const { lessonId } = await packageLesson('cmi5 xem lại', cmi5Zip());
      expectApiError(await learner.post(`/api/lessons/${lessonId}/package/cmi5-launch`, { itemId: SAMPLE_CMI5_AU, mode: 'Review' }), 409, 'PACKAGE_NOT_REVIEWABLE');
      expectApiError(await learner.post(`/api/lessons/${lessonId}/package/cmi5-launch`, { itemId: SAMPLE_CMI5_AU, mode: 'Browse' }), 409, 'PACKAGE_NOT_REVIEWABLE');
      expectApiError(await learner.post(`/api/lessons/${lessonId}/package/cmi5-launch`, { itemId: SAMPLE_CMI5_AU, mode: 'Xem' }), 400);

      const s = await session(lessonId);
      const auth = `Basic ${(await t.http.post(s.fetchPath).expect(200)).body['auth-token']}`;
      const post = (a: string, body: object) => t.http.post('/api/xapi/statements').set(V).set('Authorization', a).send(body);
      // Status re-read (point 10): an unchanged status answers 304 to its ETag.
      const before = await learner.get(`/api/lessons/${lessonId}/package/status`).expect(200);
      expect(before.body.items[0]).toMatchObject({ id: SAMPLE_CMI5_AU, completion: 'not attempted' });
      const etag = before.headers.etag as string;
      await learner.get(`/api/lessons/${lessonId}/package/status`).set('If-None-Match', etag).expect(304);
      await post(auth, statement(s, 'initialized')).expect(200);
      await post(auth, statement(s, 'completed', { completion: true })).expect(200);
      await post(auth, statement(s, 'passed', { success: true, score: { scaled: 0.85 } })).expect(200);
      await post(auth, statement(s, 'terminated')).expect(200);
      const after = await learner.get(`/api/lessons/${lessonId}/package/status`).set('If-None-Match', etag).expect(200);
      expect(after.headers.etag).not.toBe(etag);
      expect(after.body).toMatchObject({ lessonCompleted: true, items: [{ completion: 'completed', success: 'passed', scoreScaled: 0.85 }] });
      // The lesson records the AU's score.
      expect((await learner.get(`/api/lessons/${lessonId}`).expect(200)).body.result).toMatchObject({ success: 'passed', scoreScaled: 0.85 });

      const review = await session(lessonId, 'Review');
      expect(review.launched.launchMode).toBe('Review');
      const reviewAuth = `Basic ${(await t.http.post(review.fetchPath).expect(200)).body['auth-token']}`;
      const state = { activityId: SAMPLE_CMI5_AU, agent: JSON.stringify(review.actor), registration: review.registration, stateId: 'LMS.LaunchData' };
      const launchData = await t.http.get('/api/xapi/activities/state').query(state).set(V).set('Authorization', reviewAuth).expect(200);
      expect(JSON.parse(launchData.text).launchMode).toBe('Review');
      await post(reviewAuth, statement(review, 'initialized')).expect(200);
      for (const [verb, result] of [
        ['completed', { completion: true }],
        ['passed', { success: true, score: { scaled: 0.9 } }],
        ['failed', { success: false, score: { scaled: 0.1 } }],
      ] as const) {
        const refused = await post(reviewAuth, statement(review, verb, result));
        expect(refused.status).toBe(403);
        expect(refused.body.message).toMatch(/Review mode/);
      }
      await post(reviewAuth, statement(review, 'terminated')).expect(200);
      const launchedMode = await t.db.query(
        `SELECT statement->'context'->'extensions'->>'https://w3id.org/xapi/cmi5/context/extensions/launchmode' AS mode FROM xapi_statement WHERE registration = $1 AND verb_id LIKE '%/launched' ORDER BY seq`,
        [review.registration],
      );
      expect(launchedMode.map((r: { mode: string }) => r.mode)).toEqual(['Normal', 'Review']);
    });

    it('an officer waives an AU for a person in scope: "waived" with the reason, then "satisfied" for the block and course, and the lesson completes (point 7)', async () => {
      const twoAus = buildZip([
        {
          name: 'cmi5.xml',
          data: cmi5CourseXml().replace(
            '</block>',
            `<au id="${SAMPLE_CMI5_COURSE}/au-2" moveOn="Completed" launchMethod="AnyWindow"><title><langstring lang="vi-VN">Bài 2</langstring></title><description><langstring lang="vi-VN">Bài 2</langstring></description><url>au/index.html</url></au></block>`,
          ),
        },
        { name: 'au/index.html', data: cmi5AuPage() },
      ]);
      const { lessonId } = await packageLesson('cmi5 miễn', twoAus);
      const personId = p.people.communeAStaff.id;
      const officer = asUser(t.http, await login(t.http, 'commune.officer'));
      const url = `/api/people/${personId}/package-lessons/${lessonId}/waivers`;
      expectApiError(await officer.post(url, { itemId: SAMPLE_CMI5_AU, reason: 'Vì thích' }), 400);
      expectApiError(await officer.post(url, { itemId: 'khong-co', reason: 'Administrative' }), 400, 'PACKAGE_UNKNOWN_ITEM');
      expectApiError(await learner.post(url, { itemId: SAMPLE_CMI5_AU, reason: 'Administrative' }), 403);
      const deptOfficer = asUser(t.http, await login(t.http, 'dept.officer'));
      expectApiError(await deptOfficer.post(url, { itemId: SAMPLE_CMI5_AU, reason: 'Administrative' }), 403);

      // AU 2 done by the learner; AU 1 waived by the officer (equivalent training elsewhere) → all satisfied.
      const s = await session(lessonId, undefined, `${SAMPLE_CMI5_COURSE}/au-2`);
      const auth = `Basic ${(await t.http.post(s.fetchPath).expect(200)).body['auth-token']}`;
      const au2 = (verb: string, result?: object) => ({ ...statement(s, verb, result), object: { objectType: 'Activity', id: `${SAMPLE_CMI5_COURSE}/au-2` } });
      await t.http.post('/api/xapi/statements').set(V).set('Authorization', auth).send(au2('initialized')).expect(200);
      await t.http.post('/api/xapi/statements').set(V).set('Authorization', auth).send(au2('completed', { completion: true })).expect(200);
      expect((await learner.get(`/api/lessons/${lessonId}`).expect(200)).body.completed).toBe(false);

      const waived = await officer.post(url, { itemId: SAMPLE_CMI5_AU, reason: 'Equivalent Outside Activity', note: 'Đã học lớp tập huấn của tỉnh' }).expect(200);
      expect(waived.body.find((i: { id: string }) => i.id === SAMPLE_CMI5_AU)).toMatchObject({ waived: 'Equivalent Outside Activity' });
      expect((await learner.get(`/api/lessons/${lessonId}`).expect(200)).body.completed).toBe(true);
      expect((await verbs(s.registration)).slice(-5)).toEqual(['satisfied au-2', 'waived au-1', 'satisfied au-1', 'satisfied khoi-1', 'satisfied khoa-thu']);
      const [w] = await t.db.query(`SELECT statement FROM xapi_statement WHERE registration = $1 AND verb_id = 'https://w3id.org/xapi/adl/verbs/waived'`, [s.registration]);
      expect(w.statement.result).toMatchObject({ success: true, completion: true, extensions: { 'https://w3id.org/xapi/cmi5/result/extensions/reason': 'Equivalent Outside Activity' } });
      expect(w.statement.context.contextActivities.category).toEqual(expect.arrayContaining([{ id: CMI5 }, { id: 'https://w3id.org/xapi/cmi5/context/categories/moveon' }]));
      // Not twice.
      expectApiError(await officer.post(url, { itemId: SAMPLE_CMI5_AU, reason: 'Administrative' }), 409, 'PACKAGE_NOT_WAIVABLE');
      const launch = (await learner.get(`/api/lessons/${lessonId}/package/launch`).expect(200)).body;
      expect(launch.items.find((i: { id: string }) => i.id === SAMPLE_CMI5_AU).waived).toBe('Equivalent Outside Activity');
    });
  });
});
