import { Client } from 'pg';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, RunningServer, screenshot, signIn, startBuiltServer } from '../support/browser';

/**
 * Issue #11 point 5 on the demo province: an author links a question to a lesson and a document by searching for them
 * (no id is typed anywhere), picks a course's final test from a list, is asked before publishing a course without a
 * topic; a learner's result page has a link for every weak topic.
 */
describe('pickers, not ids: an author links a question to a lesson; every weak topic leads somewhere', () => {
  let server: RunningServer;
  let browser: Browser;
  let db: Client;

  const apiAs = async (username: string) => {
    const { accessToken } = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'Demo@2025' }),
    }).then((r) => r.json());
    return async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${server.baseUrl}/api${path}`, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res.json();
    };
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startBuiltServer(), launchBrowser()]);
    db = new Client({ connectionString: server.databaseUrl });
    await db.connect();
  }, 120_000);
  afterAll(async () => {
    await db?.end();
    await browser?.close();
    await server?.stop();
  });

  it('the author searches without diacritics, picks a lesson and a document, and the question keeps them', async () => {
    const page: Page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page, server.baseUrl, 'bienson');
    // A new public-service culture question that links nothing yet.
    const author = await apiAs('bienson');
    const vhcv = (await db.query(`SELECT id FROM topic WHERE code = 'VHCV'`)).rows[0].id;
    const created = await author('POST', '/questions', {
      topicId: vhcv,
      type: 'single',
      difficulty: 'easy',
      stem: 'Khi tiếp công dân, công chức cần có thái độ nào?',
      options: [
        { id: 'a', text: 'Lịch sự, tôn trọng, tận tụy' },
        { id: 'b', text: 'Tùy tâm trạng' },
      ],
      correct: ['a'],
      lessonIds: [],
      documentIds: [],
      tags: [],
    });
    const questionId: string = created.id;
    await page.goto(`${server.baseUrl}/questions/${questionId}`);
    await page.getByTestId('question-form').waitFor();
    expect(await page.locator('textarea#q-lessons, textarea#q-documents').count()).toBe(0);

    await page.getByTestId('q-lesson-search').fill('chuan muc giao tiep');
    const lessonResult = page.getByTestId('q-lesson-results').getByTestId('link-result').filter({ hasText: 'Chuẩn mực giao tiếp, ứng xử' });
    await lessonResult.waitFor();
    // Each result says which course and part it belongs to.
    expect(await lessonResult.innerText()).toContain('Văn hóa công vụ theo Quyết định 1847/QĐ-TTg › Phần 2');
    await lessonResult.click();
    await page.getByTestId('q-document-search').fill('6861');
    const documentResult = page.getByTestId('q-document-results').getByTestId('link-result').first();
    await documentResult.waitFor();
    expect(await documentResult.innerText()).toContain('6861/KH-UBND');
    await documentResult.click();
    expect(await page.getByTestId('q-lesson-chosen').innerText()).toContain('Chuẩn mực giao tiếp, ứng xử');
    await screenshot(page, 'question-link-picker');

    await page.getByTestId('q-save').click();
    await page.getByTestId('q-saved').waitFor();
    const saved = await db.query(
      `SELECT l.title AS lesson, d.number AS document FROM question q JOIN question_version v ON v.question_id = q.id AND v.version = q.current_version
         JOIN lesson l ON l.id = ANY(v.lesson_ids) JOIN library_document d ON d.id = ANY(v.document_ids) WHERE q.id = $1`,
      [questionId],
    );
    expect(saved.rows).toEqual([{ lesson: 'Chuẩn mực giao tiếp, ứng xử', document: '6861/KH-UBND' }]);

    // Opened again, the links show as titles (looked up), and the form fits a phone.
    await page.setViewportSize({ width: 375, height: 800 });
    await page.reload();
    await page.getByTestId('q-lesson-chosen').filter({ hasText: 'Chuẩn mực giao tiếp, ứng xử' }).waitFor();
    await page.getByTestId('q-document-chosen').filter({ hasText: '6861/KH-UBND' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
    await screenshot(page, 'question-link-picker-phone');
    await page.close();
  }, 120_000);

  it('a course picks its final test from a list, and publishing a course without a topic asks first', async () => {
    const author = await apiAs('bienson');
    const course = await author('POST', '/authoring/courses', { title: 'Khóa học chưa gắn chủ đề', topicIds: [], estimatedHours: 1 });
    const withModule = await author('POST', `/authoring/courses/${course.id}/modules`, { title: 'Phần 1' });
    await author('POST', `/authoring/modules/${withModule.modules[0].id}/lessons`, { title: 'Bài 1', kind: 'text', bodyHtml: '<p>Nội dung</p>' });
    const round = (await db.query(`SELECT id, name FROM test_round WHERE status <> 'draft' ORDER BY opens_at DESC LIMIT 1`)).rows[0];

    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page, server.baseUrl, 'bienson');
    await page.goto(`${server.baseUrl}/authoring/courses/${course.id}`);
    await page.getByTestId('course-settings').waitFor();
    await page.getByText('Đạt bài kiểm tra cuối khóa').click();
    const select = page.getByTestId('course-round');
    await page.waitForFunction((name) => [...document.querySelectorAll('[data-testid="course-round"] option')].some((o) => o.textContent?.startsWith(name)), round.name);
    await select.selectOption(round.id);
    await page.getByTestId('course-save').click();
    await page.getByText('Đã lưu.').waitFor();
    const rule = (await db.query(`SELECT completion_rule FROM course WHERE id = $1`, [course.id])).rows[0].completion_rule;
    expect(rule).toEqual({ kind: 'final_quiz', testRoundId: round.id });

    await page.getByTestId('course-publish').click();
    const dialog = page.getByTestId('publish-no-topic');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('chưa gắn chủ đề');
    await screenshot(page, 'course-publish-no-topic');
    await dialog.getByTestId('confirm-cancel').click();
    await dialog.waitFor({ state: 'detached' });
    expect((await db.query(`SELECT status FROM course WHERE id = $1`, [course.id])).rows[0].status).toBe('draft');
    await page.getByTestId('course-publish').click();
    await dialog.getByTestId('confirm-ok').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="course-status"]')?.textContent === 'Đã xuất bản');
    expect((await db.query(`SELECT status FROM course WHERE id = $1`, [course.id])).rows[0].status).toBe('published');
    await page.close();
  }, 120_000);

  it("the learner's result page shows a link for every weak topic", async () => {
    // A round over three topics: one whose questions link lessons, one the demo courses teach without links, and a
    // skill no demo course is tagged with (it borrows from the programme above it).
    const coordinator = await apiAs('dieuphoi');
    const cells = (
      await db.query(
        `SELECT DISTINCT ON (t.id) t.id AS topic, q.difficulty FROM topic t JOIN question q ON q.topic_id = t.id AND q.status = 'published'
          WHERE t.code IN ('VHCV', 'CCHC.TTHC', 'CCHC.KN.BAOCAO') ORDER BY t.id, q.difficulty`,
      )
    ).rows as { topic: string; difficulty: string }[];
    expect(cells).toHaveLength(3);
    const round = await coordinator('POST', '/test-rounds', {
      name: 'Kiểm tra thử: gợi ý ôn tập',
      opensAt: new Date(Date.now() - 60_000).toISOString(),
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
      blueprint: cells.map((c) => ({ topicId: c.topic, difficulty: c.difficulty, count: 1 })),
      timeLimitMinutes: 20,
      attemptsAllowed: 1,
    });
    await coordinator('POST', `/test-rounds/${round.id}/publish`, {});
    const learner = await apiAs('hocvien');
    const attempt = await learner('POST', `/test-rounds/${round.id}/attempts`, {});
    const key = (await db.query(`SELECT q->>'questionId' AS id, q->'options' AS options, q->'correct' AS correct FROM test_attempt, jsonb_array_elements(test_attempt_questions(questions, snapshot_ids, option_sets)) q WHERE id = $1`, [attempt.id])).rows;
    let seq = 1;
    for (const q of key) {
      const wrong = (q.options as { id: string }[]).map((o) => o.id).find((o) => !(q.correct as string[]).includes(o))!;
      await learner('PUT', `/attempts/${attempt.id}/answers/${q.id}`, { choice: [wrong], seq: seq++ });
    }
    await learner('POST', `/attempts/${attempt.id}/submit`, {});

    const page = await browser.newPage({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    await signIn(page, server.baseUrl, 'hocvien');
    await page.goto(`${server.baseUrl}/tests/${round.id}/result`);
    await page.getByTestId('result-page').waitFor();
    const recs = page.getByTestId('recommendation');
    await recs.first().waitFor();
    expect(await recs.count()).toBe(3);
    for (let i = 0; i < 3; i++) {
      const text = await recs.nth(i).innerText();
      expect(await recs.nth(i).locator('a').count()).toBeGreaterThan(0);
      expect(text).not.toContain('hãy ôn lại chủ đề này');
    }
    const reporting = recs.filter({ hasText: 'Kỹ năng thông tin, báo cáo' });
    expect(await reporting.innerText()).toContain('Khóa học:');
    await screenshot(page, 'result-every-weak-topic-linked');
    await page.close();
  }, 120_000);
});
