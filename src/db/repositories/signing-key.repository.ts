// Each unit's signing key (PKCS#12) for the forms and reports it signs.
import type { Db } from '../database';

export async function findUnitKey(db: Db, unitId: string): Promise<{ p12: Buffer } | undefined> {
  return db.selectFrom('unit_signing_key').select('p12').where('unit_id', '=', unitId).executeTakeFirst();
}

/** Stores a key unless the unit has one already (two processes generating at once keep the first). */
export async function insertUnitKeyOnce(
  db: Db,
  k: { unitId: string; p12: Buffer; certificatePem: string; fingerprint: string; demo: boolean },
): Promise<void> {
  await db
    .insertInto('unit_signing_key')
    .values({ unit_id: k.unitId, p12: k.p12, certificate_pem: k.certificatePem, fingerprint: k.fingerprint, demo: k.demo })
    .onConflict((oc) => oc.column('unit_id').doNothing())
    .execute();
}
