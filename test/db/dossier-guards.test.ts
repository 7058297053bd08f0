// Each rule guarded twice: the database's own checks refuse a bad row written straight through SQL (so loosening
// a constraint fails here even though the service would never write that row), and the service guards that have
// no constraint behind them are driven directly: an online application becomes one dossier however often it is
// turned into one, and a result needs a leader's approval after the last return to the specialist.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizen } from '../../src/simulators/citizens';
import { createTestApi, type Session, type TestApi } from '../support/api';
import { citizenSession } from '../support/citizen';

let t: TestApi;
let officer: Session;
type Proc = { id: string; components: { id: string; mandatory: boolean; fromRegistry: boolean }[] };
let marital: Proc;
let point: string;

beforeAll(async () => {
  t = await createTestApi();
  officer = await t.login('hacthanh.reception-officer');
  marital = ((await t.req(null, { method: 'GET', url: '/api/procedures?q=1.004873' })).json().items as Proc[])[0]!;
  const units = (await t.req(null, { method: 'GET', url: '/api/units' })).json().items as {
    slug: string;
    receptionPoints: { id: string; hostUnitId: string }[];
  }[];
  point = units.find((u) => u.slug === 'hacthanh')!.receptionPoints.find((p) => p.hostUnitId === t.units.hacthanh)!.id;
});
afterAll(() => t.close());

async function intake(): Promise<string> {
  const person = citizen(90);
  const r = await t.req(officer, {
    method: 'POST',
    url: '/api/dossiers',
    payload: {
      procedureId: marital.id,
      competentUnitId: t.units.hacthanh,
      receptionPointId: point,
      channel: 'in-person',
      applicant: { idNumber: person.idNumber, fullName: person.fullName },
      components: marital.components.filter((c) => c.mandatory && !c.fromRegistry).map((c) => ({ componentId: c.id, presented: true })),
    },
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as string;
}

/** Inserts, through SQL, a copy of a real dossier row with some columns changed. */
async function insertCopy(id: string, change: Record<string, unknown>) {
  const row = await t.database.db.selectFrom('dossier').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const suffix = randomUUID().slice(0, 8);
  return t.database.db
    .insertInto('dossier')
    .values({ ...row, id: randomUUID(), code: `${row.code}-${suffix}`, intake_key: null, ...change } as typeof row)
    .execute();
}

describe('the database refuses a bad dossier row on its own', () => {
  it('supplement_count <= 1: one supplement request at most (Decree 118 Art. 11)', async () => {
    const id = await intake();
    await expect(insertCopy(id, { supplement_count: 1 })).resolves.toBeDefined();
    await expect(insertCopy(id, { supplement_count: 2 })).rejects.toThrow(/supplement_count/);
    await expect(t.database.db.updateTable('dossier').set({ supplement_count: 2 }).where('id', '=', id).execute()).rejects.toThrow(
      /supplement_count/,
    );
  });

  it('extension_count <= 1: one apology with one new date at most', async () => {
    const id = await intake();
    await expect(insertCopy(id, { extension_count: 1 })).resolves.toBeDefined();
    await expect(insertCopy(id, { extension_count: 2 })).rejects.toThrow(/extension_count/);
    await expect(t.database.db.updateTable('dossier').set({ extension_count: 2 }).where('id', '=', id).execute()).rejects.toThrow(
      /extension_count/,
    );
  });

  it('no stopped dossier without the withdrawal request on record (TT 03/2025 Art. 7)', async () => {
    const id = await intake();
    const finished_at = new Date();
    await expect(insertCopy(id, { status: 'stopped', finished_at, withdrawal_requested: true })).resolves.toBeDefined();
    await expect(insertCopy(id, { status: 'stopped', finished_at, withdrawal_requested: false })).rejects.toThrow(
      /dossier_stop_needs_request/,
    );
  });

  it('the history is append-only: an event can be added, never changed or deleted', async () => {
    const id = await intake();
    const db = t.database.db;
    const first = await db.selectFrom('dossier_event').selectAll().where('dossier_id', '=', id).executeTakeFirstOrThrow();
    await expect(
      db
        .insertInto('dossier_event')
        .values({ dossier_id: id, seq: 99, action: 'note', to_status: 'received', actor_name: 'x', actor_role: 'x' })
        .execute(),
    ).resolves.toBeDefined();
    await expect(db.updateTable('dossier_event').set({ reason: 'sửa lịch sử' }).where('id', '=', first.id).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(db.deleteFrom('dossier_event').where('id', '=', first.id).execute()).rejects.toThrow(/append-only/);
    await expect(sql`UPDATE dossier_event SET actor_name = 'khác' WHERE dossier_id = ${id}`.execute(db)).rejects.toThrow(/append-only/);
    const after = await db.selectFrom('dossier_event').selectAll().where('id', '=', first.id).executeTakeFirstOrThrow();
    expect(after).toEqual(first);
  });
});

describe('an online application becomes its dossier once', () => {
  async function application(index: number): Promise<string> {
    const alice = await citizenSession(t, index);
    const id = randomUUID();
    const form = (
      await t.server.inject({
        method: 'GET',
        url: `/api/portal/procedures/${marital.id}/form`,
        headers: { cookie: alice.cookie },
      })
    ).json();
    const saved = await t.server.inject({
      method: 'PUT',
      url: `/api/portal/applications/${id}`,
      headers: { cookie: alice.cookie, 'x-csrf-token': alice.csrf },
      payload: {
        procedureId: marital.id,
        unitId: t.units.hacthanh,
        returnPointId: form.units.find((u: { id: string }) => u.id === t.units.hacthanh).returnPoints[0].id,
        // The dossier keeps the e-form answers, validated against the procedure's schema when it is created.
        form: {
          ...form.prefill,
          nguoiDuocXacNhan: { hoTen: 'Lê Văn An', ngaySinh: '1990-01-02', soDinhDanh: '038090000001', noiCuTru: 'Thanh Hóa' },
          tinhTrangHonNhan: 'Chưa kết hôn',
          mucDichSuDung: 'Đăng ký kết hôn',
        },
        components: [],
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    return id;
  }
  // The payment of the application is confirmed (callback, reconciliation, or both racing): the application's
  // owner files it through the lifecycle. The test puts the application where a paid fee leaves it.
  const create = async (applicationId: string) => {
    await t.database.db
      .updateTable('application')
      .set({ status: 'awaiting-payment' })
      .where('id', '=', applicationId)
      .where('status', '=', 'draft')
      .execute();
    return t.database.db
      .transaction()
      .execute((trx) => t.app.services.applications.paymentConfirmed(trx, applicationId, { paidOnline: false, requestId: 'test' }));
  };
  const dossiersOf = (applicationId: string) =>
    t.database.db.selectFrom('dossier').select(['id', 'code']).where('intake_key', '=', `application:${applicationId}`).execute();

  it('called twice, it returns the same dossier and creates one', async () => {
    const appId = await application(91);
    const a = await create(appId);
    const b = await create(appId);
    expect(b).toEqual(a);
    expect(await dossiersOf(appId)).toEqual([a]);
    const app = await t.database.db
      .selectFrom('application')
      .select(['dossier_id', 'status'])
      .where('id', '=', appId)
      .executeTakeFirstOrThrow();
    expect(app).toEqual({ dossier_id: a.id, status: 'submitted' });
  });

  it('called concurrently (a payment callback racing its reconciliation), one dossier', async () => {
    const appId = await application(92);
    const results = await Promise.all([create(appId), create(appId), create(appId)]);
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await dossiersOf(appId)).toHaveLength(1);
  });
});
