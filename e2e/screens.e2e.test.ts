// Screenshots of every page at desktop (1366×768) and phone (390×844) size, with checks a screenshot cannot make
// reliably by eye: no sideways scrolling on the phone, a name on every control, 44 px targets, the skip link,
// and the large-text switch.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, launch, newPage, PHONE, screenshot, signIn, waitUntilNone } from './browser';

// Evaluated in the page (kept as strings: the test code is type-checked without the DOM library).
const OVERFLOW = 'document.documentElement.scrollWidth - window.innerWidth';
const UNLABELLED = `(() => {
  const bad = [];
  for (const el of document.querySelectorAll('input, select, textarea, button, [role=combobox], [role=switch]')) {
    if (el.type === 'hidden' || el.closest('[aria-hidden=true]') || el.getAttribute('tabindex') === '-1') continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const byLabel = el.labels ? [...el.labels].map((l) => l.textContent).join(' ').trim() : '';
    const byRef = (el.getAttribute('aria-labelledby') || '').split(' ').map((id) => document.getElementById(id)?.textContent || '').join(' ').trim();
    const name = el.getAttribute('aria-label') || byLabel || byRef || (el.tagName === 'BUTTON' && el.textContent.trim()) || el.title;
    if (!name) bad.push(el.outerHTML.slice(0, 160));
  }
  return bad;
})()`;
const SMALL_TARGETS = `(() => {
  const bad = [];
  const sel = '.ant-btn, .ant-select-selector, .ant-input-affix-wrapper, input.ant-input:not(.ant-input-affix-wrapper input), .ant-picker, select, .btn, .pub-nav a, .pub-tools button, .pub-menu-button, .ant-menu-item, .ant-checkbox-wrapper';
  for (const el of document.querySelectorAll(sel)) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (el.closest('.ant-select-selector') && !el.classList.contains('ant-select-selector')) continue;
    if (r.height < 43.5) bad.push(el.className + ' ' + Math.round(r.height));
  }
  return bad;
})()`;

async function checkPage(page: Page, name: string): Promise<void> {
  // Measure after antd's opening animations (dialogs zoom in from a small size).
  await waitUntilNone(page, '[class*=-enter], [class*=-appear], [class*=-leave]');
  expect(await page.evaluate(UNLABELLED), `${name}: controls without a name`).toEqual([]);
  expect(await page.evaluate(SMALL_TARGETS), `${name}: targets under 44px`).toEqual([]);
  const overflow = (await page.evaluate(OVERFLOW)) as number;
  expect(overflow, `${name}: sideways scrolling`).toBeLessThanOrEqual(0);
}

describe.skipIf(!process.env.MOTCUA_E2E)('screens (browser)', () => {
  let browser: Browser;
  const baseUrl = inject('baseUrl');
  const password = inject('demoPassword');

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const [size, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`every page at ${size} size`, async () => {
      const { context, page } = await newPage(browser, baseUrl, viewport);
      const full = size === 'phone';

      await page.goto('/');
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.locator('.unit-list li').first().waitFor();
      await checkPage(page, 'home');
      await screenshot(page, `home-${size}`, full);

      await page.goto('/danh-ba');
      await page.locator('.official').first().waitFor();
      await checkPage(page, 'directory');
      await screenshot(page, `directory-${size}`);

      await page.goto('/dang-nhap');
      await page.getByLabel('Tên đăng nhập').waitFor();
      await checkPage(page, 'sign-in');
      await screenshot(page, `sign-in-${size}`);

      await signIn(page, 'hacthanh.centre-director', password);
      await page.getByTestId('current-unit-name').waitFor();
      await checkPage(page, 'staff home');
      await screenshot(page, `staff-home-${size}`, full);

      await page.goto('/quan-tri/don-vi');
      await page.getByTestId('unit-hacthanh').waitFor();
      await checkPage(page, 'admin units');
      await screenshot(page, `admin-units-${size}`, full);

      await page.goto('/quan-tri/can-bo');
      await page.getByText('hacthanh.reception-officer').waitFor();
      await checkPage(page, 'admin staff');
      await screenshot(page, `admin-staff-${size}`, full);

      await page.getByRole('button', { name: 'Thêm cán bộ' }).click();
      await page.getByRole('dialog', { name: 'Thêm cán bộ' }).getByLabel('Họ và tên').waitFor();
      await checkPage(page, 'create staff dialog');
      await screenshot(page, `admin-staff-create-${size}`);
      await page.keyboard.press('Escape');

      await page.goto('/tai-khoan');
      await page.getByRole('heading', { name: 'Phiên đăng nhập đang mở' }).waitFor();
      await page.locator('[data-testid=session-list] li').first().waitFor();
      await checkPage(page, 'account');
      await screenshot(page, `account-${size}`, full);

      if (size === 'phone') {
        // The menu is a drawer on narrow screens.
        await page.getByRole('button', { name: 'Mở trình đơn' }).click();
        const drawer = page.locator('.ant-drawer-content');
        await drawer.getByRole('link', { name: 'Đơn vị, điểm tiếp nhận' }).waitFor();
        await screenshot(page, `menu-drawer-${size}`);
        await drawer.getByRole('link', { name: 'Đơn vị, điểm tiếp nhận' }).click();
        await page.waitForURL('**/quan-tri/don-vi');
      }
      await context.close();
    });
  }

  it('works from the keyboard: skip link, visible focus, sign-in with Enter', async () => {
    const { context, page } = await newPage(browser, baseUrl, DESKTOP);
    await page.goto('/dang-nhap');
    await page.getByLabel('Tên đăng nhập').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.className')).toBe('skip-link');
    expect(await page.evaluate('document.activeElement.getBoundingClientRect().top >= 0')).toBe(true);
    const outline = (await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')) as string;
    expect(outline).toBe('solid');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('location.hash')).toBe('#main');
    await page.getByLabel('Tên đăng nhập').focus();
    await page.keyboard.type('hacthanh.specialist');
    await page.keyboard.press('Tab');
    await page.keyboard.type(password);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/can-bo');
    await page.getByTestId('current-unit-name').waitFor();
    await context.close();
  });

  it('large text makes the base font bigger and is remembered', async () => {
    const { context, page } = await newPage(browser, baseUrl, DESKTOP);
    await page.goto('/');
    await page.getByRole('heading', { level: 1 }).waitFor();
    const before = (await page.evaluate('parseFloat(getComputedStyle(document.body).fontSize)')) as number;
    expect(before).toBe(16);
    await page.getByRole('button', { name: 'Cỡ chữ lớn' }).click();
    expect(await page.evaluate('parseFloat(getComputedStyle(document.body).fontSize)')).toBe(20);
    await signIn(page, 'hacthanh.reception-officer', password);
    await page.getByTestId('current-unit-name').waitFor();
    expect(await page.evaluate('parseFloat(getComputedStyle(document.querySelector(".ant-card-body")).fontSize)')).toBe(20);
    await checkPage(page, 'staff home, large text');
    await screenshot(page, 'staff-home-large-text-desktop');
    await context.close();
  });
});
