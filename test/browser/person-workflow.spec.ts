import type { Browser, Page } from 'playwright-core';
import { launchBrowser, RunningServer, screenshot, signIn, startBuiltServer } from '../support/browser';

/**
 * A coordinator keeps one person's record up to date: edits the details, transfers them and records leave, then
 * reads the history. The browser sits in another time zone than the province on purpose: dates must not shift.
 */
describe('person record in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const failed: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startBuiltServer(), launchBrowser()]);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'America/New_York', locale: 'vi-VN' });
    page = await context.newPage();
    page.on('response', (r) => {
      // 401s are the access token expiring and being refreshed; anything else the UI should not have caused.
      if (r.status() >= 400 && r.status() !== 401) failed.push(`${r.status()} ${r.request().method()} ${r.url()}`);
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('edits, transfers and changes status, and the history shows the dates that were entered', async () => {
    await signIn(page, server.baseUrl, 'dieuphoi');
    await page.goto(`${server.baseUrl}/people?q=KH001844`);
    await page.getByTestId('people-row').first().locator('a').click();
    await page.getByTestId('person-page').waitFor();

    // Edit: the staff code is shown but fixed; the other details save.
    await page.getByTestId('person-edit').click();
    const dialog = page.getByTestId('person-edit-dialog');
    expect(await dialog.locator('#person-staffCode').getAttribute('readonly')).not.toBeNull();
    await dialog.locator('#person-position').fill('Tổ trưởng chuyên môn');
    await dialog.locator('#person-email').fill('van.nt@khanhhoa.gov.vn');
    await page.getByTestId('dialog-submit').click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByTestId('person-page').innerText()).toContain('Tổ trưởng chuyên môn');

    // Transfer on a chosen day.
    const transfer = page.getByTestId('person-transfer-form');
    await transfer.locator('select').selectOption({ label: '   Trạm Y tế phường Nha Trang (KH.X.NHATRANG.TYT)' });
    await transfer.locator('input[type=date]').fill('2026-03-02');
    await transfer.locator('button[type=submit]').click();
    await page.getByTestId('person-unit').filter({ hasText: 'Trạm Y tế phường Nha Trang' }).waitFor();
    const unitHistory = await page.getByTestId('person-unit-history').innerText();
    expect(unitHistory).toContain('02/03/2026');
    expect(unitHistory).not.toContain('01/03/2026');

    // Leave from a later day.
    const status = page.getByTestId('person-status-form');
    await status.locator('select').selectOption('on_leave');
    await status.locator('input[type=date]').fill('2026-04-15');
    await status.locator('button[type=submit]').click();
    await page.getByTestId('person-status').filter({ hasText: 'Tạm nghỉ' }).waitFor();
    const statusHistory = await page.getByTestId('person-status-history').innerText();
    expect(statusHistory).toContain('15/04/2026');
    expect(statusHistory).not.toContain('14/04/2026');
    await screenshot(page, 'person-after-edit-transfer-leave');

    expect(failed).toEqual([]);
  });
});
