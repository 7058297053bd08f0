// Dashboards in the browser: the centre director and the province admin see numbers that match the API;
// form 06 downloads from the director's page as an XLSX that opens (parsed here); the public transparency page.
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiLogin, createDossier, demoCitizens } from './api';
import { launch, newPage, screenshot, signIn } from './browser';

const poll = <T>(fn: () => Promise<T> | T, timeout = 20_000) => expect.poll(fn, { timeout });
const vnToday = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

describe.skipIf(!process.env.MOTCUA_E2E)('dashboards (browser)', () => {
  let browser: Browser;
  const baseUrl = inject('baseUrl');
  const password = inject('demoPassword');
  let units: Record<string, string> = {};

  beforeAll(async () => {
    browser = await launch();
    const officer = await apiLogin(baseUrl, 'hacthanh.reception-officer', password);
    const citizens = await demoCitizens(baseUrl, password, 30);
    await createDossier(officer, citizens[21]!);
    await createDossier(officer, citizens[22]!);
    units = Object.fromEntries(
      ((await (await fetch(`${baseUrl}/api/units`)).json()) as { items: { id: string; slug: string }[] }).items.map((u) => [u.slug, u.id]),
    );
  }, 120_000);
  afterAll(async () => browser?.close());

  it("the director's home matches the API, and form 06 downloads as an XLSX that opens", async () => {
    const api = await apiLogin(baseUrl, 'hacthanh.centre-director', password);
    const today = vnToday();
    const month = `${today.slice(0, 8)}01`;
    const { context, page } = await newPage(browser, baseUrl);
    await signIn(page, 'hacthanh.centre-director', password);
    await page.goto('/can-bo');
    await page.getByTestId('director-dashboard').waitFor({ timeout: 30_000 });
    type Ind = { total: number; indicators: { key: string; value: number | null; denominator: number }[] };
    const todayI = await api.get<Ind>(`/api/indicators?unitId=${units.hacthanh}&from=${today}&to=${today}`);
    const monthI = await api.get<Ind>(`/api/indicators?unitId=${units.hacthanh}&from=${month}&to=${today}`);
    const watch = await api.get<{ overdue: unknown[] }>(`/api/units/${units.hacthanh}/watch`);
    const value = (id: string) => page.getByTestId(id).getAttribute('data-value');
    await poll(() => value('tile-today')).toBe(String(todayI.indicators.find((i) => i.key === 'synced-rate')!.denominator));
    expect(Number(await value('tile-today'))).toBeGreaterThanOrEqual(2);
    expect(await value('tile-late')).toBe(String(watch.overdue.length));
    expect(await value('tile-score')).toBe(String(monthI.total));
    expect(await value('tile-on-time')).toBe(String(monthI.indicators.find((i) => i.key === 'on-time-rate')!.value));
    // Every chart has its numbers in a table.
    expect(await page.locator('figure table caption').count()).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'dashboard-director', true);

    const href = await page.getByTestId('form06-link').getAttribute('href');
    const download = await page.request.get(href!);
    expect(download.status()).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download.body()) as never);
    let total: unknown[] = [];
    wb.worksheets[0]!.eachRow((row) => {
      if (row.getCell(2).value === 'Tổng cộng') total = (row.values as unknown[]).slice(3, 14);
    });
    const json = await api.get<{ total: Record<string, number> }>(
      `/api/reports/form-06?unitId=${units.hacthanh}&from=${month}&to=${today}`,
    );
    expect(total).toEqual(['c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9', 'c10', 'c11', 'c12', 'c13'].map((c) => json.total[c]));
    await context.close();
  }, 120_000);

  it("the province's home ranks every unit with the API's scores and opens a unit in one click", async () => {
    const api = await apiLogin(baseUrl, 'tinh.province-admin', password);
    const today = vnToday();
    const month = `${today.slice(0, 8)}01`;
    const { context, page } = await newPage(browser, baseUrl);
    await signIn(page, 'tinh.province-admin', password);
    await page.goto('/can-bo');
    await page.getByTestId('province-dashboard').waitFor({ timeout: 30_000 });
    const ranking = await api.get<{ items: { unitId: string; total: number }[] }>(
      `/api/indicators/ranking?unitId=${units.tinh}&from=${month}&to=${today}`,
    );
    await poll(() => page.getByTestId('unit-total').count()).toBe(ranking.items.length);
    for (const u of ranking.items)
      expect(await page.locator(`[data-testid="unit-total"][data-unit-id="${u.unitId}"]`).getAttribute('data-value')).toBe(String(u.total));
    await screenshot(page, 'dashboard-province', true);
    await page.locator(`[data-testid="open-unit"][data-unit-id="${units.hacthanh}"]`).click();
    await page.getByTestId('director-dashboard').waitFor({ timeout: 30_000 });

    // The TT 01/2018 citizen-rating report of the province: every unit's total as the API gives it.
    await page.goto(`/can-bo/danh-gia?unitId=${units.tinh}`);
    await page.getByTestId('rating-units').waitFor({ timeout: 30_000 });
    const vn = new Date(Date.now() + 7 * 3_600_000);
    const report = await api.get<{ units: { total: number | null }[] }>(
      `/api/reports/citizen-ratings?unitId=${units.tinh}&year=${vn.getUTCFullYear()}&quarter=${Math.floor(vn.getUTCMonth() / 3) + 1}`,
    );
    await poll(() => page.locator('[data-testid="rating-units"] [data-testid="rating-total"]').allTextContents()).toEqual(
      report.units.map((u) => (u.total === null ? '—' : String(u.total))),
    );
    await screenshot(page, 'citizen-ratings-province', true);
    await context.close();
  }, 120_000);

  it('the public transparency page shows every unit without personal data', async () => {
    const { context, page } = await newPage(browser, baseUrl);
    await page.goto('/cong-khai');
    await page.getByTestId('transparency-current').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="transparency-current"] tbody tr').count()).toBeGreaterThanOrEqual(3);
    expect(await page.content()).not.toMatch(/\b\d{12}\b/);
    await screenshot(page, 'transparency', true);
    await context.close();
  }, 60_000);
});
