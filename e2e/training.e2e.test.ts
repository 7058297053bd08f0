// Training mode in the browser: a province administrator's training ward (made through the API), a trainee who
// signs in, sees the ĐÀO TẠO / TRAINING band, starts a guided exercise (supplement request), does it on the real
// dossier page and sees the check pass; an exercise checked before it is done shows what the law says.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiLogin } from './api';
import { launch, newPage, screenshot, signIn } from './browser';

const poll = <T>(fn: () => Promise<T> | T, timeout = 20_000) => expect.poll(fn, { timeout });
const LONG = { timeout: 300_000 };
const TRAINEE = { username: 'hv.e2e', password: 'Hoc-vien-e2e-2026' };

describe('training mode', () => {
  const baseUrl = inject('baseUrl');
  const password = inject('demoPassword');
  let browser: Browser;

  beforeAll(async () => {
    const admin = await apiLogin(baseUrl, 'tinh.province-admin', password);
    const units = (await (await fetch(`${baseUrl}/api/units`)).json()) as { items: { id: string; slug: string }[] };
    const tinh = units.items.find((u) => u.slug === 'tinh')!.id;
    const made = await admin.send<{ items: { id: string; type: string }[] }>('POST', '/api/training/units', {
      provinceId: tinh,
      kind: 'ward',
      name: 'Phường Tập huấn E2E',
    });
    expect(made.status).toBe(201);
    const ward = made.body.items.find((u) => u.type === 'ward')!.id;
    const trainee = await admin.send('POST', `/api/training/units/${ward}/trainees`, {
      ...TRAINEE,
      fullName: 'Học viên E2E',
      roles: ['reception-officer', 'specialist'],
    });
    expect(trainee.status).toBe(201);
    browser = await launch();
  }, 300_000);
  afterAll(() => browser?.close());

  async function confirmDialog(page: Page): Promise<void> {
    await page.locator('.ant-modal.ant-zoom-appear, .ant-modal.ant-zoom-enter').waitFor({ state: 'detached' });
    await page.getByTestId('action-submit').click();
    await page.getByRole('dialog').waitFor({ state: 'detached', timeout: 60_000 });
  }

  it('a trainee sees the band, does the supplement exercise on the real dossier page and sees the check', LONG, async () => {
    const { page, context } = await newPage(browser, baseUrl);
    try {
      await signIn(page, TRAINEE.username, TRAINEE.password);
      await page.getByTestId('training-band').waitFor();
      expect(await page.getByTestId('training-band').textContent()).toContain('ĐÀO TẠO / TRAINING');
      await screenshot(page, 'training-band-desktop');

      // An exercise checked before it is done: not passed, and the law is quoted.
      await page.goto('/can-bo/dao-tao');
      await page.locator('[data-start="withdrawal-on-request"]').click();
      const withdrawal = page.locator('.training-attempt[data-exercise="withdrawal-on-request"]').first();
      await withdrawal.waitFor();
      await withdrawal.getByRole('button', { name: 'Kiểm tra' }).click();
      await poll(() => withdrawal.locator('.training-law').first().textContent()).toContain('Điều 7');

      // The supplement exercise: its scenario names a sample dossier; do it on the dossier page.
      await page.locator('[data-start="supplement-request"]').click();
      const card = page.locator('.training-attempt[data-exercise="supplement-request"]').first();
      await card.waitFor();
      const scenario = (await card.locator('.training-scenario').textContent()) ?? '';
      expect(scenario).toMatch(/^Hồ sơ 000\.DT\./);
      await card.getByRole('button', { name: 'Mở hồ sơ' }).click();
      await page.waitForURL(/\/can-bo\/ho-so\//);
      await page.getByTestId('training-band').waitFor();
      await page.getByTestId('action-request-supplement').click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      const box = dialog.getByRole('checkbox').first();
      for (let i = 0; i < 5 && !(await box.isChecked()); i++) await box.check({ timeout: 2_000 }).catch(() => undefined);
      await dialog.getByTestId('action-reason').fill('Bản sao giấy tờ chưa được chứng thực.');
      await confirmDialog(page);

      await page.goto('/can-bo/dao-tao');
      const again = page.locator('.training-attempt[data-exercise="supplement-request"]').first();
      await again.getByRole('button', { name: 'Kiểm tra' }).click();
      await poll(() => again.locator('.training-result .ant-alert').textContent()).toContain('Đạt');
      await screenshot(page, 'training-exercise-checked-desktop', true);
    } finally {
      await context.close();
    }
  });
});
