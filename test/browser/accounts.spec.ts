import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { openXlsx, sheetRows } from '../support/fixtures/staff-files';
import { launchBrowser, RunningServer, screenshot, signIn, startBuiltServer } from '../support/browser';

/** Calls the API of the running server as a demo account. */
async function apiAs(baseUrl: string, username: string) {
  const login = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'Demo@2025' }) });
  const { accessToken, user } = (await login.json()) as { accessToken: string; user: { unitId: string } };
  const post = async (path: string, body: object) => {
    const res = await fetch(`${baseUrl}/api${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  return { user, post };
}

/**
 * Phường Nha Trang hires two people; its officer gives them accounts in one action and downloads the handout (PDF
 * slips and the Excel list, once each). One of them signs in with the one-time password and must set their own
 * password before anything else.
 */
describe('accounts for a commune, handout and first sign-in', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startBuiltServer(), launchBrowser()]);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('an officer creates the accounts, downloads both handouts once, and the new user must change the one-time password', async () => {
    const officer = await apiAs(server.baseUrl, 'donvi.xa');
    for (const [staffCode, fullName] of [['KH990001', 'Lương Thị Mai'], ['KH990002', 'Đinh Văn Tùng']])
      await officer.post('/people', { staffCode, fullName, category: 'cong_chuc', position: 'Công chức Tư pháp - Hộ tịch', unitId: officer.user.unitId, doesCchcWork: false, isLeader: false });

    await signIn(page, server.baseUrl, 'donvi.xa');
    await page.getByTestId('nav-accounts').click();
    await page.getByTestId('accounts-page').waitFor();
    await page.getByTestId('accounts-preview').click();
    const summary = await page.getByTestId('accounts-plan-summary').innerText();
    expect(summary).toMatch(/Sẽ tạo 2 tài khoản\. \d+ người đã có tài khoản\. 0 người chưa tạo được\./);
    expect(await page.getByTestId('accounts-sample').innerText()).toContain('kh990001');
    await page.getByTestId('accounts-create').click();
    await page.getByTestId('accounts-result').getByText('Đã tạo 2 tài khoản').waitFor();

    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('handout-pdf').click()]);
    expect(pdf.suggestedFilename()).toMatch(/^phieu-tai-khoan-phuong-nha-trang-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(readFileSync((await pdf.path())!).subarray(0, 5).toString()).toBe('%PDF-');
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('handout-xlsx').click()]);
    const rows = sheetRows(await openXlsx(readFileSync((await xlsx.path())!)));
    const mai = rows.find((r) => r.includes('Lương Thị Mai'))!;
    expect(mai).toEqual(expect.arrayContaining(['kh990001', 'Công chức Tư pháp - Hộ tịch']));
    const oneTime = mai[4];
    expect(oneTime).toMatch(/^[a-z2-9]{10}$/);
    // Each file once: both buttons now say so.
    expect(await page.getByTestId('handout-pdf').isDisabled()).toBe(true);
    expect(await page.getByTestId('handout-xlsx').innerText()).toBe('Đã tải');
    await page.setViewportSize({ width: 375, height: 740 });
    await screenshot(page, 'accounts-created-375');
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByTestId('sign-out').click();
    await page.getByTestId('login-username').waitFor();
    await signIn(page, server.baseUrl, 'kh990001', oneTime);
    await page.waitForURL(/\/account$/);
    await page.getByText('Bạn đang đăng nhập bằng mật khẩu một lần').waitFor();
    // Nothing else opens before the password is changed.
    await page.goto(`${server.baseUrl}/learning/my`);
    await page.waitForURL(/\/account$/);
    await page.locator('#currentPassword').fill(oneTime);
    await page.locator('#newPassword').fill('MaiNhaTrang2026');
    await page.locator('#confirmPassword').fill('MaiNhaTrang2026');
    await page.getByTestId('change-password-submit').click();
    await page.getByTestId('change-password-form').getByText('Đã đổi mật khẩu').waitFor();
    await page.goto(`${server.baseUrl}/`);
    await page.getByTestId('home-page').waitFor();
    expect(await page.getByTestId('current-user').innerText()).toContain('Lương Thị Mai');
  });

  it("the officer sees who has not taken the open round, exports the list and reminds them", async () => {
    await page.getByTestId('sign-out').click();
    await page.getByTestId('login-username').waitFor();
    await signIn(page, server.baseUrl, 'donvi.xa');
    await page.getByTestId('nav-test-rounds').click();
    await page.getByTestId('round-results-link').first().click();
    const panel = page.getByTestId('not-taken-panel');
    await panel.getByTestId('not-taken-row').first().waitFor();
    const total = Number((await panel.getByTestId('not-taken-total').innerText()).match(/^(\d+)/)![1]);
    expect(total).toBeGreaterThan(10);
    // Only Phường Nha Trang's people (and its school and health station).
    const units = await panel.getByTestId('not-taken-row').locator('td[data-label="Đơn vị"]').allInnerTexts();
    expect(units.every((u) => /Phường Nha Trang|Nha Trang/.test(u))).toBe(true);
    const [file] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('not-taken-export').click()]);
    const rows = sheetRows(await openXlsx(readFileSync((await file.path())!)));
    expect(rows.length - 4).toBe(total);
    await panel.getByTestId('not-taken-remind').click();
    expect(await panel.getByTestId('not-taken-reminded').innerText()).toMatch(/^Đã nhắc \d+ người\. 0 người đã được nhắc hôm nay\./);
    await page.setViewportSize({ width: 375, height: 740 });
    await screenshot(page, 'not-taken-375');
    await page.setViewportSize({ width: 1280, height: 900 });
    await panel.getByTestId('not-taken-remind').click();
    await panel.getByTestId('not-taken-reminded').getByText(/^Đã nhắc 0 người\./).waitFor();
  });
});
