// The audit log: append-only, hash-chained. Rows are written in the caller's transaction, so an action and
// its record commit or roll back together. A transaction-scoped advisory lock serialises appends, which
// keeps the chain linear (each row names the hash of the row before it).
import { createHash } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../schema';
import type { Db } from '../database';

const AUDIT_CHAIN_LOCK = 4_242_002;
export const GENESIS_HASH = '0'.repeat(64);

export type AuditEntry = {
  actorId: string | null;
  actorName: string;
  actorRole: string;
  unitId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  requestId: string;
  details?: Record<string, unknown>;
};

/** JSON with object keys sorted at every depth: jsonb does not keep key order, the hash must not depend on it. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`;
}

export function rowHash(
  prevHash: string,
  r: {
    at: Date;
    actorId: string | null;
    actorName: string;
    actorRole: string;
    unitId: string | null;
    action: string;
    subjectType: string;
    subjectId: string;
    requestId: string;
    details: unknown;
  },
): string {
  const body = canonicalJson([
    prevHash,
    r.at.toISOString(),
    r.actorId,
    r.actorName,
    r.actorRole,
    r.unitId,
    r.action,
    r.subjectType,
    r.subjectId,
    r.requestId,
    r.details,
  ]);
  return createHash('sha256').update(body).digest('hex');
}

export async function appendAudit(trx: Transaction<Database>, e: AuditEntry): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
  const last = await trx.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const prevHash = last?.hash ?? GENESIS_HASH;
  const at = new Date();
  const details = JSON.parse(canonicalJson(e.details ?? {})) as Record<string, unknown>;
  const hash = rowHash(prevHash, { ...e, at, details });
  await trx
    .insertInto('audit_log')
    .values({
      at,
      actor_id: e.actorId,
      actor_name: e.actorName,
      actor_role: e.actorRole,
      unit_id: e.unitId,
      action: e.action,
      subject_type: e.subjectType,
      subject_id: e.subjectId,
      request_id: e.requestId,
      details: JSON.stringify(details),
      prev_hash: prevHash,
      hash,
    })
    .execute();
  // The head is kept beside the chain: deleting the newest rows leaves no broken link, but a stale head.
  await trx
    .insertInto('app_meta')
    .values({ key: 'audit-head', value: JSON.stringify({ hash }) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify({ hash }), updated_at: new Date() }))
    .execute();
}

export type AuditVerdict = { ok: boolean; rows: number; problems: { id: string; problem: string }[] };

/** Walks the whole chain in id order: a changed row breaks its own hash, a deleted row breaks the link. */
export async function verifyAuditChain(db: Db, batch = 5_000): Promise<AuditVerdict> {
  const problems: AuditVerdict['problems'] = [];
  let prev = GENESIS_HASH;
  let lastId = 0;
  let rows = 0;
  for (;;) {
    const page = await db.selectFrom('audit_log').selectAll().where('id', '>', String(lastId)).orderBy('id').limit(batch).execute();
    if (page.length === 0) break;
    for (const r of page) {
      rows++;
      if (r.prev_hash !== prev) problems.push({ id: String(r.id), problem: 'link broken: a row before it was deleted or changed' });
      const expected = rowHash(r.prev_hash, {
        at: r.at,
        actorId: r.actor_id,
        actorName: r.actor_name,
        actorRole: r.actor_role,
        unitId: r.unit_id,
        action: r.action,
        subjectType: r.subject_type,
        subjectId: r.subject_id,
        requestId: r.request_id,
        details: r.details,
      });
      if (expected !== r.hash) problems.push({ id: String(r.id), problem: 'content changed after it was written' });
      prev = r.hash;
      lastId = Number(r.id);
    }
  }
  const head = await db.selectFrom('app_meta').select('value').where('key', '=', 'audit-head').executeTakeFirst();
  const headHash = (head?.value as { hash?: string } | undefined)?.hash ?? GENESIS_HASH;
  if (headHash !== prev) problems.push({ id: String(lastId), problem: 'the newest rows were deleted (head does not match)' });
  return { ok: problems.length === 0, rows, problems };
}

/** A unit's audit rows, newest first, keyset-paged by id. */
export async function listAuditRows(db: Db, unitId: string, limit: number, beforeId?: string) {
  let q = db.selectFrom('audit_log').selectAll().where('unit_id', '=', unitId).orderBy('id', 'desc').limit(limit);
  if (beforeId) q = q.where('id', '<', beforeId);
  return q.execute();
}
