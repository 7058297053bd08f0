// Sign-in, staff home, language switch, public directory, error details and the session expiry flow.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cspViolations, DESKTOP, launch, newPage, screenshot, signIn } from './browser';

describe.skipIf(!process.env.MOTCUA_E2E)('staff sign-in (browser)', () => {
  let browser: Browser;
  const baseUrl = inject('baseUrl');
  const password = inject('demoPassword');

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('signs in as a reception officer and reaches the staff home of Hạc Thành', async () => {
    const { context, page } = await newPage(browser, baseUrl, DESKTOP);
    await signIn(page, 'hacthanh.reception-officer', password);
    expect(new URL(page.url()).pathname).toBe('/can-bo');
    const unitName = page.getByTestId('current-unit-name');
    await unitName.waitFor();
    expect(await unitName.textContent()).toContain('Hạc Thành');
    await page.getByTestId('my-roles').getByText('Cán bộ tiếp nhận').waitFor();
    // Reception points, one of them hosted by the provincial centre.
    await page.getByText('tại Trung tâm Phục vụ hành chính công tỉnh Thanh Hóa').waitFor();
    // No administration menu for a reception officer.
    expect(await page.getByRole('link', { name: 'Cán bộ', exact: true }).count()).toBe(0);
    expect(await page.evaluate('document.documentElement.lang')).toBe('vi');
    await screenshot(page, 'staff-home');
    await context.close();
  });

  it('switches the interface to English and back, and remembers the choice', async () => {
    const { context, page } = await newPage(browser, baseUrl, DESKTOP);
    await signIn(page, 'hacthanh.reception-officer', password);
    await page.getByTestId('current-unit-name').waitFor();
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByText('Unit details').waitFor();
    await page.getByText('Your roles in this unit').waitFor();
    await page.getByTestId('my-roles').getByText('Reception officer').waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
    await page.reload();
    await page.getByText('Unit details').waitFor();
    await page.getByRole('button', { name: 'Chuyển sang tiếng Việt' }).click();
    await page.getByText('Thông tin đơn vị').waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('vi');
    await context.close();
  });

  it('shows server errors in English when the interface is in English', async () => {
    const { context, page } = await newPage(browser, baseUrl, DESKTOP);
    await page.goto('/dang-nhap');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Staff sign-in' }).waitFor();
    await page.getByLabel('Username').fill('dongtien.leader');
    await page.getByLabel('Password', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const alert = page.getByTestId('signin-error');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Wrong username or password');
    await context.close();
  });

  it('shows the public directory of officials with a unit filter', async () => {
    const { context, page } = await newPage(browser, baseUrl, DESKTOP);
    await page.goto('/danh-ba');
    await page.getByRole('heading', { name: 'Danh bạ cán bộ', level: 1 }).waitFor();
    await page.locator('.official').first().waitFor();
    expect(await page.locator('.official').count()).toBeGreaterThan(5);
    expect(await page.locator('.dir-unit h2').allTextContents()).toContain('Trung tâm Phục vụ hành chính công phường Hạc Thành');
    await page.getByText('Cán bộ tiếp nhận').first().waitFor();
    await page.getByLabel('Đơn vị').selectOption({ label: 'Trung tâm Phục vụ hành chính công phường Nguyệt Viên' });
    await page.waitForURL(/don-vi=nguyetvien/);
    await expect.poll(() => page.locator('.dir-unit').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.locator('.dir-unit h2').allTextContents()).toEqual(['Trung tâm Phục vụ hành chính công phường Nguyệt Viên']);
    await context.close();
  });

  it('shows the server’s Vietnamese detail for a wrong password', async () => {
    const { context, page } = await newPage(browser, baseUrl, DESKTOP);
    await page.goto('/dang-nhap');
    await page.getByLabel('Tên đăng nhập').fill('dongtien.specialist');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    const alert = page.getByTestId('signin-error');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Tên đăng nhập hoặc mật khẩu không đúng');
    expect(new URL(page.url()).pathname).toBe('/dang-nhap');
    await context.close();
  });

  it('warns before the idle timeout, keeps the session on request, and signs out when it passes', async () => {
    const { context, page } = await newPage(browser, baseUrl, DESKTOP);
    await page.clock.install();
    await signIn(page, 'hacthanh.specialist', password);
    await page.getByTestId('current-unit-name').waitFor();
    // Idle timeout is 30 minutes (default): the warning shows 2 minutes before.
    await page.clock.fastForward('28:30');
    const dialog = page.getByRole('dialog', { name: 'Phiên làm việc sắp hết hạn' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Tiếp tục làm việc' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // After "keep working" a new 30 minutes start; 20 minutes later there is no warning yet.
    await page.clock.fastForward('20:00');
    await page.waitForTimeout(300);
    expect(await dialog.isVisible()).toBe(false);
    // Go to the account page, then let the session run out: back to sign-in, with a message and the way back.
    await page.getByRole('link', { name: 'Tài khoản' }).click();
    await page.getByRole('heading', { name: 'Tài khoản của tôi' }).waitFor();
    await page.locator('[data-testid=session-list] li').first().waitFor();
    await page.clock.fastForward('31:00');
    await page.waitForURL(/\/dang-nhap\?next=%2Ftai-khoan&expired=1/);
    await page.getByText('Phiên làm việc đã hết hạn').waitFor();
    await signIn(page, 'hacthanh.specialist', password);
    expect(new URL(page.url()).pathname).toBe('/tai-khoan');
    await context.close();
  });

  it('sends the user to sign-in when the server answers 401 session-expired, then returns to the page', async () => {
    const { context, page } = await newPage(browser, baseUrl, DESKTOP);
    await signIn(page, 'hacthanh.leader', password);
    await page.getByTestId('current-unit-name').waitFor();
    await page.route('**/api/auth/sessions', (route) =>
      route.fulfill({
        status: 401,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: 'about:blank',
          title: 'session-expired',
          status: 401,
          code: 'session-expired',
          detail: 'Phiên làm việc đã hết hạn; vui lòng đăng nhập lại.',
        }),
      }),
    );
    await page.getByRole('link', { name: 'Tài khoản' }).click();
    await page.waitForURL(/\/dang-nhap\?next=%2Ftai-khoan&expired=1/);
    await page.getByText('Phiên làm việc đã hết hạn').waitFor();
    await page.unroute('**/api/auth/sessions');
    await signIn(page, 'hacthanh.leader', password);
    expect(new URL(page.url()).pathname).toBe('/tai-khoan');
    await page.getByRole('heading', { name: 'Phiên đăng nhập đang mở' }).waitFor();
    await context.close();
  });

  it('every page works under the Content-Security-Policy (no inline script; antd styles apply; API docs render)', async () => {
    const { context, page } = await newPage(browser, baseUrl, DESKTOP);
    const res = await page.goto('/dang-nhap');
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    // antd's CSS-in-JS styles reached the page: the primary button is coloured, not the browser's grey.
    const button = page.getByRole('button', { name: 'Đăng nhập', exact: true });
    await button.waitFor();
    const background = await page.evaluate(
      "getComputedStyle([...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Đăng nhập')).backgroundColor",
    );
    expect(background).not.toBe('rgb(239, 239, 239)');
    await page.goto('/api/docs/');
    await page.locator('.swagger-ui .info').waitFor({ timeout: 60_000 });
    await page.goto('/cong-dan');
    await page.waitForLoadState('networkidle');
    expect(cspViolations).toEqual([]);
    await context.close();
  });
});
