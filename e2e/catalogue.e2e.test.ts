// The public catalogue and status lookup in the browser: search without diacritics, a procedure page a citizen
// understands (components, what is fetched from the registry, fee), and the lookup's not-found answer.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, launch, newPage, openPublicMenu, PHONE, screenshot } from './browser';

/** expect.poll with a timeout that fits server round trips (vitest's default is one second). */
const poll = <T>(fn: () => Promise<T> | T, timeout = 10_000) => expect.poll(fn, { timeout });

const OVERFLOW = 'document.documentElement.scrollWidth - window.innerWidth';

describe.skipIf(!process.env.MOTCUA_E2E)('public catalogue and status lookup (browser)', () => {
  let browser: Browser;
  const baseUrl = inject('baseUrl');

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
    it(`finds "Đăng ký khai sinh" typed without diacritics and shows what to bring and the fee (${size})`, async () => {
      const { context, page } = await newPage(browser, baseUrl, viewport);
      await page.goto('/');
      // From the header's link (behind "Menu" on the phone).
      await openPublicMenu(page);
      await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Thủ tục hành chính' }).click();
      await page.waitForURL('**/thu-tuc');
      await page.getByLabel('Tìm thủ tục').fill('dang ky khai sinh');
      const link = page.getByRole('link', { name: 'Đăng ký khai sinh', exact: true });
      await link.waitFor();
      await page.waitForURL('**/thu-tuc?q=dang+ky+khai+sinh');
      expect(await page.evaluate(OVERFLOW)).toBeLessThanOrEqual(0);
      await screenshot(page, `catalogue-${size}`);

      await link.click();
      await page.getByRole('heading', { level: 1, name: 'Đăng ký khai sinh' }).waitFor();
      const components = page.getByTestId('components').locator('li');
      expect(await components.count()).toBeGreaterThan(0);
      await page.getByText('Bắt buộc').first().waitFor();
      // Identity and residence come from the population registry: nothing to bring.
      await page.getByText('Không cần nộp — cơ quan tự khai thác từ Cơ sở dữ liệu quốc gia về dân cư').first().waitFor();
      expect(await page.getByTestId('fee').textContent()).toBe('Miễn phí');
      await page.getByText('Trong ngày').first().waitFor();
      await page.getByText('Nộp tại bất kỳ Trung tâm nào trong tỉnh').waitFor();
      await page.getByText('Trung tâm Phục vụ hành chính công phường Hạc Thành').first().waitFor();
      await page.getByText('60/2014/QH13').waitFor();
      expect(await page.evaluate(OVERFLOW)).toBeLessThanOrEqual(0);
      await screenshot(page, `procedure-${size}`);
      await page.getByRole('heading', { name: 'Giấy tờ cần mang theo' }).scrollIntoViewIfNeeded();
      await page.evaluate('window.scrollBy(0, -80)');
      await screenshot(page, `procedure-components-${size}`);

      // "Nộp trực tuyến" near the top starts online filing with the VNeID sign-in (e2e/portal.e2e.test.ts goes on).
      await page.getByTestId('file-online').click();
      await page.getByRole('heading', { level: 1, name: 'Nộp hồ sơ trực tuyến' }).waitFor();
      await page.getByRole('link', { name: 'Đăng nhập bằng VNeID' }).waitFor();
      await context.close();
    });
  }

  it('a per-page fee is explained with its cap', async () => {
    const { context, page } = await newPage(browser, baseUrl, DESKTOP);
    await page.goto('/thu-tuc?q=chung thuc ban sao tu ban chinh');
    await page.locator('.proc-item h2 a').first().click();
    const fee = (await page.getByTestId('fee').textContent()) ?? '';
    expect(fee).toMatch(/đồng\/trang/);
    expect(fee).toMatch(/tối đa .* đồng\/bản/);
    await context.close();
  });

  for (const [size, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`status lookup says plainly when nothing matches (${size})`, async () => {
      const { context, page } = await newPage(browser, baseUrl, viewport);
      const code = `000.00.00.H56-260101-${String(Math.floor(Math.random() * 9000) + 1000)}`;
      await page.goto(`/tra-cuu?ma=${encodeURIComponent(code)}`);
      expect(await page.getByLabel('Mã hồ sơ').inputValue()).toBe(code);
      // The QR code fills the code in: the cursor waits in the ID number.
      expect(await page.evaluate('document.activeElement.id')).toBe('lk-id');
      await page.keyboard.type('038099000123');
      await page.keyboard.press('Enter');
      await poll(() => page.getByTestId('lookup-error').textContent()).toBe('Không tìm thấy hồ sơ với mã và số định danh này');
      expect(await page.evaluate(OVERFLOW)).toBeLessThanOrEqual(0);
      await screenshot(page, `lookup-notfound-${size}`);
      await context.close();
    });
  }
});
