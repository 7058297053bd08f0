// The TT 01/2018 citizen-rating report on a hand-computed quarter: counter ratings, a portal dislike, a dossier
// ended early and a step done within its budget, through the real services and PostgreSQL; JSON and XLSX agree;
// the province sees every unit; others and bad periods get a problem.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quarterOf } from '../../src/domain/queue/rating';
import { citizen } from '../../src/simulators/citizens';
import { createTestApi, type Session, type TestApi } from '../support/api';

let t: TestApi;
let officer: Session;
let specialist: Session;
let director: Session;
let province: Session;
let otherDirector: Session;
type Proc = { id: string; components: { id: string; mandatory: boolean; fromRegistry: boolean }[] };
let marital: Proc;
let pointId: string;
let specialistId: string;
let officerId: string;
const { year, quarter } = quarterOf(new Date());
const url = (unitId: string, extra = '') => `/api/reports/citizen-ratings?unitId=${unitId}&year=${year}&quarter=${quarter}${extra}`;

let n = 500;
async function intakeAssigned(): Promise<{ id: string; code: string }> {
  const person = citizen(n++);
  const r = await t.req(officer, {
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
  expect(r.statusCode).toBe(201);
  const d = r.json() as { id: string; code: string };
  expect((await act(officer, d.id, 'assign', { assigneeId: specialistId })).statusCode).toBe(200);
  return d;
}
const act = (as: Session, id: string, action: string, payload: Record<string, unknown> = {}) =>
  t.req(as, { method: 'POST', url: `/api/dossiers/${id}/actions/${action}`, payload });

beforeAll(async () => {
  t = await createTestApi();
  [officer, specialist, director, province, otherDirector] = await Promise.all([
    t.login('hacthanh.reception-officer'),
    t.login('hacthanh.specialist'),
    t.login('hacthanh.centre-director'),
    t.login('tinh.province-admin'),
    t.login('nguyetvien.centre-director'),
  ]);
  marital = ((await t.req(null, { method: 'GET', url: '/api/procedures?q=1.004873' })).json().items as Proc[])[0]!;
  const units = (await t.req(null, { method: 'GET', url: '/api/units' })).json().items as {
    slug: string;
    receptionPoints: { id: string }[];
  }[];
  pointId = units.find((u) => u.slug === 'hacthanh')!.receptionPoints[0]!.id;
  [specialistId, officerId] = await Promise.all([t.userId('hacthanh.specialist'), t.userId('hacthanh.reception-officer')]);

  // D1: refused at once (3 working days allowed): ended early, indicator 1 = 2 for the specialist.
  const d1 = await intakeAssigned();
  expect((await act(specialist, d1.id, 'refuse', { reason: 'Không thuộc thẩm quyền giải quyết' })).statusCode).toBe(200);
  // D2: the specialist submits at once, far within the step's budget: indicator 2 = 2 for the specialist.
  const d2 = await intakeAssigned();
  expect((await act(specialist, d2.id, 'submit-for-approval')).statusCode).toBe(200);

  const db = t.database.db;
  const at = new Date();
  // Counter ratings of the reception officer: r1 on D1 (2, 2, 2, 2), r2 on D2 (1, 1, —, 0).
  await db
    .insertInto('counter_rating')
    .values([
      {
        unit_id: t.units.hacthanh,
        dossier_id: d1.id,
        officer_id: officerId,
        contacts: 2,
        bodies: 2,
        publicity: 2,
        attitude: 2,
        low: false,
        at,
      },
      {
        unit_id: t.units.hacthanh,
        dossier_id: d2.id,
        officer_id: officerId,
        contacts: 1,
        bodies: 1,
        publicity: null,
        attitude: 0,
        low: true,
        at,
      },
    ])
    .execute();
  // The citizen disliked D1 on the portal: a complaint about its officer (the specialist): attitude 0.
  const person = citizen(900);
  const c = await db
    .insertInto('citizen')
    .values({ id_number: person.idNumber, full_name: person.fullName })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('dossier_rating').values({ dossier_id: d1.id, citizen_id: c.id, value: 'dislike', reason: 'Chờ lâu', at }).execute();
}, 180_000);
afterAll(() => t.close());

type Row = {
  name: string;
  ratings: number;
  levels: Record<'2' | '1' | '0', number>;
  likes: number;
  dislikes: number;
  scores: Record<string, number>;
  total: number | null;
  band: string | null;
};

describe('TT 01/2018 citizen-rating report', () => {
  it('officer and unit scores match the hand computation', async () => {
    const r = await t.req(director, { method: 'GET', url: url(t.units.hacthanh) });
    expect(r.statusCode).toBe(200);
    const body = r.json() as { units: (Row & { unitId: string })[]; officers: (Row & { officerId: string })[]; from: string; to: string };
    const s = body.officers.find((o) => o.officerId === specialistId)!;
    // Specialist: indicator 1 = 2 (D1 early), 2 = 2 (D2's step early), 7 = 0 (the dislike): 4.0, 70–100 %.
    expect(s.scores).toEqual({ 'total-time': 2, 'step-time': 2, attitude: 0 });
    expect(s).toMatchObject({ total: 4, band: 'partial', ratings: 1, dislikes: 1, likes: 0, levels: { '2': 2, '1': 0, '0': 1 } });
    const o = body.officers.find((x) => x.officerId === officerId)!;
    // Reception officer: contacts (2+1)/2 = 1.5, bodies 1.5, attitude (2+0)/2 = 1.0: 4.0, 70–100 %.
    expect(o.scores).toEqual({ contacts: 1.5, bodies: 1.5, attitude: 1 });
    expect(o).toMatchObject({ total: 4, band: 'partial', ratings: 2, levels: { '2': 4, '1': 2, '0': 1 } });
    expect(body.officers).toHaveLength(2);
    // Unit: 1 = 2.0, 2 = 2.0, 3 = 1.5, 4 = 1.5, 6 = 2.0, 7 = (2+0+0)/3 = 0.7, 9 = 0 (no dossier online): 9.7, fair.
    // Indicator 8 (feedback on time) is unit-level and comes from the demo province's feedback, whatever it is.
    const u = body.units.find((x) => x.unitId === t.units.hacthanh)!;
    const { feedback, ...rest } = u.scores;
    expect(rest).toEqual({ 'total-time': 2, 'step-time': 2, contacts: 1.5, bodies: 1.5, publicity: 2, attitude: 0.7, online: 0 });
    expect(u.total).toBe(Math.round((9.7 + (feedback ?? 0)) * 10) / 10);
    expect(u).toMatchObject({ band: 'fair', ratings: 3, levels: { '2': 6, '1': 2, '0': 2 } });
    expect(body.units).toHaveLength(1);
  }, 120_000);

  it('the province sees every unit; the XLSX carries the same rows', async () => {
    const r = await t.req(province, { method: 'GET', url: url(t.units.tinh) });
    expect(r.statusCode).toBe(200);
    const body = r.json() as { units: (Row & { unitId: string })[] };
    expect(body.units.length).toBeGreaterThanOrEqual(4);
    const hacScores = body.units[0]!.scores;
    expect(body.units[0]).toMatchObject({ unitId: t.units.hacthanh, total: Math.round((9.7 + (hacScores.feedback ?? 0)) * 10) / 10 });
    // The other units have no ratings and no dossiers: at most their feedback indicator.
    for (const u of body.units.slice(1)) expect(u.total).toBe(u.scores.feedback ?? null);

    const x = await t.req(province, { method: 'GET', url: url(t.units.tinh, '&format=xlsx') });
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const rows = (name: string) => (wb.getWorksheet(name)!.getSheetValues() as unknown[][]).filter(Boolean).map((row) => row.slice(1));
    const units = rows('Đơn vị');
    const hac = units.find((row) => row[1] === body.units[0]!.name)!;
    // STT, name, ratings, 2s, 1s, 0s, likes, dislikes, feedback satisfied/unsatisfied, indicators 1–9, total, band.
    expect(hac.slice(2, 6)).toEqual([3, 6, 2, 2]);
    expect(hac.slice(10, 19)).toEqual([2, 2, 1.5, 1.5, undefined, 2, 0.7, hacScores.feedback, 0]);
    expect(hac.slice(19)).toEqual([body.units[0]!.total, 'Khá']);
    const officers = rows('Cán bộ, công chức');
    const spec = officers.find((row) => row[0] !== 'STT' && typeof row[0] === 'number' && row[3] === 1)!;
    expect(spec.slice(9)).toEqual([2, 2, undefined, undefined, 0, 4, 'Hoàn thành từ 70% đến dưới 100%']);
  }, 120_000);

  it('another unit’s director, a reception officer, a future or malformed quarter get a problem', async () => {
    const other = await t.req(otherDirector, { method: 'GET', url: url(t.units.hacthanh) });
    expect([403, 404]).toContain(other.statusCode);
    expect(other.headers['content-type']).toContain('application/problem+json');
    expect((await t.req(officer, { method: 'GET', url: url(t.units.hacthanh) })).statusCode).toBe(403);
    const future = await t.req(director, {
      method: 'GET',
      url: `/api/reports/citizen-ratings?unitId=${t.units.hacthanh}&year=${year + 1}&quarter=1`,
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().code).toBe('period-invalid');
    const bad = await t.req(director, {
      method: 'GET',
      url: `/api/reports/citizen-ratings?unitId=${t.units.hacthanh}&year=${year}&quarter=5`,
    });
    expect(bad.statusCode).toBe(400);
  }, 60_000);
});
