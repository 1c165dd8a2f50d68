import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { renderTextPdf } from '@api/library/text-pdf';
import { launchBrowser, RunningServer, screenshot, signIn, startBuiltServer } from '../support/browser';

/** A learner on a phone finds documents typing without diacritics, opens one, and reads the FAQ; an author answers. */
describe('document library and Q&A in the browser', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startBuiltServer(), launchBrowser()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const phone = () => browser.newPage({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

  async function openNav(page: Page, testId: string) {
    await page.getByTestId('menu-toggle').click();
    await page.getByTestId(testId).click();
  }

  it('hocvien searches the library without diacritics on a phone, opens the document, and finds an FAQ entry', async () => {
    const page = await phone();
    await signIn(page, server.baseUrl, 'hocvien');
    await openNav(page, 'nav-library');
    await page.getByTestId('library-page').waitFor();
    await page.getByTestId('library-result').first().waitFor();

    await page.getByTestId('library-search').fill('van hoa cong vu');
    const first = page.getByTestId('library-result').first();
    await page.waitForFunction(() => document.querySelector('[data-testid="library-result"] .doc-title')?.textContent?.includes('Văn hóa công vụ'));
    expect(await first.locator('.doc-meta').textContent()).toContain('6861/KH-UBND');
    // Nothing wider than the phone: no sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'library-search-phone');

    // A word that is only inside the PDF's text: found, with the passage shown.
    await page.getByTestId('library-search').fill('caicachhanhchinh');
    await page.waitForFunction(() => document.querySelector('[data-testid="library-snippet"]')?.textContent?.includes('caicachhanhchinh.gov.vn'));
    expect(await page.getByTestId('library-result').first().locator('.doc-meta').textContent()).toContain('1718/QĐ-UBND');
    await screenshot(page, 'library-search-in-text-phone');

    await page.getByTestId('library-result').first().locator('.doc-title').click();
    await page.getByTestId('document-page').waitFor();
    await page.getByTestId('document-number').waitFor();
    expect(await page.getByTestId('document-number').textContent()).toBe('1718/QĐ-UBND');
    expect(await page.getByTestId('document-details').textContent()).toContain('UBND tỉnh Khánh Hòa');
    expect(await page.getByTestId('document-details').textContent()).toContain('21/07/2023');
    await screenshot(page, 'library-document-phone');

    // "Open" shows the PDF itself in a new tab.
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByTestId('document-open').click()]);
    await popup.waitForURL(/^blob:/, { timeout: 15_000 });
    await popup.close();

    await openNav(page, 'nav-qa');
    await page.getByTestId('faq-tab').waitFor();
    await page.getByTestId('faq-search').fill('khong go duoc dau');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="faq-entry"]').length === 1);
    const entry = page.getByTestId('faq-entry').first();
    await entry.locator('summary').click();
    expect(await entry.getByTestId('faq-answer').textContent()).toContain('van hoa cong vu');
    await screenshot(page, 'faq-phone');

    await page.getByTestId('qa-tab-mine').click();
    await page.getByTestId('my-question').first().waitFor();
    expect(await page.getByTestId('my-question').count()).toBe(2);
    await page.close();
  }, 120_000);

  it('an author answers a question in the inbox; the learner sees the bell count and opens the answer', async () => {
    const author = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(author, server.baseUrl, 'bienson');
    await author.getByTestId('nav-qa-inbox').click();
    await author.getByTestId('inbox-item').first().waitFor();
    expect(await author.getByTestId('inbox-item').count()).toBe(1);
    await screenshot(author, 'qa-inbox');
    await author.getByTestId('inbox-item').first().locator('.doc-title').click();
    await author.getByTestId('answer-text').fill(
      'Có. Văn bản điện tử được ký số bằng chữ ký số hợp lệ có giá trị pháp lý như văn bản giấy có chữ ký tay và đóng dấu, khi gửi đúng quy trình trên hệ thống quản lý văn bản.',
    );
    await author.getByTestId('answer-submit').click();
    await author.getByText('Đã lưu câu trả lời').waitFor();
    expect(await author.getByTestId('question-status').textContent()).toBe('Đã trả lời');
    await screenshot(author, 'qa-answered');
    await author.close();

    const learner = await phone();
    await signIn(learner, server.baseUrl, 'hocvien');
    await learner.getByTestId('notification-count').waitFor();
    expect(await learner.getByTestId('notification-count').textContent()).toBe('1');
    await learner.getByTestId('notification-bell').click();
    await learner.getByTestId('notification-item').first().waitFor();
    await screenshot(learner, 'notifications-phone');
    await learner.getByTestId('notification-item').first().click();
    await learner.getByTestId('question-page').waitFor();
    await learner.getByTestId('question-answer').getByText('chữ ký số hợp lệ', { exact: false }).waitFor();
    await learner.getByTestId('notification-bell').waitFor();
    await learner.waitForFunction(() => !document.querySelector('[data-testid="notification-count"]'));
    await screenshot(learner, 'question-answer-phone');
    await learner.close();
  }, 120_000);

  it('an author uploads a document with its metadata in the library manager; a renamed program is refused in Vietnamese', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cchc-library-'));
    const exe = path.join(dir, 'tai-lieu.pdf');
    writeFileSync(exe, Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(4000, 1)]));
    const pdf = path.join(dir, 'Hướng dẫn chấm điểm chỉ số CCHC 2025.pdf');
    writeFileSync(pdf, await renderTextPdf('HƯỚNG DẪN', 'Hướng dẫn tự chấm điểm Chỉ số cải cách hành chính năm 2025 của các cơ quan, đơn vị.'));

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, server.baseUrl, 'bienson');
    await page.getByTestId('nav-library').click();
    await page.getByTestId('library-manage-link').click();
    await page.getByTestId('library-upload-form').waitFor();

    await page.getByTestId('upload-file').setInputFiles(exe);
    await page.getByTestId('upload-title').fill('Tệp giả dạng PDF');
    await page.getByTestId('upload-submit').click();
    await page.getByTestId('library-upload-form').getByTestId('error-message').waitFor();
    expect(await page.getByTestId('library-upload-form').getByTestId('error-message').textContent()).toContain('không phải là tệp PDF thật');

    await page.getByTestId('upload-file').setInputFiles(pdf);
    await page.getByTestId('upload-title').fill('Hướng dẫn tự chấm điểm Chỉ số CCHC năm 2025');
    await page.getByTestId('upload-number').fill('125/HD-SNV');
    await page.getByTestId('upload-issuer').fill('Sở Nội vụ tỉnh Khánh Hòa');
    await page.getByTestId('upload-issuedOn').fill('2025-03-10');
    await page.getByTestId('upload-type').selectOption('guide');
    await page.getByTestId('upload-submit').click();
    await page.getByText('Đã thêm "Hướng dẫn tự chấm điểm Chỉ số CCHC năm 2025" vào thư viện.').waitFor();
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/library/documents?') && r.url().includes('q=125')),
      page.getByTestId('manage-search').fill('125/HD-SNV'),
    ]);
    await page.waitForFunction(() => document.querySelector('[data-testid="manage-row"] .doc-meta')?.textContent?.includes('125/HD-SNV'));
    expect(await page.getByTestId('manage-row').first().locator('.doc-title').textContent()).toBe('Hướng dẫn tự chấm điểm Chỉ số CCHC năm 2025');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'library-manage');
    await page.close();
  }, 120_000);
});
