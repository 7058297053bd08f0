// Resumable uploads (citizens on weak networks, and officers) and the citizen electronic data store.
//   POST  /api/uploads       declare the file (name, size, SHA-256): the upload and the offset to send from
//   PATCH /api/uploads/{id}  one chunk as the raw body (application/offset+octet-stream), at header Upload-Offset
//   GET   /api/uploads/{id}  (and HEAD) the offset received so far, to resume after a dropped connection
//   GET   /api/portal/documents, GET /api/portal/documents/{id}/file, POST /api/portal/documents
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app';
import { Problem } from '../../domain/problems';
import type { CitizenDocumentView } from '../../services/citizen-documents.service';
import type { UploadState } from '../../services/upload.service';
import { citizenOf, ctxOf, IdempotencyHeaders, IdParams, problems, vnIso, contentDisposition } from '../http';

export const UPLOAD_CHUNK_TYPE = 'application/offset+octet-stream';
/** Room for a chunk's framing beyond its bytes; a chunk larger than the upload's chunk size is refused anyway. */
const CHUNK_BODY_MARGIN = 64 * 1024;

const StoredFile = z.object({
  id: z.string(),
  sha256: z.string(),
  mime: z.string(),
  pages: z.number().int(),
  sizeBytes: z.number().int(),
});

const Upload = z.object({
  id: z.string(),
  fileName: z.string(),
  sizeBytes: z.number().int(),
  chunkSize: z.number().int().describe('Send chunks of exactly this many bytes (the last one: what is left)'),
  receivedBytes: z.number().int().describe('The offset to send the next chunk from'),
  status: z.enum(['open', 'complete', 'failed']),
  failure: z.string().nullable().describe('The problem code a failed upload answered'),
  expiresAt: z.string(),
  file: StoredFile.nullable().describe('The stored file, once complete'),
});

const ChunkAnswer = z.object({
  receivedBytes: z.number().int(),
  complete: z.boolean(),
  file: StoredFile.optional().describe('The stored file, when this chunk completed the upload'),
});

const Document = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(['component', 'result', 'receipt']),
  fileId: z.string(),
  fileName: z.string(),
  mime: z.string(),
  pages: z.number().int(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  dossierId: z.string().nullable(),
  dossierCode: z.string().nullable().describe('The dossier the document came from'),
  createdAt: z.string(),
});

const presentUpload = (u: UploadState) => ({
  id: u.id,
  fileName: u.fileName,
  sizeBytes: u.sizeBytes,
  chunkSize: u.chunkSize,
  receivedBytes: u.receivedBytes,
  status: u.status,
  failure: u.failure,
  expiresAt: vnIso(u.expiresAt),
  file: u.file,
});

const presentDocument = (d: CitizenDocumentView) => ({ ...d, createdAt: vnIso(d.createdAt) });

const disposition = (name: string) => contentDisposition(name);

export const uploadRoutes =
  (app: App): FastifyPluginAsyncZod =>
  async (server) => {
    const { uploads, documents } = app.services;

    // Chunks arrive as raw bytes (the tus media type; application/octet-stream is parsed by the server already).
    server.addContentTypeParser(UPLOAD_CHUNK_TYPE, { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

    server.post(
      '/api/uploads',
      {
        bodyLimit: 16 * 1024,
        schema: {
          tags: ['uploads'],
          summary:
            'Starts a resumable upload (PDF, JPEG or PNG, checked by content when complete). A citizen uploads for themselves; ' +
            'an officer names the unit. The same file declared again by the same owner answers the open upload (200) so it resumes',
          headers: IdempotencyHeaders,
          body: z
            .object({
              fileName: z.string().trim().min(1).max(200),
              sizeBytes: z.number().int().min(1).describe('At most the server upload limit (MOTCUA_UPLOAD_LIMIT_BYTES)'),
              sha256: z
                .string()
                .regex(/^[0-9a-fA-F]{64}$/, '64 hexadecimal digits')
                .describe('SHA-256 of the whole file; checked when the last byte arrives'),
              unitId: z.uuid().optional().describe('For officers: the unit the file is received for'),
            })
            .strict(),
          response: { 201: Upload, 200: Upload, ...problems(400, 401, 403, 409, 413) },
        },
      },
      async (req, reply) => {
        const u = await uploads.create(ctxOf(req), req.body);
        return reply.code(u.resumed ? 200 : 201).send(presentUpload(u));
      },
    );

    server.get(
      '/api/uploads/:id',
      {
        schema: {
          tags: ['uploads'],
          summary: 'How far an upload is (also as HEAD, with the Upload-Offset header): resume from receivedBytes',
          params: IdParams,
          response: { 200: Upload, ...problems(400, 401, 404, 410) },
        },
      },
      async (req, reply) => {
        const u = await uploads.status(ctxOf(req), req.params.id);
        return reply
          .header('upload-offset', String(u.receivedBytes))
          .header('upload-length', String(u.sizeBytes))
          .header('cache-control', 'no-store')
          .send(presentUpload(u));
      },
    );

    server.patch(
      '/api/uploads/:id',
      {
        bodyLimit: uploads.maxChunkBytes + CHUNK_BODY_MARGIN,
        schema: {
          tags: ['uploads'],
          summary:
            `Sends one chunk as the raw body (${UPLOAD_CHUNK_TYPE} or application/octet-stream) at Upload-Offset, which must be the ` +
            'received offset (409 upload-offset-mismatch answers it as `received`); a chunk sent again is accepted once. ' +
            'The last chunk completes the upload: SHA-256 checked (422 upload-checksum-mismatch), type by content, stored file',
          params: IdParams,
          headers: z
            .object({
              'upload-offset': z
                .string()
                .regex(/^\d{1,12}$/, 'a whole number of bytes')
                .describe('Where this chunk starts in the file'),
            })
            .loose(),
          response: { 200: ChunkAnswer, ...problems(400, 401, 404, 409, 410, 413, 415, 422) },
        },
      },
      async (req, reply) => {
        if (!Buffer.isBuffer(req.body))
          throw new Problem('validation-failed', { summary: `send the chunk as raw bytes (Content-Type: ${UPLOAD_CHUNK_TYPE})` });
        const r = await uploads.putChunk(ctxOf(req), req.params.id, Number(req.headers['upload-offset']), req.body);
        return reply
          .header('upload-offset', String(r.receivedBytes))
          .send({ receivedBytes: r.receivedBytes, complete: r.complete, ...(r.file ? { file: r.file } : {}) });
      },
    );

    server.get(
      '/api/portal/documents',
      {
        schema: {
          tags: ['portal'],
          summary: "The signed-in citizen's electronic data store: components and results of earlier dossiers, kept files",
          response: { 200: z.object({ items: z.array(Document) }), ...problems(401) },
        },
      },
      async (req) => ({ items: (await documents.list(citizenOf(req))).map(presentDocument) }),
    );

    server.post(
      '/api/portal/documents',
      {
        bodyLimit: 16 * 1024,
        schema: {
          tags: ['portal'],
          summary:
            'Keeps a file the citizen uploaded (a complete upload or its file id) in their data store; again answers the same document',
          body: z
            .object({
              uploadId: z.uuid().optional(),
              fileId: z.uuid().optional(),
              title: z.string().trim().min(1).max(200),
            })
            .strict()
            .refine((b) => b.uploadId || b.fileId, { message: 'give uploadId or fileId' }),
          response: { 201: Document, ...problems(400, 401, 404, 422) },
        },
      },
      async (req, reply) => reply.code(201).send(presentDocument(await documents.keep(citizenOf(req), req.body))),
    );

    server.get(
      '/api/portal/documents/:id/file',
      {
        schema: {
          tags: ['portal'],
          summary: "A document's file: for its citizen, or an officer of a unit the file is visible to (logged as personal data access)",
          params: IdParams,
        },
      },
      async (req, reply) => {
        const { document, bytes, mime } = await documents.read(ctxOf(req), req.params.id);
        return reply
          .type(mime)
          .header('content-disposition', disposition(document.fileName || document.title))
          .header('x-content-sha256', document.sha256)
          .header('cache-control', 'private, no-store')
          .send(bytes);
      },
    );
  };
