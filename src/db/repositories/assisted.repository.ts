// The officer's check of a citizen's identity for filing online at the counter (assisted_verification).
import type { Transaction } from 'kysely';
import type { Db } from '../database';
import type { Database } from '../schema';

type Executor = Db | Transaction<Database>;

export async function insertAssistedVerification(
  db: Executor,
  v: {
    staffId: string;
    unitId: string;
    citizenId: string;
    method: 'chip-id' | 'vneid-qr' | 'otp';
    evidence: string;
    verifiedAt: Date | null;
  },
): Promise<string> {
  const row = await db
    .insertInto('assisted_verification')
    .values({
      staff_id: v.staffId,
      unit_id: v.unitId,
      citizen_id: v.citizenId,
      method: v.method,
      evidence: v.evidence,
      verified_at: v.verifiedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findAssistedVerification(db: Executor, id: string) {
  return db.selectFrom('assisted_verification').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function markAssistedVerified(db: Executor, id: string, at: Date): Promise<void> {
  await db.updateTable('assisted_verification').set({ verified_at: at }).where('id', '=', id).execute();
}
