// Accessibility checks with axe-core (injected into the page; WCAG 2.0/2.1/2.2 A and AA rules plus axe's best
// practices) on the public pages and the staff pages a dossier goes through, in Vietnamese, at the default size,
// with large text and with high contrast (where the enhanced 7:1 contrast rule is checked too). No serious or
// critical violation may remain. Then a keyboard walk through the procedure list and a procedure page, the
// high-contrast toggle being remembered, and a screenshot with large text and high contrast.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiLogin, createDossier, demoCitizens } from './api';
import { DESKTOP, launch, newPage, openPublicMenu, PHONE, screenshot, signIn, waitUntilNone } from './browser';

const OVERFLOW = 'document.documentElement.scrollWidth - window.innerWidth';
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice'];
/** Moderate best-practice rules that were violated once and fixed: they stay fixed. */
const ALSO_FORBIDDEN = new Set(['landmark-no-duplicate-main', 'landmark-main-is-top-level', 'heading-order', 'page-has-heading-one']);

type Ids = { procedureId: string; dossierId: string; dossierCode: string; idNumber: string; citizenIds: string[] };
type Target = { name: string; path: (ids: Ids) => string; ready: string; as?: 'citizen' | 'staff' };

/**
 * The pages checked, one line each: `ready` is what shows the page has its content (and no "loading" line is left
 * in <main>). Public pages first (signed out), then the citizen portal signed in with the VNeID simulator, then
 * staff pages (signed in as Hạc Thành's reception officer).
 */
const PAGES: Target[] = [
  { name: 'home', path: () => '/', ready: '.unit-list li' },
  { name: 'procedure list', path: () => '/thu-tuc', ready: '.proc-item' },
  { name: 'procedure', path: (ids) => `/thu-tuc/${ids.procedureId}`, ready: '[data-testid=components] li' },
  { name: 'status lookup', path: () => '/tra-cuu', ready: '#lk-code' },
  { name: 'directory', path: () => '/danh-ba', ready: '.official' },
  { name: 'staff sign-in', path: () => '/dang-nhap', ready: '#username' },
  { name: 'citizen portal, signed out', path: () => '/cong-dan', ready: '[data-testid=vneid-sign-in]' },
  { name: 'online filing, signed out', path: (ids) => `/nop-truc-tuyen/${ids.procedureId}`, ready: '[data-testid=vneid-sign-in]' },
  { name: 'citizen portal, signed in', path: () => '/cong-dan', ready: '[data-testid=citizen-level]', as: 'citizen' },
  {
    name: 'online application e-form',
    path: (ids) => `/cong-dan/nop/${randomUUID()}?thu-tuc=${ids.procedureId}`,
    ready: '[data-testid=eform]',
    as: 'citizen',
  },
  { name: 'my dossiers (citizen)', path: () => '/cong-dan/ho-so', ready: 'main h1', as: 'citizen' },
  { name: 'data store (citizen)', path: () => '/cong-dan/kho-du-lieu', ready: 'main h1', as: 'citizen' },
  { name: 'counter intake', path: () => '/can-bo/tiep-nhan', ready: '[data-testid=intake]', as: 'staff' },
  { name: 'dossier', path: (ids) => `/can-bo/ho-so/${ids.dossierId}`, ready: '[data-testid=status]', as: 'staff' },
];

type Mode = { name: string; largeText: boolean; highContrast: boolean };
const MODES: Mode[] = [
  { name: 'default', largeText: false, highContrast: false },
  { name: 'large text', largeText: true, highContrast: false },
  { name: 'high contrast', largeText: false, highContrast: true },
];

type Violation = { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] };

/** Runs axe on the page as it is; returns the violations as readable lines (empty when there are none). */
async function axe(page: Page, highContrast: boolean): Promise<{ blocking: string[]; other: string[] }> {
  if ((await page.evaluate('typeof window.axe')) === 'undefined') await page.evaluate(AXE_SOURCE); // not addScriptTag: the CSP refuses inline scripts
  const options = {
    runOnly: { type: 'tag', values: TAGS },
    // High contrast promises 7:1: the AAA contrast rule as well.
    rules: highContrast ? { 'color-contrast-enhanced': { enabled: true } } : {},
    resultTypes: ['violations'],
  };
  const { violations } = (await page.evaluate(`axe.run(document, ${JSON.stringify(options)})`)) as { violations: Violation[] };
  const line = (v: Violation) =>
    `${v.impact} ${v.id}: ${v.help}\n` +
    v.nodes
      .slice(0, 5)
      .map((n) => `    ${n.target.join(' ')} — ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 300)}`)
      .join('\n');
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical' || ALSO_FORBIDDEN.has(v.id));
  return { blocking: blocking.map(line), other: violations.filter((v) => !blocking.includes(v)).map(line) };
}

/** Waits until the page shows its content and antd's motion is over. */
async function settle(page: Page, ready: string): Promise<void> {
  await page.locator(ready).first().waitFor();
  await waitUntilNone(page, 'main .spinner, [class*=-enter], [class*=-appear], [class*=-leave]');
  await page.evaluate('document.fonts.ready');
}

/** Signs a citizen in through the portal's VNeID button and the simulator's sign-in page (passcode: SIM_PASSCODE). */
async function citizenSignIn(page: Page, idNumber: string): Promise<void> {
  await page.goto('/cong-dan');
  await page.getByTestId('vneid-sign-in').first().click();
  await page.locator('#idNumber').fill(idNumber);
  await page.locator('#passcode').fill('123456');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId('citizen-level').waitFor();
}

/** A path on the origin the page is on (the VNeID sign-in comes back to the server's public address). */
const onPage = (page: Page, path: string) => (page.url().startsWith('http') ? new URL(path, page.url()).toString() : path);

// What the focused element is and whether its focus can be seen (evaluated in the page).
const FOCUSED = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const cs = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  const name = (el.getAttribute('aria-label') || el.labels?.[0]?.textContent || el.textContent || '').replace(/\\s+/g, ' ').trim();
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    name: name.slice(0, 80),
    href: el.getAttribute('href'),
    inMain: !!el.closest('main'),
    outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2,
    halo: cs.boxShadow !== 'none',
    inView: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < window.innerHeight,
  };
})()`;
type Focused = {
  tag: string;
  id: string;
  name: string;
  href: string | null;
  inMain: boolean;
  outline: boolean;
  halo: boolean;
  inView: boolean;
};

/** Presses Tab up to `max` times; returns every element that got the focus, checking each shows it. */
async function tabThrough(page: Page, max: number, until?: (f: Focused) => boolean): Promise<Focused[]> {
  const seen: Focused[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = (await page.evaluate(FOCUSED)) as Focused | null;
    if (!f) continue;
    seen.push(f);
    expect(f.outline && f.halo, `focus indicator on ${f.tag} "${f.name}"`).toBe(true);
    expect(f.inView, `focused ${f.tag} "${f.name}" is on screen`).toBe(true);
    if (until?.(f)) break;
  }
  return seen;
}

describe.skipIf(!process.env.MOTCUA_E2E)('accessibility (browser, axe-core)', () => {
  let browser: Browser;
  const baseUrl = inject('baseUrl');
  const password = inject('demoPassword');
  let ids: Ids;

  beforeAll(async () => {
    browser = await launch();
    const officer = await apiLogin(baseUrl, 'hacthanh.reception-officer', password);
    const citizens = await demoCitizens(baseUrl, password, 40);
    const dossier = await createDossier(officer, citizens[12]!);
    const procs = await officer.get<{ items: { id: string; name: string }[] }>(
      `/api/procedures?q=${encodeURIComponent('đăng ký khai sinh')}`,
    );
    ids = {
      procedureId: procs.items.find((p) => p.name === 'Đăng ký khai sinh')!.id,
      dossierId: dossier.id,
      dossierCode: dossier.code,
      idNumber: citizens[12]!.idNumber,
      // Level-2 VNeID accounts (the simulator gives level 1 to ID numbers ending in 4 or 9), one per test.
      citizenIds: citizens
        .slice(20)
        .map((c) => c.idNumber)
        .filter((n) => !/[49]$/.test(n)),
    };
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const [m, mode] of MODES.entries()) {
    it(`no serious or critical violations: every page, ${mode.name}`, async () => {
      const { context, page } = await newPage(browser, baseUrl, DESKTOP);
      await context.addInitScript(
        `localStorage.setItem('motcua.largeText', '${mode.largeText ? 1 : 0}');` +
          `localStorage.setItem('motcua.highContrast', '${mode.highContrast ? 1 : 0}');`,
      );
      const failures: string[] = [];
      let as: Target['as'];
      for (const target of PAGES) {
        if (target.as !== as) {
          if (target.as === 'citizen') await citizenSignIn(page, ids.citizenIds[m]!);
          if (target.as === 'staff') await signIn(page, 'hacthanh.reception-officer', password);
          as = target.as;
        }
        await page.goto(onPage(page, target.path(ids)));
        await settle(page, target.ready);
        expect(await page.evaluate('document.documentElement.lang')).toBe('vi');
        expect(await page.evaluate("document.documentElement.classList.contains('large-text')")).toBe(mode.largeText);
        expect(await page.evaluate("document.documentElement.classList.contains('high-contrast')")).toBe(mode.highContrast);
        const { blocking, other } = await axe(page, mode.highContrast);
        for (const o of other) console.log(`[a11y] ${mode.name}, ${target.name} (not blocking): ${o}`);
        failures.push(...blocking.map((b) => `${target.name}: ${b}`));
      }
      expect(failures, failures.join('\n')).toEqual([]);
      await context.close();
    });
  }

  it('states beyond the first view: lookup answer, sign-in errors, intake with a procedure, a dossier action (high contrast)', async () => {
    const { context, page } = await newPage(browser, baseUrl, DESKTOP);
    await context.addInitScript(`localStorage.setItem('motcua.highContrast', '1');`);
    const failures: string[] = [];
    const check = async (name: string) => {
      // Dialogs and pop-ups fade and zoom in (a button's loading icon may keep its leave class: not waited for).
      await waitUntilNone(page, '[class*=ant-zoom-], [class*=ant-fade-], [class*=ant-slide-], [class*=ant-move-]');
      failures.push(...(await axe(page, true)).blocking.map((b) => `${name}: ${b}`));
    };
    await page.goto('/tra-cuu');
    await page.getByLabel('Mã hồ sơ').fill('KHONG-CO-MA');
    await page.getByLabel('Số định danh cá nhân').fill('001000000000');
    await page.keyboard.press('Enter');
    await page.getByTestId('lookup-error').waitFor();
    await check('status lookup, not found');
    await page.getByLabel('Mã hồ sơ').fill(ids.dossierCode);
    await page.getByLabel('Số định danh cá nhân').fill(ids.idNumber);
    await page.keyboard.press('Enter');
    await page.getByTestId('lookup-result').waitFor();
    await check('status lookup, answer');

    await page.goto('/dang-nhap');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.locator('.ant-form-item-explain-error').first().waitFor();
    await check('sign-in, empty fields');

    await signIn(page, 'hacthanh.reception-officer', password);
    const citizens = await demoCitizens(baseUrl, password, 20);
    await page.goto('/can-bo/tiep-nhan');
    await page.getByTestId('intake').waitFor();
    await page.keyboard.type(citizens[13]!.idNumber);
    await page.keyboard.press('Enter');
    await page.getByTestId('citizen-name').waitFor();
    await page.keyboard.type('xac nhan tinh trang hon nhan');
    await page.locator('#proc-results [role=option]').first().waitFor();
    await check('intake, procedure search');
    await page.keyboard.press('Enter');
    await page.getByTestId('chosen-proc').waitFor();
    await check('intake, checklist');

    await page.goto(`/can-bo/ho-so/${ids.dossierId}`);
    await page.getByTestId('action-request-supplement').click();
    await page.getByRole('dialog').waitFor();
    await check('dossier, supplement request dialog');
    expect(failures, failures.join('\n')).toEqual([]);
    await context.close();
  });

  it('the keyboard reaches the procedure list’s search, links and buttons, and a procedure’s actions, with visible focus', async () => {
    const { context, page } = await newPage(browser, baseUrl, DESKTOP);
    await page.goto('/thu-tuc');
    await settle(page, '.proc-item');
    const seen = await tabThrough(page, 20, (f) => f.href?.startsWith('/thu-tuc/') ?? false);
    const names = seen.map((f) => f.name);
    expect(seen[0]!.name).toBe('Bỏ qua, đến nội dung chính');
    for (const name of ['Thủ tục hành chính', 'Tra cứu hồ sơ', 'Danh bạ cán bộ', 'Cỡ chữ lớn', 'Tương phản cao', 'Switch to English']) {
      expect(names, name).toContain(name);
    }
    expect(seen.some((f) => f.id === 'cat-q')).toBe(true);
    // The last stop is the first procedure's link: Enter opens it.
    expect(seen.at(-1)!.href).toMatch(/^\/thu-tuc\/[0-9a-f-]{36}$/);

    // The procedure page: the breadcrumb back to the list and the online filing link.
    await page.goto(`/thu-tuc/${ids.procedureId}`);
    await settle(page, '[data-testid=components] li');
    const stops = await tabThrough(page, 25, (f) => f.href?.startsWith('/nop-truc-tuyen/') ?? false);
    expect(stops.some((f) => f.inMain && f.href === '/thu-tuc' && f.name === 'Thủ tục hành chính')).toBe(true);
    expect(stops.at(-1)!.href).toBe(`/nop-truc-tuyen/${ids.procedureId}`);
    expect(stops.at(-1)!.name).toContain('trực tuyến');
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/nop-truc-tuyen/${ids.procedureId}`);
    await context.close();
  });

  it('high contrast is a toggle on the public header, applied to <html> and remembered', async () => {
    const { context, page } = await newPage(browser, baseUrl, PHONE);
    await page.goto('/');
    await settle(page, '.unit-list li');
    await openPublicMenu(page);
    const toggle = page.getByRole('button', { name: 'Tương phản cao' });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: 'Cỡ chữ lớn' }).click();
    await page.goto('/thu-tuc');
    await settle(page, '.proc-item');
    expect(await page.evaluate('document.documentElement.className')).toBe('large-text high-contrast');
    // Black text on white, links underlined, large base size.
    expect(await page.evaluate('getComputedStyle(document.body).color')).toBe('rgb(0, 0, 0)');
    expect(await page.evaluate('getComputedStyle(document.body).backgroundColor')).toBe('rgb(255, 255, 255)');
    expect(await page.evaluate("getComputedStyle(document.querySelector('.proc-item h2 a')).textDecorationLine")).toBe('underline');
    expect(await page.evaluate('parseFloat(getComputedStyle(document.body).fontSize)')).toBeGreaterThanOrEqual(20);
    expect(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(0);
    await screenshot(page, 'catalogue-large-contrast-phone');
    await context.close();

    const desk = await newPage(browser, baseUrl, DESKTOP);
    await desk.context.addInitScript(`localStorage.setItem('motcua.largeText', '1'); localStorage.setItem('motcua.highContrast', '1');`);
    await desk.page.goto(`/thu-tuc/${ids.procedureId}`);
    await settle(desk.page, '[data-testid=components] li');
    await screenshot(desk.page, 'procedure-large-contrast-desktop');
    await desk.page.goto('/');
    await settle(desk.page, '.unit-list li');
    await screenshot(desk.page, 'home-large-contrast-desktop', true);
    await desk.context.close();
  });
  for (const mode of [MODES[0]!, { name: 'large text and high contrast', largeText: true, highContrast: true }]) {
    it(`on a phone the public header is one row with "Menu", which opens and closes its panel (${mode.name})`, async () => {
      const tag = mode.largeText ? '-large-contrast' : '';
      const { context, page } = await newPage(browser, baseUrl, PHONE);
      await context.addInitScript(
        `localStorage.setItem('motcua.largeText', '${mode.largeText ? 1 : 0}');` +
          `localStorage.setItem('motcua.highContrast', '${mode.highContrast ? 1 : 0}');`,
      );
      await page.goto('/thu-tuc');
      await settle(page, '.proc-item');
      const headerHeight = "document.querySelector('.pub-header').getBoundingClientRect().height";
      expect(await page.evaluate(headerHeight)).toBeLessThanOrEqual(80);
      const menu = page.getByRole('button', { name: 'Menu' });
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
      expect(await menu.getAttribute('aria-controls')).toBe('pub-menu');
      const box = (await menu.boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(44);
      expect(box.width).toBeGreaterThanOrEqual(44);
      // Closed: the links and the toggles are out of sight and out of the accessibility tree.
      expect(await page.getByRole('link', { name: 'Tra cứu hồ sơ' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Tương phản cao' }).count()).toBe(0);
      await screenshot(page, `header-menu-closed-phone${tag}`);

      await menu.click();
      const close = page.getByRole('button', { name: 'Đóng' });
      expect(await close.getAttribute('aria-expanded')).toBe('true');
      const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
      await nav.getByRole('link', { name: 'Tra cứu hồ sơ' }).waitFor();
      expect(await nav.getByRole('link', { name: 'Thủ tục hành chính' }).getAttribute('aria-current')).toBe('page');
      for (const name of ['Cỡ chữ lớn', 'Tương phản cao']) {
        expect(await page.getByRole('button', { name }).getAttribute('aria-pressed'), name).toBe(String(mode.largeText));
      }
      await page.getByRole('button', { name: 'Switch to English' }).waitFor();
      expect(await page.evaluate(OVERFLOW)).toBeLessThanOrEqual(0);
      const { blocking, other } = await axe(page, mode.highContrast);
      for (const o of other) console.log(`[a11y] ${mode.name}, phone menu open (not blocking): ${o}`);
      expect(blocking, blocking.join('\n')).toEqual([]);
      await screenshot(page, `header-menu-open-phone${tag}`);

      // Escape closes it and gives the focus back to the button.
      await nav.getByRole('link', { name: 'Danh bạ cán bộ' }).focus();
      await page.keyboard.press('Escape');
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
      expect(await page.evaluate('document.activeElement.className')).toBe('pub-menu-button');
      expect(await page.getByRole('link', { name: 'Tra cứu hồ sơ' }).count()).toBe(0);

      // From the keyboard: Enter opens it, Tab goes on to the first link; the button closes it again.
      await page.keyboard.press('Enter');
      expect(await close.getAttribute('aria-expanded')).toBe('true');
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement.textContent')).toBe('Trang chủ');
      await close.click();
      expect(await menu.getAttribute('aria-expanded')).toBe('false');

      // Going to a page closes it; the new page's link is the current one.
      await menu.click();
      await nav.getByRole('link', { name: 'Tra cứu hồ sơ' }).click();
      await page.waitForURL('**/tra-cuu');
      await settle(page, '#lk-code');
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
      expect(await page.evaluate(headerHeight)).toBeLessThanOrEqual(80);
      await menu.click();
      expect(await nav.getByRole('link', { name: 'Tra cứu hồ sơ' }).getAttribute('aria-current')).toBe('page');
      await context.close();
    });
  }

  it('on a wide screen the public header shows its links and buttons, with no "Menu" button', async () => {
    const { context, page } = await newPage(browser, baseUrl, DESKTOP);
    await page.goto('/thu-tuc');
    await settle(page, '.proc-item');
    expect(await page.locator('.pub-menu-button').isVisible()).toBe(false);
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Tra cứu hồ sơ' }).waitFor();
    await page.getByRole('button', { name: 'Tương phản cao' }).waitFor();
    await screenshot(page, 'header-desktop');
    await context.close();
  });
});
