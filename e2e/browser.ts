// Chromium (Debian's package) through playwright-core, and small helpers shared by the browser tests.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ROOT } from './server';

export const SCREENSHOTS = path.join(ROOT, 'e2e/screenshots');
export const DESKTOP = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };

export function launch(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Waits until no element matches `selector`. Not `page.waitForFunction`: it evaluates its predicate with `eval` inside
 * the page, which the Content-Security-Policy (no 'unsafe-eval') refuses.
 */
export async function waitUntilNone(page: Page, selector: string, timeout = 30_000): Promise<void> {
  await page.locator(selector).first().waitFor({ state: 'detached', timeout });
}

/** Every Content-Security-Policy violation any page of this test file reported (the app must work under the policy). */
export const cspViolations: string[] = [];

export async function newPage(browser: Browser, baseURL: string, viewport = DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL,
    viewport,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    ...(viewport.width < 600 ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspViolations.push(`${page.url()}: ${m.text()}`);
  });
  return { context, page };
}

/** Signs in through the sign-in form (Vietnamese labels) and waits until the app left the sign-in page. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  if (!page.url().includes('/dang-nhap')) await page.goto('/dang-nhap');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/dang-nhap'));
}

/**
 * On a narrow screen the public header folds its links and buttons (language, large text, high contrast) into a
 * "Menu" panel: opens it so they can be clicked. Nothing to do on a wide screen, where they are always shown.
 */
export async function openPublicMenu(page: Page): Promise<void> {
  const button = page.locator('.pub-menu-button');
  if (!(await button.isVisible())) return;
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  await page.locator('#pub-menu.open').waitFor();
}

export async function screenshot(page: Page, name: string, fullPage = false): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  // Let fonts and antd's motion settle so the picture shows the final state.
  await page.evaluate('document.fonts.ready');
  await page.waitForTimeout(300);
  await page.screenshot({ path: file, fullPage });
  return file;
}
