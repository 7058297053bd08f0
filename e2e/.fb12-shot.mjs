import { chromium } from 'playwright-core';
const [,, base, user, path, out, w, h] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const ctx = await browser.newContext({ baseURL: base, viewport: { width: Number(w ?? 1366), height: Number(h ?? 768) }, locale: 'vi-VN' });
const page = await ctx.newPage();
page.on('console', (m) => console.log('console:', m.text()));
if (user !== '-') {
  await page.goto('/dang-nhap');
  await page.getByLabel('Tên đăng nhập').fill(user);
  await page.getByLabel('Mật khẩu', { exact: true }).fill('demo-pass-12345');
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/dang-nhap'));
}
await page.goto(path);
await page.waitForTimeout(Number(process.env.WAIT ?? 8000));
await page.screenshot({ path: out, fullPage: true });
await browser.close();
