// The waiting room end to end: the kiosk issues a ticket, the call display shows it when the officer calls it
// from the counter panel (keyboard), the officer finishes linking the dossier received, the citizen rates on the
// tablet page; a citizen books through the portal (VNeID simulator), checks in at the kiosk with the booking's code
// and is called at the slot time before walk-ins who came earlier — on a day played with the server's queue clock
// fixed by the simulators (`PUT /api/sim/queue-clock`), never by waiting for the hour; the director's capacity heat
// map. Screenshots of each page go to e2e/screenshots.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiLogin, createDossier, demoCitizens, type ApiClient, type Unit } from './api';
import { DESKTOP, PHONE, launch, newPage, screenshot, signIn } from './browser';

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

  it('a citizen books through the portal, checks in at the kiosk with the code and is called at the slot time before walk-ins', async () => {
    const admin = await apiLogin(baseUrl, 'admin', password);
    /** Fixes the server's queue clock at `hh:mm` Vietnam time of `date` (no argument: the wall clock again). */
    const clockAt = async (api: ApiClient, date?: string, hhmm?: string) => {
      const r = await api.send<{ now: string }>('PUT', '/api/sim/queue-clock', date ? { at: `${date}T${hhmm}:00+07:00` } : {});
      expect(r.status).toBe(200);
    };
    const unit = (await admin.get<{ items: Unit[] }>('/api/units')).items.find((u) => u.slug === 'dongtien')!;
    const kioskInfo = (await (await fetch(`${baseUrl}/api/public/queue/${unit.id}`)).json()) as {
      fields: { id: string; name: string }[];
      receptionPoints: { id: string; name: string }[];
      counters: { id: string; number: number; receptionPointId: string; fieldIds: string[] }[];
    };
    const hotich = kioskInfo.fields.find((f) => f.name === 'Hộ tịch')!;
    // The first day ahead (1–6 days, so every slot is in the future by the wall clock) with a free 09:00 slot.
    let date = '';
    let pointId = '';
    for (let i = 1; i <= 6 && !date; i++) {
      const d = new Date(Date.now() + 7 * 3_600_000 + i * 86_400_000).toISOString().slice(0, 10);
      const r = (await (await fetch(`${baseUrl}/api/public/queue/${unit.id}/slots?fieldId=${hotich.id}&date=${d}`)).json()) as {
        receptionPointId: string;
        slots: { start: string; free: number }[];
      };
      if (r.slots.some((s) => s.start.slice(11, 16) === '09:00' && s.free > 0)) [date, pointId] = [d, r.receptionPointId];
    }
    expect(date).not.toBe('');
    const pointName = kioskInfo.receptionPoints.find((p) => p.id === pointId)!.name;
    const counter = kioskInfo.counters.find((c) => c.receptionPointId === pointId && c.fieldIds.includes(hotich.id))!;

    // The citizen signs in with VNeID (simulator) on the portal's booking page and books 09:00 that day.
    const registry = (await admin.get<{ items: { idNumber: string; phone: string }[] }>('/api/sim/registry/citizens?limit=40')).items;
    const person = registry.filter((c) => !/[49]$/.test(c.idNumber))[30]!;
    const start = await fetch(`${baseUrl}/api/portal/auth/vneid?level=2&returnTo=/cong-dan`, { redirect: 'manual' });
    const portalUrl = new URL(start.headers.get('location')!).origin;
    const phone = await newPage(browser, portalUrl, PHONE);
    await phone.page.goto('/cong-dan/lich-hen');
    await phone.page.getByTestId('vneid-sign-in').first().click();
    await phone.page.waitForURL(/\/api\/sim\/vneid\//);
    await phone.page.getByLabel('Số định danh cá nhân').fill(person.idNumber);
    await phone.page.getByLabel(/Mật khẩu/).fill('123456');
    await phone.page.getByRole('button', { name: 'Đăng nhập' }).click();
    await phone.page.waitForURL((u) => u.pathname === '/cong-dan/lich-hen');
    await phone.page.getByTestId('book-unit').selectOption(unit.id);
    await phone.page.getByTestId('book-field').selectOption(hotich.id);
    await phone.page.getByTestId('book-date').selectOption(date);
    await phone.page.getByRole('button', { name: 'Đặt lịch 09:00' }).click();
    const mine = phone.page.getByTestId('my-appointments');
    await mine.locator('code').waitFor();
    expect(await mine.textContent()).toContain(`09:00 ${date.split('-').reverse().join('/')}`);
    await mine.locator('svg').first().waitFor(); // the QR code of the booking
    const code = (await mine.locator('code').first().textContent())!.trim();
    await screenshot(phone.page, 'queue-booking');
    await phone.context.close();

    try {
      // That day: three walk-ins take numbers from 07:30, before the booked citizen arrives.
      const walkIns: string[] = [];
      for (const hhmm of ['07:30', '07:35', '07:40']) {
        await clockAt(admin, date, hhmm);
        const r = await fetch(`${baseUrl}/api/public/queue/${unit.id}/tickets`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': `walk-in-${date}-${hhmm}-${code}` },
          body: JSON.stringify({ fieldId: hotich.id, receptionPointId: pointId }),
        });
        expect(r.status).toBe(201);
        walkIns.push(((await r.json()) as { number: string }).number);
      }

      // 08:50: the booked citizen checks in at the kiosk with the booking's code (a QR scanner types it).
      await clockAt(admin, date, '08:50');
      const kiosk = await newPage(browser, baseUrl, TABLET);
      await kiosk.page.goto(`/lay-so/${unit.id}`);
      await kiosk.page.getByRole('textbox', { name: 'Đã đặt lịch hẹn? Quét mã QR hoặc nhập mã lịch hẹn' }).fill(code);
      await kiosk.page.getByRole('button', { name: 'Xác nhận lịch hẹn' }).click();
      const booked = (await kiosk.page.getByTestId('ticket-number').textContent())!.trim();
      expect(walkIns).not.toContain(booked);
      await screenshot(kiosk.page, 'queue-check-in');
      await kiosk.context.close();

      // 08:55 the officer opens the counter and calls: the slot is not due, so the first walk-in.
      await clockAt(admin, date, '08:55');
      const staff = await newPage(browser, baseUrl, DESKTOP);
      await signIn(staff.page, 'dongtien.reception-officer', password);
      await staff.page.goto('/can-bo/quay');
      await staff.page.getByRole('combobox', { name: 'Quầy', exact: true }).click();
      await staff.page
        .locator('.ant-select-item-option')
        .filter({ hasText: `Quầy ${counter.number} — ${pointName}` })
        .click();
      await staff.page.getByTestId('open-counter').click();
      await staff.page.getByTestId('q-call-next').click();
      await staff.page.getByTestId('current-ticket').getByText(walkIns[0]!).waitFor();
      await staff.page.keyboard.press('s');
      await staff.page.getByTestId('current-ticket').getByText('Đang phục vụ').waitFor();
      await staff.page.getByTestId('q-finish').click();
      await staff.page.getByText('Chưa gọi số').waitFor();

      // 09:00, the slot's time: the booked citizen is called before the two walk-ins who came earlier.
      await clockAt(admin, date, '09:00');
      await staff.page.getByTestId('q-call-next').click();
      await staff.page.getByTestId('current-ticket').getByText(booked).waitFor();
      const board = (await (await fetch(`${baseUrl}/api/public/queue/${unit.id}/board`)).json()) as {
        calling: { number: string; counter: number }[];
        waiting: { fieldId: string; count: number }[];
      };
      expect(board.calling[0]).toMatchObject({ number: booked, counter: counter.number });
      expect(board.waiting).toContainEqual({ fieldId: hotich.id, count: 2 });
      await screenshot(staff.page, 'queue-counter-booked');
      await staff.page.keyboard.press('s');
      await staff.page.getByTestId('current-ticket').getByText('Đang phục vụ').waitFor();
      await staff.page.getByTestId('q-finish').click();
      await staff.page.getByText('Chưa gọi số').waitFor();
      // Then the walk-ins again, in their order.
      await clockAt(admin, date, '09:20');
      await staff.page.getByTestId('q-call-next').click();
      await staff.page.getByTestId('current-ticket').getByText(walkIns[1]!).waitFor();
      // The same panel in English.
      await staff.page.getByRole('button', { name: 'Switch to English' }).click();
      await staff.page.getByRole('heading', { name: 'Reception counter' }).waitFor();
      await staff.page.getByTestId('current-ticket').getByText('Calls: 1').waitFor();
      expect(await staff.page.getByTestId('q-recall').textContent()).toBe('Call again (R)');
      await screenshot(staff.page, 'queue-counter-en');
      await staff.page.getByRole('button', { name: 'Chuyển sang tiếng Việt' }).click();
      await staff.context.close();
    } finally {
      await clockAt(admin);
    }
  });

  it('the director sees the capacity heat map and the recommended roster', async () => {
    const { context, page } = await newPage(browser, baseUrl, DESKTOP);
    await signIn(page, 'hacthanh.centre-director', password);
    await page.goto('/can-bo/cong-suat');
    await page.getByTestId('heatmap').waitFor();
    await page.getByText('Lịch trực đề xuất (theo giờ cao điểm').waitFor();
    await screenshot(page, 'queue-capacity', true);
    // In English: the headings, the weekdays and the roster.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Counter capacity and recommended roster' }).waitFor();
    await page.getByText('Recommended roster (for the peak hour').waitFor();
    expect(await page.getByTestId('heatmap').textContent()).not.toMatch(/Thứ|lượt/);
    await screenshot(page, 'queue-capacity-en', true);
    await page.getByRole('button', { name: 'Chuyển sang tiếng Việt' }).click();
    await context.close();
  });
});
