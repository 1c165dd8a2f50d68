import { Client } from 'pg';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, RunningServer, screenshot, signIn, startBuiltServer } from '../support/browser';

/** Nothing wider than the 375 px phone (a mobile browser would otherwise widen its layout viewport to fit). */
const noSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= 375);

describe('remedial learning and the full round form, on a phone', () => {
  let server: RunningServer;
  let browser: Browser;
  let db: Client;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startBuiltServer(), launchBrowser()]);
    db = new Client({ connectionString: server.databaseUrl });
    await db.connect();
  }, 120_000);
  /** A phone of its own for each user (a signed-in session lives in the context). */
  const phone = async (): Promise<Page> => (await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true })).newPage();
  afterAll(async () => {
    await db?.end();
    await browser?.close();
    await server?.stop();
  });

  it('hocvien sees what to re-study, the due date and the re-test rule on the result page, and marks a document read', async () => {
    const { rows } = await db.query(
      `SELECT r.round_id, to_char(r.due_date, 'DD/MM/YYYY') AS due, t.name AS round_name, (SELECT count(*)::int FROM remedial_item i WHERE i.assignment_id = r.id) AS items
         FROM remedial_assignment r JOIN user_account u ON u.person_id = r.person_id JOIN test_round t ON t.id = r.round_id WHERE u.username = 'hocvien'`,
    );
    expect(rows).toHaveLength(1);
    const [demo] = rows;
    const page = await phone();
    await signIn(page, server.baseUrl, 'hocvien');

    // The learner's tests page lists it under the round.
    await page.goto(`${server.baseUrl}/tests`);
    const card = page.getByTestId('my-round').filter({ hasText: demo.round_name });
    await card.getByTestId('remedial').waitFor();
    expect(await card.getByTestId('remedial-due').innerText()).toContain(demo.due);
    expect(await noSideways(page)).toBe(true);

    await card.getByTestId('test-view-result').click();
    await page.getByTestId('result-page').waitFor();
    const panel = page.getByTestId('remedial');
    await panel.waitFor();
    expect(await panel.getByTestId('remedial-due').innerText()).toBe(`Hạn hoàn thành: ${demo.due}`);
    expect(await panel.getByTestId('remedial-item').count()).toBe(demo.items);
    expect(await panel.getByTestId('remedial-progress').innerText()).toBe(`Đã xong 0/${demo.items}`);
    expect(await panel.innerText()).toContain('Học xong tất cả nội dung trên, bạn sẽ được làm bài kiểm tra lại một lần.');
    expect(await panel.getByRole('link').first().getAttribute('href')).toMatch(/^\/(learning\/lessons|library)\//);
    expect(await noSideways(page)).toBe(true);
    await screenshot(page, 'remedial-result-phone');

    await panel.getByTestId('remedial-mark-read').first().click();
    await page.waitForFunction((text) => document.querySelector('[data-testid="remedial-progress"]')?.textContent === text, `Đã xong 1/${demo.items}`);
    await page.close();
  });

  it('the coordinator sets audience, bands and remedial options on a phone, sees Vietnamese errors, and the round is saved as set', async () => {
    const page = await phone();
    await signIn(page, server.baseUrl, 'dieuphoi');
    await page.goto(`${server.baseUrl}/test-rounds`);
    await page.getByTestId('round-new').click();
    const form = page.getByTestId('round-form');
    await form.waitFor();
    expect(await form.getByTestId('band-row').count()).toBe(4);

    const name = 'Kiểm tra CCHC cho công chức Phường Nha Trang';
    await form.getByTestId('round-name').fill(name);
    const unitId = (await db.query(`SELECT id FROM org_unit WHERE name = 'Phường Nha Trang' LIMIT 1`)).rows[0].id;
    await form.getByTestId('round-unit').selectOption(unitId);
    await form.getByTestId('round-category-cong_chuc').check();
    await form.getByTestId('round-cchc').selectOption('yes');
    await form.getByTestId('blueprint-add').click();
    expect(await noSideways(page)).toBe(true);
    await form.getByTestId('blueprint-line').locator('input').fill('200');
    await form.getByTestId('blueprint-available').getByText('thiếu', { exact: false }).waitFor();

    // Bands out of order: refused in the form, in Vietnamese.
    await form.getByTestId('band-min').nth(1).fill('9.5');
    await form.getByTestId('round-save-draft').click();
    expect(await page.getByTestId('round-form-errors').innerText()).toContain('Dòng 2: ngưỡng điểm phải thấp hơn dòng trên');
    await form.getByTestId('band-min').nth(1).fill('7');
    await form.getByTestId('round-remedial').check();
    await form.getByTestId('round-remedial-days').fill('10');

    // The bank cannot fill 200 questions: the server's refusal names the shortfall.
    await form.getByTestId('round-save-draft').click();
    await page.getByTestId('round-shortfalls').waitFor();
    expect(await page.getByTestId('round-shortfalls').innerText()).toMatch(/cần 200, có \d+/);
    expect(await noSideways(page)).toBe(true);
    await screenshot(page, 'round-form-phone');

    await form.getByTestId('blueprint-line').locator('input').fill('2');
    await page.waitForFunction(() => !document.querySelector('[data-testid="blueprint-available"] .text-danger'));
    await form.getByTestId('round-save-draft').click();
    await form.waitFor({ state: 'detached' });
    const { rows } = await db.query(`SELECT audience, remedial_auto, remedial_due_days, bands FROM test_round WHERE name = $1`, [name]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      audience: { unitId, categories: ['cong_chuc'], doesCchcWork: true, isLeader: null },
      remedial_auto: true,
      remedial_due_days: 10,
      bands: [
        { label: 'Giỏi', min: 9 },
        { label: 'Khá', min: 7 },
        { label: 'Đạt', min: 5 },
        { label: 'Chưa đạt', min: 0 },
      ],
    });

    // The officer's view of the demo round: remedial status per low scorer.
    const demoRound = (await db.query(`SELECT round_id FROM remedial_assignment r JOIN user_account u ON u.person_id = r.person_id WHERE u.username = 'hocvien'`)).rows[0].round_id;
    await page.goto(`${server.baseUrl}/test-rounds/${demoRound}`);
    const summary = page.getByTestId('remedial-summary').first();
    await summary.waitFor();
    expect(await summary.innerText()).toMatch(/^1\/\d+ nội dung · hạn \d{2}\/\d{2}\/\d{4}/);
    expect(await noSideways(page)).toBe(true);
    await page.close();
  });
});
