import { Workbook } from 'exceljs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { STAFF_IMPORT_COLUMNS } from '@cchc/shared';
import { launchBrowser, RunningServer, screenshot, signIn, startBuiltServer } from '../support/browser';

/** A staff list as a unit would fill the template: header row, then people. */
async function staffFile(rows: Record<string, string>[]): Promise<string> {
  const wb = new Workbook();
  const sheet = wb.addWorksheet('Danh sách');
  const columns = STAFF_IMPORT_COLUMNS;
  sheet.addRow(columns.map((c) => c.header));
  rows.forEach((r, i) => sheet.addRow(columns.map((c) => (c.key === 'ordinal' ? i + 1 : (r[c.key] ?? '')))));
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'cchc-import-')), 'danh-sach-can-bo.xlsx');
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  return file;
}

const newPeople = [
  { staffCode: 'NT-2026-001', fullName: 'Trần Thị Thu Hiền', unitCode: 'KH.X.NHATRANG', category: 'Công chức', position: 'Công chức Văn phòng - Thống kê', doesCchcWork: 'Có', dateOfBirth: '12/03/1990', gender: 'Nữ' },
  { staffCode: 'NT-2026-002', fullName: 'Lê Quang Vũ', unitCode: 'KH.X.NHATRANG', category: 'Công chức', position: 'Công chức Tư pháp - Hộ tịch', doesCchcWork: 'Có', dateOfBirth: '05/11/1988', gender: 'Nam' },
  { staffCode: 'NT-2026-003', fullName: 'Đỗ Minh Khoa', unitCode: 'KH.X.NHATRANG', category: 'Người lao động', position: 'Nhân viên', doesCchcWork: 'Không', dateOfBirth: '30/06/1996', gender: 'Nam' },
];

describe('coordinator imports a staff list in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startBuiltServer(), launchBrowser()]);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('signs in, sees the problems of a bad file, imports the corrected file and finds the new people', async () => {
    await signIn(page, server.baseUrl, 'dieuphoi');
    await page.getByTestId('nav-import').click();
    await page.getByTestId('import-page').waitFor();

    // A file with one bad row: the dry run names the row and nothing can be committed.
    const bad = await staffFile([...newPeople.slice(0, 2), { ...newPeople[2], unitCode: 'KH.X.KHONGCO', dateOfBirth: '31/02/1996' }]);
    await page.getByTestId('import-file').setInputFiles(bad);
    await page.getByTestId('import-dry-run').click();
    await page.getByTestId('import-report').waitFor();
    const problems = page.getByTestId('import-problem');
    expect(await problems.count()).toBe(2);
    const problemText = await page.getByTestId('import-problems').innerText();
    expect(problemText).toContain('KH.X.KHONGCO');
    expect(problemText).toMatch(/\b4\b/); // row 4 of the sheet (header is row 1)
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);
    await screenshot(page, 'import-dry-run-problems');

    // The corrected file: three people to create, then commit.
    const good = await staffFile(newPeople);
    await page.getByTestId('import-file').setInputFiles(good);
    await page.getByTestId('import-dry-run').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="import-to-create"]')?.textContent?.includes('3'));
    expect(await page.getByTestId('import-problem').count()).toBe(0);
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-result').waitFor();
    await screenshot(page, 'import-committed');

    // The people list finds them, typed without diacritics.
    await page.getByTestId('nav-people').click();
    await page.getByTestId('people-search').fill('tran thi thu hien');
    await page.waitForFunction(() => document.querySelector('[data-testid="people-table"]')?.textContent?.includes('NT-2026-001'));
    const table = await page.getByTestId('people-table').innerText();
    expect(table).toContain('Trần Thị Thu Hiền');
    expect(table).toContain('Phường Nha Trang');
    await screenshot(page, 'people-after-import');
  });
});
