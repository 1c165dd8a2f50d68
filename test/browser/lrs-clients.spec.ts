import { Client } from 'pg';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, RunningServer, screenshot, signIn, startBuiltServer } from '../support/browser';

/**
 * The administrator creates an xAPI client for the Ministry's platform, copies the secret shown once, the platform
 * sends a statement with it; after "Thu hồi" the same credentials are refused.
 */
describe('LRS clients page in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startBuiltServer(), launchBrowser()]);
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('creates a client, shows its secret once, the credentials work, and revoking stops them', async () => {
    await signIn(page, server.baseUrl, 'quantri');
    await page.getByTestId('nav-lrs-clients').click();
    await page.getByTestId('lrs-clients-page').waitFor();
    expect(await page.getByTestId('lrs-endpoint').innerText()).toBe(`${server.baseUrl}/api/xapi/`);

    await page.getByTestId('lrs-client-create').click();
    await page.getByTestId('lrs-scope-write').uncheck();
    await page.getByTestId('dialog-submit').click();
    expect(await page.getByTestId('lrs-client-dialog').getByRole('alert').innerText()).toContain('Nhập tên ứng dụng');
    await page.locator('#lrs-name').fill('Nền tảng bồi dưỡng Bộ Nội vụ');
    await page.getByTestId('dialog-submit').click();
    expect(await page.getByTestId('lrs-client-dialog').getByRole('alert').innerText()).toContain('Chọn ít nhất một quyền');
    await page.getByTestId('lrs-scope-write').check();
    await page.getByTestId('lrs-scope-read_own').check();
    await page.getByTestId('dialog-submit').click();
    await page.getByTestId('lrs-client-secret').waitFor();
    const key = await page.getByTestId('lrs-created-key').innerText();
    const secret = await page.getByTestId('lrs-created-secret').innerText();
    await page.getByTestId('lrs-client-row').filter({ hasText: 'Nền tảng bồi dưỡng Bộ Nội vụ' }).waitFor();
    await screenshot(page, 'lrs-clients-1366');
    await page.setViewportSize({ width: 375, height: 800 });
    await screenshot(page, 'lrs-clients-375');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.setViewportSize({ width: 1366, height: 900 });

    const send = () =>
      fetch(`${server.baseUrl}/api/xapi/statements`, {
        method: 'POST',
        headers: { Authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`, 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' },
        body: JSON.stringify({ actor: { account: { homePage: 'https://bonoivu.cls.vn', name: 'hv01' } }, verb: { id: 'http://adlnet.gov/expapi/verbs/completed' }, object: { id: 'https://bonoivu.cls.vn/course/1' } }),
      });
    expect((await send()).status).toBe(200);

    // The list after a reload never shows the secret again.
    await page.reload();
    await page.getByTestId('lrs-clients-table').waitFor();
    expect(await page.getByTestId('lrs-clients-page').innerText()).not.toContain(secret);

    await page.getByTestId('lrs-client-row').filter({ hasText: 'Nền tảng bồi dưỡng Bộ Nội vụ' }).getByTestId('lrs-client-revoke').click();
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('lrs-client-row').filter({ hasText: 'Nền tảng bồi dưỡng Bộ Nội vụ' }).getByText('Đã thu hồi').waitFor();
    expect((await send()).status).toBe(401);
  });

  it('forwarding: the admin adds the Ministry\'s LRS, sees what waits, pauses it, and sends a refused statement again', async () => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.getByTestId('nav-lrs-forwarding').click();
    await page.getByTestId('lrs-forwarding-page').waitFor();
    await page.getByText('Chưa cấu hình nơi nhận nào.').waitFor();
    await page.getByTestId('forward-create').click();
    await page.locator('#fw-name').fill('Nền tảng bồi dưỡng trực tuyến Bộ Nội vụ');
    await page.locator('#fw-url').fill('bonoivu.cls.vn/xapi');
    await page.getByTestId('dialog-submit').click();
    expect(await page.getByTestId('forward-dialog').getByRole('alert').innerText()).toContain('http:// hoặc https://');
    await page.locator('#fw-url').fill('https://bonoivu.cls.vn/xapi/');
    await page.locator('#fw-key').fill('khanhhoa');
    await page.locator('#fw-secret').fill('mat-khau-bi-mat');
    await page.getByTestId('dialog-submit').click();
    const card = page.getByTestId('forward-endpoint').filter({ hasText: 'Nền tảng bồi dưỡng trực tuyến Bộ Nội vụ' });
    await card.waitFor();
    expect(await card.getByTestId('forward-queued').innerText()).toBe('0');
    expect(await page.getByTestId('lrs-forwarding-page').innerText()).not.toContain('mat-khau-bi-mat');

    // A package sends two statements: they wait for the next delivery (the job runs every minute; not in tests).
    const login = await fetch(`${server.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'quantri', password: 'Demo@2025' }) });
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const client = (await (
      await fetch(`${server.baseUrl}/api/lrs/clients`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'Gói bài giảng', scopes: ['write'] }) })
    ).json()) as { key: string; secret: string };
    const statements = ['a', 'b'].map((n) => ({ actor: { account: { homePage: 'https://hoc.khanhhoa.gov.vn', name: 'hv01' } }, verb: { id: 'http://adlnet.gov/expapi/verbs/completed' }, object: { id: `https://hoc.khanhhoa.gov.vn/bai/${n}` } }));
    const sent = await fetch(`${server.baseUrl}/api/xapi/statements`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(`${client.key}:${client.secret}`).toString('base64')}`, 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' },
      body: JSON.stringify(statements),
    });
    const [refusedId] = (await sent.json()) as string[];
    // The destination refused one of them earlier (as a delivery would record it).
    const db = new Client({ connectionString: server.databaseUrl });
    await db.connect();
    try {
      await db.query(`INSERT INTO lrs_forward_dead_letter (endpoint_id, statement_id, error) SELECT id, $1, 'HTTP 409: câu lệnh đã có với nội dung khác' FROM lrs_forward_endpoint`, [refusedId]);
    } finally {
      await db.end();
    }
    await page.reload();
    await card.getByTestId('forward-queued').getByText('2').waitFor();
    expect(await card.getByTestId('forward-failed').innerText()).toBe('1');
    await card.getByTestId('forward-show-dead').click();
    const row = card.getByTestId('forward-dead-row');
    expect(await row.innerText()).toContain('HTTP 409');
    await screenshot(page, 'lrs-forwarding-1366');
    await row.getByTestId('forward-retry-one').click();
    await row.getByText('Chờ gửi lại').waitFor();
    await card.getByText('Đã xếp 1 câu lệnh để gửi lại').waitFor();

    await card.getByTestId('forward-toggle').click();
    await card.getByTestId('forward-state').getByText('Tạm dừng').waitFor();
    await page.setViewportSize({ width: 375, height: 800 });
    await screenshot(page, 'lrs-forwarding-375');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  });
});
