// Scanned and uploaded components: PDF, JPEG or PNG, checked by content (not by the name or the declared
// type), page count recorded, stored by SHA-256 on the local disk, each with the receiving officer's
// attestation (an HMAC of the hash, the officer and the time under the server key).
import { createHash, createHmac } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { unitScope } from '../domain/access';
import { Problem } from '../domain/problems';
import type { Db } from '../db/database';
import { appendAudit } from '../db/repositories/audit.repository';
import { listUnitTree } from '../db/repositories/unit.repository';
import type { FileStore } from '../adapters/file-store';
import { requireActor, type ServiceContext } from './context';

type Mime = 'application/pdf' | 'image/jpeg' | 'image/png';

/** The type a file really is, from its first bytes. */
export function sniff(bytes: Buffer): Mime | null {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return null;
}

export async function pageCount(bytes: Buffer, mime: Mime): Promise<number> {
  if (mime !== 'application/pdf') return 1;
  try {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    return doc.getPageCount();
  } catch {
    throw new Problem('file-unreadable');
  }
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

export class FileService {
  constructor(
    private readonly db: Db,
    private readonly store: FileStore,
    private readonly secret: string,
  ) {}

  async upload(ctx: ServiceContext, unitId: string, bytes: Buffer, originalName: string): Promise<StoredFileView> {
    const actor = requireActor(ctx);
    if (!actor.roles.some((g) => g.unitId === unitId && ['reception-officer', 'specialist', 'leader'].includes(g.role)))
      throw new Problem('forbidden');
    const mime = sniff(bytes);
    if (!mime) throw new Problem('file-type-not-allowed');
    const pages = await pageCount(bytes, mime);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const key = `${sha256.slice(0, 2)}/${sha256}`;
    await this.store.put(key, bytes, mime);
    const at = new Date();
    const signature = createHmac('sha256', this.secret).update(`${sha256}|${actor.userId}|${at.toISOString()}`).digest('hex');
    const row = await this.db.transaction().execute(async (trx) => {
      const r = await trx
        .insertInto('stored_file')
        .values({
          sha256,
          mime,
          size_bytes: bytes.length,
          pages,
          original_name: originalName.slice(0, 200),
          storage_key: key,
          unit_id: unitId,
          uploaded_by: actor.userId,
          uploaded_at: at,
          officer_signature: signature,
        })
        .returning(['id', 'uploaded_at'])
        .executeTakeFirstOrThrow();
      await appendAudit(trx, {
        actorId: actor.userId,
        actorName: actor.username,
        actorRole: 'reception-officer',
        unitId,
        action: 'file.upload',
        subjectType: 'file',
        subjectId: r.id,
        requestId: ctx.requestId,
        details: { sha256, mime, pages, size: bytes.length },
      });
      return r;
    });
    return { id: row.id, sha256, mime, sizeBytes: bytes.length, pages, originalName, uploadedAt: row.uploaded_at };
  }

  async read(ctx: ServiceContext, id: string): Promise<{ file: StoredFileView; bytes: Buffer }> {
    const actor = requireActor(ctx);
    const f = await this.db.selectFrom('stored_file').selectAll().where('id', '=', id).executeTakeFirst();
    const scope = unitScope(actor, await listUnitTree(this.db));
    if (!f) throw new Problem('not-found', { what: 'file' });
    // Visible to the unit that received it and to the units of dossiers it belongs to.
    const linked = await this.db
      .selectFrom('dossier_component as c')
      .innerJoin('dossier as d', 'd.id', 'c.dossier_id')
      .select('d.unit_id')
      .where(({ eb, val }) => eb(val(id), '=', eb.fn.any('c.file_ids')))
      .execute();
    if (!(f.unit_id && scope.has(f.unit_id)) && !linked.some((l) => scope.has(l.unit_id))) throw new Problem('not-found', { what: 'file' });
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
}
