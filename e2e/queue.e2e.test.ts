// The waiting room end to end: the kiosk issues a ticket, the call display shows it when the officer calls it
// from the counter panel (keyboard), the officer finishes linking the dossier received, the citizen rates on the
// tablet page; the director's capacity heat map. Screenshots of each page go to e2e/screenshots.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiLogin, createDossier, demoCitizens, type Unit } from './api';
import { DESKTOP, launch, newPage, screenshot, signIn } from './browser';

const TABLET = { width: 1280, height: 800 };
const TV = { width: 1920, height: 1080 };

describe.skipIf(!process.env.MOTCUA_E2E)('queue: kiosk → display → counter → rating (browser)', () => {
  let browser: Browser;
  const baseUrl = inject('baseUrl');
  const password = inject('demoPassword');

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a kiosk ticket is called on the display, served with its dossier linked, and rated on the tablet', async () => {
    const officerApi = await apiLogin(baseUrl, 'hacthanh.reception-officer', password);
    const unit = (await officerApi.get<{ items: Unit[] }>('/api/units')).items.find((u) => u.slug === 'hacthanh')!;

    // The kiosk: choose the field, no priority, take a number; the ticket shows number, position, wait and a QR code.
    const kiosk = await newPage(browser, baseUrl, TABLET);
    await kiosk.page.goto(`/lay-so/${unit.id}`);
    await kiosk.page
      .getByTestId('fields')
      .getByRole('button', { name: /Hộ tịch/ })
      .waitFor();
    await screenshot(kiosk.page, 'queue-kiosk');
    await kiosk.page
      .getByTestId('fields')
      .getByRole('button', { name: /Hộ tịch/ })
      .click();
    await kiosk.page.getByTestId('take').click();
    const number = (await kiosk.page.getByTestId('ticket-number').textContent())!.trim();
    expect(number).toMatch(/^A\d{3}$/);
    await kiosk.page.locator('.q-ticket svg').waitFor();
    await screenshot(kiosk.page, 'queue-ticket');
    await kiosk.page.emulateMedia({ media: 'print' });
    await screenshot(kiosk.page, 'queue-ticket-print');
    await kiosk.context.close();

    // The call display, connected by server-sent events before the call.
    const tv = await newPage(browser, baseUrl, TV);
    await tv.page.goto(`/man-hinh/${unit.id}`);
    await tv.page.getByTestId('waiting').getByText('Hộ tịch').waitFor();

    // The officer opens counter 1 in the panel and calls with the keyboard.
    const staff = await newPage(browser, baseUrl, DESKTOP);
    await signIn(staff.page, 'hacthanh.reception-officer', password);
    await staff.page.goto('/can-bo/quay');
    await staff.page.getByRole('combobox', { name: 'Quầy', exact: true }).click();
    await staff.page.locator('.ant-select-item-option').filter({ hasText: 'Quầy 1 — Trụ sở' }).click();
    await staff.page.getByTestId('open-counter').click();
    await staff.page.getByTestId('q-call-next').waitFor();
    await staff.page.getByTestId('q-call-next').focus();
    await staff.page.keyboard.press('n');
    await staff.page
      .getByTestId('current-ticket')
      .getByText(number)
      .waitFor()
      .catch(async (e: unknown) => {
        await screenshot(staff.page, 'queue-counter-failure');
        throw e;
      });
    // The display shows the call within a second or two (generous timeout on a loaded machine).
    await tv.page.getByTestId('now-calling').getByText(number).waitFor({ timeout: 30_000 });
    expect(await tv.page.getByTestId('now-calling').textContent()).toContain('Quầy 1');
    await screenshot(tv.page, 'queue-display');

    // Start, receive the dossier, finish with its code (Enter in the code field).
    await staff.page.keyboard.press('s');
    await staff.page.getByTestId('current-ticket').getByText('Đang phục vụ').waitFor();
    const citizen = (await demoCitizens(baseUrl, password, 3))[2]!;
    const dossier = await createDossier(officerApi, citizen);
    await staff.page.getByTestId('q-dossier-code').fill(dossier.code);
    await screenshot(staff.page, 'queue-counter-panel');
    const ticketHref = await staff.page.locator('a[href^="/danh-gia?ve="]').getAttribute('href');
    await staff.page.getByTestId('q-dossier-code').press('Enter');
    await staff.page.getByText('Chưa gọi số').waitFor();
    const ticketId = ticketHref!.split('=')[1]!;
    const followed = (await (await fetch(`${baseUrl}/api/public/queue/tickets/${ticketId}`)).json()) as {
      status: string;
      dossierId: string;
    };
    expect(followed).toMatchObject({ status: 'finished', dossierId: dossier.id });

    // The citizen rates on the counter's tablet: once.
    const tablet = await newPage(browser, baseUrl, TABLET);
    await tablet.page.goto(`/danh-gia?ve=${ticketId}`);
    await tablet.page.getByTestId('rate-attitude-2').click();
    await tablet.page.getByTestId('rate-contacts-2').click();
    await tablet.page.getByTestId('rate-bodies-1').click();
    await tablet.page.getByTestId('rate-publicity-2').click();
    await screenshot(tablet.page, 'queue-rating');
    await tablet.page.getByTestId('rate-send').click();
    await tablet.page.getByTestId('rate-thanks').waitFor();
    await tablet.page.goto(`/danh-gia?ve=${ticketId}`);
    await tablet.page.getByTestId('rate-attitude-2').click();
    await tablet.page.getByTestId('rate-send').click();
    await tablet.page.getByRole('alert').getByText('đã được đánh giá').waitFor();

    await Promise.all([tv.context.close(), staff.context.close(), tablet.context.close()]);
  });

  it('the director sees the capacity heat map and the recommended roster', async () => {
    const { context, page } = await newPage(browser, baseUrl, DESKTOP);
    await signIn(page, 'hacthanh.centre-director', password);
    await page.goto('/can-bo/cong-suat');
    await page.getByTestId('heatmap').waitFor();
    await page.getByText('Lịch trực đề xuất (theo giờ cao điểm').waitFor();
    await screenshot(page, 'queue-capacity', true);
    await context.close();
  });
});
