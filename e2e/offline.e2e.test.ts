// The counter keeps working when the server cannot be reached (issue 16), in a real browser under the real
// Content-Security-Policy: opened online once, the staff app reloads offline from its service worker; two dossiers
// are received with scans and get provisional receipts; back online, the sync queue sends them — and when the
// browser is killed in the middle of that, a restart still ends with exactly two dossiers, with real codes and
// deadlines counted from the receipt at the counter.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiLogin, demoCitizens, type ApiClient, type Citizen } from './api';
import { cspViolations, DESKTOP, screenshot, signIn } from './browser';

const poll = <T>(fn: () => Promise<T> | T, timeout = 30_000) => expect.poll(fn, { timeout, interval: 250 });

type Proc = { id: string; code: string; processingDays: number; components: { id: string; mandatory: boolean; fromRegistry: boolean }[] };
type Queued = { provisionalNo: string; receivedAt: string; state: string; result?: { code: string } };

/**
 * All values of an IndexedDB store, read in the page (a string: the test's TypeScript has no DOM types). A database
 * that does not exist yet is not opened, since opening would create it empty under the app's feet.
 */
const readStore = <T>(page: Page, db: string, store: string, keysOnly = false): Promise<T[]> =>
  page.evaluate(`(async () => {
    if (!(await indexedDB.databases()).some((d) => d.name === ${JSON.stringify(db)})) return [];
    return await new Promise((resolve, reject) => {
      const open = indexedDB.open(${JSON.stringify(db)});
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const d = open.result;
        if (!d.objectStoreNames.contains(${JSON.stringify(store)})) return resolve([]);
        const os = d.transaction(${JSON.stringify(store)}).objectStore(${JSON.stringify(store)});
        const all = ${keysOnly} ? os.getAllKeys() : os.getAll();
        all.onsuccess = () => resolve(all.result);
        all.onerror = () => reject(all.error);
      };
    });
  })()`);

/** The sync queue (web/src/offline/store.ts). */
const readQueue = (page: Page) => readStore<Queued>(page, 'motcua-offline-queue', 'intakes');

/** Whether this device keeps a catalogue and a calendar for offline intake. */
const hasCatalogue = async (page: Page) => {
  const keys = (await readStore<string>(page, 'motcua-offline-cache', 'data', true)).map(String);
  return keys.some((k) => k.startsWith('catalogue:')) && keys.some((k) => k.startsWith('calendar:'));
};

async function onePagePdf(): Promise<Buffer> {
  const { PDFDocument } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  doc.addPage();
  return Buffer.from(await doc.save());
}

describe.skipIf(!process.env.MOTCUA_E2E)('the counter offline (browser)', () => {
  const baseUrl = inject('baseUrl');
  const password = inject('demoPassword');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-offline-profile-'));
  let context: BrowserContext | null = null;
  let officerApi: ApiClient;
  let citizens: Citizen[];
  let marital: Proc;

  const open = () =>
    chromium.launchPersistentContext(dir, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
      baseURL: baseUrl,
      viewport: DESKTOP,
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
    });
  const pageOf = async (ctx: BrowserContext) => {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    page.setDefaultTimeout(30_000);
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspViolations.push(`${page.url()}: ${m.text()}`);
    });
    return page;
  };

  const dossiersOf = async (c: Citizen) =>
    (await officerApi.get<{ items: { id: string; code: string }[] }>(`/api/dossiers?q=${c.idNumber}`)).items;

  beforeAll(async () => {
    officerApi = await apiLogin(baseUrl, 'hacthanh.reception-officer', password);
    // Two citizens with no dossier yet (other browser tests share this server).
    citizens = [];
    for (const c of (await demoCitizens(baseUrl, password, 120)).slice(50)) {
      if (citizens.length < 2 && (await dossiersOf(c)).length === 0) citizens.push(c);
    }
    marital = (await officerApi.get<{ items: Proc[] }>('/api/procedures?q=1.004873')).items[0]!;
  }, 120_000);
  afterAll(async () => {
    await context?.close().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(
    'receives two dossiers offline with provisional receipts; back online exactly two dossiers, even across a browser kill',
    { timeout: 600_000 },
    async () => {
      context = await open();
      let page = await pageOf(context);
      await signIn(page, 'hacthanh.reception-officer', password);
      await page.goto('/can-bo/tiep-nhan');
      await page.getByTestId('intake').waitFor();
      // Online once: the service worker takes control and the catalogue and calendar are kept on the device.
      await poll(() => page.evaluate('!!navigator.serviceWorker.controller')).toBe(true);
      await poll(() => hasCatalogue(page)).toBe(true);
      // The units answer passes through the service worker's cache (asked again once it controls the page).
      await page.waitForTimeout(500);

      await context.setOffline(true);
      await page.reload();
      await page.getByTestId('intake').waitFor();
      await poll(() => page.getByTestId('connection').textContent()).toContain('Mất kết nối');
      await screenshot(page, 'offline-intake-empty-desktop');

      const pdf = await onePagePdf();
      const toScan = marital.components.filter((c) => c.mandatory && !c.fromRegistry).map((c) => marital.components.indexOf(c));
      const provisional: string[] = [];
      for (const [n, c] of citizens.entries()) {
        if (n > 0) await page.getByTestId('new-intake').click();
        await page.getByTestId('intake').waitFor();
        await page.locator('#intake-id').fill(c.idNumber);
        await page.keyboard.press('Enter');
        // The registry cannot be asked: the officer types the name.
        await page.getByTestId('citizen-manual').waitFor();
        await page.locator('#intake-name').fill(c.fullName);
        await page.locator('#intake-proc').fill('xac nhan tinh trang hon nhan');
        await page.locator('#proc-results [role=option]').first().waitFor();
        await page.keyboard.press('Enter');
        await page.getByTestId('chosen-proc').waitFor();
        for (const i of toScan) {
          const comp = page.getByTestId('component').nth(i);
          await comp.locator('input[type=file]').setInputFiles({ name: `scan-${n}-${i}.pdf`, mimeType: 'application/pdf', buffer: pdf });
          await comp.locator('.file-chip').first().waitFor();
        }
        await page.getByTestId('submit').click();
        const receipt = page.getByTestId('provisional-receipt');
        await receipt.waitFor();
        expect(await receipt.textContent()).toContain('BIÊN NHẬN TẠM');
        expect(await page.getByTestId('provisional-citizen').textContent()).toBe(c.fullName);
        expect(await page.getByTestId('provisional-due').textContent()).toMatch(/giờ \d{2}, ngày \d{2}\/\d{2}\/\d{4}/);
        expect(await page.getByTestId('provisional-components').locator('li').count()).toBeGreaterThan(0);
        provisional.push((await page.getByTestId('provisional-number').textContent())!);
        await page.getByTestId('print-provisional').click();
        if (n === 0) await screenshot(page, 'offline-provisional-receipt-desktop');
      }
      expect(new Set(provisional).size).toBe(2);
      expect(provisional.every((p) => /^TAM-[A-Z0-9]{6}-\d{4}$/.test(p))).toBe(true);
      await poll(() => page.getByTestId('waiting-count').textContent()).toContain('2 hồ sơ chờ đồng bộ');
      await screenshot(page, 'offline-waiting-desktop');
      const queued = await readQueue(page);
      expect(queued.map((q) => q.state)).toEqual(['waiting', 'waiting']);
      for (const c of citizens) expect(await dossiersOf(c)).toHaveLength(0);

      // Back online: the browser is killed as soon as the first intake is on its way to the server.
      const posted = page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/dossiers', {
        timeout: 60_000,
      });
      await context.setOffline(false);
      await page.evaluate("window.dispatchEvent(new Event('online'))");
      await posted;
      // kill -9 of the browser's processes (this profile's only): no unload, no flush, as a crash or a pulled plug.
      execFileSync('pkill', ['-KILL', '-f', `user-data-dir=${dir}`]);
      await context.close().catch(() => undefined);
      context = null;

      // Restart: the queue is still there and finishes; each intake exists once.
      context = await open();
      page = await pageOf(context);
      await page.goto('/can-bo/tiep-nhan');
      // The session cookie outlives the browser; sign in again only if it did not.
      await page.locator('[data-testid=intake], [data-testid=intake-done], .ant-form, form').first().waitFor();
      if (new URL(page.url()).pathname.startsWith('/dang-nhap')) {
        await signIn(page, 'hacthanh.reception-officer', password);
        await page.goto('/can-bo/tiep-nhan');
      }
      await page.locator('[data-testid=intake], [data-testid=intake-done]').first().waitFor();
      await poll(async () => (await readQueue(page)).map((q) => q.state).join(','), 90_000).toBe('synced,synced');
      await page.getByTestId('offline-list').locator('summary').click();
      await poll(() => page.getByTestId('real-code').count()).toBe(2);
      await screenshot(page, 'offline-synced-desktop');

      const after = await readQueue(page);
      for (const [n, c] of citizens.entries()) {
        const ds = await dossiersOf(c);
        expect(ds, c.fullName).toHaveLength(1);
        const item = after.find((q) => q.result?.code === ds[0]!.code)!;
        expect(item.provisionalNo).toBe(provisional[n]);
        // Deadline counted from the receipt at the counter, not from the sync.
        const d = await officerApi.get<{ receivedAt: string; dueAt: string }>(`/api/dossiers/${ds[0]!.id}`);
        expect(new Date(d.receivedAt).getTime()).toBe(new Date(item.receivedAt).getTime());
        const expected = await officerApi.send<{ dueAt: string }>('POST', '/api/calendar/deadline', {
          receivedAt: item.receivedAt,
          workingDays: marital.processingDays,
          unitId: (await officerApi.get<{ items: { id: string; slug: string }[] }>('/api/units')).items.find((u) => u.slug === 'hacthanh')!
            .id,
        });
        expect(new Date(d.dueAt).getTime()).toBe(new Date(expected.body.dueAt).getTime());
      }
      expect(cspViolations).toEqual([]);
    },
  );
});
