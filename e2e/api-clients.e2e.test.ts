// API clients through the browser: a centre director registers a client (the secret is shown once), sees it listed
// with its scopes and units, rotates its secret (two valid during the overlap) and revokes it.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, launch, newPage, SCREENSHOTS, signIn } from './browser';

describe.skipIf(!process.env.MOTCUA_E2E)('API clients (browser)', () => {
  let browser: Browser;
  const baseUrl = inject('baseUrl');
  const password = inject('demoPassword');

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a director registers, rotates and revokes an API client', async () => {
    const { context, page } = await newPage(browser, baseUrl, DESKTOP);
    await signIn(page, 'hacthanh.centre-director', password);
    await page.getByRole('link', { name: 'Ứng dụng kết nối (API)' }).click();
    await page.getByRole('heading', { name: 'Ứng dụng kết nối (API)' }).waitFor();
    await page.getByLabel('Tên ứng dụng').fill('LGSP Thanh Hóa');
    await page.getByLabel('Tiếp nhận và xử lý hồ sơ (dossiers:write)').check();
    await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Thông tin đăng nhập của ứng dụng' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('client_secret');
    await page.screenshot({ path: `${SCREENSHOTS}/api-clients-issued.png` });
    await dialog.getByRole('button', { name: /OK/ }).click();
    const row = page.locator('.ant-table-row', { hasText: 'LGSP Thanh Hóa' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Đọc hồ sơ');
    await row.getByRole('button', { name: 'Đổi khóa' }).click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await dialog.waitFor();
    await dialog.getByRole('button', { name: /OK/ }).click();
    await row.getByText('Khóa cũ, dùng được đến').waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/api-clients-list.png`, fullPage: true });
    await row.getByRole('button', { name: 'Thu hồi' }).click();
    await page.locator('.ant-popconfirm:not(.ant-popover-hidden) .ant-btn-primary').click();
    await row.getByText('Đã thu hồi').waitFor();
    await context.close();
  }, 180_000);
});
