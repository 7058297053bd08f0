// The late-step and unsigned-notice signals on hand-built histories, through the real dossier service and
// PostgreSQL: a step done after its own budget names the step and the officer who did it; a notice the
// service records names its signer; a notice recorded elsewhere without one (an imported record) is flagged.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vnDate } from '../../src/domain/indicators';
import { citizen } from '../../src/simulators/citizens';
import { createTestApi, type Session, type TestApi } from '../support/api';

let t: TestApi;
let officer: Session;
let specialist: Session;
let director: Session;
type Proc = { id: string; components: { id: string; mandatory: boolean; fromRegistry: boolean }[] };
let marital: Proc;
let pointId: string;
let specialistId: string;
const today = vnDate(new Date());
const DAY = 86_400_000;

beforeAll(async () => {
  t = await createTestApi();
  [officer, specialist, director] = await Promise.all([
    t.login('hacthanh.reception-officer'),
    t.login('hacthanh.specialist'),
    t.login('hacthanh.centre-director'),
  ]);
  marital = ((await t.req(null, { method: 'GET', url: '/api/procedures?q=1.004873' })).json().items as Proc[])[0]!;
  const units = (await t.req(null, { method: 'GET', url: '/api/units' })).json().items as {
    slug: string;
    receptionPoints: { id: string }[];
  }[];
  pointId = units.find((u) => u.slug === 'hacthanh')!.receptionPoints[0]!.id;
  specialistId = await t.userId('hacthanh.specialist');
}, 120_000);
afterAll(() => t.close());

let n = 300;
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
  const a = await act(officer, d.id, 'assign', { assigneeId: specialistId });
  expect(a.statusCode).toBe(200);
  return d;
}
const act = (as: Session, id: string, action: string, payload: Record<string, unknown> = {}) =>
  t.req(as, { method: 'POST', url: `/api/dossiers/${id}/actions/${action}`, payload });
const events = async (id: string) =>
  (await t.req(director, { method: 'GET', url: `/api/dossiers/${id}` })).json().events as {
    action: string;
    data: Record<string, unknown>;
  }[];
type Item = { kind: string; count: number; examples: { code: string; detail: string; officer?: string }[] };
const compliance = async () =>
  (await t.req(director, { method: 'GET', url: `/api/compliance?unitId=${t.units.hacthanh}&from=${today}&to=${today}&examples=50` })).json()
    .items as Item[];
const kind = (items: Item[], k: string) => items.find((i) => i.kind === k)!;

describe('late-step', () => {
  it("a specialist's step done after its budget is flagged with the step and the officer; one within budget is not", async () => {
    const before = kind(await compliance(), 'late-step').count;
    // Within budget: submitted right after assignment.
    const ok = await intakeAssigned();
    expect((await act(specialist, ok.id, 'submit-for-approval')).statusCode).toBe(200);
    const okStep = (await events(ok.id)).find((e) => e.action === 'submit-for-approval')!.data.step as Record<string, unknown>;
    expect(okStep).toMatchObject({ role: 'specialist', late: false });

    // Past budget: counting started 30 days ago (every step's share of the legal time has run out).
    const late = await intakeAssigned();
    // (The deadline row is the clock's home; the dossier keeps a copy for its lists.)
    await sql`UPDATE dossier SET counted_from = counted_from - interval '30 days' WHERE id = ${late.id}`.execute(t.database.db);
    await sql`UPDATE deadline SET received_at = received_at - interval '30 days', counted_from = counted_from - interval '30 days' WHERE subject_type = 'dossier' AND subject_id = ${late.id}`.execute(
      t.database.db,
    );
    expect((await act(specialist, late.id, 'submit-for-approval')).statusCode).toBe(200);
    const lateStep = (await events(late.id)).find((e) => e.action === 'submit-for-approval')!.data.step as { late: boolean; dueAt: string };
    expect(lateStep.late).toBe(true);
    expect(Date.parse(lateStep.dueAt)).toBeLessThan(Date.now() - DAY);

    const item = kind(await compliance(), 'late-step');
    expect(item.count).toBe(before + 1);
    const ex = item.examples.find((e) => e.code === late.code)!;
    const name = (await t.database.db.selectFrom('staff_user').select('full_name').where('id', '=', specialistId).executeTakeFirstOrThrow())
      .full_name;
    expect(ex.officer).toBe(name);
    expect(ex.detail).toContain('quá hạn');
    expect(ex.detail).toContain(name);
    expect(item.examples.some((e) => e.code === ok.code)).toBe(false);
  }, 120_000);
});

describe('unsigned-notice', () => {
  it('a refusal the service records names its signer; an imported one without a signer is flagged with who issued it', async () => {
    const before = kind(await compliance(), 'unsigned-notice').count;
    const signed = await intakeAssigned();
    expect((await act(specialist, signed.id, 'refuse', { reason: 'Không thuộc thẩm quyền giải quyết' })).statusCode).toBe(200);
    const sig = (await events(signed.id)).find((e) => e.action === 'refuse')!.data.signature as Record<string, unknown>;
    expect(sig).toMatchObject({ signerId: specialistId, role: 'specialist' });
    expect(kind(await compliance(), 'unsigned-notice').count).toBe(before);

    // An imported history: the stop notice was recorded with no signer (no signature, no stamp).
    const imported = await intakeAssigned();
    const d = await t.database.db
      .selectFrom('dossier')
      .select(['event_count', 'unit_id'])
      .where('id', '=', imported.id)
      .executeTakeFirstOrThrow();
    await t.database.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('dossier_event')
        .values({
          dossier_id: imported.id,
          seq: d.event_count + 1,
          at: new Date(),
          action: 'request-supplement',
          from_status: 'in-progress',
          to_status: 'awaiting-supplement',
          actor_id: null,
          actor_name: 'Cán bộ nhập từ hệ thống cũ',
          actor_role: 'specialist',
          unit_id: d.unit_id,
          reason: 'Bổ sung giấy tờ',
          data: JSON.stringify({ items: [] }),
        })
        .execute();
      await trx
        .updateTable('dossier')
        .set({ event_count: d.event_count + 1 })
        .where('id', '=', imported.id)
        .execute();
    });
    const item = kind(await compliance(), 'unsigned-notice');
    expect(item.count).toBe(before + 1);
    const ex = item.examples.find((e) => e.code === imported.code)!;
    expect(ex.officer).toBe('Cán bộ nhập từ hệ thống cũ');
    expect(ex.detail).toContain('Phiếu yêu cầu bổ sung');
    expect(item.examples.some((e) => e.code === signed.code)).toBe(false);
  }, 120_000);
});
