// In-process API tests: the real server and services on a fresh real database, driven with inject().
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FetchLike } from '../../src/adapters/registry.adapter';
import type { WebFetch } from '../../src/adapters/vneid.adapter';
import { createApp, type App } from '../../src/app';
import { buildServer } from '../../src/api/server';
import { loadConfig } from '../../src/config';
import { freshDatabase, type TestDb } from './db';

import { TEST_PASSWORD } from './global-setup';
export { TEST_PASSWORD };

export type DemoSlug = 'tinh' | 'hacthanh' | 'nguyetvien' | 'dongtien';

export type Session = { cookie: string; csrf: string; userId: string };

export type TestApi = {
  app: App;
  server: FastifyInstance;
  database: TestDb;
  /** Unit ids by demo slug. */
  units: Record<DemoSlug, string>;
  login: (username: string, password?: string) => Promise<Session>;
  /** A request as a signed-in user (cookie + CSRF header), or anonymous when `as` is null. */
  req: (as: Session | null, opts: InjectOptions) => Promise<LightMyRequestResponse>;
  userId: (username: string) => Promise<string>;
  close: () => Promise<void>;
};

export async function createTestApi(env: Record<string, string> = {}): Promise<TestApi> {
  const database = await freshDatabase();
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-files-'));
  const config = loadConfig({
    DATABASE_URL: database.url,
    LOG_LEVEL: 'silent',
    MOTCUA_DEMO: 'false',
    MOTCUA_SIMULATORS: 'true',
    MOTCUA_FILES_DIR: filesDir,
    MOTCUA_SECRET: 'test-secret-test-secret-test-secret-0000',
    ...env,
  });
  // Adapters reach the simulators through the in-process server, as they would over HTTP.
  const ref: { server?: FastifyInstance } = {};
  const fetchImpl: FetchLike = async (url, init) => {
    const u = new URL(url);
    const res = await ref.server!.inject({
      method: init.method ?? 'GET',
      url: u.pathname + u.search,
      headers: init.headers,
      payload: init.body,
    });
    return { status: res.statusCode, json: async () => res.json() };
  };
  // The same as a standard fetch, for protocol libraries (OpenID Connect client).
  const webFetch: WebFetch = async (url, init) => {
    const u = new URL(url);
    const headers = Object.fromEntries(new Headers(init.headers as ConstructorParameters<typeof Headers>[0]).entries());
    const res = await ref.server!.inject({
      method: (init.method ?? 'GET') as 'GET',
      url: u.pathname + u.search,
      headers,
      payload: init.body === undefined || init.body === null ? undefined : typeof init.body === 'string' ? init.body : String(init.body),
    });
    const out = new Headers();
    for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out.set(k, Array.isArray(v) ? v.join(', ') : String(v));
    return new Response(res.statusCode === 204 || res.statusCode === 304 ? null : res.rawPayload, { status: res.statusCode, headers: out });
  };
  const app = createApp(config, database.db, { fetch: fetchImpl, webFetch });
  const server = await buildServer(app, { logger: false });
  ref.server = server;
  await server.ready();
  const rows = await database.db.selectFrom('unit').select(['id', 'slug']).execute();
  const units = Object.fromEntries(rows.map((r) => [r.slug, r.id])) as Record<DemoSlug, string>;
  const login = async (username: string, password = TEST_PASSWORD): Promise<Session> => {
    const res = await server.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'motcua_session')!;
    const body = res.json() as { csrfToken: string; user: { id: string } };
    return { cookie: `motcua_session=${cookie.value}`, csrf: body.csrfToken, userId: body.user.id };
  };
  const req = (as: Session | null, opts: InjectOptions) =>
    server.inject({
      ...opts,
      headers: { ...(as ? { cookie: as.cookie, 'x-csrf-token': as.csrf } : {}), ...(opts.headers ?? {}) },
    });
  const userId = async (username: string) =>
    (await database.db.selectFrom('staff_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  return {
    app,
    server,
    database,
    units,
    login,
    req,
    userId,
    close: async () => {
      await server.close();
      await database.drop();
      fs.rmSync(filesDir, { recursive: true, force: true });
    },
  };
}
