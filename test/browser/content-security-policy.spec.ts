import type { Browser, Page } from 'playwright-core';
import { launchBrowser, RunningServer, signIn, startBuiltServer } from '../support/browser';

/**
 * The built client runs under the Content-Security-Policy the server sends (no inline script, nothing from other
 * origins): every main page of a coordinator and of a learner loads with no CSP violation.
 */
describe('the built client satisfies the Content-Security-Policy', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startBuiltServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Collects violations as the page reports them (the event) and as Chromium logs them (the console). */
  async function watch(page: Page): Promise<string[]> {
    const violations: string[] = [];
    await page.exposeFunction('__cspViolation', (v: string) => violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { __cspViolation: (v: string) => void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    return violations;
  }

  it.each([
    ['dieuphoi', ['/', '/units', '/people', '/import', '/coverage', '/targets', '/reports', '/test-rounds', '/sessions', '/questions', '/authoring', '/library', '/qa', '/audit', '/surveys']],
    ['hocvien', ['/', '/my-learning', '/tests', '/catalogue', '/library', '/qa', '/my-targets', '/account']],
  ])('%s: every main page loads with no violation', async (username, paths) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const violations = await watch(page);
    try {
      const first = await page.goto(`${server.baseUrl}/`);
      expect(first!.headers()['content-security-policy']).toContain("script-src 'self'");
      await signIn(page, server.baseUrl, username);
      for (const path of paths) {
        await page.goto(`${server.baseUrl}${path}`);
        await page.getByTestId('current-user').waitFor();
        await page.waitForLoadState('networkidle');
      }
      expect(violations).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
