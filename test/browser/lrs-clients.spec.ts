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
});
