// Size budget of the citizens' first pages: under 200 KB of JavaScript on the wire (compressed), cold cache. A size,
// not a timing: how long the pages take on a throttled 3G connection is measured in bench/portal-3g.ts and written
// in docs/benchmarks.md. Also checks that the server sends the scripts compressed.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, newPage, PHONE } from './browser';
import { isScript, recordTransfers, totals } from './network';

const JS_BUDGET = 200 * 1024;

/** First pages a citizen opens, with what shows that the page is there. One line per page. */
const FIRST_PAGES: { path: string; ready: string }[] = [
  { path: '/', ready: '.unit-list li' },
  { path: '/thu-tuc', ready: '.proc-item' },
  { path: '/cong-dan', ready: '[data-testid=vneid-sign-in]' },
];

describe.skipIf(!process.env.MOTCUA_E2E)('first pages stay small (browser)', () => {
  let browser: Browser;
  const baseUrl = inject('baseUrl');

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const { path, ready } of FIRST_PAGES) {
    it(`${path}: under 200 KB of compressed JavaScript, scripts sent compressed`, async () => {
      const { context, page } = await newPage(browser, baseUrl, PHONE);
      const rec = await recordTransfers(page);
      await page.goto(path, { waitUntil: 'networkidle' });
      await page.locator(ready).first().waitFor();
      await page.waitForLoadState('networkidle');
      const transfers = rec.transfers();
      const scripts = transfers.filter(isScript);
      const t = totals(transfers);
      console.log(
        `[budget] ${path}: ${scripts.length} scripts, ${(t.jsEncoded / 1024).toFixed(1)} KB compressed ` +
          `(${(t.jsDecoded / 1024).toFixed(1)} KB decoded), ${(t.allEncoded / 1024).toFixed(1)} KB in all over ${t.requests} requests`,
      );
      expect(scripts.length).toBeGreaterThan(0);
      expect(scripts.every((s) => s.finished && s.status === 200)).toBe(true);
      expect(
        // Compression cannot shrink a file of a few dozen bytes: the build leaves those as they are.
        scripts.filter((s) => s.decoded > 1024 && s.encoding !== 'br' && s.encoding !== 'gzip').map((s) => s.url),
        'scripts sent uncompressed',
      ).toEqual([]);
      expect(t.jsEncoded).toBeLessThan(JS_BUDGET);
      await context.close();
    });
  }

  it('serves the same files to a client that accepts no compression', async () => {
    const get = (path: string, encoding: string) => fetch(`${baseUrl}${path}`, { headers: { 'accept-encoding': encoding } });
    for (const path of ['/', '/thu-tuc', '/cong-dan/']) {
      const r = await get(path, 'identity');
      expect(r.status, path).toBe(200);
      expect(r.headers.get('content-encoding'), path).toBeNull();
      expect(r.headers.get('cache-control'), path).toBe('no-cache');
      expect(await r.text(), path).toContain('<div id="root">');
    }
    const html = await (await get('/', 'identity')).text();
    const entry = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const plain = await get(entry, 'identity');
    const br = await get(entry, 'br');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toContain('accept-encoding');
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    // fetch decodes brotli: both are the same script.
    expect(await br.text()).toBe(await plain.text());
  });
});
