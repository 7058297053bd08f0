// Filing online with the citizen at the counter: the reception officer checks the chip ID and the portal opens
// in the citizen's name, saying which officer is helping.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoCitizens } from './api';
import { DESKTOP, launch, newPage, screenshot, signIn } from './browser';

describe.skipIf(!process.env.MOTCUA_E2E)('assisted online filing (browser)', () => {
  let browser: Browser;
  const baseUrl = inject('baseUrl');
  const password = inject('demoPassword');

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the officer checks the chip ID and works in the portal as the citizen', async () => {
    const person = (await demoCitizens(baseUrl, password, 40)).at(-3)!;
    const { context, page } = await newPage(browser, baseUrl, DESKTOP);
    await signIn(page, 'hacthanh.reception-officer', password);
    await page.getByRole('link', { name: 'Nộp trực tuyến giúp công dân' }).click();
    await page.getByRole('heading', { name: 'Nộp hồ sơ trực tuyến cùng công dân' }).waitFor();
    await page.getByTestId('assisted-id').fill(person.idNumber);
    await page.getByLabel('Đọc chip thẻ căn cước').check();
    await page.getByTestId('assisted-evidence').fill('Đọc chip thành công, thẻ còn hạn');
    await screenshot(page, 'assisted-check');
    await page.getByRole('button', { name: 'Mở cổng dịch vụ công cho công dân' }).click();
    await page.waitForURL('**/cong-dan');
    await page.getByText('đang nộp hồ sơ trực tuyến cùng bạn tại Trung tâm').waitFor();
    await page.getByText(person.fullName).first().waitFor();
    await screenshot(page, 'assisted-portal');
    const me = (await page.evaluate(async () => (await fetch('/api/portal/me')).json())) as {
      citizen: { idNumber: string; assistedBy: { method: string } };
    };
    expect(me.citizen.idNumber).toBe(person.idNumber);
    expect(me.citizen.assistedBy.method).toBe('chip-id');
    await context.close();
  });
});
