import { Client } from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, RunningServer, screenshot, signIn, startBuiltServer } from '../support/browser';

/**
 * Puts a small published bank into the server's database, under two topics of its own so that the draw cannot pick
 * the demo bank's questions (the test needs to know which option is right).
 */
async function seedBank(db: Client): Promise<Record<string, string>> {
  const topics: Record<string, string> = {};
  const names: Record<string, string> = { ASEAN: 'Cộng đồng ASEAN (đề thử)', VHCV: 'Văn hóa công vụ (đề thử)' };
  for (const code of ['ASEAN', 'VHCV']) {
    topics[code] = (
      await db.query(`INSERT INTO topic (code, name, kind, parent_id) SELECT $1, $2, 'skill', id FROM topic WHERE code = $3 RETURNING id`, [`THU.${code}`, names[code], code])
    ).rows[0].id;
    for (let i = 1; i <= 4; i++) {
      const { rows } = await db.query(`INSERT INTO question (topic_id, type, difficulty, status) VALUES ($1, 'single', 'easy', 'published') RETURNING id`, [topics[code]]);
      await db.query(
        `INSERT INTO question_version (question_id, version, topic_id, type, difficulty, stem, options, correct, explanation, lesson_ids)
         VALUES ($1, 1, $2, 'single', 'easy', $3, $4, '["a"]', 'Theo Quyết định 1718/QĐ-UBND.', ARRAY[$5::uuid])`,
        [
          rows[0].id,
          topics[code],
          code === 'ASEAN' ? `Câu ${i} về Cộng đồng ASEAN: trụ cột nào sau đây thuộc Cộng đồng ASEAN?` : `Câu ${i} về văn hóa công vụ: cán bộ cần có thái độ nào khi tiếp công dân?`,
          JSON.stringify([
            { id: 'a', text: code === 'ASEAN' ? 'Cộng đồng Chính trị - An ninh' : 'Tận tụy, lịch sự, tôn trọng' },
            { id: 'b', text: 'Phương án B' },
            { id: 'c', text: 'Phương án C' },
            { id: 'd', text: 'Phương án D' },
          ]),
          `00000000-0000-4000-8000-00000000000${i}`,
        ],
      );
    }
  }
  return topics;
}

const ROUND_NAME = 'Kiểm tra thử trên đường truyền yếu';

describe('a learner takes a test on a phone over a weak link, and the unit officer sees the low scorers', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let db: Client;
  let roundId: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startBuiltServer(), launchBrowser()]);
    db = new Client({ connectionString: server.databaseUrl });
    await db.connect();
    const topics = await seedBank(db);
    const login = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'dieuphoi', password: 'Demo@2025' }),
    }).then((r) => r.json());
    const auth = { 'content-type': 'application/json', authorization: `Bearer ${login.accessToken}` };
    const round = await fetch(`${server.baseUrl}/api/test-rounds`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({
        name: ROUND_NAME,
        opensAt: new Date(Date.now() - 60_000).toISOString(),
        closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        blueprint: [
          { topicId: topics.ASEAN, difficulty: 'easy', count: 3 },
          { topicId: topics.VHCV, difficulty: 'easy', count: 3 },
        ],
        timeLimitMinutes: 20,
      }),
    }).then((r) => r.json());
    roundId = round.id;
    const published = await fetch(`${server.baseUrl}/api/test-rounds/${roundId}/publish`, { method: 'POST', headers: auth, body: '{}' });
    expect(published.status).toBe(200);
    context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    page = await context.newPage();
  }, 120_000);
  afterAll(async () => {
    await db?.end();
    await browser?.close();
    await server?.stop();
  });

  it('answers survive a dropped connection, the result shows per-topic scores and what to re-study', async () => {
    await signIn(page, server.baseUrl, 'hocvien');
    await page.goto(`${server.baseUrl}/tests`);
    // The demo province has its own open round too: take the one this test made.
    const ours = page.getByTestId('my-round').filter({ hasText: ROUND_NAME });
    await ours.waitFor();
    await ours.getByTestId('test-start').click();
    await page.getByTestId('take-test-page').waitFor();
    const attemptId = page.url().split('/').pop()!;
    await page.getByTestId('question').first().waitFor();
    expect(await page.getByTestId('countdown').innerText()).toMatch(/^(19|20):\d\d$/);

    const { rows } = await db.query(`SELECT q->>'questionId' AS id, q->>'topicId' AS topic FROM test_attempt, jsonb_array_elements(test_attempt_questions(questions, snapshot_ids, option_sets)) q WHERE id = $1`, [attemptId]);
    const aseanTopic = (await db.query(`SELECT id FROM topic WHERE code = 'THU.ASEAN'`)).rows[0].id;
    const choose = async (questionId: string, right: boolean) => {
      const question = page.locator(`[data-question-id="${questionId}"]`);
      const options = question.getByTestId('option');
      const texts = await options.allInnerTexts();
      const index = texts.findIndex((t) => (right ? !t.startsWith('Phương án') : t === 'Phương án B'));
      await options.nth(index).click();
    };
    const stateOf = (questionId: string) => page.locator(`[data-question-id="${questionId}"]`).getByTestId('save-state').getAttribute('data-state');

    // Online: the first two answers are saved at once.
    await choose(rows[0].id, rows[0].topic === aseanTopic);
    await choose(rows[1].id, rows[1].topic === aseanTopic);
    await page.waitForFunction((ids) => ids.every((id: string) => document.querySelector(`[data-question-id="${id}"] [data-testid="save-state"]`)?.getAttribute('data-state') === 'saved'), [rows[0].id, rows[1].id]);

    // The navigator shows what is answered; question 3 is flagged for review.
    const navStates = () => page.getByTestId('nav-item').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-state')}${e.getAttribute('data-flagged') === 'true' ? '+flag' : ''}`));
    expect(await navStates()).toEqual(['answered', 'answered', 'unanswered', 'unanswered', 'unanswered', 'unanswered']);
    await page.locator(`[data-question-id="${rows[2].id}"]`).getByTestId('flag').click();
    expect(await navStates()).toEqual(['answered', 'answered', 'unanswered+flag', 'unanswered', 'unanswered', 'unanswered']);
    await page.getByTestId('nav-item').nth(4).click();
    await page.waitForFunction(() => document.activeElement?.id === 'question-5');

    // The offline shell is in place before the link drops (the service worker controls the page).
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null && navigator.serviceWorker?.controller !== undefined);

    // The connection drops: three more are answered (ASEAN right, culture wrong) and wait on the device; one is left.
    await context.setOffline(true);
    for (const r of rows.slice(2, 5)) await choose(r.id, r.topic === aseanTopic);
    await page.getByTestId('offline-banner').waitFor();
    for (const r of rows.slice(2, 5)) expect(await stateOf(r.id)).toBe('pending');
    expect(await page.getByTestId('save-summary').innerText()).toContain('3 câu trả lời đang chờ gửi');
    await screenshot(page, 'take-test-offline');
    expect((await db.query(`SELECT count(*)::int AS n FROM test_answer WHERE attempt_id = $1`, [attemptId])).rows[0].n).toBe(2);

    // Reloading without a connection shows the test again, with the queued answers and the flag, not an error page.
    await page.reload();
    await page.getByTestId('take-test-page').waitFor();
    await page.getByTestId('question').first().waitFor();
    for (const r of rows.slice(2, 5)) expect(await stateOf(r.id)).toBe('pending');
    expect(await navStates()).toEqual(['answered', 'answered', 'answered+flag', 'answered', 'answered', 'unanswered']);
    await screenshot(page, 'take-test-offline-reloaded');

    // Back online: everything queued is sent and acknowledged.
    await context.setOffline(false);
    const allSent = () =>
      page.waitForFunction(() => [...document.querySelectorAll('[data-testid="save-state"]')].every((e) => ['saved', 'none'].includes(e.getAttribute('data-state') ?? '')), undefined, {
        timeout: 20_000,
      });
    await allSent();
    expect(await page.getByTestId('save-summary').innerText()).toContain('Tất cả câu trả lời đã được lưu');
    expect((await db.query(`SELECT count(*)::int AS n FROM test_answer WHERE attempt_id = $1`, [attemptId])).rows[0].n).toBe(5);

    // Before submitting: the summary names the unanswered and the flagged question, with links back.
    await page.getByTestId('test-submit').click();
    const summary = page.getByTestId('submit-summary');
    await summary.waitFor();
    expect(await summary.getByTestId('summary-unanswered').innerText()).toContain('Câu 6');
    expect(await summary.getByTestId('summary-flagged').innerText()).toContain('Câu 3');
    await screenshot(page, 'take-test-summary');
    await summary.getByTestId('summary-unanswered').getByTestId('summary-link').click();
    await summary.waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.activeElement?.id === 'question-6');
    await choose(rows[5].id, rows[5].topic === aseanTopic);
    await allSent();
    expect((await db.query(`SELECT count(*)::int AS n FROM test_answer WHERE attempt_id = $1`, [attemptId])).rows[0].n).toBe(6);
    await screenshot(page, 'take-test-saved');

    await page.getByTestId('test-submit').click();
    await summary.waitFor();
    expect(await summary.getByTestId('summary-unanswered').count()).toBe(0);
    await summary.getByTestId('summary-submit').click();
    await page.getByTestId('result-page').waitFor();
    expect(await page.getByTestId('result-score').innerText()).toMatch(/^5\s*\/10$/);
    expect(await page.getByTestId('result-band').innerText()).toBe('Đạt');
    expect(await page.getByTestId('topic-bar').count()).toBe(2);
    const bars = await page.getByTestId('topic-bars').innerText();
    expect(bars).toContain('Cộng đồng ASEAN');
    expect(bars).toContain('Văn hóa công vụ');
    const recs = await page.getByTestId('recommendations').innerText();
    expect(recs).toContain('Văn hóa công vụ');
    expect(recs).not.toContain('Cộng đồng ASEAN');
    expect(await page.getByTestId('recommendation').locator('a').count()).toBeGreaterThan(0);
    await screenshot(page, 'test-result-mobile');
  }, 120_000);

  it('the commune officer sees the low scorer with what to re-study', async () => {
    const officer = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(officer, server.baseUrl, 'donvi.xa');
    await officer.goto(`${server.baseUrl}/test-rounds/${roundId}`);
    await officer.getByTestId('round-results-page').waitFor();
    await officer.getByTestId('low-scorer-row').first().waitFor();
    const { rows } = await db.query(`SELECT p.full_name FROM user_account a JOIN person p ON p.id = a.person_id WHERE a.username = 'hocvien'`);
    const table = await officer.getByTestId('low-scorers-table').innerText();
    expect(table).toContain(rows[0].full_name);
    expect(table).toContain('Văn hóa công vụ');
    expect(await officer.getByTestId('results-taken').innerText()).toBe('1');
    await screenshot(officer, 'round-results-unit-officer');
    await officer.close();
  }, 60_000);
});
