// Resumable uploads for weak networks (tus-like): the client declares the file (name, size, SHA-256), then
// sends it in chunks, each at the offset the server has received so far. A dropped connection costs at most
// one chunk: the client asks the offset (GET) and goes on from there; a chunk sent twice is accepted once.
// Chunks wait in PostgreSQL (upload_chunk) until the last byte arrives; then the whole file's SHA-256 must
// match the declared one, the type is checked by content as for any scan (FileService.keep), and it becomes a
// stored_file owned by the citizen (no unit yet) or by the officer's unit. A checksum that does not match is
// refused, recorded in the audit log, and leaves nothing behind (no stored_file, chunks deleted).
// Citizens (portal session) upload for themselves; officers (reception-officer, specialist, leader) for a unit.
import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import { Problem, type ProblemCode } from '../domain/problems';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { appendAudit } from '../db/repositories/audit.repository';
import {
  appendChunk,
  completeUpload,
  deleteChunksOfEndedUploads,
  expireUploads,
  failUpload,
  findChunk,
  findExpiredOfSameFile,
  findOpenOfSameFile,
  findStoredFileSummary,
  findUpload,
  insertUpload,
  listChunks,
  lockExpiredUploads,
  lockUpload,
  setReceivedBytes,
  type UploadOwner,
} from '../db/repositories/upload.repository';
import type { ServiceContext } from './context';
import { sniff, type FileService, type Mime } from './file.service';

/** Bytes per chunk: small enough for a 2G/3G connection to finish one in a few seconds. */
export const UPLOAD_CHUNK_SIZE = 256 * 1024;
/** How long an unfinished upload waits for its next chunk before it is given up. */
export const UPLOAD_TTL_MS = 24 * 3_600_000;

const STAFF_ROLES = ['reception-officer', 'specialist', 'leader'];

export type UploadCreate = { fileName: string; sizeBytes: number; sha256: string; unitId?: string | null };

export type UploadedFile = { id: string; sha256: string; mime: Mime; pages: number; sizeBytes: number };

export type UploadState = {
  id: string;
  fileName: string;
  sizeBytes: number;
  chunkSize: number;
  receivedBytes: number;
  status: 'open' | 'complete' | 'failed';
  /** The problem code a failed upload answered. */
  failure: string | null;
  expiresAt: Date;
  file: UploadedFile | null;
};

export type ChunkResult = { receivedBytes: number; complete: boolean; file: UploadedFile | null };

type Row = {
  id: string;
  citizen_id: string | null;
  staff_id: string | null;
  unit_id: string | null;
  file_name: string;
  size_bytes: number;
  sha256: string;
  chunk_size: number;
  received_bytes: number;
  status: 'open' | 'complete' | 'failed';
  stored_file_id: string | null;
  failure: string | null;
  expires_at: Date;
};

type Owner = UploadOwner;

export type UploadOptions = { maxBytes: number; chunkSize?: number; ttlMs?: number; now?: () => Date };

export class UploadService {
  private readonly chunkSize: number;
  private readonly ttlMs: number;
  private readonly now: () => Date;

  constructor(
    private readonly db: Db,
    private readonly files: FileService,
    private readonly opts: UploadOptions,
  ) {
    this.chunkSize = opts.chunkSize ?? UPLOAD_CHUNK_SIZE;
    this.ttlMs = opts.ttlMs ?? UPLOAD_TTL_MS;
    this.now = opts.now ?? (() => new Date());
  }

  /** The largest chunk a PATCH may carry (the route's body limit adds a margin to it). */
  get maxChunkBytes(): number {
    return this.chunkSize;
  }

  /** Starts an upload, or answers the open one of the same owner and file so a client that lost the id resumes. */
  async create(ctx: ServiceContext, input: UploadCreate): Promise<UploadState & { resumed: boolean }> {
    const owner = ownerFor(ctx, input.unitId ?? null);
    const sha256 = input.sha256.toLowerCase();
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Problem('validation-failed', { summary: 'sha256: 64 hexadecimal digits' });
    if (!Number.isInteger(input.sizeBytes) || input.sizeBytes < 1)
      throw new Problem('validation-failed', { summary: 'sizeBytes: a whole number of bytes, at least 1' });
    if (input.sizeBytes > this.opts.maxBytes) throw new Problem('body-too-large', { limit: this.opts.maxBytes });
    const now = this.now();
    return this.db.transaction().execute(async (trx) => {
      // An expired upload of the same file is given up first, so it does not stand in the new one's way.
      const sameFile = { owner, sha256, sizeBytes: input.sizeBytes };
      const expired = await findExpiredOfSameFile(trx, sameFile, now);
      if (expired.length) await expire(trx, expired);
      const inserted = await insertUpload(trx, {
        citizen_id: owner.kind === 'citizen' ? owner.citizenId : null,
        staff_id: owner.kind === 'staff' ? owner.userId : null,
        unit_id: owner.kind === 'staff' ? owner.unitId : null,
        file_name: input.fileName.slice(0, 200),
        size_bytes: input.sizeBytes,
        sha256,
        chunk_size: this.chunkSize,
        expires_at: new Date(now.getTime() + this.ttlMs),
      });
      if (inserted) return { ...(await present(trx, inserted)), resumed: false };
      const open = await findOpenOfSameFile(trx, sameFile);
      if (!open) throw new Problem('conflict', { reason: 'an upload of this file is being started; retry' });
      return { ...(await present(trx, open)), resumed: true };
    });
  }

  /** How far an upload is: the offset to send next from. */
  async status(ctx: ServiceContext, id: string): Promise<UploadState> {
    const row = await findUpload(this.db, id);
    const u = owned(ctx, row);
    if (u.status === 'failed' && u.failure === 'upload-expired') throw new Problem('upload-expired');
    if (u.status === 'open' && u.expires_at <= this.now()) throw new Problem('upload-expired');
    return present(this.db, u);
  }

  /** Appends a chunk at `offset`, which must be what the server has received so far (a chunk sent again is
   * accepted once). The last chunk completes the upload: checksum, type by content, stored file. */
  async putChunk(ctx: ServiceContext, id: string, offset: number, bytes: Buffer): Promise<ChunkResult> {
    if (!Number.isInteger(offset) || offset < 0) throw new Problem('validation-failed', { summary: 'Upload-Offset: a whole number ≥ 0' });
    if (bytes.length === 0) throw new Problem('validation-failed', { summary: 'the chunk is empty' });
    const outcome = await this.db.transaction().execute(async (trx): Promise<ChunkResult | { refused: ProblemCode }> => {
      const row = await lockUpload(trx, id);
      const u = owned(ctx, row);
      if (u.status === 'complete') return { receivedBytes: u.size_bytes, complete: true, file: await fileOf(trx, u.stored_file_id) };
      if (u.status === 'failed') return { refused: (u.failure ?? 'upload-checksum-mismatch') as ProblemCode };
      if (u.expires_at <= this.now()) {
        await expire(trx, [u.id]);
        return { refused: 'upload-expired' };
      }
      const mismatch = () => new Problem('upload-offset-mismatch', { received: u.received_bytes }, { received: u.received_bytes });
      if (offset % u.chunk_size !== 0 || offset >= u.size_bytes) throw mismatch();
      const expected = Math.min(u.chunk_size, u.size_bytes - offset);
      const index = offset / u.chunk_size;
      if (offset < u.received_bytes) {
        // Sent again (the answer was lost): the same bytes change nothing; other bytes are a client error.
        const have = await findChunk(trx, u.id, index);
        if (!have || !have.equals(bytes)) throw mismatch();
        return { receivedBytes: u.received_bytes, complete: false, file: null };
      }
      if (offset > u.received_bytes) throw mismatch();
      if (bytes.length !== expected)
        throw new Problem('validation-failed', {
          summary: `the chunk at offset ${offset} must have ${expected} bytes (chunk size ${u.chunk_size}), not ${bytes.length}`,
        });
      // Refuse what is not a scan as soon as its first bytes show it, rather than after the whole file came.
      if (index === 0 && (bytes.length >= 8 || bytes.length === u.size_bytes) && !sniff(bytes.subarray(0, 8)))
        return this.fail(trx, ctx, u, 'file-type-not-allowed', {});
      await appendChunk(trx, u.id, index, bytes);
      const received = u.received_bytes + bytes.length;
      if (received < u.size_bytes) {
        await setReceivedBytes(trx, u.id, received);
        return { receivedBytes: received, complete: false, file: null };
      }
      return this.complete(trx, ctx, { ...u, received_bytes: received });
    });
    if ('refused' in outcome) throw new Problem(outcome.refused);
    return outcome;
  }

  private async complete(trx: Transaction<Database>, ctx: ServiceContext, u: Row): Promise<ChunkResult | { refused: ProblemCode }> {
    const whole = Buffer.concat(await listChunks(trx, u.id));
    const actual = createHash('sha256').update(whole).digest('hex');
    if (whole.length !== u.size_bytes || actual !== u.sha256)
      return this.fail(trx, ctx, u, 'upload-checksum-mismatch', { declared: u.sha256, actual, bytes: whole.length });
    let kept;
    try {
      kept = await this.files.keep(whole);
    } catch (e) {
      if (e instanceof Problem && (e.code === 'file-type-not-allowed' || e.code === 'file-unreadable' || e.code === 'file-too-complex'))
        return this.fail(trx, ctx, u, e.code, {});
      throw e;
    }
    const owner = ownerOf(u);
    const f = await this.files.record(
      trx,
      kept,
      u.file_name,
      owner.kind === 'citizen'
        ? { unitId: null, citizenId: owner.citizenId, uploadedBy: null }
        : { unitId: owner.unitId, citizenId: null, uploadedBy: owner.userId },
    );
    await completeUpload(trx, u.id, u.size_bytes, f.id);
    await appendAudit(trx, {
      ...auditActor(ctx, u),
      action: 'file.upload',
      subjectType: 'file',
      subjectId: f.id,
      requestId: ctx.requestId,
      details: { sha256: f.sha256, mime: f.mime, pages: f.pages, size: f.sizeBytes, uploadId: u.id, resumable: true },
    });
    return {
      receivedBytes: u.size_bytes,
      complete: true,
      file: { id: f.id, sha256: f.sha256, mime: f.mime, pages: f.pages, sizeBytes: f.sizeBytes },
    };
  }

  /** Gives the upload up with `code`: chunks deleted, the reason kept on the row and in the audit log. The
   * transaction commits (the record stays); the caller answers the problem afterwards. */
  private async fail(
    trx: Transaction<Database>,
    ctx: ServiceContext,
    u: Row,
    code: ProblemCode,
    details: Record<string, unknown>,
  ): Promise<{ refused: ProblemCode }> {
    await failUpload(trx, u.id, code);
    await appendAudit(trx, {
      ...auditActor(ctx, u),
      action: code === 'upload-checksum-mismatch' ? 'upload.checksum-mismatch' : 'upload.refused',
      subjectType: 'upload',
      subjectId: u.id,
      requestId: ctx.requestId,
      details: { reason: code, fileName: u.file_name, size: u.size_bytes, ...details },
    });
    return { refused: code };
  }

  /** The file of a complete upload the caller owns (to keep it in the citizen's data store, or attach it). */
  async completedFile(ctx: ServiceContext, id: string): Promise<UploadedFile> {
    const row = await findUpload(this.db, id);
    const u = owned(ctx, row);
    const file = u.status === 'complete' ? await fileOf(this.db, u.stored_file_id) : null;
    if (!file) throw new Problem('validation-failed', { summary: 'the upload is not complete' });
    return file;
  }
}

/** Gives up open uploads whose time ran out: their chunks are deleted and they answer `upload-expired`. Chunks of
 * uploads that ended (complete or failed) are deleted too, should any remain. Returns how many uploads expired.
 * Scheduled by `uploadPurgeJob` (src/jobs/upload-purge.ts). */
export async function purgeExpiredUploads(db: Db, now: Date = new Date()): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const ids = await lockExpiredUploads(trx, now, 1000);
    if (ids.length) await expire(trx, ids);
    await deleteChunksOfEndedUploads(trx);
    return ids.length;
  });
}

function expire(trx: Transaction<Database>, ids: string[]): Promise<void> {
  return expireUploads(trx, ids);
}

/** Who the new upload belongs to: an officer of `unitId` when a unit is named, otherwise the signed-in citizen. */
function ownerFor(ctx: ServiceContext, unitId: string | null): Owner {
  if (unitId) {
    if (!ctx.actor) throw new Problem(ctx.citizen ? 'forbidden' : 'not-signed-in');
    const actor = ctx.actor;
    if (!actor.roles.some((g) => g.unitId === unitId && STAFF_ROLES.includes(g.role))) throw new Problem('forbidden');
    return { kind: 'staff', userId: actor.userId, unitId };
  }
  if (ctx.citizen) return { kind: 'citizen', citizenId: ctx.citizen.citizenId };
  if (ctx.actor) throw new Problem('validation-failed', { summary: 'unitId: required when an officer uploads' });
  throw new Problem('citizen-not-signed-in');
}

function ownerOf(u: Row): Owner {
  return u.citizen_id ? { kind: 'citizen', citizenId: u.citizen_id } : { kind: 'staff', userId: u.staff_id!, unitId: u.unit_id! };
}

/** The upload if the caller owns it; 404 otherwise (another's upload does not exist for them). */
function owned(ctx: ServiceContext, row: Row | undefined): Row {
  if (!ctx.actor && !ctx.citizen) throw new Problem('citizen-not-signed-in');
  const mine =
    row && ((row.citizen_id && row.citizen_id === ctx.citizen?.citizenId) || (row.staff_id && row.staff_id === ctx.actor?.userId));
  if (!row || !mine) throw new Problem('not-found', { what: 'upload' });
  return row;
}

function auditActor(ctx: ServiceContext, u: Row) {
  if (u.staff_id && ctx.actor)
    return { actorId: ctx.actor.userId, actorName: ctx.actor.username, actorRole: roleOf(ctx, u.unit_id), unitId: u.unit_id };
  return { actorId: null, actorName: `citizen:${ctx.citizen?.idNumber ?? ''}`, actorRole: 'citizen', unitId: null };
}

function roleOf(ctx: ServiceContext, unitId: string | null): string {
  return ctx.actor?.roles.find((g) => g.unitId === unitId && STAFF_ROLES.includes(g.role))?.role ?? '';
}

async function fileOf(db: Db | Transaction<Database>, storedFileId: string | null): Promise<UploadedFile | null> {
  if (!storedFileId) return null;
  const f = await findStoredFileSummary(db, storedFileId);
  return f ? { id: f.id, sha256: f.sha256, mime: f.mime, pages: f.pages, sizeBytes: f.size_bytes } : null;
}

async function present(db: Db | Transaction<Database>, u: Row): Promise<UploadState> {
  return {
    id: u.id,
    fileName: u.file_name,
    sizeBytes: u.size_bytes,
    chunkSize: u.chunk_size,
    receivedBytes: u.received_bytes,
    status: u.status,
    failure: u.failure,
    expiresAt: u.expires_at,
    file: u.status === 'complete' ? await fileOf(db, u.stored_file_id) : null,
  };
}
