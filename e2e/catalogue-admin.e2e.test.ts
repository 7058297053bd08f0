// Catalogue and calendar administration in the browser: a new version of a procedure, an import refused with its
// row and field, a centre director enabling a procedure, a calendar year saved with the recomputation count, and
// the deadline calculator.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, launch, newPage, PHONE, screenshot, signIn } from './browser';

/** expect.poll with a timeout that fits server round trips (vitest's default is one second). */
const poll = <T>(fn: () => Promise<T> | T, timeout = 10_000) => expect.poll(fn, { timeout });

describe.skipIf(!process.env.MOTCUA_E2E)('catalogue and calendar administration (browser)', () => {
  let browser: Browser;
  const baseUrl = inject('baseUrl');
  const password = inject('demoPassword');

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a province administrator edits a procedure (new version) and sees an import refused by row and field', async () => {
    const { context, page } = await newPage(browser, baseUrl, DESKTOP);
    await signIn(page, 'tinh.province-admin', password);
    await page.getByRole('link', { name: 'Thủ tục hành chính' }).click();
    await page.waitForURL('**/quan-tri/thu-tuc');
    await page.getByLabel('Lọc theo tên hoặc mã thủ tục').fill('hoa giai tranh chap dat dai');
    const edit = page.getByRole('button', { name: /^Sửa thủ tục Hòa giải tranh chấp đất đai/ });
    await edit.waitFor();
    await screenshot(page, 'admin-procedures-desktop');
    await edit.click();
    const drawer = page.locator('.ant-drawer-content');
    await drawer.getByText('Phiên bản 1', { exact: true }).waitFor();
    await poll(() => drawer.getByTestId('share-sum').textContent()).toBe('Tổng tỷ lệ: 1 (phải bằng 1)');
    await drawer.getByLabel('Thời hạn (ngày làm việc)').fill('20.5');
    await screenshot(page, 'admin-procedure-edit-desktop');
    await drawer.getByRole('button', { name: 'Lưu (tạo phiên bản mới)' }).click();
    await poll(() => drawer.getByTestId('proc-saved').textContent()).toBe('Đã lưu: Phiên bản 2.');
    await drawer.locator('.ant-list-item').nth(1).waitFor();
    await page.keyboard.press('Escape');

    // An import with a bad row: nothing imported, the error named by row and field.
    const bad = JSON.stringify([{ code: '1001193', name: 'x' }]);
    await page.getByTestId('import-file').setInputFiles({ name: 'thu-tuc.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
    const errors = page.getByTestId('import-errors');
    await errors.locator('tbody tr.ant-table-row').first().waitFor();
    expect(await errors.textContent()).toContain('code');
    await screenshot(page, 'admin-procedures-import-errors-desktop');
    await context.close();
  });

  it('a centre director turns a procedure on and off at the unit', async () => {
    const { context, page } = await newPage(browser, baseUrl, DESKTOP);
    await signIn(page, 'dongtien.centre-director', password);
    await page.goto('/quan-tri/thu-tuc');
    const sw = page.getByRole('switch', { name: /Đăng ký tạm trú/ });
    /** The switch as the server has it: the page reloaded and filtered again. */
    const reloaded = async () => {
      await page.reload();
      await page.getByLabel('Lọc theo tên hoặc mã thủ tục').fill('dang ky tam tru');
      await sw.waitFor();
      return sw.getAttribute('aria-checked');
    };
    const before = await reloaded();
    expect(['true', 'false']).toContain(before);
    const flipped = before === 'true' ? 'false' : 'true';
    await sw.click();
    await poll(() => sw.getAttribute('aria-checked')).toBe(flipped);
    expect(await reloaded()).toBe(flipped);
    await sw.click();
    await poll(() => sw.getAttribute('aria-checked')).toBe(before);
    expect(await reloaded()).toBe(before);
    await context.close();
  });

  it('the calendar year is saved with the count of recomputed dossiers; the calculator answers', async () => {
    const { context, page } = await newPage(browser, baseUrl, DESKTOP);
    await signIn(page, 'tinh.province-admin', password);
    await page.getByRole('link', { name: 'Lịch làm việc' }).click();
    // A year nobody has entered yet: generated from the Labour Code.
    const year = String(2040 + Math.floor(Math.random() * 100));
    await page.getByLabel('Năm').fill(year);
    await page.getByTestId('generated').waitFor();
    await page.getByTestId('holidays').locator('.day-tag').first().waitFor();
    await screenshot(page, 'admin-calendar-desktop');
    await page.getByLabel('Văn bản quy định').fill('Thông báo thử nghiệm');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await poll(() => page.getByTestId('recomputed').textContent()).toMatch(/^Đã tính lại \d+ hồ sơ đang mở$/);

    await page.getByLabel('Số ngày làm việc').fill('1');
    await page.getByRole('button', { name: 'Tính', exact: true }).click();
    await page
      .getByTestId('deadline-result')
      .getByText(/giờ \d{2}, ngày/)
      .waitFor();
    await context.close();

    const phone = await newPage(browser, baseUrl, PHONE);
    await signIn(phone.page, 'tinh.province-admin', password);
    await phone.page.goto('/quan-tri/lich');
    await phone.page.getByTestId('holidays').waitFor();
    await screenshot(phone.page, 'admin-calendar-phone');
    await phone.context.close();
  });
});
