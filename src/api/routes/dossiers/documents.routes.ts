// A dossier's papers: uploads, printed forms and their verification, the tracking book, stored files.
import { z } from 'zod';
import type { App } from '../../../app';
import { Problem } from '../../../domain/problems';
import { DOSSIER_FORMS } from '../../../services/forms.service';
import { VERIFY_BODY_LIMIT } from '../../../services/untrusted/pool';
import { actorOf, ctxOf, IdParams, problems, vnIso, contentDisposition } from '../../http';
import type { ZodServer } from './server';

/** POST /api/files. */
export function uploadRoute(server: ZodServer, app: App): void {
  server.post(
    '/api/files',
    {
      bodyLimit: app.config.uploadLimit,
      schema: {
        tags: ['dossiers'],
        summary: 'Uploads a scanned component (raw PDF, JPEG or PNG body); the type is checked by content',
        querystring: z.object({ unitId: z.uuid(), name: z.string().max(200).default('') }).strict(),
        response: {
          201: z.object({
            id: z.string(),
            sha256: z.string(),
            mime: z.string(),
            sizeBytes: z.number(),
            pages: z.number(),
            originalName: z.string(),
            uploadedAt: z.string(),
          }),
          ...problems(400, 401, 403, 413, 415, 422),
        },
      },
    },
    async (req, reply) => {
      if (!Buffer.isBuffer(req.body)) throw new Problem('file-type-not-allowed');
      const f = await app.services.files.upload(actorOf(req), req.query.unitId, req.body, req.query.name);
      return reply.code(201).send({ ...f, uploadedAt: vnIso(f.uploadedAt) });
    },
  );
}

/** GET /api/dossiers/:id/forms/:form.pdf. */
export function formRoute(server: ZodServer, app: App): void {
  server.get(
    '/api/dossiers/:id/forms/:form.pdf',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'A legal form of the dossier as a signed PDF (TT 03/2025 forms 01–06)',
        params: z.object({ id: z.uuid(), form: z.enum(DOSSIER_FORMS) }).strict(),
      },
    },
    async (req, reply) => {
      const pdf = await app.services.forms.dossierForm(actorOf(req), req.params.id, req.params.form);
      return reply.type('application/pdf').header('content-disposition', `inline; filename="${req.params.form}.pdf"`).send(pdf);
    },
  );
}

/** POST /api/forms/verify. */
export function verifyRoute(server: ZodServer, app: App): void {
  server.post(
    '/api/forms/verify',
    {
      // Anonymous and costly: a body far below the upload limit, a rate per client, the work in a worker thread.
      bodyLimit: VERIFY_BODY_LIMIT,
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['public'],
        summary: "Verifies a form's digital signature: who signed it and whether a byte changed since (public)",
        response: {
          200: z.object({
            signed: z.boolean(),
            intact: z.boolean(),
            signerCN: z.string().optional(),
            fingerprint: z.string().optional(),
          }),
          ...problems(400, 413, 415, 422, 429),
        },
      },
    },
    async (req) => {
      if (!Buffer.isBuffer(req.body)) throw new Problem('file-type-not-allowed');
      return app.services.forms.verify(req.body);
    },
  );
}

/** GET /api/units/:id/tracking-book. */
export function trackingBookRoute(server: ZodServer, app: App): void {
  server.get(
    '/api/units/:id/tracking-book',
    {
      schema: {
        tags: ['dossiers'],
        summary: "A unit's tracking book for a year (form 07), numbered continuously: JSON, XLSX or PDF",
        params: IdParams,
        querystring: z
          .object({ year: z.coerce.number().int().min(2000).max(2199), format: z.enum(['json', 'xlsx', 'pdf']).default('json') })
          .strict(),
      },
    },
    async (req, reply) => {
      const ctx = actorOf(req);
      const { id } = req.params;
      const { year, format } = req.query;
      if (format === 'xlsx')
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="so-theo-doi-${year}.xlsx"`)
          .send(await app.services.trackingBook.xlsx(ctx, id, year));
      if (format === 'pdf') return reply.type('application/pdf').send(await app.services.forms.trackingBook(ctx, id, year));
      const r = await app.services.trackingBook.rows(ctx, id, year);
      return {
        unit: r.unit,
        year,
        rows: r.rows.map((x) => ({
          ...x,
          receivedAt: vnIso(x.receivedAt),
          dueAt: vnIso(x.dueAt),
          finishedAt: vnIso(x.finishedAt),
          returnedAt: vnIso(x.returnedAt),
        })),
      };
    },
  );
}

/** GET /api/files/:id. */
export function fileRoute(server: ZodServer, app: App): void {
  server.get(
    '/api/files/:id',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'Downloads a stored file (staff of a unit it is visible to, or the citizen who owns it)',
        params: IdParams,
      },
    },
    async (req, reply) => {
      const { file, bytes } = await app.services.files.read(req.citizen && !req.auth ? ctxOf(req) : actorOf(req), req.params.id);
      // The type checked by content at upload (never the one the uploader declared), and a disposition with the name.
      return reply
        .type(file.mime)
        .header('content-disposition', contentDisposition(file.originalName || `tep-${file.id}`))
        .header('x-content-sha256', file.sha256)
        .send(bytes);
    },
  );
}
