// Dossiers, what every dossier write shares: the daily code counter and the code's format, the append-only events,
// personal-data access records and the outbox rows (and the topics of an effect's messages). The reads of the
// dossier page, queues and reports are in dossier-queries.repository.ts, the intake's in dossier-intake, an
// action's load and write in dossier-actions. The rules are in src/domain/dossier; the use cases in
// src/services/dossier. The SQL of each function is snapshotted in test/db/sql/dossier.sql.test.ts.
import { sql, type Transaction } from 'kysely';
import type { OutboxMessage } from '../../domain/dossier/effects';
import { accessLogOf, relaxedOf, type Db } from '../database';
import type { Database } from '../schema';

type Executor = Db | Transaction<Database>;

/** YYMMDD of a moment in Vietnam time (UTC+7, no daylight saving). */
export function vnDay(at: Date): { iso: string; yymmdd: string } {
  const iso = new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
  return { iso, yymmdd: iso.slice(2).replaceAll('-', '') };
}

/**
 * The next number of a unit's daily sequence. An upsert that increments in place: concurrent intakes
 * serialise on the counter row, so a number is never handed out twice, even across server instances.
 */
export async function nextDailyNumber(trx: Transaction<Database>, unitId: string, day: string): Promise<number> {
  const r = await trx
    .insertInto('dossier_code_counter')
    .values({ unit_id: unitId, day, last: 1 })
    .onConflict((oc) => oc.columns(['unit_id', 'day']).doUpdateSet({ last: sql`dossier_code_counter.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return r.last;
}

/** Dossier code from the configured pattern: {agency}, {yymmdd}, {yyyy}, {seq} or {seqN} (zero-padded to N). */
export function formatDossierCode(pattern: string, agency: string, at: Date, seq: number): string {
  const { iso, yymmdd } = vnDay(at);
  return pattern
    .replaceAll('{agency}', agency)
    .replaceAll('{yymmdd}', yymmdd)
    .replaceAll('{yyyy}', iso.slice(0, 4))
    .replace(/\{seq(\d)?\}/g, (_m, n: string | undefined) => String(seq).padStart(Number(n ?? 4), '0'));
}

export type EventInput = {
  dossierId: string;
  seq: number;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actorId: string | null;
  actorName: string;
  actorRole: string;
  unitId: string | null;
  reason?: string;
  data?: Record<string, unknown>;
  at: Date;
};

export async function appendEvent(trx: Transaction<Database>, e: EventInput): Promise<void> {
  await trx
    .insertInto('dossier_event')
    .values({
      dossier_id: e.dossierId,
      seq: e.seq,
      at: e.at,
      action: e.action,
      from_status: e.fromStatus,
      to_status: e.toStatus,
      actor_id: e.actorId,
      actor_name: e.actorName,
      actor_role: e.actorRole,
      unit_id: e.unitId,
      reason: e.reason ?? '',
      data: JSON.stringify(e.data ?? {}),
    })
    .execute();
}

export async function logPersonalDataAccess(
  db: Executor,
  e: {
    actorId: string | null;
    actorName: string;
    unitId: string | null;
    idNumber: string;
    subjectType: string;
    subjectId?: string;
    purpose: string;
    outcome?: string;
    requestId: string;
  },
): Promise<void> {
  // Outside a transaction the entry joins the next batch of the handle's access log, written through the handle
  // whose commit does not wait for the disk (loss window and shutdown: ../access-log.ts); inside one, it is
  // written in it.
  const log = db.isTransaction ? undefined : accessLogOf(db as Db);
  const entry = {
    actor_id: e.actorId,
    actor_name: e.actorName,
    unit_id: e.unitId,
    id_number: e.idNumber,
    subject_type: e.subjectType,
    subject_id: e.subjectId ?? '',
    purpose: e.purpose,
    outcome: e.outcome ?? 'ok',
    request_id: e.requestId,
  };
  if (log) return log.add({ ...entry, at: new Date() });
  // A handle not made by createDb (or a transaction): written now.
  await (db.isTransaction ? db : relaxedOf(db as Db)).insertInto('personal_data_access').values(entry).execute();
}

/** A message to an outside system, in the transaction of the change that causes it. Delivered later, at least once. */
export async function enqueueOutbox(
  trx: Transaction<Database>,
  topic: string,
  idempotencyKey: string,
  payload: Record<string, unknown>,
  /** Not before this time (an SMS that waits for working hours); now when absent. */
  availableAt?: Date,
): Promise<void> {
  await trx
    .insertInto('outbox')
    .values({
      topic,
      idempotency_key: idempotencyKey,
      payload: JSON.stringify(payload),
      ...(availableAt ? { available_at: availableAt } : {}),
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .execute();
}

export const MESSAGE_TOPICS = { portal: 'national-portal.status', sms: 'sms.send', email: 'email.send' } as const;

/** Enqueues the messages an effect or an intake describes, each on its topic. */
export async function enqueueMessages(trx: Transaction<Database>, messages: readonly OutboxMessage[]): Promise<void> {
  for (const m of messages) await enqueueOutbox(trx, MESSAGE_TOPICS[m.channel], m.key, m.payload);
}
