// Scanned and uploaded components: PDF, JPEG or PNG, checked by content (not by the name or the declared
// type), page count recorded, stored by SHA-256 on the local disk, each with the receiving officer's
// attestation (an HMAC of the hash, the officer and the time under the server key). Files a citizen uploads
// (resumable uploads, src/services/upload.service.ts) go through the same `keep` and `record`, attested
// for the citizen and owned by them until a dossier takes them.
import { createHash, createHmac } from 'node:crypto';
import { unitScope } from '../domain/access';
import { Problem } from '../domain/problems';
import type { Transaction } from 'kysely';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { appendAudit } from '../db/repositories/audit.repository';
import { citizenDocumentHoldsFile, findStoredFile, insertStoredFile, unitsOfDossiersWithFile } from '../db/repositories/file.repository';
import { listUnitTree } from '../db/repositories/unit.repository';
import type { FileStore } from '../adapters/file-store';
import { requireActor, type ServiceContext } from './context';
import type { UntrustedContent } from './untrusted/pool';

type Executor = Db | Transaction<Database>;

export type Mime = 'application/pdf' | 'image/jpeg' | 'image/png';

/** The type a file really is, from its first bytes. */
export function sniff(bytes: Buffer): Mime | null {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return null;
}

export type StoredFileView = {
  id: string;
  sha256: string;
  mime: Mime;
  sizeBytes: number;
  pages: number;
  originalName: string;
  uploadedAt: Date;
};

/** Bytes checked by content and kept in the store, not yet recorded as a stored_file. */
export type KeptBytes = { sha256: string; mime: Mime; pages: number; sizeBytes: number; storageKey: string };

/** Who a stored file belongs to and who vouches for it: a unit's officer, or a citizen (no unit until a dossier takes it). */
export type FileOwner = { unitId: string; citizenId: null; uploadedBy: string } | { unitId: null; citizenId: string; uploadedBy: null };

export class FileService {
  constructor(
    private readonly db: Db,
    private readonly store: FileStore,
    private readonly secret: string,
    private readonly untrusted: UntrustedContent,
  ) {}

  async upload(ctx: ServiceContext, unitId: string, bytes: Buffer, originalName: string): Promise<StoredFileView> {
    const actor = requireActor(ctx);
    if (!actor.roles.some((g) => g.unitId === unitId && ['reception-officer', 'specialist', 'leader', 'feedback-officer'].includes(g.role)))
      throw new Problem('forbidden');
    const kept = await this.keep(bytes);
    return this.db.transaction().execute(async (trx) => {
      const f = await this.record(trx, kept, originalName, { unitId, citizenId: null, uploadedBy: actor.userId });
      await appendAudit(trx, {
        actorId: actor.userId,
        actorName: actor.username,
        actorRole: 'reception-officer',
        unitId,
        action: 'file.upload',
        subjectType: 'file',
        subjectId: f.id,
        requestId: ctx.requestId,
        details: { sha256: f.sha256, mime: f.mime, pages: f.pages, size: f.sizeBytes },
      });
      return f;
    });
  }

  /** Checks the bytes by content (PDF, JPEG or PNG; pages readable) and keeps them in the store under their SHA-256.
   * A PDF is inspected in a worker thread within limits (src/services/untrusted): 422 `file-too-complex` past them. */
  async keep(bytes: Buffer): Promise<KeptBytes> {
    const mime = sniff(bytes);
    if (!mime) throw new Problem('file-type-not-allowed');
    const pages = mime === 'application/pdf' ? await this.untrusted.pdfPages(bytes) : 1;
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const storageKey = `${sha256.slice(0, 2)}/${sha256}`;
    await this.store.put(storageKey, bytes, mime);
    return { sha256, mime, pages, sizeBytes: bytes.length, storageKey };
  }

  /** Writes the stored_file row of kept bytes in the caller's transaction, with the attestation (HMAC of the hash,
   * who vouches for it and the time under the server key). The caller writes the audit row. */
  async record(db: Executor, kept: KeptBytes, originalName: string, owner: FileOwner): Promise<StoredFileView> {
    const at = new Date();
    const attestedBy = owner.uploadedBy ?? `citizen:${owner.citizenId}`;
    const signature = createHmac('sha256', this.secret).update(`${kept.sha256}|${attestedBy}|${at.toISOString()}`).digest('hex');
    const name = originalName.slice(0, 200);
    const r = await insertStoredFile(db, {
      sha256: kept.sha256,
      mime: kept.mime,
      sizeBytes: kept.sizeBytes,
      pages: kept.pages,
      originalName: name,
      storageKey: kept.storageKey,
      unitId: owner.unitId,
      citizenId: owner.citizenId,
      uploadedBy: owner.uploadedBy,
      uploadedAt: at,
      officerSignature: signature,
    });
    return {
      id: r.id,
      sha256: kept.sha256,
      mime: kept.mime,
      sizeBytes: kept.sizeBytes,
      pages: kept.pages,
      originalName: name,
      uploadedAt: r.uploaded_at,
    };
  }

  async read(ctx: ServiceContext, id: string): Promise<{ file: StoredFileView; bytes: Buffer }> {
    if (!ctx.citizen) requireActor(ctx);
    const f = await findStoredFile(this.db, id);
    if (!f) throw new Problem('not-found', { what: 'file' });
    // A citizen reads what they uploaded and what their data store holds.
    if (!(ctx.citizen && (await this.citizenHolds(ctx.citizen.citizenId, f)))) await this.assertStaffMaySee(ctx, f);
    const bytes = await this.store.get(f.storage_key);
    return {
      file: {
        id: f.id,
        sha256: f.sha256,
        mime: f.mime,
        sizeBytes: f.size_bytes,
        pages: f.pages,
        originalName: f.original_name,
        uploadedAt: f.uploaded_at,
      },
      bytes,
    };
  }

  private async citizenHolds(citizenId: string, f: { id: string; citizen_id: string | null }): Promise<boolean> {
    if (f.citizen_id === citizenId) return true;
    return citizenDocumentHoldsFile(this.db, citizenId, f.id);
  }

  private async assertStaffMaySee(ctx: ServiceContext, f: { id: string; unit_id: string | null }): Promise<void> {
    const { id } = f;
    if (!ctx.actor) throw new Problem('not-found', { what: 'file' });
    const actor = ctx.actor;
    const scope = unitScope(actor, await listUnitTree(this.db));
    // Visible to the unit that received it and to the units of dossiers it belongs to.
    const linked = await unitsOfDossiersWithFile(this.db, id);
    if (!(f.unit_id && scope.has(f.unit_id)) && !linked.some((u) => scope.has(u))) throw new Problem('not-found', { what: 'file' });
  }
}
