// Clicks through every navigation page of every demo role at 1366 and 375 px; screenshots; reports overflow and console errors.
// Usage: npm start (another terminal), then: npm run tour -- [baseUrl] [outDir] [user1,user2,...]. Exits 1 on any finding.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const out = process.argv[3] ?? 'test-output/tour';
const roles = (process.argv[4] ?? 'hocvien,donvi.xa,donvi.so,dieuphoi,bienson,bonoivu,quantri,dieuphoi.lc,donvi.lc,kh000123').split(',');
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const problems = [];
for (const role of roles) {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await ctx.newPage();
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('response', (r) => r.status() >= 500 && errors.push(`${r.status()} ${r.url()}`));
  await page.goto(base + '/');
  await page.getByTestId('login-username').fill(role);
  await page.getByTestId('login-password').fill('Demo@2025');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('current-user').waitFor({ timeout: 30000 });
  await page.waitForLoadState('networkidle');
  const links = await page.$$eval('nav a[href^="/"]', (as) => [...new Set(as.map((a) => a.getAttribute('href')))]);
  for (const href of ['/', ...links.filter((h) => h !== '/')]) {
    for (const width of [1366, 375]) {
      await page.setViewportSize({ width, height: width === 375 ? 800 : 900 });
      errors.length = 0;
      await page.goto(base + href);
      await page.waitForLoadState('networkidle').catch(() => {});
      const sw = await page.evaluate(() => document.documentElement.scrollWidth);
      const name = `${role}${href.replace(/\//g, '_') || '_home'}-${width}.png`;
      await page.screenshot({ path: `${out}/${name}`, fullPage: width === 1366 ? false : false });
      const text = await page.evaluate(() => document.body.innerText);
      const bad = [];
      if (width === 375 && sw > 375) bad.push(`overflow ${sw}px`);
      if (errors.length) bad.push(`errors: ${errors.slice(0, 3).join(' | ')}`);
      if (/undefined|NaN|\[object Object\]|Lỗi máy chủ/.test(text)) bad.push('suspicious text: ' + (text.match(/.{0,40}(undefined|NaN|\[object Object\]|Lỗi máy chủ).{0,40}/)?.[0] ?? ''));
      if (bad.length) problems.push(`${role} ${href} @${width}: ${bad.join('; ')}`);
    }
  }
  console.log(`${role}: ${links.length + 1} pages`);
  await ctx.close();
}
await browser.close();
console.log(problems.length ? `PROBLEMS:\n${problems.join('\n')}` : 'no problems');
process.exitCode = problems.length ? 1 : 0;
