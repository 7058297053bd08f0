// The queue's SQL: the day's ticket numbers, the call-next claim (two officers never take one ticket),
// the board, and the raw times the capacity figures are computed from.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../schema';

/** The next number of a field prefix's daily sequence at a unit: an in-place increment, safe under concurrency. */
export async function nextTicketSeq(trx: Transaction<Database>, unitId: string, day: string, prefix: string): Promise<number> {
  const r = await trx
    .insertInto('queue_number_counter')
    .values({ unit_id: unitId, day, prefix, last: 1 })
    .onConflict((oc) => oc.columns(['unit_id', 'day', 'prefix']).doUpdateSet({ last: sql`queue_number_counter.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return r.last;
}

/**
 * Claims the ticket a counter calls next, in the order `pickNext` (domain/queue/lifecycle.ts) specifies:
 * checked-in appointments whose slot has come, by slot; then walk-ins — on a priority turn by weight, else
 * ordinary before priority — by arrival; appointments not yet due last. `FOR UPDATE SKIP LOCKED`: a
 * ticket another officer is claiming at this moment is skipped, never waited for nor taken twice.
 */
export async function claimNextTicket(
  trx: Transaction<Database>,
  c: { counterId: string; receptionPointId: string; day: string; now: Date; priorityTurn: boolean },
): Promise<{ id: string } | undefined> {
  const weightOrder = c.priorityTurn ? sql`t.weight DESC` : sql`(t.weight > 0) ASC`;
  const r = await sql<{ id: string }>`
    SELECT t.id FROM queue_ticket t
    WHERE t.reception_point_id = ${c.receptionPointId} AND t.day = ${c.day} AND t.status = 'waiting'
      AND (t.target_counter_id = ${c.counterId}
           OR (t.target_counter_id IS NULL AND t.field_id IN (SELECT field_id FROM counter_field WHERE counter_id = ${c.counterId})))
    ORDER BY
      CASE WHEN t.slot_start IS NULL THEN 1 WHEN t.slot_start <= ${c.now} THEN 0 ELSE 2 END,
      CASE WHEN t.slot_start <= ${c.now} THEN t.slot_start END ASC NULLS LAST,
      ${weightOrder},
      t.arrived_at, t.id
    LIMIT 1
    FOR UPDATE OF t SKIP LOCKED`.execute(trx);
  return r.rows[0];
}

export type TimedTicket = {
  arrivedAt: Date;
  calledAt: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
};
