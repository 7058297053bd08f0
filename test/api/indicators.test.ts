// Indicators and reports through the contract's calls: numbers follow a dossier through its lifecycle,
// form 06 as JSON, XLSX and signed PDF agree, the public figures carry no personal data, and bad input is a problem.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vnDate } from '../../src/domain/indicators';
import { pdfText } from '../../src/forms/test-support';
import { citizen } from '../../src/simulators/citizens';
import { createTestApi, type Session, type TestApi } from '../support/api';

let t: TestApi;
let officer: Session;
let specialist: Session;
let director: Session;
let province: Session;
type Proc = { id: string; components: { id: string; mandatory: boolean; fromRegistry: boolean }[] };
let marital: Proc;
let pointId: string;
const today = vnDate(new Date());

beforeAll(async () => {
  t = await createTestApi();
  [officer, specialist, director, province] = await Promise.all([
    t.login('hacthanh.reception-officer'),
    t.login('hacthanh.specialist'),
    t.login('hacthanh.centre-director'),
    t.login('tinh.province-admin'),
  ]);
  marital = ((await t.req(null, { method: 'GET', url: '/api/procedures?q=1.004873' })).json().items as Proc[])[0]!;
  const units = (await t.req(null, { method: 'GET', url: '/api/units' })).json().items as {
    slug: string;
    receptionPoints: { id: string }[];
  }[];
  pointId = units.find((u) => u.slug === 'hacthanh')!.receptionPoints[0]!.id;
}, 120_000);
afterAll(() => t.close());

const q = (unitId: string, extra = '') => `unitId=${unitId}&from=${today.slice(0, 8)}01&to=${today}${extra}`;
const get = (as: Session | null, url: string) => t.req(as, { method: 'GET', url });
const indicator = (body: { indicators: { key: string }[] }, key: string) =>
  body.indicators.find((i) => i.key === key) as Record<string, unknown>;

describe('indicators follow the dossiers', () => {
  it('a dossier received and finished today moves the counts, the breakdowns and form 06', async () => {
    const before = (await get(director, `/api/indicators?${q(t.units.hacthanh)}`)).json();
    const person = citizen(77);
    const created = await t.req(officer, {
      method: 'POST',
      url: '/api/dossiers',
      payload: {
        procedureId: marital.id,
        competentUnitId: t.units.hacthanh,
        receptionPointId: pointId,
        channel: 'in-person',
        applicant: { idNumber: person.idNumber, fullName: person.fullName },
        components: marital.components.filter((c) => c.mandatory && !c.fromRegistry).map((c) => ({ componentId: c.id, presented: true })),
      },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const specialistId = await t.userId('hacthanh.specialist');
    expect(
      (await t.req(officer, { method: 'POST', url: `/api/dossiers/${id}/actions/assign`, payload: { assigneeId: specialistId } }))
        .statusCode,
    ).toBe(200);
    expect(
      (
        await t.req(specialist, {
          method: 'POST',
          url: `/api/dossiers/${id}/actions/refuse`,
          payload: { reason: 'Không thuộc thẩm quyền giải quyết' },
        })
      ).statusCode,
    ).toBe(200);

    const after = (await get(director, `/api/indicators?${q(t.units.hacthanh)}`)).json();
    expect(after.setId).toBe('qd766-2022');
    const rb = indicator(before, 'on-time-rate');
    const ra = indicator(after, 'on-time-rate');
    // Received today, refused today, before its due time: one more measured and on time.
    expect(ra.denominator).toBe((rb.denominator as number) + 1);
    expect(ra.numerator).toBe((rb.numerator as number) + 1);
    expect(indicator(after, 'synced-rate').denominator).toBe((indicator(before, 'synced-rate').denominator as number) + 1);

    // The province's figures include the ward's.
    const prov = (await get(province, `/api/indicators?${q(t.units.tinh)}`)).json();
    expect(indicator(prov, 'on-time-rate').denominator as number).toBeGreaterThanOrEqual(ra.denominator as number);

    // Drill-down by officer names the specialist; by step lists the assignment.
    const byOfficer = (await get(director, `/api/indicators/breakdown?${q(t.units.hacthanh, '&by=officer&key=on-time-rate')}`)).json();
    expect(byOfficer.items.find((i: { id: string }) => i.id === specialistId)).toMatchObject({
      numerator: expect.any(Number),
      denominator: expect.any(Number),
    });
    const bySum = byOfficer.items.reduce((s: number, i: { denominator: number }) => s + i.denominator, 0);
    expect(bySum).toBe(ra.denominator);
    const steps = (await get(director, `/api/indicators/breakdown?${q(t.units.hacthanh, '&by=step')}`)).json();
    expect(steps.items.map((i: { id: string }) => i.id)).toContain('assign');
    const ranking = (await get(province, `/api/indicators/ranking?${q(t.units.tinh)}`)).json();
    expect(ranking.items.map((i: { unitId: string }) => i.unitId)).toContain(t.units.hacthanh);

    // Form 06: the total's columns add up, JSON and XLSX agree.
    const f = (await get(director, `/api/reports/form-06?${q(t.units.hacthanh)}`)).json();
    const c = f.total;
    expect(c.c3).toBe(c.c4 + c.c5 + c.c6);
    expect(c.c7).toBe(c.c8 + c.c9 + c.c10);
    expect(c.c11).toBe(c.c12 + c.c13);
    expect(c.c7).toBeGreaterThanOrEqual(1);
    expect(f.reconciliation.received).toBe(indicator(after, 'synced-rate').denominator);
    const x = await get(director, `/api/reports/form-06?${q(t.units.hacthanh, '&format=xlsx')}`);
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as never);
    const ws = wb.worksheets[0]!;
    let totalRow: unknown[] = [];
    ws.eachRow((row) => {
      if (row.getCell(2).value === 'Tổng cộng') totalRow = (row.values as unknown[]).slice(3, 14);
    });
    expect(totalRow).toEqual([c.c3, c.c4, c.c5, c.c6, c.c7, c.c8, c.c9, c.c10, c.c11, c.c12, c.c13]);

    // The signed PDF: the same total and reconciliation in its text, and a signature that verifies intact.
    const p = await get(director, `/api/reports/form-06?${q(t.units.hacthanh, '&format=pdf')}`);
    expect(p.statusCode).toBe(200);
    expect(p.headers['content-type']).toContain('application/pdf');
    const text = (await pdfText(p.rawPayload)).pages.map((pg) => pg.text).join(' ');
    expect(text).toContain('TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH');
    expect(text).toContain(`Tổng cộng ${[c.c3, c.c4, c.c5, c.c6, c.c7, c.c8, c.c9, c.c10, c.c11, c.c12, c.c13].join(' ')}`);
    const rc = f.reconciliation;
    expect(text).toContain(`tiếp nhận ${rc.received}, đã đồng bộ ${rc.syncedToPortal}, chênh lệch ${rc.difference}`);
    for (const u of rc.unsynced.slice(0, 3)) expect(text).toContain(u.code);
    const v = await t.req(null, {
      method: 'POST',
      url: '/api/forms/verify',
      headers: { 'content-type': 'application/pdf' },
      payload: p.rawPayload,
    });
    expect(v.json()).toMatchObject({ signed: true, intact: true });
  }, 120_000);

  it('compliance lists every kind with counts and example dossiers', async () => {
    const r = await get(director, `/api/compliance?${q(t.units.hacthanh)}`);
    expect(r.statusCode).toBe(200);
    const kinds = r
      .json()
      .items.map((i: { kind: string }) => i.kind)
      .sort();
    expect(kinds).toEqual(
      [
        'late-result-update',
        'late-step',
        'not-digitised',
        'notice-after-deadline',
        'registry-data-demanded',
        'unsigned-notice',
        'vague-answer',
        'withdrawal-without-request',
      ].sort(),
    );
  });

  it('the public figures carry no personal data', async () => {
    const r = await get(null, '/api/public/indicators');
    expect(r.statusCode).toBe(200);
    // No ID number (12 digits) once the units' ids are set aside: a UUID's last group can be 12 digits by chance.
    const body = r.body.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>');
    expect(body).not.toMatch(/\d{12}/);
    expect(body).not.toContain(citizen(77).fullName);
    expect(r.json().items.length).toBeGreaterThanOrEqual(3);
  });
});

describe('bad input and scope', () => {
  it('periods, sets and breakdowns that make no sense are clear problems', async () => {
    const u = t.units.hacthanh;
    const cases: [string, number, string][] = [
      [`/api/indicators?unitId=${u}&from=2026-03-02&to=2026-03-01`, 400, 'period-invalid'],
      [`/api/indicators?unitId=${u}&from=2026-02-30&to=2026-03-01`, 400, 'period-invalid'],
      [`/api/indicators?unitId=${u}&from=2020-01-01&to=2026-01-01`, 400, 'period-too-long'],
      [`/api/indicators?unitId=${u}&from=2026-01-01&to=2026-01-31&set=qd999`, 400, 'indicator-set-unknown'],
      [`/api/indicators/breakdown?unitId=${u}&from=2026-01-01&to=2026-01-31&by=planet`, 400, 'breakdown-unknown'],
      [`/api/indicators/breakdown?unitId=${u}&from=2026-01-01&to=2026-01-31&by=unit&key=nope`, 400, 'breakdown-unknown'],
      [`/api/indicators?unitId=00000000-0000-4000-8000-000000000000&from=2026-01-01&to=2026-01-31`, 404, 'not-found'],
      [`/api/reports/form-06?unitId=${u}&from=2026-01-31&to=2026-01-01`, 400, 'period-invalid'],
    ];
    for (const [url, status, code] of cases) {
      const r = await get(director, url);
      expect({ url, status: r.statusCode, code: r.json().code }).toEqual({ url, status, code });
      expect(r.headers['content-type']).toContain('application/problem+json');
    }
  });
});
