// The rollups kept by the triggers of migrations 0016 and 0019 agree exactly with the pure indicator rules
// (src/domain/indicators) recomputed from the raw dossier and feedback rows of a random history, for random
// periods, by unit, procedure and officer, after inserts, after later changes, and after a full rebuild; periods
// starting mid-month and crossing month and year ends exercise the month tables of migration 0029.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  dossierFact,
  feedbackFact,
  tallyFacts,
  type DossierHistory,
  type Fact,
  type FactEvent,
  type FeedbackFact,
  vnDate,
} from '../../src/domain/indicators';
import { rebuild, tallies } from '../../src/db/repositories/indicator.repository';
import { freshDatabase, type TestDb } from '../support/db';
import type { Status } from '../../src/domain/dossier/lifecycle';

let t: TestDb;
const DAY = 86_400_000;

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

type Ctx = {
  units: { id: string; pointId: string }[];
  procs: { id: string; versionId: string; components: { id: string; fromRegistry: boolean }[] }[];
  officers: string[];
  citizenId: string;
};

async function context(): Promise<Ctx> {
  const units = await t.db
    .selectFrom('unit as u')
    .innerJoin('reception_point as r', 'r.unit_id', 'u.id')
    .select(['u.id', sql<string>`min(r.id::text)`.as('pointId')])
    .where('u.type', '!=', 'province')
    .groupBy('u.id')
    .execute();
  const procs = await t.db
    .selectFrom('procedure')
    .select(['id', 'current_version_id'])
    .where('current_version_id', 'is not', null)
    .limit(4)
    .execute();
  const comps = await t.db
    .selectFrom('procedure_component')
    .select(['id', 'version_id', 'from_registry'])
    .where(
      'version_id',
      'in',
      procs.map((p) => p.current_version_id!),
    )
    .execute();
  const officers = (await t.db.selectFrom('staff_user').select('id').limit(4).execute()).map((x) => x.id);
  const citizen = await t.db
    .insertInto('citizen')
    .values({ id_number: '001090000001', full_name: 'Nguyễn Văn Thử' } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    units: units.slice(0, 3).map((u) => ({ id: u.id, pointId: u.pointId })),
    procs: procs.map((p) => ({
      id: p.id,
      versionId: p.current_version_id!,
      components: comps.filter((c) => c.version_id === p.current_version_id).map((c) => ({ id: c.id, fromRegistry: c.from_registry })),
    })),
    officers,
    citizenId: citizen.id,
  };
}

/** One random dossier as raw rows: the record, its events, components, portal sync and rating. */
function randomDossier(r: () => number, c: Ctx, n: number, start = '2026-01-05', spanDays = 80) {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const unit = pick(c.units);
  const proc = pick(c.procs);
  const received = Date.parse(`${start}T01:00:00Z`) + Math.floor(r() * spanDays) * DAY + Math.floor(r() * 10) * 3_600_000;
  let due: number | null = received + (1 + Math.floor(r() * 8)) * DAY;
  const events: { action: string; at: number; data: Record<string, unknown> }[] = [{ action: 'create', at: received, data: {} }];
  let now = received;
  const step = () => (now += Math.floor(r() * 4 * DAY) + 3_600_000);
  let status: Status = 'in-progress';
  let finishedAt: number | null = null;
  let returnedAt: number | null = null;
  let withdrawal = false;
  const supplements = r() < 0.3 ? (r() < 0.3 ? 2 : 1) : 0;
  for (let i = 0; i < supplements; i++) {
    events.push({
      action: 'request-supplement',
      at: step(),
      data: { dueAtBefore: due ? new Date(due).toISOString() : null, items: [{ componentId: pick(proc.components).id }] },
    });
    if (r() < 0.25) {
      status = 'awaiting-supplement';
      due = null;
      break;
    }
    const from = now;
    events.push({
      action: 'receive-supplement',
      at: step(),
      data: { received: [{ componentId: pick(proc.components).id, presented: true }] },
    });
    due = due! + (now - from);
  }
  const ending =
    status === 'awaiting-supplement'
      ? r() < 0.2
        ? 'stop'
        : 'open'
      : pick(['open', 'result', 'result', 'result', 'returned', 'refuse', 'stop']);
  if (ending === 'result' || ending === 'returned') {
    if (r() < 0.6) events.push({ action: 'approve', at: step(), data: {} });
    // Since migration 0012 a result is always issued with its signed file (a CHECK on the event says so).
    const files = ['f1'];
    events.push({
      action: 'issue-result',
      at: step(),
      data: { resultFileIds: files, resultFiles: [{ id: 'f1' }], ...(r() < 0.5 ? { signature: { by: 'x' } } : {}) },
    });
    finishedAt = now;
    status = 'result-ready';
    if (ending === 'returned') {
      events.push({ action: 'return-result', at: step(), data: {} });
      returnedAt = now;
      status = 'returned';
    }
  } else if (ending === 'refuse') {
    events.push({ action: 'refuse', at: step(), data: {} });
    finishedAt = now;
    status = 'refused';
  } else if (ending === 'stop') {
    if (r() < 0.7) events.push({ action: 'record-withdrawal-request', at: step(), data: { channel: 'online' } });
    events.push({ action: 'stop', at: step(), data: {} });
    withdrawal = true;
    finishedAt = now;
    status = 'stopped';
  }
  if (r() < 0.1) events.push({ action: 'apologize-and-extend', at: received + 3_600_000, data: { afterDeadline: r() < 0.5 } });
  events.sort((a, b) => a.at - b.at);
  // What the dossier service records for oversight: the step an action completes (late or not) and a
  // notice's signer — sometimes missing or malformed, as in records made elsewhere.
  for (const e of events) {
    if (['approve', 'issue-result', 'return-result'].includes(e.action) && r() < 0.7)
      e.data = { ...e.data, step: { name: 'Bước', role: 'specialist', dueAt: null, late: r() < 0.3 } };
    if (['request-supplement', 'refuse', 'apologize-and-extend', 'stop'].includes(e.action)) {
      const k = r();
      if (k < 0.7) e.data = { ...e.data, signature: { signerId: null, signerName: 'Cán bộ', role: 'specialist' } };
      else if (k < 0.8) e.data = { ...e.data, signature: { signerName: '  ' } };
      else if (k < 0.85) e.data = { ...e.data, signature: 'x' };
    }
  }
  const id = randomUUID();
  return {
    id,
    row: {
      id,
      code: `T-${n}`,
      unit_id: unit.id,
      received_unit_id: unit.id,
      reception_point_id: unit.pointId,
      return_point_id: unit.pointId,
      procedure_id: proc.id,
      procedure_version_id: proc.versionId,
      channel: pick(['in-person', 'online', 'postal'] as const),
      status,
      applicant_id_number: '001090000001',
      applicant_name: 'Nguyễn Văn Thử',
      applicant: JSON.stringify({ idNumber: '001090000001', fullName: 'Nguyễn Văn Thử' }),
      registry_used: r() < 0.5,
      fee: r() < 0.5 ? 0 : 30_000,
      paid_online: r() < 0.5,
      verified_vneid: r() < 0.3,
      assignee_id: r() < 0.8 ? pick(c.officers) : null,
      received_by: pick(c.officers),
      received_at: new Date(received),
      counted_from: new Date(received),
      due_at: due === null ? null : new Date(due),
      finished_at: finishedAt === null ? null : new Date(finishedAt),
      returned_at: returnedAt === null ? null : new Date(returnedAt),
      supplement_count: Math.min(1, supplements),
      withdrawal_requested: withdrawal,
      event_count: events.length,
    },
    events,
    components: proc.components
      .filter(() => r() < 0.7)
      .map((k) => ({ component_id: k.id, from_registry: k.fromRegistry && r() < 0.5, file_ids: r() < 0.6 ? [randomUUID()] : [] })),
    synced: r() < 0.8,
    dislike: finishedAt !== null && r() < 0.2,
  };
}

/** One random feedback as raw rows: the record, its step deadlines, failed answer checks; maybe naming a dossier. */
function randomFeedback(r: () => number, c: Ctx, n: number, dossierIds: readonly string[]) {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const unit = pick(c.units);
  const received = Date.parse('2026-01-05T02:00:00Z') + Math.floor(r() * 80) * DAY + Math.floor(r() * 10) * 3_600_000;
  const id = randomUUID();
  const deadlines = (['feedback-refuse', 'feedback-info', 'feedback', 'feedback-publish'] as const)
    .filter(() => r() < 0.7)
    .map((kind) => {
      const due = received + (1 + Math.floor(r() * 20)) * DAY;
      const closed = r() < 0.6 ? due + Math.floor((r() - 0.7) * 6) * DAY : null;
      return { kind, due, closed: closed === null ? null : Math.max(closed, received) };
    });
  const unsatisfied = r() < 0.2;
  return {
    id,
    row: {
      id,
      code: `PA-${n}`,
      unit_id: unit.id,
      received_unit_id: unit.id,
      kind: pick(['regulation', 'conduct', 'service'] as const),
      channel: 'web' as const,
      subject: 'Phản ánh thử',
      content: 'Nội dung',
      contact_name: 'Nguyễn Văn Thử',
      contact_phone: '0912345678',
      dossier_id: r() < 0.3 ? pick(dossierIds) : null,
      status: 'accepted' as const,
      received_at: new Date(received),
      answer_returns: r() < 0.15 ? 1 : 0,
      reopen_count: r() < 0.15 ? 1 : 0,
      rating_satisfied: unsatisfied ? false : r() < 0.5 ? true : null,
      rating_reason: unsatisfied ? 'Chưa rõ' : null,
    },
    deadlines,
    checkFailures: r() < 0.15 ? 1 + Math.floor(r() * 2) : 0,
  };
}

async function insertFeedback(fs: ReturnType<typeof randomFeedback>[]) {
  await t.db.transaction().execute(async (trx) => {
    for (const f of fs) {
      await trx.insertInto('feedback').values(f.row).execute();
      for (const d of f.deadlines)
        await trx
          .insertInto('deadline')
          .values({
            unit_id: f.row.unit_id,
            subject_type: d.kind,
            subject_id: f.id,
            received_at: f.row.received_at,
            working_days: 5,
            counted_from: f.row.received_at,
            due_at: new Date(d.due),
            closed_at: d.closed === null ? null : new Date(d.closed),
          })
          .execute();
      for (let i = 0; i < f.checkFailures; i++)
        await trx
          .insertInto('feedback_check_failure')
          .values({ feedback_id: f.id, unit_id: f.row.unit_id, stage: 'answer', checks: ['outcome'] })
          .execute();
    }
  });
}

/** Feedback facts from the raw rows, by the pure rules. */
async function feedbackFactsFromRows(): Promise<FeedbackFact[]> {
  const fs = await t.db.selectFrom('feedback').selectAll().where('code', 'like', 'PA-%').execute();
  const dls = await t.db.selectFrom('deadline').select(['subject_id', 'subject_type', 'due_at', 'closed_at']).execute();
  const fails = await t.db.selectFrom('feedback_check_failure').select('feedback_id').execute();
  return fs.map((f) =>
    feedbackFact({
      id: f.id,
      unitId: f.unit_id,
      receivedAt: f.received_at,
      kind: f.kind,
      ratingSatisfied: f.rating_satisfied,
      reopenCount: f.reopen_count,
      answerReturns: f.answer_returns,
      checkFailures: fails.filter((x) => x.feedback_id === f.id).length,
      deadlines: dls.filter((d) => d.subject_id === f.id).map((d) => ({ kind: d.subject_type, dueAt: d.due_at, closedAt: d.closed_at })),
    }),
  );
}

async function insert(ds: ReturnType<typeof randomDossier>[], c: Ctx) {
  await t.db.transaction().execute(async (trx) => {
    for (const d of ds) {
      await trx.insertInto('dossier').values(d.row).execute();
      await trx
        .insertInto('dossier_event')
        .values(
          d.events.map((e, i) => ({
            dossier_id: d.id,
            seq: i + 1,
            at: new Date(e.at),
            action: e.action,
            from_status: null,
            to_status: 'x',
            actor_id: null,
            actor_name: 'test',
            actor_role: 'specialist',
            unit_id: d.row.unit_id,
            data: JSON.stringify(e.data),
          })),
        )
        .execute();
      if (d.components.length)
        await trx
          .insertInto('dossier_component')
          .values(d.components.map((k) => ({ dossier_id: d.id, ...k })))
          .execute();
      if (d.synced)
        await trx
          .insertInto('outbox')
          .values({ topic: 'national-portal.status', idempotency_key: `${d.id}:1`, payload: '{}', delivered_at: new Date() })
          .execute();
      if (d.dislike)
        await trx
          .insertInto('dossier_rating')
          .values({ dossier_id: d.id, citizen_id: c.citizenId, value: 'dislike', reason: 'chậm' })
          .execute();
    }
  });
}

/** Facts from the raw rows, by the pure rules. */
async function factsFromRows(): Promise<Fact[]> {
  const ds = await t.db.selectFrom('dossier').selectAll().where('code', 'like', 'T-%').execute();
  const evs = await t.db.selectFrom('dossier_event').select(['dossier_id', 'action', 'at', 'data', 'seq']).orderBy('seq').execute();
  const comps = await t.db
    .selectFrom('dossier_component as dc')
    .innerJoin('procedure_component as pc', 'pc.id', 'dc.component_id')
    .select(['dc.dossier_id', 'dc.file_ids', 'dc.from_registry', 'pc.from_registry as holds'])
    .execute();
  const regIds = (await t.db.selectFrom('procedure_component').select('id').where('from_registry', '=', true).execute()).map((x) => x.id);
  const synced = new Set(
    (await t.db.selectFrom('outbox').select('idempotency_key').where('delivered_at', 'is not', null).execute()).map(
      (x) => x.idempotency_key,
    ),
  );
  const disliked = new Set(
    (await t.db.selectFrom('dossier_rating').select('dossier_id').where('value', '=', 'dislike').execute()).map((x) => x.dossier_id),
  );
  // 5.4: a feedback naming the dossier is a complaint too.
  for (const f of await t.db.selectFrom('feedback').select('dossier_id').where('dossier_id', 'is not', null).execute())
    disliked.add(f.dossier_id!);
  return ds.map((d) => {
    const h: DossierHistory = {
      id: d.id,
      unitId: d.unit_id,
      procedureId: d.procedure_id,
      officerId: d.assignee_id ?? d.received_by ?? '00000000-0000-0000-0000-000000000000',
      channel: d.channel,
      receivedAt: d.received_at,
      countedFrom: d.counted_from,
      dueAt: d.due_at,
      fee: d.fee,
      paidOnline: d.paid_online,
      registryUsed: d.registry_used,
      verifiedVneid: d.verified_vneid,
      components: comps
        .filter((k) => k.dossier_id === d.id)
        .map((k) => ({ fileCount: k.file_ids.length, fromRegistry: k.from_registry, registryHolds: k.holds })),
      registryComponentIds: regIds,
      events: evs.filter((e) => e.dossier_id === d.id).map((e): FactEvent => ({ action: e.action, at: e.at, data: e.data })),
      synced: synced.has(`${d.id}:1`),
      storeLinked: false,
      complained: disliked.has(d.id),
    };
    return dossierFact(h);
  });
}

type Period = { from: string; to: string };
const PERIODS: Period[] = [
  { from: '2026-01-01', to: '2026-12-31' },
  { from: '2026-02-01', to: '2026-02-28' },
  { from: '2025-12-15', to: '2026-03-14' },
];

async function expectReconciled(c: Ctx, r: () => number, fixed: Period[] = PERIODS, randomFrom = '2026-01-01', randomDays = 100) {
  const facts = await factsFromRows();
  const fb = await feedbackFactsFromRows();
  const unitIds = c.units.map((u) => u.id);
  const periods = [...fixed];
  for (let i = 0; i < 4; i++) {
    const from = addDays(randomFrom, Math.floor(r() * randomDays));
    periods.push({ from, to: addDays(from, Math.floor(r() * 40)) });
  }
  await expectMonthsMatchDays();
  for (const p of periods) {
    const total = await tallies(t.db, { unitIds, from: p.from, to: p.to });
    expect({ p, t: total.get('') }).toEqual({ p, t: tallyFacts(facts, p.from, p.to, fb) });
    for (const by of ['unit', 'procedure', 'officer'] as const) {
      const got = await tallies(t.db, { unitIds, from: p.from, to: p.to, by });
      const keyOf = (f: Fact) => (by === 'unit' ? f.unitId : by === 'procedure' ? f.procedureId : f.officerId!);
      for (const k of new Set(facts.map(keyOf))) {
        const mine = facts.filter((f) => keyOf(f) === k);
        // Feedback belongs to units only.
        const myFb = by === 'unit' ? fb.filter((f) => f.unitId === k) : [];
        const want = tallyFacts(mine, p.from, p.to, myFb);
        const inPeriod = (at: Date) => vnDate(at) >= p.from && vnDate(at) <= p.to;
        const present = mine.some((f) => vnDate(f.receivedAt) <= p.to) || myFb.some((f) => inPeriod(f.receivedAt));
        expect({ p, by, k, t: got.get(k) }).toEqual({ p, by, k, t: present ? want : undefined });
      }
    }
    // One procedure by officer (both keys filtered or grouped on the detailed tables).
    const proc = facts[0]!.procedureId;
    const got = await tallies(t.db, { unitIds, from: p.from, to: p.to, by: 'officer', procedureId: proc });
    for (const k of new Set(facts.filter((f) => f.procedureId === proc).map((f) => f.officerId!))) {
      const mine = facts.filter((f) => f.procedureId === proc && f.officerId === k);
      const present = mine.some((f) => vnDate(f.receivedAt) <= p.to);
      expect({ p, k, t: got.get(k) }).toEqual({ p, k, t: present ? tallyFacts(mine, p.from, p.to, []) : undefined });
    }
  }
}

/** The month tables (migration 0029) hold exactly the day rollups summed per month. */
async function expectMonthsMatchDays() {
  const cols = (
    await sql<{ c: string }>`SELECT column_name AS c FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = 'indicator_unit_day' AND column_name NOT IN ('unit_id', 'day')`.execute(t.db)
  ).rows.map((x) => x.c);
  const sums = cols.map((c) => `sum(${c})::bigint`).join(', ');
  const list = cols.map((c) => `${c}::bigint`).join(', ');
  for (const [month, day, key] of [
    ['indicator_unit_month', 'indicator_unit_day', 'unit_id'],
    ['indicator_month', 'indicator_rollup', 'unit_id, procedure_id, officer_id'],
  ] as const) {
    const m = `SELECT ${key}, month, ${list} FROM ${month}`;
    const d = `SELECT ${key}, date_trunc('month', day)::date AS month, ${sums} FROM ${day} GROUP BY ${key}, date_trunc('month', day)`;
    const diff = await sql<{
      n: string;
    }>`SELECT count(*) AS n FROM ((${sql.raw(m)} EXCEPT ALL ${sql.raw(d)}) UNION ALL (${sql.raw(d)} EXCEPT ALL ${sql.raw(m)})) x`.execute(
      t.db,
    );
    expect({ month, differing: Number(diff.rows[0]!.n) }).toEqual({ month, differing: 0 });
    const n = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(month)}`.execute(t.db);
    expect(Number(n.rows[0]!.n), month).toBeGreaterThan(0);
  }
}

let ctx: Ctx;
beforeAll(async () => {
  t = await freshDatabase();
  ctx = await context();
}, 120_000);
afterAll(async () => t?.drop());

describe('indicator rollups reconcile with the pure rules', () => {
  it('after a random history, later changes and a rebuild', async () => {
    const r = rng(20260713);
    const ds = Array.from({ length: 160 }, (_, i) => randomDossier(r, ctx, i));
    await insert(ds, ctx);
    const fs = Array.from({ length: 70 }, (_, i) =>
      randomFeedback(
        r,
        ctx,
        i,
        ds.map((d) => d.id),
      ),
    );
    await insertFeedback(fs);
    await expectReconciled(ctx, r);
    // Not vacuous: the history exercises every part of the rules.
    const year = (await tallies(t.db, { unitIds: ctx.units.map((u) => u.id), from: '2026-01-01', to: '2026-12-31' })).get('')!;
    // At least this test's 160 (the other test's history reaches into 2026 when it ran first: any order).
    expect(year.received).toBeGreaterThanOrEqual(160);
    for (const k of [
      'finished',
      'finishedOnTime',
      'finishedEarly',
      'openAtEnd',
      'lateAtEnd',
      'eResult',
      'digitised',
      'synced',
      'serviceSatisfied',
    ] as const)
      expect(year[k], k).toBeGreaterThan(0);
    expect(year.finishedOnTime).toBeLessThan(year.finished);
    for (const k of [
      'late-result-update',
      'registry-data-demanded',
      'withdrawal-without-request',
      'not-digitised',
      'notice-after-deadline',
      'vague-answer',
    ] as const)
      expect(year.signals[k], k).toBeGreaterThan(0);
    expect(year.feedback).toBeGreaterThanOrEqual(70);
    for (const k of ['feedbackOnTime', 'feedbackSatisfied', 'feedbackRegulation'] as const) expect(year[k], k).toBeGreaterThan(0);
    expect(year.feedbackOnTime).toBeLessThan(year.feedback);

    // Later changes: open dossiers finish, a rating arrives, a portal delivery lands.
    const open = ds.filter((d) => d.row.finished_at === null && d.row.status !== 'awaiting-supplement').slice(0, 15);
    await t.db.transaction().execute(async (trx) => {
      for (const d of open) {
        const at = new Date(d.row.received_at.getTime() + 6 * DAY);
        await trx
          .insertInto('dossier_event')
          .values({
            dossier_id: d.id,
            seq: d.events.length + 1,
            at,
            action: 'refuse',
            from_status: null,
            to_status: 'refused',
            actor_id: null,
            actor_name: 't',
            actor_role: 'leader',
            unit_id: d.row.unit_id,
          })
          .execute();
        await trx
          .updateTable('dossier')
          .set({ status: 'refused', finished_at: at, event_count: d.events.length + 1 })
          .where('id', '=', d.id)
          .execute();
      }
      const unsynced = ds.find((d) => !d.synced)!;
      await trx
        .insertInto('outbox')
        .values({ topic: 'national-portal.status', idempotency_key: `${unsynced.id}:1`, payload: '{}' })
        .execute();
      await trx.updateTable('outbox').set({ delivered_at: new Date() }).where('idempotency_key', '=', `${unsynced.id}:1`).execute();
      // Feedback changes: a step closed late, a failed answer check, a reopening with a new dossier named, a transfer.
      const [a, b, c2, d] = fs;
      await trx
        .updateTable('deadline')
        .set({ closed_at: new Date(Date.parse('2026-06-30T00:00:00Z')) })
        .where('subject_id', '=', a!.id)
        .execute();
      await trx
        .insertInto('feedback_check_failure')
        .values({ feedback_id: b!.id, unit_id: b!.row.unit_id, stage: 'approve', checks: ['legal-basis'] })
        .execute();
      await trx.updateTable('feedback').set({ reopen_count: 2, dossier_id: open[0]!.id }).where('id', '=', c2!.id).execute();
      const other = ctx.units.find((u) => u.id !== d!.row.unit_id)!;
      await trx.updateTable('feedback').set({ unit_id: other.id }).where('id', '=', d!.id).execute();
    });
    await expectReconciled(ctx, r);

    const before = await tallies(t.db, { unitIds: ctx.units.map((u) => u.id), from: '2026-01-01', to: '2026-06-30', by: 'officer' });
    expect(await rebuild(t.db)).toBeGreaterThanOrEqual(160);
    expect(await tallies(t.db, { unitIds: ctx.units.map((u) => u.id), from: '2026-01-01', to: '2026-06-30', by: 'officer' })).toEqual(
      before,
    );
    await expectReconciled(ctx, r);
  }, 180_000);

  it('periods that start mid-month and cross month and year ends, open dossiers at period end, past-day changes, rebuilds', async () => {
    const r = rng(20251117);
    // A second history, from late October 2025 to mid-March 2026 (the other test's rows, when it ran first, stay:
    // all are reconciled).
    const ds = Array.from({ length: 140 }, (_, i) => randomDossier(r, ctx, 1000 + i, '2025-10-20', 150));
    await insert(ds, ctx);
    const fs = Array.from({ length: 40 }, (_, i) =>
      randomFeedback(
        r,
        ctx,
        1000 + i,
        ds.map((d) => d.id),
      ),
    );
    await insertFeedback(fs);
    const crossing: Period[] = [
      { from: '2025-11-17', to: '2026-02-09' }, // mid-month start, whole December and January, across the year end
      { from: '2025-12-31', to: '2026-01-01' }, // two days across the year end
      { from: '2025-12-20', to: '2025-12-31' }, // mid-month to a month's end
      { from: '2026-01-31', to: '2026-03-01' }, // a month's last day to a month's first: February whole
      { from: '2025-11-01', to: '2026-01-31' }, // whole months only
      { from: '2025-10-25', to: '2025-11-05' },
      { from: '2026-02-15', to: '2026-02-15' }, // one day
      { from: '2024-12-01', to: '2025-12-31' }, // starting before the history
      { from: '2026-03-10', to: '2027-01-20' }, // ending after it
    ];
    await expectReconciled(ctx, r, crossing, '2025-10-15', 160);
    // Not vacuous: dossiers open and late both at the start and at the end of a period starting mid-month.
    const unitIds = ctx.units.map((u) => u.id);
    const mid = (await tallies(t.db, { unitIds, from: '2025-11-17', to: '2026-02-09' })).get('')!;
    for (const k of ['openBefore', 'lateBefore', 'openAtEnd', 'lateAtEnd', 'received', 'finished'] as const)
      expect(mid[k], k).toBeGreaterThan(0);

    // Changes to past days: dossiers received in October and November finish (refused) six days later.
    const open = ds
      .filter((d) => d.row.finished_at === null && d.row.status !== 'awaiting-supplement' && d.row.received_at < new Date('2025-12-01'))
      .slice(0, 8);
    expect(open.length).toBeGreaterThan(0);
    await t.db.transaction().execute(async (trx) => {
      for (const d of open) {
        const at = new Date(d.row.received_at.getTime() + 6 * DAY);
        await trx
          .insertInto('dossier_event')
          .values({
            dossier_id: d.id,
            seq: d.events.length + 1,
            at,
            action: 'refuse',
            from_status: null,
            to_status: 'refused',
            actor_id: null,
            actor_name: 't',
            actor_role: 'leader',
            unit_id: d.row.unit_id,
          })
          .execute();
        await trx
          .updateTable('dossier')
          .set({ status: 'refused', finished_at: at, event_count: d.events.length + 1 })
          .where('id', '=', d.id)
          .execute();
      }
    });
    await expectReconciled(ctx, r, crossing, '2025-10-15', 160);

    // The month tables rebuilt alone from the day rollups (twice: idempotent), then everything rebuilt.
    const before = await tallies(t.db, { unitIds, from: '2025-11-17', to: '2026-02-09', by: 'procedure' });
    await sql`SELECT indicator_snapshot_rebuild()`.execute(t.db);
    await sql`SELECT indicator_snapshot_rebuild()`.execute(t.db);
    expect(await tallies(t.db, { unitIds, from: '2025-11-17', to: '2026-02-09', by: 'procedure' })).toEqual(before);
    await expectMonthsMatchDays();
    expect(await rebuild(t.db)).toBeGreaterThanOrEqual(ds.length); // with the other test's 160 when it ran first
    expect(await tallies(t.db, { unitIds, from: '2025-11-17', to: '2026-02-09', by: 'procedure' })).toEqual(before);
    await expectReconciled(ctx, r, crossing, '2025-10-15', 160);
  }, 240_000);
});
