import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, RunningServer, screenshot, signIn, startBuiltServer } from '../support/browser';

// jest ignores testTimeout inside `projects`; on a busy machine starting the app or browser needs more than 5 s.
jest.setTimeout(120_000);

describe('learning in the browser', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startBuiltServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('hocvien, on a phone, finds a course, completes its lessons and downloads a certificate anyone can verify', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, acceptDownloads: true });
    const page: Page = await context.newPage();
    await signIn(page, server.baseUrl, 'hocvien');

    await page.goto(`${server.baseUrl}/learning`);
    await page.getByTestId('catalogue-page').waitFor();
    // Typed without diacritics, as on a phone keyboard.
    await page.getByTestId('catalogue-search').fill('tai chinh cong');
    await page.getByTestId('course-card').filter({ hasText: 'Cải cách tài chính công' }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="course-card"]').length === 1);
    await screenshot(page, 'learning-catalogue-phone');
    await page.getByRole('link', { name: 'Cải cách tài chính công' }).click();

    await page.getByTestId('course-page').waitFor();
    await page.getByTestId('course-start').click();
    await page.getByTestId('lesson-page').waitFor();
    expect(await page.getByTestId('lesson-body').innerText()).toContain('ngân sách');
    await screenshot(page, 'learning-lesson-phone');
    await page.getByTestId('lesson-mark-done').click();
    await page.getByTestId('lesson-done').waitFor();
    await page.getByTestId('lesson-next').click();
    await page.getByRole('heading', { name: 'Cơ chế tự chủ' }).waitFor();
    await page.getByTestId('lesson-mark-done').click();
    await page.getByTestId('course-completed').waitFor();
    await screenshot(page, 'learning-course-completed-phone');

    await page.getByTestId('lesson-back').click();
    await page.getByTestId('course-certificate').waitFor();
    const codeText = await page.getByTestId('course-state').innerText();
    const code = /[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}/.exec(codeText)![0];
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('course-certificate').click()]);
    const pdf = readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(download.suggestedFilename()).toBe(`chung-nhan-${code}.pdf`);
    await screenshot(page, 'learning-course-page-phone');

    // "My learning" lists it as completed.
    await page.goto(`${server.baseUrl}/learning/my`);
    await page.getByTestId('my-learning-page').waitFor();
    const card = page.getByTestId('course-card').filter({ hasText: 'Cải cách tài chính công' });
    expect(await card.getByTestId('learning-status').getAttribute('data-status')).toBe('completed');
    await screenshot(page, 'learning-my-learning-phone');
    await context.close();

    // Anyone, without signing in, can check the code.
    const visitor = await browser.newPage({ viewport: { width: 375, height: 740 } });
    await visitor.goto(`${server.baseUrl}/verify/${code}`);
    await visitor.getByTestId('verify-result').waitFor();
    expect(await visitor.getByTestId('verify-result').innerText()).toContain('Cải cách tài chính công');
    await screenshot(visitor, 'learning-verify-public');
    await visitor.close();
  }, 90_000);

  it('the commune officer assigns a course to their ward and sees who has not started', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, server.baseUrl, 'donvi.xa');
    await page.getByTestId('nav-assignments').click();
    await page.getByTestId('assignments-page').waitFor();
    // The province-wide ASEAN assignment reaches the ward.
    await page.getByTestId('assignment-row').filter({ hasText: 'Đề án 1439' }).waitFor();

    await page.getByTestId('assign-new').click();
    await page.getByTestId('assign-course').selectOption({ label: 'Văn hóa công vụ theo Quyết định 1847/QĐ-TTg' });
    await page.waitForFunction(() => {
      const select = document.querySelector<HTMLSelectElement>('[data-testid="assign-unit"]');
      return !!select && select.options.length > 0 && !select.disabled;
    });
    expect(await page.getByTestId('assign-unit').locator('option:checked').innerText()).toContain('Phường Nha Trang');
    await page.getByTestId('assign-due').fill('2026-12-31');
    await screenshot(page, 'learning-assign-form');
    await page.getByTestId('assign-submit').click();
    const row = page.getByTestId('assignment-row').filter({ hasText: 'Văn hóa công vụ' });
    await row.waitFor();
    await row.getByRole('link').click();

    await page.getByTestId('assignment-page').waitFor();
    await page.getByTestId('members-table').waitFor();
    expect(Number(await page.getByTestId('count-not_started').innerText())).toBeGreaterThan(0);
    // The demo learner is half-way through this course.
    expect(Number(await page.getByTestId('count-in_progress').innerText())).toBeGreaterThanOrEqual(1);
    await page.getByTestId('filter-not_started').click();
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="member-row"] [data-testid="learning-status"]')].every((b) => b.getAttribute('data-status') === 'not_started'),
    );
    expect(await page.getByTestId('member-row').count()).toBeGreaterThan(0);
    await screenshot(page, 'learning-assignment-not-started');
    await page.close();
  }, 90_000);

  it('the author writes a course with the rich-text editor and publishes it', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, server.baseUrl, 'bienson');
    await page.getByTestId('nav-authoring').click();
    await page.getByTestId('authoring-page').waitFor();
    await page.getByTestId('authoring-new').click();
    await page.getByTestId('course-title').fill('Kỹ năng tuyên truyền cải cách hành chính');
    // With its topic, the course counts toward targets and is offered for that weak topic (publishing asks otherwise).
    await page.locator('#course-topic').selectOption({ label: 'Kỹ năng tuyên truyền CCHC' });
    await page.getByTestId('course-create').click();
    await page.getByTestId('course-editor').waitFor();

    await page.getByTestId('new-module-title').fill('Phần 1. Nguyên tắc');
    await page.getByTestId('new-module-add').click();
    await page.getByTestId('module').waitFor();
    await page.getByTestId('new-lesson-title').fill('Nói để người dân hiểu');
    await page.getByTestId('new-lesson-add').click();
    await page.getByTestId('lesson-editor').waitFor();
    const editor = page.getByTestId('rich-text-editor');
    await editor.click();
    await page.keyboard.type('Dùng câu ngắn, ');
    await page.getByRole('button', { name: 'Đậm' }).click();
    await page.keyboard.type('tránh thuật ngữ');
    await page.getByTestId('lesson-save').click();
    await page.getByText('Đã lưu.').first().waitFor();

    await page.getByTestId('course-publish').click();
    await page.getByTestId('course-status').filter({ hasText: 'Đã xuất bản' }).waitFor();
    await screenshot(page, 'learning-course-editor');

    // What learners see: the bold text survived, sanitised.
    await page.goto(`${server.baseUrl}/learning`);
    await page.getByRole('link', { name: 'Kỹ năng tuyên truyền cải cách hành chính' }).click();
    await page.getByTestId('lesson-link').first().click();
    expect(await page.getByTestId('lesson-body').innerHTML()).toMatch(/<(strong|b)>tránh thuật ngữ<\/(strong|b)>/);
    await page.close();
  }, 90_000);
});
