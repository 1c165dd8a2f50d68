import { Workbook } from 'exceljs';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { STAFF_IMPORT_COLUMNS } from '@cchc/shared';
import { openXlsx, sheetRows } from '../support/fixtures/staff-files';
import { launchBrowser, RunningServer, screenshot, signIn, startBuiltServer } from '../support/browser';

/** A staff list as a commune fills the template: header row, then its new people. */
async function staffFile(rows: Record<string, string>[]): Promise<string> {
  const wb = new Workbook();
  const sheet = wb.addWorksheet('Danh sách');
  sheet.addRow(STAFF_IMPORT_COLUMNS.map((c) => c.header));
  rows.forEach((r, i) => sheet.addRow(STAFF_IMPORT_COLUMNS.map((c) => (c.key === 'ordinal' ? i + 1 : (r[c.key] ?? '')))));
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'cchc-import-accounts-')), 'can-bo-moi.xlsx');
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  return file;
}

const newPeople = [
  { staffCode: 'KH995001', fullName: 'Huỳnh Thị Ngọc Trâm', unitCode: 'KH.X.NHATRANG', category: 'Công chức', position: 'Công chức Văn hóa - Xã hội', gender: 'Nữ' },
  { staffCode: 'KH995002', fullName: 'Tạ Quang Huy', unitCode: 'KH.X.NHATRANG', category: 'Công chức', position: 'Công chức Địa chính - Xây dựng', gender: 'Nam' },
];

/**
 * The officer of Phường Nha Trang imports its new staff with "tạo tài khoản cho người mới", downloads the handout
 * right after (once), and a new person signs in with the one-time password and must set their own.
 */
describe('staff import with accounts for the new people', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startBuiltServer(), launchBrowser()]);
    page = await browser.newPage({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('an officer imports a staff list with the option and downloads the handout; a new person must change the one-time password', async () => {
    await signIn(page, server.baseUrl, 'donvi.xa');
    await page.getByTestId('nav-import').click();
    await page.getByTestId('import-page').waitFor();
    await page.getByTestId('import-file').setInputFiles(await staffFile(newPeople));
    await page.getByTestId('import-create-accounts').check();
    await page.getByTestId('import-dry-run').click();
    await page.getByTestId('import-report').waitFor();
    expect(await page.getByTestId('import-to-create').innerText()).toBe('2');
    expect(await page.getByTestId('import-accounts-to-create').innerText()).toBe('2');
    expect(await page.getByTestId('import-problem').count()).toBe(0);
    await page.getByTestId('import-commit').click();
    const handout = page.getByTestId('import-handout');
    await handout.waitFor();
    expect(await handout.innerText()).toContain('Đã tạo 2 tài khoản cho người mới');
    await screenshot(page, 'import-accounts-handout-1366');

    const [pdf] = await Promise.all([page.waitForEvent('download'), handout.getByTestId('handout-pdf').click()]);
    expect(pdf.suggestedFilename()).toMatch(/^phieu-tai-khoan-phuong-nha-trang-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(readFileSync((await pdf.path())!).subarray(0, 5).toString()).toBe('%PDF-');
    const [xlsx] = await Promise.all([page.waitForEvent('download'), handout.getByTestId('handout-xlsx').click()]);
    const rows = sheetRows(await openXlsx(readFileSync((await xlsx.path())!)));
    const tram = rows.find((r) => r.includes('Huỳnh Thị Ngọc Trâm'))!;
    expect(tram).toEqual(expect.arrayContaining(['kh995001', 'Công chức Văn hóa - Xã hội']));
    expect(rows.find((r) => r.includes('Tạ Quang Huy'))).toEqual(expect.arrayContaining(['kh995002']));
    const oneTime = tram[4];
    expect(oneTime).toMatch(/^[a-z2-9]{10}$/);
    // Shown once: both buttons are spent.
    expect(await handout.getByTestId('handout-pdf').isDisabled()).toBe(true);
    expect(await handout.getByTestId('handout-xlsx').isDisabled()).toBe(true);
    await page.setViewportSize({ width: 375, height: 740 });
    await screenshot(page, 'import-accounts-handout-375');
    await page.setViewportSize({ width: 1366, height: 900 });

    await page.getByTestId('sign-out').click();
    await page.getByTestId('login-username').waitFor();
    await signIn(page, server.baseUrl, 'kh995001', oneTime);
    await page.waitForURL(/\/account$/);
    await page.getByText('Bạn đang đăng nhập bằng mật khẩu một lần').waitFor();
    await page.goto(`${server.baseUrl}/learning/my`);
    await page.waitForURL(/\/account$/);
    await page.locator('#currentPassword').fill(oneTime);
    await page.locator('#newPassword').fill('TramNhaTrang2026');
    await page.locator('#confirmPassword').fill('TramNhaTrang2026');
    await page.getByTestId('change-password-submit').click();
    await page.getByTestId('change-password-form').getByText('Đã đổi mật khẩu').waitFor();
    await page.goto(`${server.baseUrl}/`);
    await page.getByTestId('home-page').waitFor();
    expect(await page.getByTestId('current-user').innerText()).toContain('Huỳnh Thị Ngọc Trâm');
    await page.getByTestId('sign-out').click();
    await page.getByTestId('login-username').waitFor();
  });

  it("the officer's own \"Việc học của tôi\" says what to do instead of sending them to themselves", async () => {
    await signIn(page, server.baseUrl, 'donvi.xa');
    // The page knows the account has no person: it says so without asking the server for a learning list it cannot have.
    const refused: string[] = [];
    const onResponse = (r: { status(): number; url(): string }) => void (r.status() === 403 && refused.push(r.url()));
    page.on('response', onResponse);
    await page.goto(`${server.baseUrl}/learning/my`);
    const notice = page.getByTestId('my-learning-no-person');
    await notice.waitFor();
    await page.waitForLoadState('networkidle');
    page.off('response', onResponse);
    expect(refused).toEqual([]);
    const text = await notice.innerText();
    expect(text).not.toMatch(/liên hệ cán bộ phụ trách/i);
    expect(text).toContain('đăng nhập bằng tài khoản cá nhân');
    await screenshot(page, 'my-learning-unit-officer');
  });

  it("the round's low scorers: total, pages, sort, and an export of the whole list", async () => {
    // A demo round with low scorers in the officer's ward, found as the officer's own API client would.
    const login = await fetch(`${server.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'donvi.xa', password: 'Demo@2025' }) });
    const auth = { authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` };
    const rounds = (await (await fetch(`${server.baseUrl}/api/test-rounds`, { headers: auth })).json()) as { id: string }[];
    let roundId = '';
    let expected = 0;
    for (const r of rounds) {
      const res = (await (await fetch(`${server.baseUrl}/api/test-rounds/${r.id}/low-scorers?pageSize=1`, { headers: auth })).json()) as { total: number };
      if (res.total > expected) [roundId, expected] = [r.id, res.total];
    }
    expect(expected).toBeGreaterThan(0);
    await page.goto(`${server.baseUrl}/test-rounds/${roundId}`);
    const panel = page.getByTestId('low-scorers-panel');
    await panel.getByTestId('low-scorer-row').first().waitFor();
    const total = Number((await panel.getByTestId('low-scorers-total').innerText()).replace(/\D/g, ''));
    expect(total).toBe(expected);
    expect(await panel.getByTestId('low-scorer-row').count()).toBe(Math.min(20, total));
    const units = await panel.getByTestId('low-scorer-row').locator('td[data-label="Đơn vị"]').allInnerTexts();
    expect(units.every((u) => /Nha Trang/.test(u))).toBe(true);
    await panel.getByTestId('low-scorers-sort').selectOption('fullName');
    await page.waitForFunction(() => !document.querySelector('[data-testid="low-scorers-panel"] .is-stale'));
    const [file] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('low-scorers-export').click()]);
    expect(file.suggestedFilename()).toMatch(/^diem-thap-/);
    const rows = sheetRows(await openXlsx(readFileSync((await file.path())!)));
    expect(rows[0][0]).toContain('DANH SÁCH CẦN BỒI DƯỠNG LẠI');
    expect(rows.length - 4).toBe(total);
    await screenshot(page, 'round-low-scorers-1366');
    await page.setViewportSize({ width: 375, height: 740 });
    await screenshot(page, 'round-low-scorers-375');
    await page.setViewportSize({ width: 1366, height: 900 });
  });

  it('library and FAQ search: decomposed input finds what precomposed finds; punctuation alone finds nothing and says why', async () => {
    await page.getByTestId('nav-library').click();
    await page.getByTestId('library-page').waitFor();
    const count = async () => page.getByTestId('library-count').innerText();
    await page.getByTestId('library-search').fill('cải cách hành chính');
    await page.waitForFunction(() => !document.querySelector('[data-testid="library-results"].is-stale') && /\d/.test(document.querySelector('[data-testid="library-count"]')?.textContent ?? ''));
    const precomposed = await count();
    await page.getByTestId('library-search').fill('');
    await page.getByTestId('library-search').fill('cải cách hành chính'.normalize('NFD'));
    await page.waitForFunction((want) => document.querySelector('[data-testid="library-count"]')?.textContent === want && !document.querySelector('.is-stale'), precomposed);
    expect(await count()).toBe(precomposed);
    await page.getByTestId('library-search').fill(' … ?! ');
    await page.getByTestId('search-unsearchable').waitFor();
    expect(await page.getByTestId('library-result').count()).toBe(0);
    await screenshot(page, 'library-unsearchable');
  });
});
