const { chromium } = require('playwright-core');
(async () => {
  const base = process.env.BASE || 'http://127.0.0.1:3412';
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  for (const [w, h, mobile] of [[1366, 900, false], [375, 740, true]]) {
    const ctx = await browser.newContext({ viewport: { width: w, height: h }, isMobile: mobile, hasTouch: mobile });
    const page = await ctx.newPage();
    await page.goto(base + '/');
    await page.getByTestId('login-username').fill('dieuphoi');
    await page.getByTestId('login-password').fill('Demo@2025');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('current-user').waitFor();
    for (const p of (process.env.PAGES || '/coverage').split(',')) {
      await page.goto(base + p);
      await page.getByTestId('current-user').waitFor();
      await page.waitForLoadState('networkidle');
      const name = `${p.replace(/\W+/g, '_')}-${w}`;
      await page.screenshot({ path: `/tmp/audit12/shots/${name}.png`, fullPage: true });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      console.log(name, 'overflow', overflow, 'height', height);
    }
    await ctx.close();
  }
  await browser.close();
})();
