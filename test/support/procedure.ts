// A procedure of a test's own: a copy of a demo procedure under a new national code, imported as version 1 (in
// force). A test that drafts, reviews, publishes or signs off works on it, so no other test's versions are in its
// way and the tests of a file run alone and in any order.
import { expect } from 'vitest';
import type { Session, TestApi } from './api';

export type ExportedProcedure = Record<string, unknown> & { code: string; processingDays: number };
export type OwnProcedure = {
  id: string;
  versionId: string;
  version: number;
  processingDays: number;
  code: string;
  /** The procedure as the export gives it (the body of a draft), under its own code. */
  input: ExportedProcedure;
};

let next = 0;

/**
 * Imports a copy of procedure `from` under a code no demo procedure has; `handledBy` lists the units that receive
 * it (an imported procedure is received by none until a unit enables it).
 */
export async function ownProcedure(t: TestApi, admin: Session, opts: { from?: string; handledBy?: string[] } = {}): Promise<OwnProcedure> {
  const exported = (await t.req(admin, { method: 'GET', url: '/api/procedures/export' })).json() as ExportedProcedure[];
  const base = exported.find((p) => p.code === (opts.from ?? '1.001193'));
  expect(base, `procedure ${opts.from ?? '1.001193'} in the export`).toBeDefined();
  next += 1;
  const code = `8.${900000 + next}`;
  const input = { ...base!, code };
  const imported = await t.req(admin, { method: 'POST', url: '/api/procedures/import', payload: [input] });
  expect(imported.statusCode, imported.body).toBe(200);
  expect(imported.json()).toEqual({ created: 1, updated: 0, unchanged: 0 });
  const found = (await t.req(null, { method: 'GET', url: `/api/procedures?q=${code}` })).json().items as Omit<
    OwnProcedure,
    'input' | 'code'
  >[];
  expect(found).toHaveLength(1);
  for (const unitId of opts.handledBy ?? []) {
    const r = await t.req(admin, { method: 'PUT', url: `/api/units/${unitId}/procedures/${found[0]!.id}`, payload: { enabled: true } });
    expect(r.statusCode, r.body).toBe(204);
  }
  const p = found[0]!;
  return { id: p.id, versionId: p.versionId, version: p.version, processingDays: p.processingDays, code, input };
}
