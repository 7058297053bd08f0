// Publishing procedure versions (issue 17): the builder's draft versions, review, publication with the deciding
// document and the element check, the field diff, and the public page's dates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toSchema } from '../../src/domain/eform/builder';
import { SAMPLE } from '../../src/domain/eform/sample';
import { createTestApi, type Session, type TestApi } from '../support/api';
import { citizenSession } from '../support/citizen';
import { ownProcedure, type OwnProcedure } from '../support/procedure';

let t: TestApi;
let admin: Session;
const units = ['Phường Hạc Thành', 'Xã Nguyệt Viên', 'Phường Đông Tiến'];

beforeAll(async () => {
  t = await createTestApi();
  admin = await t.login('tinh.province-admin');
}, 120_000);
afterAll(() => t.close());

// Each test drafts and publishes on a procedure of its own (a copy of 1.001193, received by the three wards), so no
// test meets the drafts, reviews or publications of another.
const own = () => ownProcedure(t, admin, { handledBy: [t.units.hacthanh, t.units.nguyetvien, t.units.dongtien] });
const draft = (proc: OwnProcedure, body: Record<string, unknown>) =>
  t.req(admin, { method: 'POST', url: `/api/procedures/${proc.id}/drafts`, payload: { ...proc.input, ...body } });
const act = (versionId: string, what: 'review' | 'publish', payload: Record<string, unknown>) =>
  t.req(admin, { method: 'POST', url: `/api/procedure-versions/${versionId}/${what}`, payload });
const decision = { decisionNumber: '15/QĐ-UBND', decisionDate: '2026-03-02', effectiveDate: '2026-03-16' };
/** A draft with the sample e-form, reviewed: the version a test publishes. */
const reviewedDraft = async (proc: OwnProcedure) => {
  const r = await draft(proc, { formSchema: toSchema(SAMPLE, { units }) });
  expect(r.statusCode, r.body).toBe(201);
  const v = r.json().versionId as string;
  expect((await act(v, 'review', { action: 'review' })).json().status).toBe('reviewed');
  return v;
};

describe('draft versions', () => {
  it('saving makes a draft version; the version in force does not change', async () => {
    const proc = await own();
    const r = await draft(proc, { formSchema: toSchema(SAMPLE, { units }) });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ status: 'draft', current: false, version: proc.version + 1, missing: [] });
    const now = (await t.req(null, { method: 'GET', url: `/api/procedures/${proc.id}` })).json();
    expect(now.versionId).toBe(proc.versionId);
  });

  it('a builder mistake is refused at its field, nothing saved', async () => {
    const proc = await own();
    const bad = structuredClone(SAMPLE);
    bad.sections[1]!.fields[4]!.showWhen = { field: 'con', equals: 'x' }; // `con` comes later
    const before = (await t.req(admin, { method: 'GET', url: `/api/procedures/${proc.id}/publication` })).json().items.length;
    const r = await draft(proc, { formSchema: toSchema(bad, { units }) });
    expect(r.statusCode).toBe(422);
    expect(r.json()).toMatchObject({
      code: 'form-definition-invalid',
      issues: [{ path: 'sections.1.fields.4', key: 'quanHeKhac', code: 'condition-later' }],
    });
    const after = (await t.req(admin, { method: 'GET', url: `/api/procedures/${proc.id}/publication` })).json().items.length;
    expect(after).toBe(before);
  });

  it('DENY: a ward’s director cannot save a draft, nor see the publication records', async () => {
    const proc = await own();
    const d = await t.login('hacthanh.centre-director');
    const denied = await t.req(d, { method: 'POST', url: `/api/procedures/${proc.id}/drafts`, payload: proc.input });
    expect(denied.statusCode).toBe(403);
    expect((await t.req(d, { method: 'GET', url: `/api/procedures/${proc.id}/publication` })).statusCode).toBe(403);
  });
});

describe('review and publication', () => {
  it('a missing element (legal basis) refuses publication, naming it; a draft is not published before review', async () => {
    const proc = await own();
    const r = await draft(proc, { legalBasis: [] });
    expect(r.json().missing.map((m: { element: string }) => m.element)).toEqual(['legalBasis']);
    const v = r.json().versionId as string;
    const early = await act(v, 'publish', decision);
    expect(early.statusCode).toBe(422); // elements first
    expect(early.json()).toMatchObject({ code: 'publication-elements-missing', missing: [{ element: 'legalBasis' }] });
    expect((await act(v, 'review', { action: 'review' })).json().status).toBe('reviewed');
    expect((await act(v, 'publish', decision)).json().code).toBe('publication-elements-missing');
  });

  it('an effective date before the decision is refused', async () => {
    const proc = await own();
    const r = await draft(proc, { formSchema: toSchema(SAMPLE, { units }) });
    const v = r.json().versionId as string;
    const notReviewed = await act(v, 'publish', decision);
    expect(notReviewed.statusCode).toBe(409);
    expect(notReviewed.json().code).toBe('publication-transition');
    await act(v, 'review', { action: 'review' });
    const bad = await act(v, 'publish', { ...decision, effectiveDate: '2026-03-01' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ code: 'publication-decision-invalid', issues: [{ field: 'effectiveDate' }] });
  });

  it('the diff of fields against the version in force, and who stays on older versions', async () => {
    const proc = await own();
    const open = await reviewedDraft(proc);
    const r = await t.req(admin, { method: 'GET', url: `/api/procedure-versions/${open}/changes` });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.against).toEqual({ versionId: proc.versionId, version: proc.version });
    expect(body.fields.find((f: { path: string }) => f.path === 'noiDung.quanHeKhac')).toMatchObject({
      change: 'added',
      now: expect.stringContaining('shown when quanHe = Khác'),
    });
    expect(Array.isArray(body.stayOnOlder)).toBe(true);
  });

  it('publishes with the deciding document: the version comes into force; the public page shows the dates', async () => {
    const proc = await own();
    // Two other versions are open when one is published: a draft, and a reviewed one that lacks an element.
    expect((await draft(proc, { formSchema: toSchema(SAMPLE, { units }) })).statusCode).toBe(201);
    const lacking = (await draft(proc, { legalBasis: [] })).json().versionId as string;
    expect((await act(lacking, 'review', { action: 'review' })).json().status).toBe('reviewed');
    const open = { versionId: await reviewedDraft(proc) };
    const r = await act(open.versionId, 'publish', decision);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'published', current: true, ...decision });
    expect(r.json().publishedAt).toMatch(/\+07:00$/);
    const pub = (await t.req(null, { method: 'GET', url: `/api/procedures/${proc.id}` })).json();
    expect(pub).toMatchObject({ versionId: open.versionId, publication: { status: 'published', ...decision } });
    expect(pub.formSchema['x-builder']).toBe(1);
    // The old version is still there for what was received under it; a published version does not move again.
    const old = await t.req(null, { method: 'GET', url: `/api/procedure-versions/${proc.versionId}` });
    expect(old.json()).toMatchObject({ version: proc.version, publication: null });
    expect((await act(open.versionId, 'review', { action: 'return' })).statusCode).toBe(409);
    const statuses = (await t.req(admin, { method: 'GET', url: `/api/procedures/${proc.id}/publication` }))
      .json()
      .items.map((x: { version: number; status: string }) => [x.version, x.status]);
    expect(statuses).toEqual([
      [proc.version + 3, 'published'],
      [proc.version + 2, 'withdrawn'],
      [proc.version + 1, 'withdrawn'],
      [proc.version, 'legacy'],
    ]);
  });

  it('the database keeps a published record as it is', async () => {
    const proc = await own();
    const v = await reviewedDraft(proc);
    expect((await act(v, 'publish', decision)).statusCode).toBe(200);
    const published = t.database.db
      .updateTable('procedure_publication')
      .set({ decision_number: 'x' })
      .where('version_id', '=', v)
      .where('status', '=', 'published');
    await expect(published.execute()).rejects.toThrow(/does not change/);
  });
});

describe('who reads a version that is not published', () => {
  it('a draft is 404 to the public, a citizen and a ward’s staff; the province’s keepers read it; published versions stay public', async () => {
    const proc = await own();
    const r = await draft(proc, { notes: 'bản nháp chưa công bố' });
    expect(r.statusCode, r.body).toBe(201);
    const v = r.json().versionId as string;
    const url = `/api/procedure-versions/${v}`;
    expect((await t.req(null, { method: 'GET', url })).statusCode).toBe(404);
    const citizen = await citizenSession(t, 41);
    expect((await t.req({ cookie: citizen.cookie, csrf: citizen.csrf, userId: '' }, { method: 'GET', url })).statusCode).toBe(404);
    const officer = await t.login('hacthanh.reception-officer');
    expect((await t.req(officer, { method: 'GET', url })).statusCode).toBe(404);
    const mine = await t.req(admin, { method: 'GET', url });
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ versionId: v, publication: { status: 'draft' } });
    // The version in force and an older published one stay public.
    const current = (await t.req(null, { method: 'GET', url: `/api/procedures/${proc.id}` })).json().versionId as string;
    expect((await t.req(null, { method: 'GET', url: `/api/procedure-versions/${current}` })).statusCode).toBe(200);
    expect((await t.req(null, { method: 'GET', url: `/api/procedure-versions/${proc.versionId}` })).statusCode).toBe(200);
  });

  it('whoever has the version in use reads it: the citizen of the dossier, staff of its unit; not another unit', async () => {
    const proc = await own();
    const r = await draft(proc, { notes: 'bản nháp thứ hai' });
    const v = r.json().versionId as string;
    const url = `/api/procedure-versions/${v}`;
    const citizen = await citizenSession(t, 42);
    // A dossier of Hạc Thành held on this version, as when a version in use is later replaced (set directly: the
    // workflow never files on a draft).
    type Proc = { id: string; components: { id: string; mandatory: boolean; fromRegistry: boolean }[] };
    const marital = ((await t.req(null, { method: 'GET', url: '/api/procedures?q=1.004873' })).json().items as Proc[])[0]!;
    const units = (await t.req(null, { method: 'GET', url: '/api/units' })).json().items as {
      slug: string;
      receptionPoints: { id: string; hostUnitId: string }[];
    }[];
    const point = units.find((u) => u.slug === 'hacthanh')!.receptionPoints.find((p) => p.hostUnitId === t.units.hacthanh)!;
    const filed = await t.req(await t.login('hacthanh.reception-officer'), {
      method: 'POST',
      url: '/api/dossiers',
      payload: {
        procedureId: marital.id,
        competentUnitId: t.units.hacthanh,
        receptionPointId: point.id,
        channel: 'in-person',
        applicant: { idNumber: citizen.idNumber, fullName: 'Người nộp' },
        components: marital.components.filter((c) => c.mandatory && !c.fromRegistry).map((c) => ({ componentId: c.id, presented: true })),
      },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    await t.database.db
      .updateTable('dossier')
      .set({ procedure_id: proc.id, procedure_version_id: v, citizen_id: citizen.citizenId })
      .where('id', '=', filed.json().id as string)
      .execute();
    const asCitizen = { cookie: citizen.cookie, csrf: citizen.csrf, userId: '' };
    expect((await t.req(asCitizen, { method: 'GET', url })).statusCode).toBe(200);
    expect((await t.req(await t.login('hacthanh.specialist'), { method: 'GET', url })).statusCode).toBe(200);
    expect((await t.req(await t.login('nguyetvien.specialist'), { method: 'GET', url })).statusCode).toBe(404);
    const other = await citizenSession(t, 43);
    expect((await t.req({ cookie: other.cookie, csrf: other.csrf, userId: '' }, { method: 'GET', url })).statusCode).toBe(404);
  });
});

describe('the server checks the builder’s rules on a citizen’s form', () => {
  it('a date that must be before today is refused when it is today or later', async () => {
    const { formErrors } = await import('../../src/services/portal.service');
    const schema = toSchema(SAMPLE, { units });
    const form = (ngayDen: string) => ({
      nguoiKhai: { hoTen: 'Lê Thị Hoa', ngaySinh: '1950-03-04', soDinhDanh: '038012345678', soDienThoai: '0912345678' },
      noiDung: { diaChiMoi: { unit: 'Xã Nguyệt Viên', detail: 'Thôn 3' }, soNguoi: 2, ngayDen, quanHe: 'Con' },
    });
    expect(formErrors(schema, form('2020-01-02'))).toEqual([]);
    expect(formErrors(schema, form('2199-01-02'))).toMatchObject([
      { field: 'noiDung.ngayDen', title: 'Nội dung đề nghị › Ngày chuyển đến', message: 'phải là một ngày trước hôm nay' },
    ]);
  });
});
