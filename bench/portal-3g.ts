// The citizens' first pages over a throttled mobile connection: the real server (demo province, built web app) and
// Debian's Chromium at phone size, with the DevTools protocol's network throttling (Slow 3G: 400 ms RTT, 400 kbit/s
// both ways; Fast 3G: 150 ms, 1.6 Mbit/s down, 750 kbit/s up) and the CPU slowed 4×, cache off (every load cold).
// Records JavaScript and total bytes on the wire (compressed) and the times to first contentful paint, to the page
// being usable, DOMContentLoaded and load; prints the medians of N runs as markdown tables.
// Run: npx tsx bench/portal-3g.ts [runs=5]
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launch, newPage, PHONE } from '../e2e/browser';
import { recordTransfers, totals } from '../e2e/network';
import { ROOT, startServer } from '../e2e/server';

const RUNS = Number(process.argv[2] ?? 5);
const CPU_SLOWDOWN = 4;

type Profile = { name: string; latency: number; down: number; up: number; identity?: boolean };
// Throughput in bits per second (1 kbit = 1000 bits); the protocol takes bytes per second.
const PROFILES: Profile[] = [
  { name: 'Slow 3G', latency: 400, down: 400_000, up: 400_000 },
  { name: 'Fast 3G', latency: 150, down: 1_600_000, up: 750_000 },
  // The same Slow 3G load with the browser refusing compressed bodies: what the pages cost before the build wrote
  // .br/.gz files and the server sent them.
  { name: 'Slow 3G, uncompressed', latency: 400, down: 400_000, up: 400_000, identity: true },
];

/** `usable`: the first thing a citizen acts on is on screen; `content`: the data from the API is shown. */
type Target = { path: string; usable: string; usableText: string; content: string; contentText: string };
const PAGES: Target[] = [
  { path: '/', usable: '.cards .btn', usableText: 'first button', content: '.unit-list li', contentText: 'list of centres' },
  { path: '/thu-tuc', usable: '#cat-q:not([disabled])', usableText: 'search box', content: '.proc-item', contentText: 'procedure list' },
  {
    path: '/cong-dan',
    usable: '[data-testid=vneid-sign-in]',
    usableText: 'VNeID button',
    content: '.p-steps li',
    contentText: 'how-to steps',
  },
];

type Sample = {
  jsKB: number;
  jsDecodedKB: number;
  jsFiles: number;
  totalKB: number;
  requests: number;
  fcp: number;
  usable: number;
  content: number;
  dcl: number;
  load: number;
};

// Installed before the page's own scripts: notes when each selector first matches a rendered element.
const marker = (selectors: Record<string, string>) => `(() => {
  const sels = ${JSON.stringify(selectors)};
  const marks = (window.__marks = {});
  const check = () => {
    for (const [k, s] of Object.entries(sels)) {
      if (k in marks) continue;
      const el = document.querySelector(s);
      if (el && el.getClientRects().length > 0) marks[k] = performance.now();
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
})();`;

async function measure(browser: Browser, baseUrl: string, profile: Profile, target: Target): Promise<Sample> {
  const { context, page } = await newPage(browser, baseUrl, PHONE);
  await context.addInitScript(marker({ usable: target.usable, content: target.content }));
  const rec = await recordTransfers(page);
  await rec.cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: profile.latency,
    downloadThroughput: profile.down / 8,
    uploadThroughput: profile.up / 8,
    connectionType: 'cellular3g',
  });
  if (profile.identity) await rec.cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': 'identity' } });
  await rec.cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  page.setDefaultTimeout(120_000);
  await page.goto(target.path, { waitUntil: 'load', timeout: 120_000 });
  await page.locator(target.content).first().waitFor();
  await page.waitForLoadState('networkidle');
  const m = (await page.evaluate(`(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    return { fcp: fcp ? fcp.startTime : NaN, dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd, marks: window.__marks };
  })()`)) as { fcp: number; dcl: number; load: number; marks: { usable?: number; content?: number } };
  const t = totals(rec.transfers());
  await context.close();
  return {
    jsKB: t.jsEncoded / 1024,
    jsDecodedKB: t.jsDecoded / 1024,
    jsFiles: t.jsFiles,
    totalKB: t.allEncoded / 1024,
    requests: t.requests,
    fcp: m.fcp,
    usable: m.marks.usable ?? NaN,
    content: m.marks.content ?? NaN,
    dcl: m.dcl,
    load: m.load,
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const kb = (n: number) => `${n.toFixed(1)} KB`;
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function machine(): string {
  const sh = (cmd: string) => {
    try {
      return execSync(cmd, { encoding: 'utf8' }).trim();
    } catch {
      return '?';
    }
  };
  const chromium = sh(`${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'} --version 2>/dev/null`);
  const model = sh("lscpu | sed -n 's/^Model name: *//p'");
  return [
    `CPU: ${model}, nproc ${sh('nproc')}; RAM ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; ${os.type()} ${os.release()}`,
    `Node.js ${process.version}; ${chromium}`,
  ].join('\n');
}

function webSizes(): string {
  const html = fs.readFileSync(path.join(ROOT, 'web/dist/index.html'), 'utf8');
  const entry = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const size = (f: string) => fs.statSync(path.join(ROOT, 'web/dist', f)).size;
  const br = (f: string) => (fs.existsSync(path.join(ROOT, 'web/dist', `${f}.br`)) ? size(`${f}.br`) : size(f));
  const gz = (f: string) => (fs.existsSync(path.join(ROOT, 'web/dist', `${f}.gz`)) ? size(`${f}.gz`) : size(f));
  const sum = (fn: (f: string) => number) => kb(entry.reduce((s, f) => s + fn(f), 0) / 1024);
  const all = fs.readdirSync(path.join(ROOT, 'web/dist/assets')).filter((f) => f.endsWith('.js'));
  const allSum = (fn: (f: string) => number) => kb(all.reduce((s, f) => s + fn(`/assets/${f}`), 0) / 1024);
  return (
    `Entry scripts in index.html (${entry.length} files): ${sum(size)} raw, ${sum(gz)} gzip, ${sum(br)} brotli. ` +
    `Whole app (${all.length} script files, most loaded on demand): ${allSum(size)} raw, ${allSum(br)} brotli.`
  );
}

const server = await startServer();
const browser = await launch();
try {
  const procedures = (await (await fetch(`${server.baseUrl}/api/procedures?limit=200`)).json()) as { items: unknown[] };
  const units = (await (await fetch(`${server.baseUrl}/api/units`)).json()) as { items: unknown[] };
  console.log(machine());
  console.log(webSizes());
  console.log(`Data: demo province, ${units.items.length} units, ${procedures.items.length} procedures in the catalogue.`);
  console.log(`${RUNS} runs per row (after one warm-up load of each page), CPU slowed ${CPU_SLOWDOWN}×, phone viewport 390×844.\n`);
  // Warm up the server (first queries, file system cache); the browser's cache is off in every run anyway.
  for (const target of PAGES) await measure(browser, server.baseUrl, { name: 'none', latency: 0, down: 1e9, up: 1e9 }, target);

  console.log(
    '| profile | page | JS on the wire | JS decoded | scripts | all bytes | requests | first contentful paint | usable | data shown | DOMContentLoaded | load |',
  );
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const profile of PROFILES) {
    for (const target of PAGES) {
      const samples: Sample[] = [];
      for (let i = 0; i < RUNS; i++) {
        // web/dist may be rebuilt under a running server (a test run in the same tree): such a load is retried once.
        samples.push(
          await measure(browser, server.baseUrl, profile, target).catch((e: unknown) => {
            console.error(`  retrying ${profile.name} ${target.path}: ${String(e).split('\n')[0]}`);
            return measure(browser, server.baseUrl, profile, target);
          }),
        );
      }
      const med = (k: keyof Sample) => median(samples.map((s) => s[k]));
      console.log(
        `| ${profile.name} | \`${target.path}\` | ${kb(med('jsKB'))} | ${kb(med('jsDecodedKB'))} | ${med('jsFiles')} | ${kb(med('totalKB'))} | ` +
          `${med('requests')} | ${sec(med('fcp'))} | ${sec(med('usable'))} (${target.usableText}) | ${sec(med('content'))} (${target.contentText}) | ` +
          `${sec(med('dcl'))} | ${sec(med('load'))} |`,
      );
      console.error(
        `  ${profile.name} ${target.path}: usable ${samples.map((s) => sec(s.usable)).join(', ')}; data ${samples.map((s) => sec(s.content)).join(', ')}`,
      );
    }
  }
} finally {
  await browser.close();
  await server.stop();
}
