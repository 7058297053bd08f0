// What a page transfers, from Chromium's own network events (DevTools protocol): bytes on the wire per response
// (compressed, headers included: `Network.loadingFinished` encodedDataLength), the decoded size, and the content
// encoding the server chose. Shared by the JavaScript size budget (e2e/budget.e2e.test.ts) and bench/portal-3g.ts.
import type { CDPSession, Page } from 'playwright-core';

export type Transfer = {
  url: string;
  type: string;
  mimeType: string;
  status: number;
  encoding: string | null;
  /** Bytes received for the response, as transferred (compressed). */
  encoded: number;
  /** Bytes of the body after decoding. */
  decoded: number;
  finished: boolean;
};

export type Recorder = { cdp: CDPSession; transfers: () => Transfer[] };

/** Starts recording the page's responses with the browser cache off (every load is a cold one). */
export async function recordTransfers(page: Page): Promise<Recorder> {
  const cdp = await page.context().newCDPSession(page);
  const byId = new Map<string, Transfer>();
  cdp.on('Network.responseReceived', (e) => {
    const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    byId.set(e.requestId, {
      url: e.response.url,
      type: e.type,
      mimeType: e.response.mimeType,
      status: e.response.status,
      encoding: headers['content-encoding'] ?? null,
      encoded: 0,
      decoded: 0,
      finished: false,
    });
  });
  cdp.on('Network.dataReceived', (e) => {
    const t = byId.get(e.requestId);
    if (t) t.decoded += e.dataLength;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const t = byId.get(e.requestId);
    if (!t) return;
    t.encoded = e.encodedDataLength;
    t.finished = true;
  });
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  return { cdp, transfers: () => [...byId.values()] };
}

export const isScript = (t: Transfer): boolean => t.type === 'Script' || /javascript/.test(t.mimeType);

export function totals(transfers: Transfer[]): {
  jsEncoded: number;
  jsDecoded: number;
  jsFiles: number;
  allEncoded: number;
  requests: number;
} {
  const js = transfers.filter(isScript);
  const sum = (xs: Transfer[], k: 'encoded' | 'decoded') => xs.reduce((s, t) => s + t[k], 0);
  return {
    jsEncoded: sum(js, 'encoded'),
    jsDecoded: sum(js, 'decoded'),
    jsFiles: js.length,
    allEncoded: sum(transfers, 'encoded'),
    requests: transfers.length,
  };
}
