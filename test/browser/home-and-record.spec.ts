import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, RunningServer, screenshot, signIn, startBuiltServer } from '../support/browser';

/** Nothing wider than the viewport (a phone would otherwise widen its layout to fit). */
const noSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

const SIZES = [
  { name: 'phone', viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true },
  { name: 'desktop', viewport: { width: 1366, height: 900 }, isMobile: false, hasTouch: false },
] as const;

describe('home pages that say what is due, and the person’s training record', () => {
  let server: RunningServer;
  let browser: Browser;
  let db: Client;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startBuiltServer(), launchBrowser()]);
    db = new Client({ connectionString: server.databaseUrl });
    await db.connect();
    // A yearly target on a topic the demo learner has studied nothing of, so their home has a target to meet.
    const api = (path: string, body: object, token?: string) =>
      fetch(`${server.baseUrl}/api${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
    const { accessToken } = await (await api('/auth/login', { username: 'dieuphoi', password: 'Demo@2025' })).json();
    const { rows: [topic] } = await db.query(`SELECT id FROM topic WHERE code = 'KNHC'`);
    const year = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();
    const created = await api(
      '/targets',
      {
        code: 'KH.KNHC.NAM', name: 'Bồi dưỡng kỹ năng hành chính hằng năm', legalBasisNumber: '12/KH-UBND', topicId: topic.id, kind: 'people',
        audience: { categories: [], doesCchcWork: null, isLeader: null, unitLevels: [], unitIds: [] }, evidenceKinds: ['course_completed', 'attendance'], validity: 'year',
        phases: [{ name: `Năm ${year}`, startYear: year, endYear: year, review: 'final' }], startYear: year, endYear: year, deadline: `${year}-12-31`, thresholdPct: 90,
      },
      accessToken,
    );
    expect(created.status).toBe(201);
  }, 120_000);
  afterAll(async () => {
    await db?.end();
    await browser?.close();
    await server?.stop();
  });

  const open = async (size: (typeof SIZES)[number], username: string): Promise<Page> => {
    const context = await browser.newContext({ viewport: size.viewport, isMobile: size.isMobile, hasTouch: size.hasTouch, acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, server.baseUrl, username);
    return page;
  };

  for (const size of SIZES) {
    it(`learner (${size.name}): the open round, remedial work, assigned courses and targets not met, then the own record`, async () => {
      const { rows: [demo] } = await db.query(
        `SELECT (SELECT t.name FROM remedial_assignment r JOIN test_round t ON t.id = r.round_id WHERE r.person_id = u.person_id LIMIT 1) AS remedial_round,
                (SELECT c.title FROM course_assignment a JOIN course c ON c.id = a.course_id
                  WHERE NOT EXISTS (SELECT 1 FROM course_completion cc WHERE cc.course_id = a.course_id AND cc.person_id = u.person_id) LIMIT 1) AS course
           FROM user_account u WHERE u.username = 'hocvien'`,
      );
      const page = await open(size, 'hocvien');
      const due = page.getByTestId('home-due');
      await due.waitFor();
      expect(await due.getByTestId('home-due-remedial').innerText()).toContain(demo.remedial_round);
      expect(await due.getByTestId('home-due-courses').innerText()).toContain(demo.course);
      expect(await due.getByTestId('home-due-courses').innerText()).toMatch(/Hạn \d{2}\/\d{2}\/\d{4}/);
      const targets = due.getByTestId('home-due-targets');
      // The assigned course also teaches that topic: the target says finishing it would meet it.
      expect(await targets.innerText()).toContain(`Bồi dưỡng kỹ năng hành chính hằng năm`);
      expect(await targets.innerText()).toContain(`Chưa hoàn thành khóa «${demo.course}»`);
      expect(await targets.innerText()).toContain('Cần hoàn thành một khóa học hoặc tham dự một lớp tập huấn về "Kỹ năng hành chính');
      // A learner has no overview of units.
      expect(await page.getByTestId('home-overview').count()).toBe(0);
      expect(await noSideways(page)).toBe(true);
      await screenshot(page, `home-learner-${size.name}`);

      await page.getByTestId('home-my-record').click();
      const record = page.getByTestId('person-record');
      await record.getByTestId('record-targets').waitFor();
      expect(await record.getByTestId('record-courses').innerText()).toContain('Đã hoàn thành');
      await record.getByTestId('record-certificate').first().waitFor();
      expect(await noSideways(page)).toBe(true);
      await screenshot(page, `my-record-${size.name}`);
      await page.context().close();
    });

    it(`unit officer (${size.name}): per target what is missing in Phường Nha Trang, open rounds with not-taken counts, each a link to its list`, async () => {
      const page = await open(size, 'donvi.xa');
      const overview = page.getByTestId('home-overview');
      await overview.waitFor();
      expect(await overview.getAttribute('data-level')).toBe('unit');
      expect(await overview.locator('h2').first().innerText()).toBe('Đơn vị: Phường Nha Trang');
      const targets = page.getByTestId('home-targets');
      expect(await targets.locator('.record-list > li').count()).toBeGreaterThan(0);
      expect(await page.getByTestId('home-rounds').innerText()).toMatch(/\d+\/\d+ người chưa làm bài|Không có kỳ kiểm tra nào đang mở/);
      expect(await noSideways(page)).toBe(true);
      await screenshot(page, `home-officer-${size.name}`);

      // "Còn N người chưa đạt" opens the coverage page on that target, whose missing list has N people.
      const link = targets.getByTestId('home-target-missing').getByRole('link').first();
      const n = Number((await link.innerText()).match(/Còn ([\d.]+) người/)![1].replace(/\./g, ''));
      await link.click();
      await page.getByTestId('missing-list').waitFor();
      await page.waitForFunction(
        (count) => document.querySelector('[data-testid="missing-list"] h3')?.textContent?.includes(String(count).replace(/\B(?=(\d{3})+(?!\d))/g, '.')) ?? false,
        n,
      );
      await page.context().close();
    });

    it(`coordinator (${size.name}): the province summary with targets behind, open rounds and the units furthest behind`, async () => {
      const page = await open(size, 'dieuphoi');
      const overview = page.getByTestId('home-overview');
      await overview.waitFor();
      expect(await overview.getAttribute('data-level')).toBe('province');
      expect(await overview.locator('h2').first().innerText()).toContain('Toàn tỉnh');
      const behind = page.getByTestId('home-units-behind');
      const units = await behind.locator('.record-list > li').count();
      expect(units).toBeGreaterThan(0);
      expect(units).toBeLessThanOrEqual(5);
      await page.getByTestId('home-low').waitFor();
      expect(await noSideways(page)).toBe(true);
      await screenshot(page, `home-coordinator-${size.name}`);
      await page.context().close();
    });
  }

  it('a unit officer reads a person’s record on the person page and downloads it as PDF', async () => {
    const { rows: [hocvien] } = await db.query(`SELECT person_id FROM user_account WHERE username = 'hocvien'`);
    const page = await open(SIZES[0], 'donvi.xa');
    await page.goto(`${server.baseUrl}/people/${hocvien.person_id}`);
    const record = page.getByTestId('person-record');
    await record.getByTestId('record-rounds').waitFor();
    expect(await record.getByTestId('record-targets').innerText()).toMatch(/Đạt|Chưa đạt|Không áp dụng/);
    expect(await noSideways(page)).toBe(true);
    await screenshot(page, 'person-record-phone');
    const [download] = await Promise.all([page.waitForEvent('download'), record.getByTestId('record-pdf').click()]);
    expect(download.suggestedFilename()).toMatch(/^ho-so-boi-duong-kh\d+\.pdf$/);
    const file = await download.path();
    expect(readFileSync(file!).subarray(0, 5).toString()).toBe('%PDF-');
    await page.context().close();
  });
});
