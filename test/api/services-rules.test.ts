// The law's rules in the services, each with a test that fails when that one line breaks: written for the
// survivors of the services mutation run (stryker/services.config.mjs; docs/testing.md lists them). Every test
// builds its own ward of the demo province (a reception point, its own officer, specialist, leader and
// director), so any test runs alone and in any order.
import { randomUUID } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/roles';
import type { ServiceContext } from '../../src/services/context';
import { vnDate } from '../../src/domain/indicators';
import { citizen } from '../../src/simulators/citizens';
import { createTestApi, type Session, type TestApi } from '../support/api';
import { staffWithRoles } from '../support/people';

let t: TestApi;
type Proc = { id: string; code: string; components: { id: string; name: string; mandatory: boolean; fromRegistry: boolean }[] };
let marital: Proc; // 1.004873: 3 working days, boundary-free, in person, online and by post
let will: Proc; // 2.001019: boundary-free, in person only
let copyOfContract: Proc; // 2.000942: not boundary-free (received only by the competent unit)

beforeAll(async () => {
  t = await createTestApi();
  const find = async (code: string) =>
    ((await t.req(null, { method: 'GET', url: `/api/procedures?q=${code}` })).json().items as Proc[])[0]!;
  [marital, will, copyOfContract] = await Promise.all([find('1.004873'), find('2.001019'), find('2.000942')]);
});
afterAll(() => t.close());

type Staff = Session & { username: string };
type Ward = { unitId: string; pointId: string; staff: (role: Role) => Promise<Staff> };

/**
 * A new ward of the demo province, handling the given procedures, with one reception point. Its staff (one
 * account per role, holding that role there only) are made and signed in when first asked for: sign-ins are
 * limited to 30 a minute from one address.
 */
async function freshWard(procedures: Proc[] = [marital], province: string = t.units.tinh): Promise<Ward> {
  const db = t.database.db;
  const tag = randomUUID().slice(0, 8);
  const unit = await db
    .insertInto('unit')
    .values({ slug: `r-${tag}`, code: `R.${tag.toUpperCase()}`, name: `Phường thử ${tag}`, type: 'ward', parent_id: province })
    .returning('id')
    .executeTakeFirstOrThrow();
  const point = await db
    .insertInto('reception_point')
    .values({ unit_id: unit.id, host_unit_id: unit.id, name: `Trụ sở ${tag}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (procedures.length)
    await db
      .insertInto('unit_procedure')
      .values(procedures.map((p) => ({ unit_id: unit.id, procedure_id: p.id })))
      .execute();
  const made = new Map<Role, Promise<Staff>>();
  const staff = (role: Role) => {
    if (!made.has(role)) made.set(role, staffWithRoles(t, `r${tag}.${role}`, [{ unitId: unit.id, role }]));
    return made.get(role)!;
  };
  return { unitId: unit.id, pointId: point.id, staff };
}

const mandatory = (p: Proc) =>
  p.components.filter((c) => c.mandatory && !c.fromRegistry).map((c) => ({ componentId: c.id, presented: true }));
const intakeBody = (w: Ward, over: Record<string, unknown> = {}) => ({
  procedureId: marital.id,
  competentUnitId: w.unitId,
  receptionPointId: w.pointId,
  channel: 'in-person',
  applicant: { idNumber: citizen(42).idNumber, fullName: 'x' },
  components: mandatory(marital),
  ...over,
});
const intake = (as: Session, body: Record<string, unknown>) => t.req(as, { method: 'POST', url: '/api/dossiers', payload: body });
const received = async (w: Ward) => {
  const r = await intake(await w.staff('reception-officer'), intakeBody(w));
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: string; dueAt: string };
};
const act = (as: Session, id: string, action: string, payload: Record<string, unknown> = {}) =>
  t.req(as, { method: 'POST', url: `/api/dossiers/${id}/actions/${action}`, payload });
const dossierCount = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('dossier')
        .select((e) => e.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const eventCount = async (id: string) =>
  (await t.database.db.selectFrom('dossier_event').select('seq').where('dossier_id', '=', id).execute()).length;
/** A refusal with this status and code that wrote nothing on the dossier. */
const refused = async (
  r: { statusCode: number; body: string; json: () => { code?: string } },
  status: number,
  code: string,
  id?: string,
  n?: number,
) => {
  expect(r.statusCode, r.body).toBe(status);
  expect(r.json().code).toBe(code);
  if (id) expect(await eventCount(id)).toBe(n);
};
/** A one-page PDF uploaded by a ward's officer (a scanned request or a signed result). */
const uploadPdf = async (as: Session, unitId: string, name = 'scan.pdf'): Promise<string> => {
  const doc = await PDFDocument.create();
  doc.addPage();
  const r = await t.req(as, {
    method: 'POST',
    url: `/api/files?unitId=${unitId}&name=${name}`,
    headers: { 'content-type': 'application/pdf' },
    payload: Buffer.from(await doc.save()),
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as string;
};
/** A province of its own (no staff, no procedures): for the rules that stop at the province's border. */
const freshProvince = async (): Promise<string> => {
  const tag = randomUUID().slice(0, 8);
  const p = await t.database.db
    .insertInto('unit')
    .values({ slug: `p-${tag}`, code: `P.${tag.toUpperCase()}`, name: `Tỉnh thử ${tag}`, type: 'province', parent_id: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return p.id;
};
/** The service context of a ward's staff member, for calls that pass the time (`now`) in. */
const ctxOf = async (s: Staff): Promise<ServiceContext> => {
  const u = await t.app.services.auth.loadUser(s.userId);
  return {
    actor: { userId: u!.id, username: u!.username, fullName: u!.fullName, roles: u!.roles },
    requestId: 'test',
    lang: 'vi',
    ip: '127.0.0.1',
  };
};

describe('intake rules (Decree 118 Art. 14–15, 18)', () => {
  it('only a reception officer of the point’s unit receives there: a specialist of the ward, or an officer of another ward, is 403', async () => {
    const w = await freshWard();
    const other = await freshWard();
    const before = await dossierCount();
    await refused(await intake(await w.staff('specialist'), intakeBody(w)), 403, 'forbidden');
    await refused(await intake(await other.staff('reception-officer'), intakeBody(w)), 403, 'forbidden');
    expect(await dossierCount()).toBe(before);
    expect((await intake(await w.staff('reception-officer'), intakeBody(w))).statusCode).toBe(201);
  });

  it('a closed reception point receives nothing (404)', async () => {
    const w = await freshWard();
    await t.database.db.updateTable('reception_point').set({ active: false }).where('id', '=', w.pointId).execute();
    await refused(await intake(await w.staff('reception-officer'), intakeBody(w)), 404, 'not-found');
  });

  it('a procedure the competent unit does not handle is 422 procedure-not-handled', async () => {
    const w = await freshWard([]);
    await refused(await intake(await w.staff('reception-officer'), intakeBody(w)), 422, 'procedure-not-handled');
  });

  it('a channel the procedure does not offer is 422 channel-not-offered; one it offers is received', async () => {
    const w = await freshWard([marital, will]);
    const body = intakeBody(w, { procedureId: will.id, components: mandatory(will) });
    const officer = await w.staff('reception-officer');
    await refused(await intake(officer, { ...body, channel: 'postal' }), 422, 'channel-not-offered');
    expect((await intake(officer, { ...body, channel: 'in-person' })).statusCode).toBe(201);
  });

  it('the return point is one of the competent unit or of the receiving point’s unit, and open', async () => {
    const competent = await freshWard();
    const receiving = await freshWard();
    const elsewhere = await freshWard();
    // Boundary-free: received at another ward of the province for the competent ward.
    const officer = await receiving.staff('reception-officer');
    const across = (returnPointId: string) => intakeBody(receiving, { competentUnitId: competent.unitId, returnPointId });
    await refused(await intake(officer, across(elsewhere.pointId)), 422, 'return-point-invalid');
    expect((await intake(officer, across(competent.pointId))).statusCode).toBe(201);
    expect((await intake(officer, across(receiving.pointId))).statusCode).toBe(201);
    await t.database.db.updateTable('reception_point').set({ active: false }).where('id', '=', competent.pointId).execute();
    await refused(await intake(officer, across(competent.pointId)), 422, 'return-point-invalid');
  });
  it('another role at the point’s unit does not receive even when the registry lookup lets it; the officer’s role elsewhere does not count', async () => {
    const w = await freshWard();
    const x = await freshWard();
    await received(w); // the citizen now has a dossier at w: a desk role there may look them up
    const before = await dossierCount();
    const tag = randomUUID().slice(0, 8);
    const specialistHere = await w.staff('specialist');
    const officerElsewhere = await staffWithRoles(t, `rx${tag}`, [
      { unitId: x.unitId, role: 'reception-officer' },
      { unitId: w.unitId, role: 'specialist' },
    ]);
    await refused(await intake(specialistHere, intakeBody(w)), 403, 'forbidden');
    await refused(await intake(officerElsewhere, intakeBody(w)), 403, 'forbidden');
    expect(await dossierCount()).toBe(before);
    // An officer of this point who also holds a role in another unit receives here.
    const officerHere = await staffWithRoles(t, `rh${tag}`, [
      { unitId: w.unitId, role: 'reception-officer' },
      { unitId: x.unitId, role: 'specialist' },
    ]);
    expect((await intake(officerHere, intakeBody(w))).statusCode).toBe(201);
  });

  it('an unknown competent unit or procedure is 404 from the service, not a crash', async () => {
    const w = await freshWard();
    const ctx = await ctxOf(await w.staff('reception-officer'));
    const svc = t.app.services.dossiers;
    const body = intakeBody(w) as unknown as Parameters<typeof svc.create>[1];
    await expect(svc.create(ctx, { ...body, competentUnitId: randomUUID() })).rejects.toMatchObject({ code: 'not-found' });
    await expect(svc.create(ctx, { ...body, procedureId: randomUUID() })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('another centre receives only boundary-free procedures, and only of its own province (Decree 118 Art. 14)', async () => {
    const here = await freshWard([marital, copyOfContract]);
    const there = await freshWard([marital, copyOfContract]);
    const far = await freshWard([marital], await freshProvince());
    const officer = await here.staff('reception-officer');
    const before = await dossierCount();
    const forThere = (p: Proc, unitId = there.unitId) =>
      intakeBody(here, { procedureId: p.id, competentUnitId: unitId, components: mandatory(p) });
    await refused(await intake(officer, forThere(copyOfContract)), 422, 'boundary-not-allowed');
    await refused(await intake(officer, forThere(marital, far.unitId)), 422, 'boundary-not-allowed');
    expect(await dossierCount()).toBe(before);
    const ok = await intake(officer, forThere(marital));
    expect(ok.statusCode, ok.body).toBe(201);
    // Its own procedure that is not boundary-free it receives for itself.
    const own = await intake(officer, intakeBody(here, { procedureId: copyOfContract.id, components: mandatory(copyOfContract) }));
    expect(own.statusCode, own.body).toBe(201);
  });
});

describe('dossier actions: the checks of checkAction and checkLoaded', () => {
  // The API's schema already refuses an empty reason (400); a reason of spaces only passes it as text and is
  // refused by the service's own check, which is also what other callers of the service (CLI, jobs) meet.
  it('a refusal needs written reasons and only the procedure’s components; nothing is written otherwise', async () => {
    const w = await freshWard();
    const officer = await w.staff('reception-officer');
    const { id } = await received(w);
    const svc = t.app.services.dossiers;
    await expect(svc.act(await ctxOf(officer), id, 'refuse', { reason: '   ' })).rejects.toMatchObject({ code: 'validation-failed' });
    expect(await eventCount(id)).toBe(1);
    const foreign = will.components[0]!;
    await refused(
      await act(officer, id, 'refuse', { reason: 'Thiếu giấy tờ', items: [{ componentId: foreign.id, reason: 'x' }] }),
      422,
      'component-not-in-procedure',
      id,
      1,
    );
    const own = marital.components.find((c) => !c.fromRegistry)!;
    const ok = await act(officer, id, 'refuse', { reason: 'Thiếu giấy tờ', items: [{ componentId: own.id, reason: 'Chưa có' }] });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('a stop on the citizen’s request still needs written reasons; a withdrawal request names its channel and reason', async () => {
    const w = await freshWard();
    const [officer, leader] = [await w.staff('reception-officer'), await w.staff('leader')];
    const { id } = await received(w);
    const svc = t.app.services.dossiers;
    const asOfficer = await ctxOf(officer);
    const evidenceFileIds = [await uploadPdf(officer, w.unitId)];
    await expect(svc.act(asOfficer, id, 'record-withdrawal-request', { reason: 'Xin rút', evidenceFileIds })).rejects.toMatchObject({
      code: 'validation-failed',
    });
    await expect(
      svc.act(asOfficer, id, 'record-withdrawal-request', { channel: 'in-person', reason: '  ', evidenceFileIds }),
    ).rejects.toMatchObject({ code: 'validation-failed' });
    expect(await eventCount(id)).toBe(1);
    const asked = await act(officer, id, 'record-withdrawal-request', {
      channel: 'in-person',
      reason: 'Công dân xin rút hồ sơ',
      evidenceFileIds,
    });
    expect(asked.json()).toMatchObject({ status: 'withdrawal-requested' });
    await expect(svc.act(await ctxOf(leader), id, 'stop', { reason: ' ' })).rejects.toMatchObject({ code: 'validation-failed' });
    expect(await eventCount(id)).toBe(2);
    expect((await act(leader, id, 'stop', { reason: 'Theo đơn xin rút' })).json()).toMatchObject({ status: 'stopped' });
  });

  it('a reason left out altogether (a caller other than the API) is refused as a missing reason, not a crash; a withdrawal request on paper needs its scan', async () => {
    const w = await freshWard();
    const target = await freshWard();
    const [officer, leader] = [await w.staff('reception-officer'), await w.staff('leader')];
    const { id } = await received(w);
    const svc = t.app.services.dossiers;
    const [asOfficer, asLeader] = [await ctxOf(officer), await ctxOf(leader)];
    await expect(svc.act(asOfficer, id, 'refuse', {})).rejects.toMatchObject({ code: 'validation-failed' });
    await expect(svc.act(asOfficer, id, 'record-withdrawal-request', { channel: 'in-person' })).rejects.toMatchObject({
      code: 'validation-failed',
    });
    await expect(svc.act(asLeader, id, 'transfer', { toUnitId: target.unitId })).rejects.toMatchObject({ code: 'validation-failed' });
    // A request received on paper at the counter is kept as its scan: the evidence that the citizen asked.
    await expect(
      svc.act(asOfficer, id, 'record-withdrawal-request', { channel: 'in-person', reason: 'Công dân xin rút hồ sơ' }),
    ).rejects.toMatchObject({ code: 'withdrawal-evidence-required' });
    await refused(
      await act(officer, id, 'record-withdrawal-request', { channel: 'in-person', reason: 'Công dân xin rút hồ sơ', evidenceFileIds: [] }),
      422,
      'withdrawal-evidence-required',
      id,
      1,
    );
    // A refusal names the missing papers only when there are some: without items it is still a refusal.
    await expect(svc.act(asOfficer, id, 'refuse', { reason: 'Hồ sơ không thuộc thẩm quyền giải quyết' })).resolves.toMatchObject({
      status: 'refused',
    });
  });

  it('one new date: later than the old due time (not equal) and than now; a later one is kept', async () => {
    const w = await freshWard();
    const leader = await w.staff('leader');
    const { id, dueAt } = await received(w);
    const due = new Date(dueAt).getTime();
    const at = (ms: number) => new Date(ms).toISOString();
    // After now but before the due time, and exactly the due time.
    await refused(
      await act(leader, id, 'apologize-and-extend', { reason: 'x', newDueAt: at(due - 3_600_000) }),
      422,
      'extension-date-invalid',
      id,
      1,
    );
    await refused(await act(leader, id, 'apologize-and-extend', { reason: 'x', newDueAt: at(due) }), 422, 'extension-date-invalid', id, 1);
    // Late already: a date after the old due time but before now is no new date.
    const ctx = await ctxOf(leader);
    const now = new Date(due + 5 * 86_400_000);
    await expect(
      t.app.services.dossiers.act(ctx, id, 'apologize-and-extend', { reason: 'Quá hạn', newDueAt: at(due + 86_400_000) }, now),
    ).rejects.toMatchObject({ code: 'extension-date-invalid' });
    expect(await eventCount(id)).toBe(1);
    const ok = await act(leader, id, 'apologize-and-extend', { reason: 'Chờ xác minh', newDueAt: at(due + 1000) });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(new Date(ok.json().dueAt).getTime()).toBe(due + 1000);
  });

  it('a transfer goes to another unit of the same province that handles the procedure, with a written reason', async () => {
    const w = await freshWard();
    const target = await freshWard();
    const leader = await w.staff('leader');
    const { id } = await received(w);
    // A ward of another province, handling the procedure.
    const db = t.database.db;
    const far = { id: (await freshWard([marital], await freshProvince())).unitId };
    await refused(await act(leader, id, 'transfer', { toUnitId: w.unitId, reason: 'x' }), 422, 'transfer-target-invalid', id, 1);
    await refused(await act(leader, id, 'transfer', { toUnitId: far.id, reason: 'x' }), 422, 'transfer-target-invalid', id, 1);
    await expect(
      t.app.services.dossiers.act(await ctxOf(leader), id, 'transfer', { toUnitId: target.unitId, reason: '  ' }),
    ).rejects.toMatchObject({
      code: 'validation-failed',
    });
    expect(await eventCount(id)).toBe(1);
    const moved = await act(leader, id, 'transfer', { toUnitId: target.unitId, reason: 'Thuộc thẩm quyền nơi cư trú' });
    expect(moved.statusCode, moved.body).toBe(200);
    const d = await db.selectFrom('dossier').select('unit_id').where('id', '=', id).executeTakeFirstOrThrow();
    expect(d.unit_id).toBe(target.unitId);
  });
});

describe('form 06 (TT 01/2020/TT-VPCP II.06a): each column from its own counter', () => {
  it('a ward’s month: one open from before, one online, two at the counter of which one refused today', async () => {
    const w = await freshWard();
    const [officer, director] = [await w.staff('reception-officer'), await w.staff('centre-director')];
    // Received 60 days ago and still open: open before the month, and late at its end.
    const long = await t.app.services.dossiers.create(
      await ctxOf(officer),
      intakeBody(w) as Parameters<typeof t.app.services.dossiers.create>[1],
      new Date(Date.now() - 60 * 86_400_000),
    );
    expect(long.dueAt!.getTime()).toBeLessThan(Date.now());
    expect((await intake(officer, intakeBody(w, { channel: 'online' }))).statusCode).toBe(201);
    const { id } = await received(w);
    await received(w);
    expect((await act(officer, id, 'refuse', { reason: 'Thiếu giấy tờ' })).statusCode).toBe(200);
    const today = vnDate(new Date());
    const r = await t.req(director, {
      method: 'GET',
      url: `/api/reports/form-06?unitId=${w.unitId}&from=${today.slice(0, 8)}01&to=${today}`,
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().total).toEqual({ c3: 4, c4: 1, c5: 2, c6: 1, c7: 1, c8: 1, c9: 0, c10: 0, c11: 3, c12: 2, c13: 1 });
  });
});

describe('feedback: the answer checks in the service', () => {
  let senders = 0;
  /** A feedback sent to the ward from an address of its own (the public route takes 20 a minute from one). */
  const sendFeedback = async (w: Ward) => {
    senders++;
    const r = await t.req(null, {
      method: 'POST',
      url: '/api/public/feedback',
      payload: {
        unitId: w.unitId,
        kind: 'service',
        subject: 'Hẹn trả kết quả nhiều lần',
        content: 'Tôi nộp hồ sơ, cán bộ hẹn lại ba lần mà không nói lý do. Đề nghị trả lời cụ thể.',
        points: ['Vì sao hẹn lại ba lần'],
        contact: { fullName: 'Trần Thị Bình', phone: '0987 654 321' },
      },
      remoteAddress: `127.1.${Math.floor(senders / 250)}.${(senders % 250) + 1}`,
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as { id: string };
  };
  const answer = (responsibleUnitId: string | null) => ({
    outcome: 'explained',
    legalBasis: [{ document: 'Nghị định 123/2015/NĐ-CP', article: 'Điều 18' }],
    points: [
      {
        point: 'Vì sao hẹn lại ba lần',
        response: 'Hồ sơ phải xác minh tại nơi cư trú trước đây; cán bộ đã không ghi lý do vào phiếu hẹn, Trung tâm đã nhắc nhở cán bộ.',
      },
    ],
    actions: [{ what: 'Ghi rõ lý do vào mọi phiếu hẹn lại', responsibleUnitId, dueDate: '2026-12-31' }],
  });
  const fbAct = (as: Session, id: string, action: string, payload: Record<string, unknown> = {}) =>
    t.req(as, { method: 'POST', url: `/api/feedback/${id}/actions/${action}`, payload });
  const failures = async (id: string) =>
    (await t.database.db.selectFrom('feedback_check_failure').select('checks').where('feedback_id', '=', id).execute()).length;

  it('a promised action’s unit is the province or one of its units, not a unit of another province', async () => {
    const w = await freshWard([]);
    const officer = await w.staff('feedback-officer');
    const { id } = await sendFeedback(w);
    expect((await fbAct(officer, id, 'accept')).statusCode).toBe(200);
    const other = { id: await freshProvince() };
    const far = { id: (await freshWard([], other.id)).unitId };
    for (const unitId of [far.id, other.id]) {
      const r = await fbAct(officer, id, 'answer', answer(unitId));
      expect(r.statusCode, r.body).toBe(422);
      expect(r.json()).toMatchObject({ code: 'answer-not-specific', failedChecks: ['no-responsible-unit-or-date'] });
    }
    expect(await failures(id)).toBe(2);
    // The province itself and any of its wards may carry a promised action.
    const both = answer(t.units.tinh);
    both.actions.push({ what: 'Niêm yết lý do hẹn lại tại bộ phận một cửa', responsibleUnitId: w.unitId, dueDate: '2026-12-31' });
    const ok = await fbAct(officer, id, 'answer', both);
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('the checks run again at approval: an answer that met the province’s settings when written is held back after they tighten', async () => {
    const province = await freshProvince();
    const w = await freshWard([], province);
    const [officer, leader] = [await w.staff('feedback-officer'), await w.staff('leader')];
    const admin = await staffWithRoles(t, `pa${randomUUID().slice(0, 8)}`, [{ unitId: province, role: 'province-admin' }]);
    const { id } = await sendFeedback(w);
    expect((await fbAct(officer, id, 'accept')).statusCode).toBe(200);
    const answered = await fbAct(officer, id, 'answer', answer(w.unitId));
    expect(answered.statusCode, answered.body).toBe(200);
    const tightened = await t.req(admin, {
      method: 'PUT',
      url: `/api/feedback/settings/${province}`,
      payload: { refuseDays: 2, infoDays: 5, answerDays: 15, publishDays: 2, minAnswerChars: 2000 },
    });
    expect(tightened.statusCode, tightened.body).toBe(200);
    const r = await fbAct(leader, id, 'approve');
    expect(r.statusCode, r.body).toBe(422);
    expect(r.json().code).toBe('answer-not-specific');
    expect(await failures(id)).toBe(1);
    const f = await t.database.db.selectFrom('feedback').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    expect(f.status).toBe('answered');
    // Sending it back for a better answer is not held back by the checks: they guard answering and approval only.
    const back = await fbAct(leader, id, 'return', { comment: 'Trả lời chưa đủ độ dài theo quy định mới của tỉnh' });
    expect(back.statusCode, back.body).toBe(200);
  });

  it('an answer out of turn is 409 before any check, and records no failed check', async () => {
    const w = await freshWard([]);
    const officer = await w.staff('feedback-officer');
    const { id } = await sendFeedback(w);
    const r = await fbAct(officer, id, 'answer', { ...answer(null), legalBasis: [] });
    expect(r.statusCode, r.body).toBe(409);
    expect(r.json().code).toBe('action-not-allowed');
    expect(await failures(id)).toBe(0);
  });
});
