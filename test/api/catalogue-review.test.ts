// The catalogue review (issue 17): changes against the previous published version, the province's units that
// handle a procedure differently, the law's time, missing elements, and the reviewer's sign-off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toSchema } from '../../src/domain/eform/builder';
import { SAMPLE } from '../../src/domain/eform/sample';
import { createTestApi, type Session, type TestApi } from '../support/api';
import { ownProcedure, type OwnProcedure } from '../support/procedure';

let t: TestApi;
let admin: Session;
let proc: { id: string; versionId: string; version: number; processingDays: number };

type Item = {
  procedureId: string;
  code: string;
  versionId: string;
  version: number;
  status: string;
  against: { versionId: string; version: number } | null;
  fields: { change: string; path: string }[];
  elements: { element: string; before: string; now: string }[];
  missing: { element: string }[];
  time: { processingDays: number; legalDays: number | null; differs: boolean; longer: boolean; legalSource: string | null };
  units: { unitId: string; name: string; handles: boolean; differs: string[] }[];
  flags: number;
  signOff: { version: number; by: string; at: string; note: string; current: boolean } | null;
};

beforeAll(async () => {
  t = await createTestApi();
  admin = await t.login('tinh.province-admin');
  [proc] = (await t.req(null, { method: 'GET', url: '/api/procedures?q=1.001193' })).json().items;
}, 120_000);
afterAll(() => t.close());

const review = async (as: Session = admin) => {
  const r = await t.req(as, { method: 'GET', url: '/api/catalogue/review' });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().items as Item[];
};
const itemOf = async (p: { id: string }) => (await review()).find((i) => i.procedureId === p.id)!;
/** A copy of 1.001193 of the test's own, received by the same units as the demo's (which no test changes). */
const own = async () => {
  const demo = await itemOf(proc);
  return ownProcedure(t, admin, { handledBy: demo.units.filter((u) => u.handles).map((u) => u.unitId) });
};
/** A draft of `p` two days longer, with a fee and the sample e-form: it changes the time, the fee and fields. */
const changedDraft = async (p: OwnProcedure) => {
  const r = await t.req(admin, {
    method: 'POST',
    url: `/api/procedures/${p.id}/drafts`,
    payload: {
      ...p.input,
      processingDays: p.input.processingDays + 2,
      fee: { kind: 'fixed', amount: 8000 },
      formSchema: toSchema(SAMPLE, { units: ['Phường Hạc Thành'] }),
    },
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().versionId as string;
};

describe('the catalogue review', () => {
  it('lists every procedure of the province with its version in force and the units that handle it', async () => {
    const items = await review();
    expect(items.length).toBeGreaterThan(10);
    const i = items.find((x) => x.procedureId === proc.id)!;
    expect(i).toMatchObject({ versionId: proc.versionId, status: 'legacy', against: null, fields: [], elements: [], signOff: null });
    expect(i.units.length).toBeGreaterThanOrEqual(3);
    expect(i.units.some((u) => u.handles)).toBe(true);
    // Most flags first.
    expect(items.map((x) => x.flags)).toEqual([...items.map((x) => x.flags)].sort((a, b) => b - a));
  });

  it('a draft shows what it changes against the previous published version: e-form fields and elements', async () => {
    const p = await own();
    const versionId = await changedDraft(p);
    const i = await itemOf(p);
    expect(i).toMatchObject({ versionId, status: 'draft', against: { versionId: p.versionId } });
    expect(i.elements.map((e) => e.element).sort()).toEqual(['fee', 'time']);
    expect(i.elements.find((e) => e.element === 'fee')).toMatchObject({ now: '8.000 đồng' });
    expect(i.fields.length).toBeGreaterThan(0);
  });

  it('a processing time unlike the law’s is flagged once the law’s time is recorded', async () => {
    const p = await own();
    await changedDraft(p);
    expect((await itemOf(p)).time).toMatchObject({ legalDays: null, differs: false });
    const r = await t.req(admin, {
      method: 'PUT',
      url: `/api/procedures/${p.id}/legal-time`,
      payload: { days: p.input.processingDays, source: 'Quyết định 163/QĐ-BTP' },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().time).toMatchObject({
      processingDays: p.input.processingDays + 2,
      legalDays: p.input.processingDays,
      differs: true,
      longer: true,
      legalSource: 'Quyết định 163/QĐ-BTP',
    });
    const bad = await t.req(admin, { method: 'PUT', url: `/api/procedures/${p.id}/legal-time`, payload: { days: -1, source: '' } });
    expect(bad.statusCode).toBe(400);
  });

  it('a unit that does not receive a procedure the others receive is flagged', async () => {
    const p = await own();
    const i = await itemOf(p);
    const handling = i.units.filter((u) => u.handles);
    expect(handling.length).toBeGreaterThanOrEqual(2);
    const off = handling[0]!;
    const r = await t.req(admin, { method: 'PUT', url: `/api/units/${off.unitId}/procedures/${p.id}`, payload: { enabled: false } });
    expect(r.statusCode, r.body).toBe(204);
    const after = await itemOf(p);
    if (handling.length - 1 > i.units.length / 2)
      expect(after.units.find((u) => u.unitId === off.unitId)).toMatchObject({ handles: false, differs: ['not-handled'] });
    else expect(after.units.find((u) => u.unitId === off.unitId)).toMatchObject({ handles: false, differs: [] });
    expect(after.flags).toBeGreaterThanOrEqual(1);
  });

  it('the reviewer signs off the version under review: who and when, audited; a stale version is refused', async () => {
    const p = await own();
    await changedDraft(p);
    const i = await itemOf(p);
    const stale = await t.req(admin, {
      method: 'POST',
      url: `/api/procedures/${p.id}/review-sign-offs`,
      payload: { versionId: p.versionId },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'review-version-stale' });
    const r = await t.req(admin, {
      method: 'POST',
      url: `/api/procedures/${p.id}/review-sign-offs`,
      payload: { versionId: i.versionId, note: 'Đã đối chiếu với Quyết định 163/QĐ-BTP' },
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().signOff).toMatchObject({ version: i.version, current: true, note: 'Đã đối chiếu với Quyết định 163/QĐ-BTP' });
    expect(r.json().signOff.by).toBeTruthy();
    expect(r.json().signOff.at).toMatch(/\+07:00$/);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('subject_id', '=', p.id)
      .where('action', '=', 'procedure.review-sign-off')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ version: i.version, elements: ['time', 'fee'] });
    await expect(t.database.db.updateTable('catalogue_review').set({ note: 'x' }).execute()).rejects.toThrow(/does not change/);
    // A newer draft: the sign-off stays, but no longer covers the version under review.
    await t.req(admin, { method: 'POST', url: `/api/procedures/${p.id}/drafts`, payload: { ...p.input, notes: 'sửa tiếp' } });
    expect((await itemOf(p)).signOff).toMatchObject({ version: i.version, current: false });
  });

  it('DENY: a ward’s director and a reception officer see no review and sign nothing', async () => {
    for (const who of ['hacthanh.centre-director', 'hacthanh.reception-officer']) {
      const s = await t.login(who);
      expect((await t.req(s, { method: 'GET', url: '/api/catalogue/review' })).statusCode).toBe(403);
      const sign = await t.req(s, {
        method: 'POST',
        url: `/api/procedures/${proc.id}/review-sign-offs`,
        payload: { versionId: proc.versionId },
      });
      expect(sign.statusCode).toBe(403);
      const law = await t.req(s, { method: 'PUT', url: `/api/procedures/${proc.id}/legal-time`, payload: { days: 1, source: 'x' } });
      expect(law.statusCode).toBe(403);
    }
  });
});
