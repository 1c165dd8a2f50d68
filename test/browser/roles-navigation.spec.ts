import { Client } from 'pg';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, RunningServer, screenshot, signIn, startBuiltServer } from '../support/browser';

/**
 * Every demo account, signed in as its owner would: the navigation it gets (which must follow ROLE_PERMISSIONS),
 * the home page, and — for a unit officer — a people list that holds only their own unit and the units below it.
 * The phone layout of each main page must not scroll sideways.
 */
// Sections in order: mine, learning and reference, training and testing, units and people, targets and reports, system.
const MINE = ['home', 'my-learning', 'tests', 'my-targets', 'surveys'];
const LEARNING = ['catalogue', 'library', 'qa'];
const ORGANISATION = ['units', 'people', 'import', 'accounts'];
const COVERAGE = ['coverage', 'targets', 'reports'];
const PROVINCE_NAV = [...MINE, ...LEARNING, 'assignments', 'test-rounds', 'sessions', 'authoring', 'questions', 'qa-inbox', ...ORGANISATION, ...COVERAGE, 'audit'];
const OFFICER_NAV = [...MINE, ...LEARNING, 'assignments', 'test-rounds', 'sessions', ...ORGANISATION, ...COVERAGE, 'account'];
const ACCOUNTS: { username: string; nav: string[]; homeUnit: string | null }[] = [
  { username: 'quantri', nav: [...PROVINCE_NAV, 'users', 'lrs-clients', 'lrs-forwarding', 'account'], homeUnit: null },
  { username: 'dieuphoi', nav: [...PROVINCE_NAV, 'account'], homeUnit: null },
  { username: 'bienson', nav: [...MINE, ...LEARNING, 'authoring', 'questions', 'qa-inbox', 'account'], homeUnit: 'Sở Tư pháp' },
  { username: 'donvi.so', nav: OFFICER_NAV, homeUnit: 'Sở Tư pháp' },
  { username: 'donvi.xa', nav: OFFICER_NAV, homeUnit: 'Phường Nha Trang' },
  { username: 'hocvien', nav: [...MINE, ...LEARNING, 'account'], homeUnit: 'Phường Nha Trang' },
  // The second province and the national level (one deployment, many provinces).
  { username: 'bonoivu', nav: [...MINE, ...LEARNING, 'test-rounds', 'units', 'people', ...COVERAGE, 'audit', 'account'], homeUnit: 'Toàn quốc' },
  { username: 'dieuphoi.lc', nav: [...PROVINCE_NAV, 'account'], homeUnit: null },
  { username: 'donvi.lc', nav: OFFICER_NAV, homeUnit: 'Phường Tân Phong' },
];

async function navEntries(page: Page): Promise<string[]> {
  return page.$$eval('nav [data-testid^="nav-"]', (els) => els.map((e) => e.getAttribute('data-testid')!.slice('nav-'.length)));
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

describe('what each role sees', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startBuiltServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const account of ACCOUNTS) {
    it(`${account.username}: navigation follows the role's permissions, home page shows the account`, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (e) => pageErrors.push(e.message));
      try {
        await signIn(page, server.baseUrl, account.username);
        await page.getByTestId('home-page').waitFor();
        expect(await navEntries(page)).toEqual(account.nav);
        if (account.homeUnit) expect(await page.getByTestId('home-unit').innerText()).toBe(account.homeUnit);
        // A page the role may not open says so instead of showing data.
        if (!account.nav.includes('audit')) {
          await page.goto(`${server.baseUrl}/audit`);
          await page.getByTestId('not-found').waitFor();
        }
        expect(pageErrors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  it("a unit officer's people list holds only their unit and the units below it", async () => {
    const db = new Client({ connectionString: server.databaseUrl });
    await db.connect();
    const { rows } = await db.query<{ name: string }>(
      `SELECT u.name FROM org_unit u, org_unit root WHERE root.code = 'KH.X.NHATRANG' AND u.path LIKE root.path || '%'`,
    );
    const { rows: count } = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM person p JOIN org_unit u ON u.id = p.unit_id, org_unit root
        WHERE root.code = 'KH.X.NHATRANG' AND u.path LIKE root.path || '%'`,
    );
    await db.end();
    const subtree = new Set(rows.map((r) => r.name));

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    try {
      await signIn(page, server.baseUrl, 'donvi.xa');
      await page.getByTestId('nav-people').click();
      await page.getByTestId('people-table').waitFor();
      const units = await page.$$eval('[data-testid="people-row"] td:nth-child(3)', (tds) => tds.map((td) => td.textContent!.trim()));
      expect(units.length).toBeGreaterThan(0);
      for (const unit of units) expect(subtree.has(unit)).toBe(true);
      expect(await page.getByTestId('people-total').innerText()).toContain(Number(count[0].n).toLocaleString('vi-VN'));
    } finally {
      await context.close();
    }
  });

  it('serves the client compressed, answers a missing script with 404 and reloads a deep link', async () => {
    const html = await (await fetch(`${server.baseUrl}/`)).text();
    const script = /src="(\/assets\/index-[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const compressed = await fetch(`${server.baseUrl}${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(compressed.status).toBe(200);
    expect(compressed.headers.get('content-encoding')).toBe('gzip');
    expect(Number(compressed.headers.get('content-length'))).toBeLessThan(120_000);

    const missing = await fetch(`${server.baseUrl}/assets/index-0ld.js`);
    expect(missing.status).toBe(404);

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    try {
      await signIn(page, server.baseUrl, 'dieuphoi');
      await page.goto(`${server.baseUrl}/people?q=nguyen`);
      await page.getByTestId('people-row').first().locator('a').click();
      await page.getByTestId('person-page').waitFor();
      const name = await page.getByTestId('person-name').innerText();
      await page.reload();
      await page.getByTestId('person-page').waitFor();
      expect(await page.getByTestId('person-name').innerText()).toBe(name);
    } finally {
      await context.close();
    }
  });

  it("the coordinator's \"add unit\" starts below the province, not as a second province", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    try {
      await signIn(page, server.baseUrl, 'dieuphoi');
      await page.getByTestId('nav-units').click();
      await page.getByTestId('unit-tree').waitFor();
      await page.getByTestId('unit-create').click();
      const parent = page.locator('#unit-parent');
      await parent.waitFor();
      expect(await parent.locator('option:checked').innerText()).toContain('UBND tỉnh Khánh Hòa');
    } finally {
      await context.close();
    }
  });

  const PHONE_PAGES: { username: string; paths: string[] }[] = [
    { username: 'dieuphoi', paths: ['/', '/units', '/people', '/import', '/questions', '/audit', '/account'] },
    { username: 'quantri', paths: ['/users'] },
    { username: 'donvi.xa', paths: ['/', '/people'] },
    { username: 'hocvien', paths: ['/', '/account'] },
  ];
  for (const { username, paths } of PHONE_PAGES) {
    it(`${username} on a phone (375 px): no page scrolls sideways`, async () => {
      const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
      const page = await context.newPage();
      try {
        await signIn(page, server.baseUrl, username);
        for (const p of paths) {
          await page.goto(`${server.baseUrl}${p}`);
          await page.getByTestId('current-user').waitFor();
          await page.waitForLoadState('networkidle');
          expect({ page: p, overflow: await horizontalOverflow(page) }).toEqual({ page: p, overflow: 0 });
        }
        await screenshot(page, `phone-${username}-last-page`);
      } finally {
        await context.close();
      }
    });
  }
});
