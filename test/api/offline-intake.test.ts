// Dossiers received at the counter while the server was unreachable, sent when the connection returns: the deadline
// counts from the receipt at the counter when the device clock is plausible, else from the server's first contact
// (with a warning); a repeated sync creates one dossier; a replaced procedure version is a conflict for the officer;
// the citizen gets the real code by SMS (through the outbox).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizen } from '../../src/simulators/citizens';
import { createTestApi, type Session, type TestApi } from '../support/api';

let t: TestApi;
let officer: Session;
type Proc = { id: string; versionId: string; components: { id: string; mandatory: boolean; fromRegistry: boolean }[] };
let marital: Proc;
let pointId: string;

beforeAll(async () => {
  t = await createTestApi();
  officer = await t.login('hacthanh.reception-officer');
  marital = ((await t.req(null, { method: 'GET', url: '/api/procedures?q=1.004873' })).json().items as Proc[])[0]!;
  const units = (await t.req(null, { method: 'GET', url: '/api/units' })).json().items as {
    slug: string;
    receptionPoints: { id: string }[];
  }[];
  pointId = units.find((u) => u.slug === 'hacthanh')!.receptionPoints[0]!.id;
}, 120_000);
afterAll(() => t.close());

const body = (n: number, offline: Record<string, unknown>) => ({
  procedureId: marital.id,
  competentUnitId: t.units.hacthanh,
  receptionPointId: pointId,
  channel: 'in-person',
  applicant: { idNumber: citizen(n).idNumber, fullName: 'x', phone: '0912345678' },
  components: marital.components.filter((c) => c.mandatory && !c.fromRegistry).map((c) => ({ componentId: c.id, presented: true })),
  offline,
});
const post = (payload: unknown, key: string) =>
  t.req(officer, {
    method: 'POST',
    url: '/api/dossiers',
    payload: payload as Record<string, unknown>,
    headers: { 'idempotency-key': key },
  });

describe('offline intake', () => {
  it('counts the deadline from the receipt at the counter, once however often it is sent, and texts the real code', async () => {
    const receivedAt = new Date(Date.now() - 2 * 60 * 60_000);
    const key = randomUUID();
    const payload = body(52, {
      receivedAt: receivedAt.toISOString(),
      provisionalNo: 'T-ABC123-0001',
      procedureVersionId: marital.versionId,
    });
    const first = await post(payload, key);
    expect(first.statusCode).toBe(201);
    const r = first.json();
    expect(new Date(r.receivedAt).getTime()).toBe(receivedAt.getTime());
    expect(r.offline).toEqual({ provisionalNo: 'T-ABC123-0001', deviceTimeUsed: true, clockWarning: null });
    // The same deadline as a dossier received then (the calendar's answer for that receipt time).
    const expected = (
      await t.req(null, {
        method: 'POST',
        url: '/api/calendar/deadline',
        payload: { receivedAt: receivedAt.toISOString(), workingDays: (await procDays()) ?? 0, unitId: t.units.hacthanh },
      })
    ).json();
    expect(new Date(r.dueAt).getTime()).toBe(new Date(expected.dueAt).getTime());

    const again = await post(payload, key);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(r.id);
    const rows = await t.database.db.selectFrom('dossier').select('id').where('applicant_id_number', '=', citizen(52).idNumber).execute();
    expect(rows).toHaveLength(1);

    const event = await t.database.db.selectFrom('dossier_event').select('data').where('dossier_id', '=', r.id).executeTakeFirstOrThrow();
    expect((event.data as { offline: { provisionalNo: string } }).offline.provisionalNo).toBe('T-ABC123-0001');
    const sms = await t.database.db
      .selectFrom('outbox')
      .select('payload')
      .where('idempotency_key', '=', `offline-code-sms:${r.id}`)
      .execute();
    expect(sms).toHaveLength(1);
    expect(JSON.stringify(sms[0]!.payload)).toContain(r.code);
  });

  it('uses the server time and warns when the device clock is implausible', async () => {
    const before = Date.now();
    const future = await post(
      body(53, { receivedAt: new Date(Date.now() + 3 * 86_400_000).toISOString(), provisionalNo: 'T-ABC123-0002' }),
      randomUUID(),
    );
    expect(future.statusCode).toBe(201);
    expect(future.json().offline).toEqual({ provisionalNo: 'T-ABC123-0002', deviceTimeUsed: false, clockWarning: 'in-future' });
    expect(new Date(future.json().receivedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    const old = await post(body(54, { receivedAt: '2020-01-02T09:00:00+07:00', provisionalNo: 'T-ABC123-0003' }), randomUUID());
    expect(old.json().offline.clockWarning).toBe('too-old');
  });

  it('BAD: a replaced procedure version is a conflict naming the provisional receipt, and nothing is created', async () => {
    const res = await post(
      body(55, { receivedAt: new Date().toISOString(), provisionalNo: 'T-ABC123-0004', procedureVersionId: randomUUID() }),
      randomUUID(),
    );
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('offline-procedure-changed');
    expect(res.json().detail).toContain('T-ABC123-0004');
    const rows = await t.database.db.selectFrom('dossier').select('id').where('applicant_id_number', '=', citizen(55).idNumber).execute();
    expect(rows).toHaveLength(0);
  });

  it('BAD: a malformed offline part is a 400 naming the field', async () => {
    const res = await post(body(56, { receivedAt: 'yesterday', provisionalNo: 'x' }), randomUUID());
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('validation-failed');
  });
});

async function procDays(): Promise<number | undefined> {
  const p = (await t.req(null, { method: 'GET', url: `/api/procedures/${marital.id}` })).json() as { processingDays: number };
  return p.processingDays;
}
