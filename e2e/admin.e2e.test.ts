// Administration through the browser: staff accounts and roles, reception points, unit details, unit creation,
// and the unit scoping that keeps one ward's staff invisible to another ward's director.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, launch, newPage, signIn } from './browser';

/** Picks an option of the antd Select behind `field` (a combobox found by its label). */
async function choose(page: Page, field: Locator, option: string): Promise<void> {
  await field.click();
  const item = page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: option })
    .first();
  await item.waitFor();
  await item.click();
}

describe.skipIf(!process.env.MOTCUA_E2E)('administration (browser)', () => {
  let browser: Browser;
  const baseUrl = inject('baseUrl');
  const password = inject('demoPassword');

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a centre director creates a staff member with a role; the new officer must change the temporary password', async () => {
    const { context, page } = await newPage(browser, baseUrl, DESKTOP);
    await signIn(page, 'hacthanh.centre-director', password);
    await page.getByRole('link', { name: 'Cán bộ', exact: true }).click();
    await page.getByRole('heading', { name: 'Cán bộ của Phường Hạc Thành' }).waitFor();
    await page.getByText('hacthanh.reception-officer').waitFor();

    await page.getByRole('button', { name: 'Thêm cán bộ' }).click();
    const dialog = page.getByRole('dialog', { name: 'Thêm cán bộ' });
    await dialog.getByLabel('Họ và tên').fill('Lý Thị Thu Hà');
    await dialog.getByLabel('Tên đăng nhập').fill('hacthanh.thuha');
    await dialog.getByLabel('Chức danh').fill('Công chức tiếp nhận');
    const temporary = await dialog.getByLabel('Mật khẩu tạm').inputValue();
    expect(temporary).toMatch(/^(?=.*[a-z])(?=.*[A-Z])(?=.*\d).{12}$/);
    // The first role row already names the current unit; pick the role.
    await choose(page, dialog.getByLabel('Vai trò (1)'), 'Cán bộ tiếp nhận');
    await dialog.getByRole('button', { name: 'Thêm cán bộ' }).click();
    await page.locator('.ant-modal-confirm-title', { hasText: 'Đã tạo tài khoản hacthanh.thuha' }).waitFor();
    await page.locator('.ant-modal-confirm .ant-btn-primary').click();
    const row = page.locator('.ant-table-row', { hasText: 'hacthanh.thuha' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Cán bộ tiếp nhận');
    expect(await row.textContent()).toContain('Chưa đổi mật khẩu tạm');
    await context.close();

    // The new officer signs in with the temporary password and is sent to change it.
    const second = await newPage(browser, baseUrl, DESKTOP);
    await signIn(second.page, 'hacthanh.thuha', temporary);
    expect(new URL(second.page.url()).pathname).toBe('/tai-khoan');
    await second.page.getByText('Bạn đang dùng mật khẩu tạm').waitFor();
    // Other staff pages are not reachable before the change.
    await second.page.goto('/can-bo');
    await second.page.waitForURL('**/tai-khoan');
    await second.page.getByLabel('Mật khẩu hiện tại').fill(temporary);
    await second.page.getByLabel('Mật khẩu mới', { exact: true }).fill('ThuHa2026Moi');
    await second.page.getByLabel('Nhập lại mật khẩu mới').fill('ThuHa2026Moi');
    await second.page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await second.page.waitForURL('**/can-bo');
    await second.page.getByTestId('current-unit-name').waitFor();
    expect(await second.page.getByTestId('current-unit-name').textContent()).toContain('Hạc Thành');
    await second.context.close();
  });

  it('a centre director adds a reception point and edits the unit’s cut-off time', async () => {
    const { context, page } = await newPage(browser, baseUrl, DESKTOP);
    await signIn(page, 'hacthanh.centre-director', password);
    await page.getByRole('link', { name: 'Đơn vị, điểm tiếp nhận' }).click();
    const card = page.getByTestId('unit-hacthanh');
    await card.waitFor();

    await card.getByRole('button', { name: 'Thêm điểm tiếp nhận' }).click();
    const dialog = page.getByRole('dialog', { name: 'Thêm điểm tiếp nhận cho Phường Hạc Thành' });
    await dialog.getByLabel('Tên điểm tiếp nhận').fill('Điểm tiếp nhận khu phố Đông Sơn');
    await dialog.getByLabel('Địa chỉ').fill('12 Lê Lai, phường Hạc Thành');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await card.getByText('Điểm tiếp nhận khu phố Đông Sơn').waitFor();
    await card.getByText('12 Lê Lai, phường Hạc Thành').waitFor();

    // Office details: cut-off 15:00 → 16:00 with the time picker (typed, as a keyboard user would).
    await card.getByRole('button', { name: /Sửa thông tin Trung tâm/ }).click();
    const drawer = page.getByRole('dialog', { name: 'Sửa thông tin Phường Hạc Thành' });
    const cutoff = drawer.getByLabel('Giờ chốt tiếp nhận');
    await cutoff.click();
    await cutoff.fill('16:00');
    await cutoff.press('Tab');
    await drawer.getByRole('button', { name: 'Lưu' }).click();
    await drawer.waitFor({ state: 'hidden' });
    await card.getByText('16:00', { exact: true }).waitFor();

    // The staff home lists the new point.
    await page.getByRole('link', { name: 'Trang làm việc' }).click();
    await page.getByText('Điểm tiếp nhận khu phố Đông Sơn').waitFor();
    await context.close();
  });

  it('a province administrator creates a ward', async () => {
    const { context, page } = await newPage(browser, baseUrl, DESKTOP);
    await signIn(page, 'tinh.province-admin', password);
    await page.getByRole('link', { name: 'Đơn vị, điểm tiếp nhận' }).click();
    await page.getByRole('button', { name: 'Thêm xã, phường' }).click();
    const dialog = page.getByRole('dialog', { name: 'Thêm xã, phường' });
    await dialog.getByLabel('Tên đơn vị').fill('Trung tâm Phục vụ hành chính công phường Đông Sơn');
    await dialog.getByLabel('Mã rút gọn').fill('dongson');
    await dialog.getByLabel('Mã định danh').fill('000.01.00.H99');
    await dialog.getByRole('button', { name: 'Thêm xã, phường' }).click();
    await page.getByTestId('unit-dongson').waitFor();
    await context.close();
  });

  it('a ward’s director sees only that ward’s staff; a reception officer gets the server’s refusal', async () => {
    const { context, page } = await newPage(browser, baseUrl, DESKTOP);
    await signIn(page, 'nguyetvien.centre-director', password);
    await page.getByRole('link', { name: 'Cán bộ', exact: true }).click();
    await page.getByRole('heading', { name: 'Cán bộ của Phường Nguyệt Viên' }).waitFor();
    await page.getByText('nguyetvien.reception-officer').waitFor();
    const usernames = await page.locator('.username').allTextContents();
    expect(usernames.length).toBeGreaterThan(3);
    expect(usernames.filter((u) => u.startsWith('hacthanh.'))).toEqual([]);
    expect(usernames.every((u) => u.startsWith('nguyetvien.'))).toBe(true);
    // The unit switcher offers Nguyệt Viên only.
    await page.getByTestId('unit-switcher').click();
    const options = await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').allTextContents();
    expect(options).toEqual(['Phường Nguyệt Viên']);
    await page.keyboard.press('Escape');
    // Asking the server directly for Hạc Thành's staff is refused.
    const units = (await (await page.request.get('/api/units')).json()) as { items: { id: string; slug: string }[] };
    const hacthanh = units.items.find((u) => u.slug === 'hacthanh')!;
    const res = await page.request.get(`/api/staff?unitId=${hacthanh.id}`);
    expect(res.status()).toBe(403);
    await context.close();

    const officer = await newPage(browser, baseUrl, DESKTOP);
    await signIn(officer.page, 'hacthanh.reception-officer', password);
    await officer.page.goto('/quan-tri/can-bo');
    await officer.page.getByText('Không có quyền truy cập').waitFor();
    await officer.page.getByText('Bạn không có quyền thực hiện thao tác này.').waitFor();
    await officer.context.close();
  });
});
