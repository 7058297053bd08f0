// The OpenAPI document, checked by an independent linter: Redocly's `recommended` rules (@redocly/openapi-core's lint
// API). Errors fail the test; warnings are printed and bounded so they do not creep back. The document needs no
// database (as `motcua openapi`): the pool connects lazily and is never used.
import { createConfig, lintFromString } from '@redocly/openapi-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createDb } from '../../src/db/database';
import { buildServer } from '../../src/api/server';

type Doc = {
  servers?: { url: string }[];
  info: { license?: unknown; contact?: unknown };
  components: { securitySchemes: Record<string, unknown> };
  paths: Record<
    string,
    Record<string, { operationId?: string; security?: unknown[]; tags?: string[]; responses: Record<string, { description?: string }> }>
  >;
};

let server: FastifyInstance;
let db: ReturnType<typeof createDb>;
let doc: Doc;

beforeAll(async () => {
  const config = loadConfig({
    DATABASE_URL: 'postgres://openapi@127.0.0.1:1/none',
    LOG_LEVEL: 'silent',
    MOTCUA_DEMO: 'false',
    MOTCUA_SIMULATORS: 'true',
    MOTCUA_PUBLIC_URL: 'https://motcua.example.gov.vn',
    MOTCUA_SECRET: 'test-secret-test-secret-test-secret-0000',
  });
  db = createDb(config.databaseUrl!);
  server = await buildServer(createApp(config, db), { logger: false });
  await server.ready();
  doc = server.swagger() as unknown as Doc;
});
afterAll(async () => {
  await server.close();
  await db.destroy();
});

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })),
  );

describe('the OpenAPI document', () => {
  it('passes Redocly’s recommended rules without an error', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: 'openapi.json', config });
    const show = (p: (typeof problems)[number]) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? ''}`;
    const errors = problems.filter((p) => p.severity === 'error').map(show);
    const warnings = problems.filter((p) => p.severity === 'warn').map(show);
    if (warnings.length) console.log(`${warnings.length} warnings:\n${warnings.slice(0, 20).join('\n')}`);
    expect(errors).toEqual([]);
    // What is left: three pairs of public queue paths a literal segment tells apart (`tickets` is no unit id), and the
    // VNeID sign-in's two redirects (302, no 2xx by nature).
    const known = (w: string) =>
      w.startsWith('no-ambiguous-paths') || (w.startsWith('operation-2xx-response') && w.includes('portal~1auth'));
    expect(warnings.filter((w) => !known(w))).toEqual([]);
  }, 120_000);

  it('declares the staff cookie, the CSRF header, the citizen cookie and the API clients’ OAuth 2.0 scheme; servers, licence, contact', () => {
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['apiClient', 'citizenSession', 'csrfToken', 'staffSession']);
    expect(doc.servers?.[0]?.url).toBe('https://motcua.example.gov.vn');
    expect(doc.info.license).toBeTruthy();
    expect(doc.info.contact).toBeTruthy();
  });

  it('every operation has a unique operationId, tags, a security list (public ones explicitly empty or optional) and described 4xx answers', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(100);
    const ids = ops.map((o) => o.op.operationId);
    expect(ids.filter((id) => !id)).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ops.filter((o) => !o.op.tags?.length).map((o) => o.key)).toEqual([]);
    expect(ops.filter((o) => !Array.isArray(o.op.security)).map((o) => o.key)).toEqual([]);
    const undocumented = ops.flatMap((o) =>
      Object.entries(o.op.responses)
        .filter(([st, r]) => /^4/.test(st) && (!r.description || r.description === 'Default Response'))
        .map(([st]) => `${o.key} ${st}`),
    );
    expect(undocumented).toEqual([]);
    expect(ops.find((o) => o.key === 'GET /healthz')?.op.security).toEqual([]);
    expect(ops.find((o) => o.key === 'POST /api/dossiers')?.op.security).toEqual([
      { staffSession: [], csrfToken: [] },
      { apiClient: ['dossiers:write'] },
    ]);
    expect(ops.find((o) => o.key === 'GET /api/staff')?.op.security).toEqual([{ staffSession: [] }]);
  });
});
