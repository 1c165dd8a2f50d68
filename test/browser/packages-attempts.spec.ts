import type { Browser, FrameLocator, Page } from 'playwright-core';
import { launchBrowser, RunningServer, screenshot, signIn, startBuiltServer } from '../support/browser';
import { scorm2004SequencedZip } from '../support/scorm-packages';
import { waitFor } from '../support/wait';

jest.setTimeout(240_000);

/**
 * A SCORM 2004 package with sequencing, as the learner and their unit officer see it: a part locked until the one
 * before it is passed (greyed, with the reason), the lesson completing by rollup with its score, "Học lại từ đầu",
 * and the answers the package stored on the person page. At 1366 px and at 375 px.
 */
describe('e-lecture attempts, sequencing and answers in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let authorToken: string;

  async function apiCall<T>(token: string, method: string, path: string, body?: object | FormData): Promise<T> {
    const res = await fetch(`${server.baseUrl}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body && !(body instanceof FormData) ? { 'content-type': 'application/json' } : {}) },
      body: body instanceof FormData ? body : body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  async function token(username: string): Promise<string> {
    const res = await fetch(`${server.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'Demo@2025' }) });
    return ((await res.json()) as { accessToken: string }).accessToken;
  }

  beforeAll(async () => {
    server = await startBuiltServer();
    browser = await launchBrowser();
    authorToken = await token('bienson');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function sequencedLesson(): Promise<string> {
    const course = await apiCall<{ id: string }>(authorToken, 'POST', '/authoring/courses', { title: 'Kỹ năng soạn thảo văn bản (bài giảng có trình tự)', topicIds: [], estimatedHours: 1 });
    const withModule = await apiCall<{ modules: { id: string }[] }>(authorToken, 'POST', `/authoring/courses/${course.id}/modules`, { title: 'Phần 1' });
    const lesson = await apiCall<{ id: string }>(authorToken, 'POST', `/authoring/modules/${withModule.modules[0].id}/lessons`, { title: 'Bài giảng điện tử có trình tự', kind: 'package' });
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(scorm2004SequencedZip())]), 'trinh-tu.zip');
    await apiCall(authorToken, 'POST', `/authoring/lessons/${lesson.id}/package`, form);
    await apiCall(authorToken, 'PATCH', `/authoring/courses/${course.id}`, { status: 'published' });
    return lesson.id;
  }

  const sco = (page: Page): FrameLocator => page.frameLocator('[data-testid="package-frame"]').frameLocator('#sco');
  const tocItem = (page: Page, title: string) => page.getByTestId('package-toc').locator('li', { hasText: title });

  it('B is locked until A is passed; the lesson completes with its score; "Học lại từ đầu" opens attempt 2; the officer reads the answers', async () => {
    const lessonId = await sequencedLesson();
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await signIn(page, server.baseUrl, 'hocvien');
    await page.goto(`${server.baseUrl}/learning/lessons/${lessonId}`);
    await page.getByTestId('package-player').waitFor();
    await sco(page).getByText('Trang 1/3').waitFor();
    expect(await page.getByTestId('package-attempt').getAttribute('data-attempt')).toBe('1');
    // B is greyed with the reason, and cannot be chosen; A is open.
    await expect(tocItem(page, 'B: Kiểm tra').getAttribute('data-disabled')).resolves.toBe('true');
    expect(await tocItem(page, 'B: Kiểm tra').getByTestId('package-item-reason').textContent()).toMatch(/cần hoàn thành các phần trước/);
    expect(await tocItem(page, 'B: Kiểm tra').locator('button').count()).toBe(0);
    await screenshot(page, 'package-sequencing-1366');

    // A passed: B opens.
    await sco(page).locator('#finish').click();
    await waitFor('B to open after A is passed', async () => (await tocItem(page, 'B: Kiểm tra').getAttribute('data-disabled')) === null, { timeoutMs: 30_000, intervalMs: 200 });
    await tocItem(page, 'B: Kiểm tra').locator('button').click();
    await sco(page).getByRole('heading', { name: 'B: Kiểm tra' }).waitFor();
    await sco(page).locator('#finish').click();
    // The lesson completes by rollup (C is not tracked) and shows the recorded result.
    await page.getByTestId('package-start-over').waitFor({ timeout: 30_000 });
    await waitFor('the result on the player', async () => /Đạt · 90%/.test((await page.getByTestId('package-attempt').textContent()) ?? ''), { timeoutMs: 30_000, intervalMs: 200 });
    await page.getByTestId('lesson-done').waitFor();
    expect(await page.getByTestId('lesson-result').textContent()).toMatch(/Đạt · 90%/);
    await screenshot(page, 'package-completed-1366');

    await page.getByTestId('package-start-over').click();
    await waitFor('attempt 2', async () => (await page.getByTestId('package-attempt').getAttribute('data-attempt')) === '2', { timeoutMs: 30_000, intervalMs: 200 });
    await sco(page).getByText('Trang 1/3').waitFor();
    expect(await sco(page).locator('body').getAttribute('data-entry')).toBe('ab-initio');
    await expect(tocItem(page, 'B: Kiểm tra').getAttribute('data-disabled')).resolves.toBe('true');
    // The lesson keeps its result from attempt 1.
    expect(await page.getByTestId('lesson-result').textContent()).toMatch(/Đạt · 90%/);
    await context.close();

    // On a phone.
    const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const small = await phone.newPage();
    await signIn(small, server.baseUrl, 'hocvien');
    await small.goto(`${server.baseUrl}/learning/lessons/${lessonId}`);
    await sco(small).getByText('Trang 1/3').waitFor();
    expect(await small.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(small, 'package-sequencing-375');

    // The learner's own record lists the answers; the commune officer reads them on the person page.
    await small.goto(`${server.baseUrl}/my-record`);
    await small.getByTestId('package-lesson').first().waitFor();
    await small.getByTestId('package-answers').first().locator('summary').click();
    await small.getByTestId('package-answer').first().waitFor();
    expect(await small.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(small, 'package-answers-375');
    await phone.close();

    const hocvien = await apiCall<{ personId: string }>(await token('hocvien'), 'GET', '/auth/me');
    const officer = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const office = await officer.newPage();
    await signIn(office, server.baseUrl, 'donvi.xa');
    await office.goto(`${server.baseUrl}/people/${hocvien.personId}`);
    const lesson = office.getByTestId('package-lesson').filter({ hasText: 'Bài giảng điện tử có trình tự' });
    await lesson.waitFor();
    expect(await lesson.getByTestId('package-lesson-result').textContent()).toMatch(/Đạt · 90%/);
    const answers = lesson.getByTestId('package-answers');
    expect(await answers.locator('summary').textContent()).toBe('Câu trả lời trong bài giảng (2)');
    await answers.locator('summary').click();
    const rows = answers.getByTestId('package-answer');
    expect(await rows.count()).toBe(2);
    expect(await rows.first().textContent()).toContain('Thủ tục hành chính là gì?');
    expect(await rows.first().textContent()).toContain('Đúng');
    expect(await rows.first().textContent()).toContain('12 giây');
    await screenshot(office, 'package-answers-officer-1366');
    await officer.close();
  });
});
