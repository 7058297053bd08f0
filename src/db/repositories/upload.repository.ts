// Resumable uploads: the upload rows, their chunks waiting in PostgreSQL until the last byte arrives, giving up
// (expired or refused) and the purge. The rules (offsets, checksum, owner) are in services/upload.service.ts.
// The SQL of each function is snapshotted in test/db/sql/upload.sql.test.ts.
import type { Insertable, Transaction } from 'kysely';
import type { Db } from '../database';
import type { Database, UploadTable } from '../schema';

type Q = Db | Transaction<Database>;

export const UPLOAD_COLUMNS = [
  'id',
  'citizen_id',
  'staff_id',
  'unit_id',
  'file_name',
  'size_bytes',
  'sha256',
  'chunk_size',
  'received_bytes',
  'status',
  'stored_file_id',
  'failure',
  'expires_at',
] as const;

/** Who an upload belongs to: a citizen, or an officer for a unit. */
export type UploadOwner = { kind: 'citizen'; citizenId: string } | { kind: 'staff'; userId: string; unitId: string };

/** One file of one owner: an open upload is found again by its checksum and size. */
export type SameFile = { owner: UploadOwner; sha256: string; sizeBytes: number };

function openOfSameFile(trx: Transaction<Database>, f: SameFile) {
  return trx
    .selectFrom('upload')
    .where('status', '=', 'open')
    .where('sha256', '=', f.sha256)
    .where('size_bytes', '=', f.sizeBytes)
    .where((eb) =>
      f.owner.kind === 'citizen'
        ? eb('citizen_id', '=', f.owner.citizenId)
        : eb.and([eb('staff_id', '=', f.owner.userId), eb('unit_id', '=', f.owner.unitId)]),
    );
}

/** Open uploads of the same file whose time ran out at `now`. */
export async function findExpiredOfSameFile(trx: Transaction<Database>, f: SameFile, now: Date): Promise<string[]> {
  const rows = await openOfSameFile(trx, f).select('id').where('expires_at', '<=', now).execute();
  return rows.map((r) => r.id);
}

/** The open upload of the same file (the one a client that lost its id resumes). */
export function findOpenOfSameFile(trx: Transaction<Database>, f: SameFile) {
  return openOfSameFile(trx, f).select(UPLOAD_COLUMNS).executeTakeFirst();
}

/** A new upload; undefined when an open one of the same file exists (the partial unique index decides). */
export function insertUpload(trx: Transaction<Database>, values: Insertable<UploadTable>) {
  return trx
    .insertInto('upload')
    .values(values)
    .onConflict((oc) => oc.doNothing())
    .returning(UPLOAD_COLUMNS)
    .executeTakeFirst();
}

export function findUpload(db: Q, id: string) {
  return db.selectFrom('upload').select(UPLOAD_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** The upload row locked: chunks of one upload are taken one at a time. */
export function lockUpload(trx: Transaction<Database>, id: string) {
  return trx.selectFrom('upload').select(UPLOAD_COLUMNS).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function findChunk(trx: Transaction<Database>, uploadId: string, index: number): Promise<Buffer | undefined> {
  const r = await trx
    .selectFrom('upload_chunk')
    .select('data')
    .where('upload_id', '=', uploadId)
    .where('index', '=', index)
    .executeTakeFirst();
  return r?.data;
}

/** A chunk kept and the bytes received so far. */
export async function appendChunk(trx: Transaction<Database>, uploadId: string, index: number, data: Buffer): Promise<void> {
  await trx.insertInto('upload_chunk').values({ upload_id: uploadId, index, data }).execute();
}

export async function setReceivedBytes(trx: Transaction<Database>, uploadId: string, received: number): Promise<void> {
  await trx.updateTable('upload').set({ received_bytes: received }).where('id', '=', uploadId).execute();
}

/** The chunks of an upload, in order. */
export async function listChunks(trx: Transaction<Database>, uploadId: string): Promise<Buffer[]> {
  const rows = await trx.selectFrom('upload_chunk').select('data').where('upload_id', '=', uploadId).orderBy('index').execute();
  return rows.map((r) => r.data);
}

/** The upload became a stored file: its chunks deleted, the row complete. */
export async function completeUpload(trx: Transaction<Database>, uploadId: string, sizeBytes: number, storedFileId: string): Promise<void> {
  await trx.deleteFrom('upload_chunk').where('upload_id', '=', uploadId).execute();
  await trx
    .updateTable('upload')
    .set({ received_bytes: sizeBytes, status: 'complete', stored_file_id: storedFileId })
    .where('id', '=', uploadId)
    .execute();
}

/** The upload given up with `failure`: its chunks deleted, the reason kept on the row. */
export async function failUpload(trx: Transaction<Database>, uploadId: string, failure: string): Promise<void> {
  await trx.deleteFrom('upload_chunk').where('upload_id', '=', uploadId).execute();
  await trx.updateTable('upload').set({ status: 'failed', failure }).where('id', '=', uploadId).execute();
}

/** Uploads whose time ran out: chunks deleted, answered `upload-expired` from now on. */
export async function expireUploads(trx: Transaction<Database>, ids: string[]): Promise<void> {
  await trx.deleteFrom('upload_chunk').where('upload_id', 'in', ids).execute();
  await trx.updateTable('upload').set({ status: 'failed', failure: 'upload-expired' }).where('id', 'in', ids).execute();
}

/** Up to `limit` open uploads expired at `now`, locked; one another purge holds is skipped. */
export async function lockExpiredUploads(trx: Transaction<Database>, now: Date, limit: number): Promise<string[]> {
  const rows = await trx
    .selectFrom('upload')
    .select('id')
    .where('status', '=', 'open')
    .where('expires_at', '<=', now)
    .forUpdate()
    .skipLocked()
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Chunks of uploads that ended (complete or failed), should any remain. */
export async function deleteChunksOfEndedUploads(trx: Transaction<Database>): Promise<void> {
  await trx
    .deleteFrom('upload_chunk')
    .where('upload_id', 'in', (eb) => eb.selectFrom('upload').select('id').where('status', '<>', 'open'))
    .execute();
}

/** What an upload's client is told about the stored file it became. */
export function findStoredFileSummary(db: Q, storedFileId: string) {
  return db
    .selectFrom('stored_file')
    .select(['id', 'sha256', 'mime', 'pages', 'size_bytes'])
    .where('id', '=', storedFileId)
    .executeTakeFirst();
}
