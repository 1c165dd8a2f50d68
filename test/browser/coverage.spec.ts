import { Workbook } from 'exceljs';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { docxText } from '../support/documents';
import { launchBrowser, RunningServer, screenshot, signIn, startBuiltServer } from '../support/browser';

const pdfParse = require('pdf-parse/lib/pdf-parse.js') as (b: Buffer) => Promise<{ text: string }>;

async function download(page: Page, testId: string): Promise<{ name: string; body: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: file.suggestedFilename(), body: readFileSync((await file.path())!) };
}

describe('coverage in the browser', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startBuiltServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the unit officer of Phường Nha Trang sees their gap and exports the missing list', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    await signIn(page, server.baseUrl, 'donvi.xa');
    await page.getByTestId('nav-coverage').click();
    await page.getByTestId('coverage-heatmap').waitFor();
    // Only their own subtree: the first row is Phường Nha Trang itself.
    const firstRow = await page.getByTestId('coverage-heatmap').locator('tbody tr').first().innerText();
    expect(firstRow).toContain('Phường Nha Trang');
    expect(await page.getByTestId('coverage-heatmap').innerText()).not.toContain('Sở Tư pháp');
    await page.getByTestId('coverage-figure').waitFor();
    await page.getByTestId('missing-row').first().waitFor();
    const missingText = await page.getByTestId('missing-list').innerText();
    expect(missingText).toMatch(/Còn thiếu \(\d+\)/);
    expect(missingText).toMatch(/Chưa có kết quả bồi dưỡng về Cộng đồng ASEAN/);
    await screenshot(page, 'coverage-unit-officer');

    const file = await download(page, 'export-missing');
    expect(file.name).toMatch(/^chua-dat-QD1439\.ASEAN-\d{4}\.xlsx$/);
    const wb = new Workbook();
    await wb.xlsx.load(file.body as never);
    const ws = wb.worksheets[0];
    expect(String(ws.getCell('A1').value)).toMatch(/DANH SÁCH CÁN BỘ, CÔNG CHỨC CHƯA ĐẠT CHỈ TIÊU/);
    const units = new Set<string>();
    ws.eachRow((row, n) => n > 4 && units.add(String(row.getCell(6).value)));
    expect(units.size).toBeGreaterThan(0);
    for (const u of units) expect(['Phường Nha Trang', 'Trường', 'Trạm'].some((x) => u.includes(x))).toBe(true);

    // The same page on a phone.
    await page.setViewportSize({ width: 375, height: 800 });
    await screenshot(page, 'coverage-unit-officer-phone');
    await page.close();
  });

  it('the coordinator reads the province heat map (desktop and phone) and downloads the yearly report (Excel, PDF, Word)', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    await signIn(page, server.baseUrl, 'dieuphoi');
    await page.getByTestId('nav-coverage').click();
    await page.getByTestId('coverage-heatmap').waitFor();
    // Columns are the targets' short names, with a legend; a commune-level target is grey ("không áp dụng") for departments.
    const heat = page.getByTestId('coverage-heatmap');
    expect(await heat.locator('thead').innerText()).toContain('Kiến thức Cộng đồng ASEAN');
    expect(await heat.locator('thead').innerText()).not.toContain('QD1439.ASEAN');
    await page.getByTestId('heat-legend').waitFor();
    await page.getByTestId('sort-QD1439.ASEAN').click();
    await page.getByTestId('coverage-figure').waitFor();
    await page.getByTestId('heat-filter').fill('Sở Tư');
    await heat.locator('tbody tr', { hasText: 'Sở Tư pháp' }).waitFor();
    expect(await heat.locator('tbody tr', { hasText: 'Sở Tư pháp' }).innerText()).toContain('k.áp dụng');
    await page.getByTestId('heat-filter').fill('');
    // The page is paged and collapsed, not 22,000 px of rows.
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThan(8000);
    await page.getByTestId('heat-year').selectOption('2025');
    await page.getByText('Bản đồ nhiệt: chỉ tiêu × đơn vị — Năm 2025').waitFor();
    await screenshot(page, 'coverage-province');

    // On a phone: a list per unit with bars, nothing wider than the screen, target names and the legend visible.
    await page.setViewportSize({ width: 375, height: 800 });
    await page.getByTestId('heat-card').first().waitFor();
    const tooWide = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        // Visually hidden headers of card-style tables (kept for screen readers) take no room on screen.
        .filter((e) => !e.closest('.table.responsive thead'))
        .filter((e) => {
          const r = e.getBoundingClientRect();
          return r.width > 0 && (r.right > window.innerWidth + 1 || r.width > window.innerWidth + 1);
        })
        .map((e) => `${e.tagName}.${e.className} "${(e as HTMLElement).innerText.slice(0, 40)}" in ${e.closest('[data-testid]')?.getAttribute('data-testid')}`)
        .slice(0, 5),
    );
    expect(tooWide).toEqual([]);
    expect(await page.getByTestId('coverage-heatmap').innerText()).toContain('Kiến thức Cộng đồng ASEAN');
    expect(await page.getByTestId('heat-legend').isVisible()).toBe(true);
    await screenshot(page, 'coverage-province-phone');
    await page.setViewportSize({ width: 1366, height: 900 });

    await page.getByTestId('nav-targets').click();
    await page.getByTestId('target-card').first().waitFor();
    expect(await page.getByTestId('target-card').count()).toBeGreaterThanOrEqual(5);
    expect(await page.getByTestId('targets-page').innerText()).toContain('1439/QĐ-TTg (29/10/2018)');
    await page.getByTestId('send-reminders').click();
    await page.getByText(/Đã gửi \d+ thông báo/).waitFor();
    await screenshot(page, 'targets-page');

    await page.getByTestId('nav-reports').click();
    await page.getByTestId('report-preview').waitFor();
    const year = new Date().getFullYear() - 1;
    await page.getByTestId('report-period').selectOption(`year:${year}`);
    await page.getByTestId('report-preview').getByText('Cộng đồng ASEAN').first().waitFor();
    await screenshot(page, 'reports-page');

    const xlsx = await download(page, 'download-xlsx');
    expect(xlsx.name).toBe(`bao-cao-tinh-nam-${year}.xlsx`);
    const wb = new Workbook();
    await wb.xlsx.load(xlsx.body as never);
    const ws = wb.getWorksheet('Báo cáo')!;
    expect(String(ws.getCell('A1').value)).toBe('UBND TỈNH KHÁNH HÒA');
    let total = 0;
    for (const sheet of wb.worksheets)
      sheet.eachRow((row) => {
        if (row.getCell(2).value === 'Tổng cộng') total++;
      });
    expect(total).toBeGreaterThanOrEqual(3);

    const pdf = await download(page, 'download-pdf');
    const { text } = await pdfParse(pdf.body);
    for (const s of ['UBND TỈNH KHÁNH HÒA', 'SỞ NỘI VỤ', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'BÁO CÁO', 'GIÁM ĐỐC', 'Nơi nhận:'])
      expect(text).toContain(s);
    expect(text).toMatch(/Khánh Hòa, ngày \d{2} tháng \d{2} năm \d{4}/);

    const docx = await download(page, 'download-docx');
    expect(docx.name).toBe(`bao-cao-tinh-nam-${year}.docx`);
    const { body } = await docxText(docx.body);
    for (const s of ['UBND TỈNH KHÁNH HÒA', 'SỞ NỘI VỤ', 'BÁO CÁO', 'II. ĐÁNH GIÁ CHUNG', 'Nơi nhận:']) expect(body).toContain(s);

    // Who signs the certificates: a small form on the same page.
    await page.getByTestId('certificate-settings').locator('summary').click();
    expect(await page.getByTestId('cert-issuerName').inputValue()).toBe('Sở Nội vụ');
    await page.getByTestId('cert-signerName').fill('Nguyễn Văn Ký');
    await page.getByTestId('cert-save').click();
    await page.getByText('Đã lưu. Các giấy chứng nhận tải về từ bây giờ in theo thông tin này.').waitFor();
    await page.close();
  });

  it('a learner sees the targets they meet and what is left', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
    await signIn(page, server.baseUrl, 'hocvien');
    await page.goto(`${server.baseUrl}/my-targets`);
    await page.getByTestId('my-target').first().waitFor();
    expect(await page.getByTestId('my-target').count()).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'my-targets-phone');
    await page.close();
  });
});
