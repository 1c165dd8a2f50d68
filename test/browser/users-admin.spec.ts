import type { Browser, Page } from 'playwright-core';
import { launchBrowser, RunningServer, signIn, startBuiltServer } from '../support/browser';

/**
 * The administrator opens an account for a civil servant by staff code; the new user signs in with the issued
 * password, must change it, and stays signed in afterwards (a reload must not send them back to the sign-in page).
 */
describe('users admin and first sign-in in the browser', () => {
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

  it('creates an account linked by staff code, then the user changes the issued password and stays signed in', async () => {
    // Every demo person at work already has an account: the admin links a newly hired one.
    const login = await fetch(`${server.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'donvi.xa', password: 'Demo@2025' }) });
    const officer = (await login.json()) as { accessToken: string; user: { unitId: string } };
    const hired = await fetch(`${server.baseUrl}/api/people`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${officer.accessToken}` },
      body: JSON.stringify({ staffCode: 'KH991844', fullName: 'Nguyễn Thị Vân', category: 'cong_chuc', unitId: officer.user.unitId, doesCchcWork: false, isLeader: false }),
    });
    expect(hired.status).toBe(201);
    await signIn(page, server.baseUrl, 'quantri');
    await page.getByTestId('nav-users').click();
    await page.getByTestId('users-table').waitFor();

    await page.getByTestId('user-create').click();
    await page.locator('#user-username').fill('van.nt');
    await page.locator('#user-displayName').fill('Nguyễn Thị Vân');
    await page.locator('#user-staffCode').fill('KH999999');
    await page.locator('#user-password').fill('KhanhHoa@2026');
    await page.getByTestId('dialog-submit').click();
    expect(await page.getByTestId('user-create-dialog').getByTestId('error-message').innerText()).toContain('Không tìm thấy cán bộ có mã "KH999999"');

    await page.locator('#user-staffCode').fill('kh991844');
    await page.getByTestId('dialog-submit').click();
    await page.getByTestId('user-create-dialog').waitFor({ state: 'detached' });
    await page.getByTestId('sign-out').click();
    await page.getByTestId('login-username').waitFor();

    await signIn(page, server.baseUrl, 'van.nt', 'KhanhHoa@2026');
    await page.waitForURL(/\/account$/);
    await page.locator('#currentPassword').fill('KhanhHoa@2026');
    await page.locator('#newPassword').fill('VanNha@Trang2026');
    await page.locator('#confirmPassword').fill('VanNha@Trang2026');
    await page.getByTestId('change-password-submit').click();
    await page.getByTestId('change-password-form').getByText('Đã đổi mật khẩu').waitFor();

    // A reload refreshes the session with the tokens the password change handed out.
    await page.goto(`${server.baseUrl}/`);
    await page.getByTestId('home-page').waitFor();
    await page.getByTestId('home-page').getByText('KH991844').waitFor();
    expect(await page.getByTestId('current-user').innerText()).toContain('Nguyễn Thị Vân');
  });

  it('disables an account after asking: the user is signed out on their device and cannot sign in; enabling lets them back', async () => {
    const learner = await browser.newPage({ viewport: { width: 375, height: 800 } });
    await signIn(learner, server.baseUrl, 'hocvien');
    const admin = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(admin, server.baseUrl, 'quantri');
    await admin.getByTestId('nav-users').click();
    await admin.getByTestId('users-search').fill('hocvien');
    const row = admin.getByTestId('user-row').filter({ hasText: 'hocvien' });
    await row.getByTestId('user-toggle-disabled').click();
    const confirm = admin.getByTestId('user-disable-confirm');
    expect(await confirm.innerText()).toContain('đăng xuất ngay trên mọi thiết bị');
    await confirm.getByTestId('confirm-ok').click();
    await admin.getByText('Đã vô hiệu hóa tài khoản “hocvien”.').waitFor();
    await row.getByTestId('user-disabled-badge').waitFor();
    // The admin's own row has no such button: an administrator cannot lock themselves out.
    await admin.getByTestId('users-search').fill('quantri');
    await admin.getByTestId('user-row').filter({ hasText: 'quantri' }).waitFor();
    expect(await admin.getByTestId('user-row').filter({ hasText: 'quantri' }).getByTestId('user-toggle-disabled').count()).toBe(0);

    // The learner's open app loses its session: the next admin they open is the sign-in admin, and signing in fails.
    await learner.goto(`${server.baseUrl}/learning/my`);
    await learner.getByTestId('login-username').waitFor();
    await learner.getByTestId('login-username').fill('hocvien');
    await learner.getByTestId('login-password').fill('Demo@2025');
    await learner.getByTestId('login-submit').click();
    await learner.getByRole('alert').waitFor();
    expect(await learner.getByTestId('current-user').count()).toBe(0);

    await admin.getByTestId('users-search').fill('hocvien');
    await row.getByTestId('user-toggle-disabled').click();
    await admin.getByTestId('user-disable-confirm').getByTestId('confirm-ok').click();
    await admin.getByText('Đã kích hoạt lại tài khoản “hocvien”.').waitFor();
    await signIn(learner, server.baseUrl, 'hocvien');
    await learner.close();
    await admin.close();
  });
});
