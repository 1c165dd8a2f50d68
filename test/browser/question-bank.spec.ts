import type { Browser, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser, RunningServer, screenshot, SCREENSHOTS, signIn, startBuiltServer } from '../support/browser';

describe('coordinator works in the question bank', () => {
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

  it('opens the bank, searches without diacritics, edits a question and sees version 2 in its history', async () => {
    await signIn(page, server.baseUrl, 'dieuphoi');
    await page.getByTestId('nav-questions').click();
    await page.getByTestId('question-bank-page').waitFor();
    await page.getByTestId('qb-row').first().waitFor();
    expect(await page.getByTestId('qb-row').count()).toBe(50);
    await screenshot(page, 'question-bank-list');

    await page.getByTestId('qb-search').fill('tham nhung vat');
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid="qb-row"]')];
      return rows.length > 0 && rows.length < 10 && rows.every((r) => /tham nhũng vặt/i.test(r.textContent ?? ''));
    });
    await screenshot(page, 'question-bank-search');

    await page.getByTestId('qb-row').first().locator('a').click();
    await page.getByTestId('question-form').waitFor();
    const stem = page.getByTestId('q-stem');
    const before = await stem.inputValue();
    await stem.fill(`${before} (cập nhật 2026)`);
    await page.getByTestId('q-save').click();
    await page.getByTestId('q-saved').waitFor();
    expect(await page.getByTestId('q-saved').innerText()).toContain('phiên bản 2');

    const history = page.getByTestId('q-history');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="q-version"]').length === 2);
    const text = await history.innerText();
    expect(text).toContain('Phiên bản 2');
    expect(text).toContain('Phiên bản 1');
    expect(text).toContain('(cập nhật 2026)');
    expect(await page.getByTestId('question-status').first().innerText()).toBe('Đã duyệt');
    await screenshot(page, 'question-editor-history');

    // On a phone the editor and its history still fit the screen.
    await page.setViewportSize({ width: 375, height: 800 });
    await page.getByTestId('question-form').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await screenshot(page, 'question-editor-phone');

    await page.goto(`${server.baseUrl}/questions?q=asean`);
    await page.getByTestId('qb-row').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
    // What a phone shows first (the full page is one long card list).
    await page.screenshot({ path: path.join(SCREENSHOTS, 'question-bank-phone.png') });

    await page.goto(`${server.baseUrl}/questions/import`);
    await page.getByTestId('question-import-page').waitFor();
    await screenshot(page, 'question-import-phone');
  }, 120_000);

  it('imports a GIFT file: the dry run names the bad line, the corrected file is written', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${server.baseUrl}/questions/import`);
    await page.getByTestId('question-import-page').waitFor();
    await page.getByTestId('qi-format').selectOption('gift');
    await page.getByTestId('qi-topic').selectOption('VHCV');
    const good = '::VH1::Khi tiếp dân, công chức cần có thái độ nào? {=Tôn trọng, lắng nghe ~Thờ ơ ~Hách dịch ####Theo QĐ 1847/QĐ-TTg}\n\nCông chức phải đeo thẻ khi thi hành công vụ. {T}\n';
    const bad = `${good}\nCâu thiếu ngoặc đóng {=Có ~Không\n`;
    await page.getByTestId('qi-file').setInputFiles({ name: 'van-hoa-cong-vu.gift.txt', mimeType: 'text/plain', buffer: Buffer.from(bad) });
    await page.getByTestId('qi-dry-run').click();
    await page.getByTestId('qi-problems').waitFor();
    expect(await page.getByTestId('qi-problems').innerText()).toContain('Dòng 5: thiếu dấu "}"');
    expect(await page.getByTestId('qi-commit').isDisabled()).toBe(true);
    await screenshot(page, 'question-import-gift-problems');

    await page.getByTestId('qi-file').setInputFiles({ name: 'van-hoa-cong-vu.gift.txt', mimeType: 'text/plain', buffer: Buffer.from(good) });
    await page.getByTestId('qi-dry-run').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="qi-commit"]')?.textContent?.includes('Ghi 2 câu hỏi'));
    await page.getByTestId('qi-commit').click();
    await page.getByTestId('qi-result').waitFor();
    expect(await page.getByTestId('qi-result').innerText()).toContain('Đã ghi 2 câu hỏi (Nháp)');
    await screenshot(page, 'question-import-gift-done');
  }, 120_000);

  it('imports a Moodle XML export: maps its categories to topics, sees the unsupported types and skips them on purpose', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${server.baseUrl}/questions/import`);
    await page.getByTestId('question-import-page').waitFor();
    await page.getByTestId('qi-format').selectOption('moodlexml');
    await page.getByTestId('qi-topic').selectOption('CCHC');
    const xml = readFileSync(path.join(__dirname, '../support/fixtures/moodle/moodle-export.xml'), 'utf8')
      .replace('<answer fraction="50" format="plain_text">', '<answer fraction="0" format="plain_text">')
      .replace(/<!-- question: 2045\s+-->[\s\S]*?<\/question>/, '');
    await page.getByTestId('qi-file').setInputFiles({ name: 'ngan-hang-moodle.xml', mimeType: 'text/xml', buffer: Buffer.from(xml) });
    await page.getByTestId('qi-dry-run').click();
    await page.getByTestId('qi-categories').waitFor();
    const rows = page.getByTestId('qi-category-row');
    expect(await rows.count()).toBe(2);
    expect(await page.getByTestId('qi-unsupported').innerText()).toContain('Tự luận: 2 câu');
    // The second category (Văn hóa công vụ) goes to the VHCV topic: the check runs again with the mapping.
    await rows.nth(1).getByTestId('qi-category-topic').selectOption('VHCV');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="qi-preview"] td.code').length === 4 && [...document.querySelectorAll('[data-testid="qi-preview"] td.code')].some((td) => td.textContent === 'VHCV'));
    // Not yet confirmed: the unsupported questions keep the commit closed.
    expect(await page.getByTestId('qi-commit').isDisabled()).toBe(true);
    await screenshot(page, 'question-import-moodle-xml');
    await page.getByTestId('qi-skip-unsupported').locator('input').check();
    await page.getByTestId('qi-commit').click();
    await page.getByTestId('qi-result').waitFor();
    expect(await page.getByTestId('qi-result').innerText()).toContain('Đã ghi 4 câu hỏi (Nháp)');
    await page.setViewportSize({ width: 375, height: 800 });
    await screenshot(page, 'question-import-moodle-xml-375');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  }, 120_000);
});
