import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, RunningServer, screenshot, signIn, startBuiltServer } from '../support/browser';

const ROUND_NAME = 'Kiểm tra câu hỏi có hình và bảng';

/**
 * A Moodle bank with formatting and images, imported as the coordinator would, then sat by a learner on a desktop
 * and on a phone: bold, a list, a table and the image on the test page; each option's feedback in review.
 */
describe('a rich Moodle question on the test page and in review', () => {
  let server: RunningServer;
  let browser: Browser;
  let db: Client;
  let roundId: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startBuiltServer(), launchBrowser()]);
    db = new Client({ connectionString: server.databaseUrl });
    await db.connect();
    // A topic of its own, so the draw holds exactly the imported questions.
    await db.query(`INSERT INTO topic (code, name, kind, parent_id, province_id) SELECT 'THU.RICH', 'Một cửa (đề có hình)', 'skill', id, province_id FROM topic WHERE code = 'CCHC'`);
    const login = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'dieuphoi', password: 'Demo@2025' }),
    }).then((r) => r.json());
    const bearer = { authorization: `Bearer ${login.accessToken}` };
    const form = new FormData();
    form.append('file', new Blob([readFileSync(path.join(__dirname, '../support/fixtures/moodle/moodle-rich.xml'))]), 'moodle-rich.xml');
    const imported = await fetch(`${server.baseUrl}/api/questions/import/commit?format=moodlexml&topicCode=THU.RICH&publish=true`, { method: 'POST', headers: bearer, body: form });
    expect(imported.status).toBe(200);
    const [{ id: topicId }] = (await db.query(`SELECT id FROM topic WHERE code = 'THU.RICH'`)).rows;
    const round = await fetch(`${server.baseUrl}/api/test-rounds`, {
      method: 'POST',
      headers: { ...bearer, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: ROUND_NAME,
        opensAt: new Date(Date.now() - 60_000).toISOString(),
        closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        blueprint: [{ topicId, difficulty: 'medium', count: 2 }],
        timeLimitMinutes: 20,
        reviewMode: 'full',
        shuffleQuestions: false,
      }),
    }).then((r) => r.json());
    roundId = round.id;
    const published = await fetch(`${server.baseUrl}/api/test-rounds/${roundId}/publish`, { method: 'POST', headers: { ...bearer, 'content-type': 'application/json' }, body: '{}' });
    expect(published.status).toBe(200);
  }, 180_000);
  afterAll(async () => {
    await db?.end();
    await browser?.close();
    await server?.stop();
  });

  const richQuestion = (page: Page) => page.getByTestId('question').filter({ has: page.locator('table') });
  /** Waits for the question image to be fetched and decoded (it loads on its own, after the page). */
  const imageShown = (page: Page) =>
    page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[data-testid="question"] [data-testid="question-image"] img');
      return !!img && img.complete && img.naturalWidth === 250;
    });

  it('shows bold, the list, the table and the image on a desktop and on a phone, without the page scrolling sideways', async () => {
    const desktop = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await desktop.newPage();
    await signIn(page, server.baseUrl, 'hocvien');
    await page.goto(`${server.baseUrl}/tests`);
    const ours = page.getByTestId('my-round').filter({ hasText: ROUND_NAME });
    await ours.waitFor();
    await ours.getByTestId('test-start').click();
    await page.getByTestId('take-test-page').waitFor();
    const q = richQuestion(page);
    await q.waitFor();
    const stem = q.getByTestId('stem');
    expect(await stem.locator('strong').first().innerText()).toBe('bước thứ hai');
    expect(await stem.locator('ul > li').allInnerTexts()).toEqual(['Bước 1: tiếp nhận', 'Bước 3: trả kết quả']);
    expect(await stem.locator('table th').allInnerTexts()).toEqual(['Bước', 'Thời hạn']);
    expect(await stem.locator('sub').innerText()).toBe('2');
    // The script of the Moodle text never reached the page; the option texts are formatted too.
    expect(await stem.innerHTML()).not.toContain('script');
    expect(await q.getByTestId('option').filter({ hasText: 'hồ sơ' }).locator('strong').innerText()).toBe('Giải quyết');
    await imageShown(page);
    expect(await stem.locator('img').getAttribute('alt')).toBe('Sơ đồ quy trình 3 bước');
    // The other question has no formatting: plain text.
    expect(await page.getByTestId('question').filter({ hasText: 'Bộ phận một cửa tiếp nhận hồ sơ trực tuyến.' }).count()).toBe(1);
    await screenshot(page, 'rich-question-1366');

    const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const small = await phone.newPage();
    await signIn(small, server.baseUrl, 'hocvien');
    await small.goto(page.url());
    await richQuestion(small).waitFor();
    await imageShown(small);
    expect(await small.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await richQuestion(small).screenshot({ path: path.join(__dirname, '../../test-output/screenshots/rich-question-375.png') });
    await screenshot(small, 'rich-question-375-page');
    await phone.close();

    // Answer: the wrong option with an image for the diagram, "Đúng" for the other; submit.
    await q.getByTestId('option').filter({ hasText: 'Lưu trữ hồ sơ' }).click();
    await page.getByTestId('question').filter({ hasText: 'Bộ phận một cửa tiếp nhận' }).getByTestId('option').filter({ hasText: 'Đúng' }).click();
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="save-state"]')].every((e) => e.getAttribute('data-state') === 'saved'));
    await page.getByTestId('test-submit').click();
    await page.getByTestId('submit-summary').getByTestId('summary-submit').click();
    await page.getByTestId('result-page').waitFor();
    await desktop.close();
  }, 120_000);

  it('review, once the round has closed, shows each chosen and right option with its feedback', async () => {
    await db.query(`UPDATE test_round SET closes_at = now() - interval '1 second' WHERE id = $1`, [roundId]);
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await signIn(page, server.baseUrl, 'hocvien');
    await page.goto(`${server.baseUrl}/tests/${roundId}/result`);
    const review = page.getByTestId('review-question').filter({ has: page.locator('table') });
    await review.waitFor();
    // Text as read (innerText counts a <p> as line breaks even when it is shown inline); options may be shuffled.
    const texts = (l: ReturnType<Page['getByTestId']>) => l.evaluateAll((els) => els.map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim()).sort());
    expect(await texts(review.getByTestId('option-feedback'))).toEqual(['Phản hồi: Chưa đúng: lưu trữ là sau cùng.', 'Phản hồi: Đúng: sau khi tiếp nhận là giải quyết.']);
    expect(await review.locator('.review-option-wrong').innerText()).toContain('Bạn chọn');
    expect(await review.locator('.review-option-correct').innerText()).toContain('Đáp án đúng');
    expect((await review.textContent())?.replace(/\s+/g, ' ')).toContain('Giải thích: Theo Điều 19 Nghị định 61/2018/NĐ-CP.');
    // The true/false question's feedback, for the chosen (and right) option only.
    const tf = page.getByTestId('review-question').filter({ hasText: 'Bộ phận một cửa tiếp nhận hồ sơ trực tuyến.' });
    expect(await texts(tf.getByTestId('option-feedback'))).toEqual(['Phản hồi: Đúng, theo Nghị định 45/2020.']);
    // Images load as they come near the screen: scroll down, and every one of them arrives.
    await page.getByTestId('review-question').last().scrollIntoViewIfNeeded();
    await page.waitForFunction(() => {
      const boxes = [...document.querySelectorAll('[data-testid="review-question"] [data-testid="question-image"]')];
      return boxes.length === 2 && boxes.every((b) => b.querySelector<HTMLImageElement>('img')?.complete && b.querySelector<HTMLImageElement>('img')!.naturalWidth > 0);
    });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'rich-question-review-375');
    await context.close();
  }, 120_000);

  it('an author edits the formatted question: its image shows in the editor, a new one is uploaded, both are kept', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await signIn(page, server.baseUrl, 'dieuphoi');
    const [{ id }] = (await db.query(`SELECT q.id FROM question q JOIN topic t ON t.id = q.topic_id WHERE t.code = 'THU.RICH' AND q.type = 'single'`)).rows;
    await page.goto(`${server.baseUrl}/questions/${id}`);
    await page.getByTestId('question-form').waitFor();
    expect(await page.getByTestId('q-format-html').isChecked()).toBe(true);
    const editor = page.getByTestId('q-stem-rich');
    // The stored image, fetched with the session token, shows inside the editor.
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[data-testid="q-stem-rich"] img');
      return !!img && img.src.startsWith('blob:') && img.complete && img.naturalWidth === 250;
    });
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Xem thêm con dấu: ');
    const png = Buffer.from(readFileSync(path.join(__dirname, '../support/fixtures/moodle/moodle-rich.xml'), 'utf8').match(/name="dau.png"[^>]*>([^<]+)</)![1], 'base64');
    await page.getByTestId('q-stem-rich-image-file').setInputFiles({ name: 'con-dau.png', mimeType: 'image/png', buffer: png });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="q-stem-rich"] img').length === 2);
    await page.getByTestId('q-save').click();
    await page.getByTestId('q-saved').waitFor();
    const [{ stem }] = (await db.query(`SELECT v.stem FROM question q JOIN question_version v ON v.question_id = q.id AND v.version = q.current_version WHERE q.id = $1`, [id])).rows;
    const images = [...stem.matchAll(/<img src="(\/api\/question-images\/[0-9a-f-]{36})"/g)].map((m: RegExpMatchArray) => m[1]);
    expect(images).toHaveLength(2);
    expect(stem).toContain('alt="Sơ đồ quy trình 3 bước"');
    expect(stem).toContain('alt="con-dau"');
    expect(stem).not.toContain('blob:');
    expect(stem).toContain('<strong>bước thứ hai</strong>');
    await screenshot(page, 'rich-question-editor-1366');
    await context.close();
  }, 120_000);

  it('on a phone whose connection drops mid-test, a picture far down the test still shows: it was fetched once the page was usable', async () => {
    const login = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'dieuphoi', password: 'Demo@2025' }),
    }).then((r) => r.json());
    const headers = { authorization: `Bearer ${login.accessToken}`, 'content-type': 'application/json' };
    // Eight plain questions first (a topic of their own), the imported ones with images last: no shuffling.
    await db.query(`INSERT INTO topic (code, name, kind, parent_id, province_id) SELECT 'THU.DAI', 'Một cửa (câu chữ)', 'skill', id, province_id FROM topic WHERE code = 'CCHC'`);
    const [{ id: plainTopic }] = (await db.query(`SELECT id FROM topic WHERE code = 'THU.DAI'`)).rows;
    const [{ id: richTopic }] = (await db.query(`SELECT id FROM topic WHERE code = 'THU.RICH'`)).rows;
    for (let i = 1; i <= 8; i++) {
      const created = await fetch(`${server.baseUrl}/api/questions`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          topicId: plainTopic,
          type: 'single',
          difficulty: 'medium',
          publish: true,
          stem: `Câu ${i}: theo quy định, hồ sơ thủ tục hành chính nộp trực tuyến được tiếp nhận và trả kết quả tại bộ phận nào của cơ quan?`,
          options: ['Bộ phận Một cửa', 'Văn thư', 'Phòng chuyên môn', 'Lãnh đạo cơ quan'].map((text, k) => ({ id: `o${k}`, text })),
          correct: ['o0'],
        }),
      });
      expect(created.status).toBe(201);
    }
    const name = 'Kiểm tra dài có hình ở cuối';
    const round = await fetch(`${server.baseUrl}/api/test-rounds`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        name,
        opensAt: new Date(Date.now() - 60_000).toISOString(),
        closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        blueprint: [
          { topicId: plainTopic, difficulty: 'medium', count: 8 },
          { topicId: richTopic, difficulty: 'medium', count: 2 },
        ],
        timeLimitMinutes: 20,
        reviewMode: 'full',
        shuffleQuestions: false,
      }),
    }).then((r) => r.json());
    expect((await fetch(`${server.baseUrl}/api/test-rounds/${round.id}/publish`, { method: 'POST', headers, body: '{}' })).status).toBe(200);
    const { rows: versions } = await db.query(
      `SELECT v.stem, v.options FROM question q JOIN question_version v ON v.question_id = q.id AND v.version = q.current_version JOIN topic t ON t.id = q.topic_id WHERE t.code = 'THU.RICH'`,
    );
    const images = new Set(versions.flatMap((v: { stem: string; options: unknown }) => [...`${v.stem} ${JSON.stringify(v.options)}`.matchAll(/\/api\/question-images\/[0-9a-f-]{36}/g)].map((m) => m[0])));
    expect(images.size).toBeGreaterThanOrEqual(2);

    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await signIn(page, server.baseUrl, 'hocvien');
    await page.goto(`${server.baseUrl}/tests`);
    await page.getByTestId('my-round').filter({ hasText: name }).getByTestId('test-start').click();
    const test = page.getByTestId('take-test-page');
    await test.waitFor();
    // The question with pictures is far below the screen (more than the 400 px at which the screen itself fetches).
    const rich = richQuestion(page);
    expect((await rich.boundingBox())!.y).toBeGreaterThan(740 + 400);
    expect(await rich.locator('[data-testid="question-image"] img').count()).toBe(0);
    await page.waitForFunction((n) => document.querySelector('[data-testid="take-test-page"]')?.getAttribute('data-images-in-memory') === `${n}/${n}`, images.size);

    await context.setOffline(true);
    await page.getByTestId('offline-banner').waitFor();
    await rich.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => {
      const question = [...document.querySelectorAll('[data-testid="question"]')].find((q) => q.querySelector('table'));
      const boxes = [...(question?.querySelectorAll('[data-testid="question-image"]') ?? [])];
      return boxes.length > 0 && boxes.every((b) => b.querySelector<HTMLImageElement>('img')?.complete && b.querySelector<HTMLImageElement>('img')!.naturalWidth > 0);
    });
    expect(await rich.innerText()).not.toContain('Không tải được hình');
    await rich.screenshot({ path: path.join(__dirname, '../../test-output/screenshots/rich-question-offline-375.png') });
    await context.setOffline(false);
    await context.close();
  }, 120_000);
});
