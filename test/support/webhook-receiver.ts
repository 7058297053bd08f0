// A webhook receiver for tests: an HTTP server on 127.0.0.1 that checks every delivery's signature with the client
// package's helper (clients/typescript/src/webhooks.ts, the Standard Webhooks reference library) and keeps what it
// got. Each path is one receiver with its own secret and mode: up (200), down (503) or hang (never answers).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook, type MotcuaWebhookEvent } from '../../clients/typescript/src/webhooks';

export type Received = {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The verified event, or null when the signature (or timestamp) did not verify. */
  event: MotcuaWebhookEvent | null;
  at: Date;
};

export type Receiver = {
  url: (path: string) => string;
  secret: (path: string, secret: string) => void;
  mode: (path: string, mode: 'up' | 'down' | 'hang') => void;
  got: (path?: string) => Received[];
  /** Event ids acted on once each, as a receiver should (a retry or replay carries the same id). */
  handled: (path: string) => string[];
  close: () => Promise<void>;
};

export async function startReceiver(): Promise<Receiver> {
  const secrets = new Map<string, string>();
  const modes = new Map<string, 'up' | 'down' | 'hang'>();
  const got: Received[] = [];
  const handled = new Map<string, Set<string>>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      const body = Buffer.concat(chunks).toString('utf8');
      let event: MotcuaWebhookEvent | null = null;
      try {
        event = verifyWebhook(secrets.get(path) ?? 'whsec_AAAA', body, req.headers);
      } catch {
        event = null;
      }
      got.push({ path, headers: req.headers, body, event, at: new Date() });
      const mode = modes.get(path) ?? 'up';
      if (mode === 'hang') return;
      if (mode === 'down' || !event) {
        res.writeHead(mode === 'down' ? 503 : 400).end();
        return;
      }
      const seen = handled.get(path) ?? new Set<string>();
      handled.set(path, seen);
      seen.add(event.id);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    secret: (path, s) => void secrets.set(path, s),
    mode: (path, m) => void modes.set(path, m),
    got: (path) => (path ? got.filter((g) => g.path === path) : [...got]),
    handled: (path) => [...(handled.get(path) ?? [])],
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
