// Webhooks through the browser: a centre director opens an API client on the admin page, is refused an event the
// client has no scope for (the 422 beside the events), subscribes it to a local receiver (the signing secret shown
// once verifies the deliveries), sees a delivery to a receiver that is down fail and go dead in the log, and replays
// it once the receiver is back. The shared e2e server refuses private addresses (as in production), so this file
// starts its own server with MOTCUA_WEBHOOK_ALLOW_PRIVATE (the receiver is on 127.0.0.1) and quick retries.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../test/support/webhook-receiver';
import { apiLogin, createDossier, demoCitizens, type Unit } from './api';
import { DESKTOP, launch, newPage, SCREENSHOTS, signIn } from './browser';
import { startServer, type TestServer } from './server';

type Delivery = { id: string; state: string; log: { statusCode: number | null }[] };

describe.skipIf(!process.env.MOTCUA_E2E)('webhooks on the API clients page (browser)', () => {
  let browser: Browser;
  let server: TestServer;
  let rx: Receiver;

  beforeAll(async () => {
    server = await startServer({
      env: {
        MOTCUA_WEBHOOK_ALLOW_PRIVATE: 'true',
        MOTCUA_OUTBOX_SWEEP_SECONDS: '0.5',
        MOTCUA_OUTBOX_MAX_ATTEMPTS: '2',
        MOTCUA_OUTBOX_BACKOFF_SECONDS: '1',
      },
      readyTimeoutMs: 240_000,
    });
    rx = await startReceiver();
    browser = await launch();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await rx?.close();
    await server?.stop();
  });

  it('a director subscribes a client, sees a dead delivery in the log and replays it', async () => {
    const { baseUrl, password } = server;
    const director = await apiLogin(baseUrl, 'hacthanh.centre-director', password);
    const units = (await director.get<{ items: Unit[] }>('/api/units')).items;
    const hacthanh = units.find((u) => u.slug === 'hacthanh')!;
    const reg = await director.send<{ clientId: string }>(
      'POST',
      '/api/api-clients',
      { unitId: hacthanh.id, name: 'Hệ thống hộ tịch', scopes: ['dossiers:read'] },
      { 'idempotency-key': `e2e-webhooks-${Date.now()}` },
    );
    expect(reg.status, JSON.stringify(reg.body)).toBe(201);

    const { context, page } = await newPage(browser, baseUrl, DESKTOP);
    await signIn(page, 'hacthanh.centre-director', password);
    await page.getByRole('link', { name: 'Ứng dụng kết nối (API)' }).click();
    const row = page.locator('.ant-table-row', { hasText: 'Hệ thống hộ tịch' });
    await row.getByRole('button', { name: 'Webhook' }).click();
    const hooks = page.getByTestId(`webhooks-${reg.body.clientId}`);
    await hooks.getByText('Ứng dụng chưa đăng ký webhook nào.').waitFor();

    // An event the client may not hear (no feedback:read): the server's 422 beside the events.
    await hooks.getByLabel('Địa chỉ nhận').fill(rx.url('/e2e'));
    await hooks.getByLabel('Công khai trả lời phản ánh (feedback.published)').check();
    await hooks.getByRole('button', { name: 'Thêm webhook' }).click();
    const eventsItem = hooks.locator('.ant-form-item', { hasText: 'Sự kiện' });
    await eventsItem.locator('.ant-form-item-explain-error').waitFor();
    expect(await eventsItem.locator('.ant-form-item-explain-error').textContent()).toContain('feedback:read');
    await page.screenshot({ path: `${SCREENSHOTS}/webhooks-refused.png`, fullPage: true });

    // Without it: created; the signing secret is shown once and is the one the receiver verifies with.
    await hooks.getByLabel('Công khai trả lời phản ánh (feedback.published)').uncheck();
    await hooks.getByRole('button', { name: 'Thêm webhook' }).click();
    const secretAlert = hooks.locator('.ant-alert-warning', { hasText: 'Khóa ký của webhook' });
    await secretAlert.waitFor();
    const secret = (await secretAlert.locator('code').textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    rx.secret('/e2e', secret);
    const sub = hooks.locator('.ant-table-row', { hasText: rx.url('/e2e') });
    await sub.waitFor();
    expect(await sub.textContent()).toContain('Hồ sơ đổi trạng thái');
    const hookId = (await director.get<{ items: { id: string }[] }>(`/api/webhooks?clientId=${reg.body.clientId}`)).items[0]!.id;

    // The receiver is down: a dossier received at Hạc Thành is tried twice, then dead.
    rx.mode('/e2e', 'down');
    const officer = await apiLogin(baseUrl, 'hacthanh.reception-officer', password);
    const [citizen] = await demoCitizens(baseUrl, password, 1);
    await createDossier(officer, citizen!);
    let dead: Delivery | undefined;
    for (let i = 0; i < 240 && !dead; i++) {
      const items = (await director.get<{ items: Delivery[] }>(`/api/webhooks/${hookId}/deliveries`)).items;
      dead = items.find((d) => d.state === 'dead');
      if (!dead) await new Promise((r) => setTimeout(r, 500));
    }
    expect(dead?.log.map((a) => a.statusCode)).toEqual([503, 503]);

    await sub.getByRole('button', { name: 'Nhật ký gửi' }).click();
    const log = page.getByTestId(`deliveries-${hookId}`);
    const delivery = log.locator('.ant-table-row').first();
    await delivery.getByText('Hỏng').waitFor();
    expect(await delivery.textContent()).toContain('HTTP 503');
    await page.screenshot({ path: `${SCREENSHOTS}/webhooks-dead.png`, fullPage: true });

    // The receiver is back: Replay sends the same event again; it is delivered and acted on once.
    rx.mode('/e2e', 'up');
    await delivery.getByRole('button', { name: 'Gửi lại' }).click();
    for (let i = 0; i < 120; i++) {
      if (await delivery.getByText('Đã nhận').isVisible()) break;
      await new Promise((r) => setTimeout(r, 1000));
      await log.getByRole('button', { name: 'Tải lại' }).click();
    }
    await delivery.getByText('Đã nhận').waitFor();
    expect(await delivery.textContent()).toContain('HTTP 200');
    expect(rx.handled('/e2e')).toHaveLength(1);
    await page.screenshot({ path: `${SCREENSHOTS}/webhooks-replayed.png`, fullPage: true });

    // English texts.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await log.getByRole('button', { name: 'Replay' }).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/webhooks-replayed-en.png`, fullPage: true });
    await context.close();
  }, 400_000);
});
