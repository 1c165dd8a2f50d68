import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { launchBrowser, RunningServer, screenshot, signIn, startBuiltServer } from '../support/browser';
import { cmi5Zip, maliciousZip, scorm12Zip, scorm2004MultiScoZip } from '../support/scorm-packages';
import { waitFor } from '../support/wait';

jest.setTimeout(180_000);

/**
 * E-lecture packages in Chromium, on the built app with its second (content) listener: a learner plays a SCORM 1.2
 * package and a SCORM 2004 multi-SCO package, loses the link mid-lesson, and resumes in another browser context; a
 * package that tries to act as the learner gets nothing.
 */
describe('e-lecture packages in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let authorToken: string;
  let learnerToken: string;

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

  /** A course with one package lesson; the package is uploaded here unless the test uploads it through the editor. */
  async function packageCourse(title: string, zip?: Buffer): Promise<{ courseId: string; lessonId: string }> {
    const course = await apiCall<{ id: string }>(authorToken, 'POST', '/authoring/courses', { title, topicIds: [], estimatedHours: 1 });
    const withModule = await apiCall<{ modules: { id: string }[] }>(authorToken, 'POST', `/authoring/courses/${course.id}/modules`, { title: 'Phần 1' });
    const lesson = await apiCall<{ id: string }>(authorToken, 'POST', `/authoring/modules/${withModule.modules[0].id}/lessons`, { title: `Bài giảng: ${title}`, kind: 'package' });
    if (zip) {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(zip)]), 'goi.zip');
      await apiCall(authorToken, 'POST', `/authoring/lessons/${lesson.id}/package`, form);
      await apiCall(authorToken, 'PATCH', `/authoring/courses/${course.id}`, { status: 'published' });
    }
    return { courseId: course.id, lessonId: lesson.id };
  }

  /** Waits until the server holds what the test expects (the player saves in the background). */
  async function serverState(lessonId: string, check: (launch: { items: { id: string; resume: Record<string, string>; completion: string }[] }) => boolean): Promise<void> {
    let last = '';
    await waitFor(
      'the server to hold the runtime data',
      async () => {
        const launch = await apiCall<{ items: { id: string; resume: Record<string, string>; completion: string }[] }>(learnerToken, 'GET', `/lessons/${lessonId}/package/launch`);
        last = JSON.stringify(launch.items);
        return check(launch);
      },
      { timeoutMs: 30_000, intervalMs: 200, detail: () => last },
    );
  }

  const sco = (page: Page): FrameLocator => page.frameLocator('[data-testid="package-frame"]').frameLocator('#sco');

  async function learnerPage(context: BrowserContext, lessonId: string): Promise<Page> {
    const page = await context.newPage();
    await signIn(page, server.baseUrl, 'hocvien');
    await page.goto(`${server.baseUrl}/learning/lessons/${lessonId}`);
    await page.getByTestId('package-player').waitFor();
    return page;
  }

  /** Content-Security-Policy violations the app page reports (the player must be allowed to frame the content origin). */
  async function watchCsp(page: Page): Promise<string[]> {
    const violations: string[] = [];
    await page.exposeFunction('__cspViolation', (v: string) => violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { __cspViolation: (v: string) => void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI}`));
    });
    return violations;
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startBuiltServer(), launchBrowser()]);
    [authorToken, learnerToken] = await Promise.all([token('bienson'), token('hocvien')]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('SCORM 1.2: the author uploads it in the editor; the learner loses the link mid-lesson and resumes on another device', async () => {
    const { courseId, lessonId } = await packageCourse('Bài giảng SCORM 1.2');
    const authorContext = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const editor = await authorContext.newPage();
    await signIn(editor, server.baseUrl, 'bienson');
    await editor.goto(`${server.baseUrl}/authoring/courses/${courseId}`);
    await editor.getByTestId('lesson-edit').click();
    await editor.getByTestId('package-file').setInputFiles({ name: 'bai-giang-cchc.zip', mimeType: 'application/zip', buffer: scorm12Zip() });
    await editor.getByTestId('package-current').filter({ hasText: 'bai-giang-cchc.zip' }).waitFor();
    expect(await editor.getByTestId('package-current').innerText()).toContain('SCORM 1.2');
    await screenshot(editor, 'package-upload-editor');
    await authorContext.close();
    await apiCall(authorToken, 'PATCH', `/authoring/courses/${courseId}`, { status: 'published' });

    // A phone: page 1 → 2 saved on the server, then the link drops on page 3.
    const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const page = await learnerPage(phone, lessonId);
    const violations = await watchCsp(page);
    await sco(page).getByText('Trang 1/3').waitFor();
    expect(await sco(page).locator('body').getAttribute('data-entry')).toBe('ab-initio');
    await sco(page).getByRole('button', { name: 'Trang tiếp' }).click();
    await sco(page).getByText('Trang 2/3').waitFor();
    await serverState(lessonId, (l) => l.items[0].resume['cmi.core.lesson_location'] === '2');

    await phone.setOffline(true);
    await sco(page).getByRole('button', { name: 'Trang tiếp' }).click();
    await sco(page).getByText('Trang 3/3').waitFor();
    await page.locator('[data-testid="package-save-state"][data-state="offline"]').waitFor();
    expect(await page.getByTestId('package-save-state').innerText()).toContain('Mất kết nối');
    await screenshot(page, 'package-offline-phone');
    await phone.setOffline(false);
    // The queue sends what it kept as soon as the browser is back online.
    await serverState(lessonId, (l) => l.items[0].resume['cmi.core.lesson_location'] === '3');
    await page.locator('[data-testid="package-save-state"][data-state="saved"]').waitFor();
    expect(violations).toEqual([]);
    await phone.close();

    // Another device resumes on page 3, with the suspend data, and finishes.
    const desktop = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const other = await learnerPage(desktop, lessonId);
    await sco(other).getByText('Trang 3/3').waitFor();
    expect(await sco(other).locator('body').getAttribute('data-entry')).toBe('resume');
    expect(await sco(other).locator('body').getAttribute('data-suspend')).toBe('trang=3');
    await sco(other).getByRole('button', { name: 'Kết thúc bài' }).click();
    await other.getByTestId('course-completed').waitFor();
    await other.getByTestId('lesson-done').waitFor();
    await screenshot(other, 'package-scorm12-completed');
    await desktop.close();
  });

  it('SCORM 2004 multi-SCO: table of contents, flow after Terminate, choice, and resume in the right SCO', async () => {
    const { lessonId } = await packageCourse('Bài giảng SCORM 2004', scorm2004MultiScoZip());
    const first = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await learnerPage(first, lessonId);
    const toc = page.getByTestId('package-toc-item');
    await toc.nth(1).waitFor();
    expect(await toc.allInnerTexts()).toEqual(['Mục 1: Khái niệm', 'Mục 2: Thực hành']);
    await sco(page).getByRole('heading', { name: 'Mục 1: Khái niệm' }).waitFor();
    // Finishing SCO 1 terminates with adl.nav.request=continue: the player opens SCO 2 by itself.
    await sco(page).getByRole('button', { name: 'Kết thúc bài' }).click();
    await sco(page).getByRole('heading', { name: 'Mục 2: Thực hành' }).waitFor();
    await page.getByTestId('package-item-status').first().filter({ hasText: 'Đạt' }).waitFor();
    await sco(page).getByRole('button', { name: 'Trang tiếp' }).click();
    await sco(page).getByText('Trang 2/3').waitFor();
    await serverState(lessonId, (l) => l.items.find((i) => i.id === 'sco-2')?.resume['cmi.location'] === '2');
    await screenshot(page, 'package-scorm2004-toc');
    // Choice: back to SCO 1 from the table of contents, then flow forward with "Mục tiếp".
    await toc.nth(0).click();
    await sco(page).getByRole('heading', { name: 'Mục 1: Khái niệm' }).waitFor();
    await page.getByTestId('package-next').click();
    await sco(page).getByRole('heading', { name: 'Mục 2: Thực hành' }).waitFor();
    await sco(page).getByText('Trang 2/3').waitFor();
    await first.close();

    const second = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const again = await learnerPage(second, lessonId);
    await sco(again).getByRole('heading', { name: 'Mục 2: Thực hành' }).waitFor();
    await sco(again).getByText('Trang 2/3').waitFor();
    expect(await sco(again).locator('body').getAttribute('data-entry')).toBe('resume');
    await sco(again).getByRole('button', { name: 'Kết thúc bài' }).click();
    await again.getByTestId('lesson-done').waitFor();
    await screenshot(again, 'package-scorm2004-phone-done');
    await second.close();
  });

  it('a package cannot read the learner’s tokens or call the API as the learner', async () => {
    const { lessonId } = await packageCourse('Gói thử tấn công', maliciousZip(server.baseUrl));
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await learnerPage(context, lessonId);
    // There is something to steal on the app's origin.
    const refresh = await page.evaluate(() => localStorage.getItem('cchc.refresh'));
    expect(refresh).toBeTruthy();
    await sco(page).locator('body[data-done="1"]').waitFor();
    const raw = await sco(page).locator('#out').innerText();
    const got = JSON.parse(raw) as Record<string, string>;
    expect(raw).not.toContain(refresh!);
    expect(got.localStorage).toBe('{}');
    expect(got.sessionStorage).toBe('{}');
    expect(got.cookie).toBe('');
    expect(got.topStorage).toBe('error: SecurityError');
    expect(got.topHtml).toBe('error: SecurityError');
    // Its own origin has no API; the app's API refuses to be read from another origin (no CORS, no cookies).
    expect(got.relative).toMatch(/^404 text\/plain/);
    expect(got.app).toBe('error: TypeError');
    // The app page was not navigated or changed by the frame.
    expect(new URL(page.url()).pathname).toBe(`/learning/lessons/${lessonId}`);
    await context.close();
  });

  it('cmi5: the AU on the content origin fetches its credentials, reads LMS.LaunchData and reports to the LRS; moveOn completes the lesson', async () => {
    const { lessonId } = await packageCourse('Khóa học cmi5', cmi5Zip());
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const page = await learnerPage(context, lessonId);
    // The player re-reads the AU status while the AU is open; the browser revalidates it with its ETag. The server
    // answers 200 only with a new ETag, so an answer carrying the ETag the browser sent was a 304 (Chromium reports
    // the cached 200 it then serves).
    const statusReads: { etag: string | undefined; ifNoneMatch: string | undefined }[] = [];
    page.on('response', (res) => {
      if (res.url().endsWith(`/lessons/${lessonId}/package/status`)) void res.request().allHeaders().then((h) => statusReads.push({ etag: res.headers().etag, ifNoneMatch: h['if-none-match'] }));
    });
    await page.getByTestId('package-toc-item').filter({ hasText: 'Bài 1: Dịch vụ công trực tuyến' }).click();
    const au = page.frameLocator('[data-testid="package-frame"]');
    await au.getByText('Sẵn sàng').waitFor();
    const log = au.locator('#log li');
    expect(await log.allInnerTexts()).toEqual(['fetch again 1', 'launchData Normal CompletedAndPassed 0.8', 'initialized 200']);
    // The LMS refuses a pass below the mastery score.
    await au.getByRole('button', { name: 'Gửi điểm thấp' }).click();
    await log.filter({ hasText: 'passed-low' }).waitFor();
    expect(await log.last().innerText()).toBe('passed-low 403');
    await au.getByRole('button', { name: 'Hoàn thành và đạt' }).click();
    await au.getByText('Đã kết thúc').waitFor();
    expect((await log.allInnerTexts()).slice(-3)).toEqual(['completed 200', 'passed 200', 'terminated 200']);
    await page.getByTestId('lesson-done').waitFor();
    await page.getByTestId('package-item-status').filter({ hasText: 'Đạt' }).waitFor();
    await screenshot(page, 'package-cmi5-phone');
    await waitFor('a status re-read answered "not modified"', async () => statusReads.some((r) => r.ifNoneMatch && r.ifNoneMatch === r.etag), {
      timeoutMs: 90_000,
      intervalMs: 250,
      detail: () => JSON.stringify(statusReads),
    });
    await context.close();
  });
});
