import type { IncomingMessage } from 'node:http';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app';
import { computeFee, FeeRule, ProcedureInput } from '../../domain/catalogue/procedure';
import { Problem } from '../../domain/problems';
import type { ProcedureView } from '../../services/catalogue.service';
import type { VersionPublication } from '../../services/publication.service';
import {
  IMPORT_LIMITS,
  proceduresToCsv,
  readCsvStream,
  readJsonArrayStream,
  recordsToObjects,
  type ImportError,
} from '../../services/catalogue.service';
import { CATALOGUE_KEEPERS, publicNote } from '../../domain/catalogue/notes';
import { actorOf, ctxOf, IdParams, problems, vnIso, IdempotencyHeaders } from '../http';

const ComponentSchema = z.object({
  id: z.string(),
  name: z.string(),
  mandatory: z.boolean(),
  originals: z.number(),
  copies: z.number(),
  accepted: z.array(z.string()),
  fromRegistry: z.boolean().describe('Taken from the population registry: never demanded on paper'),
});
export const ProcedureSchema = z.object({
  id: z.string(),
  code: z.string(),
  versionId: z.string(),
  version: z.number(),
  name: z.string(),
  field: z.string(),
  level: z.enum(['commune', 'province']),
  legalBasis: z.array(z.object({ number: z.string(), title: z.string(), issuedOn: z.string() })),
  processingDays: z.number(),
  cutoffTime: z.string(),
  boundaryFree: z.boolean(),
  fee: FeeRule,
  feeFrom: z.number().describe('The smallest fee a request pays, in đồng (one page, one copy)'),
  components: z.array(ComponentSchema),
  steps: z.array(z.object({ name: z.string(), role: z.string(), share: z.number() })),
  resultType: z.string(),
  channels: z.array(z.enum(['in-person', 'online', 'postal'])),
  onlineLevel: z.enum(['full', 'partial', 'none']),
  formSchema: z.record(z.string(), z.unknown()).nullable(),
  effectiveFrom: z.string().nullable(),
  effectiveTo: z.string().nullable(),
  notes: z.string(),
  unitIds: z.array(z.string()).describe('Units that handle this procedure'),
  publication: z
    .object({
      status: z.enum(['draft', 'reviewed', 'published', 'withdrawn']),
      decisionNumber: z.string().nullable(),
      decisionDate: z.string().nullable(),
      effectiveDate: z.string().nullable(),
      publishedAt: z.string().nullable(),
    })
    .nullable()
    .describe('The deciding document, effective date and publication time; null for a version published before the workflow'),
});

const MissingElement = z.object({ element: z.string(), field: z.string(), vi: z.string(), en: z.string() });
const VersionPublicationSchema = z.object({
  versionId: z.string(),
  version: z.number(),
  status: z.enum(['draft', 'reviewed', 'published', 'withdrawn', 'legacy']),
  current: z.boolean().describe('The version in force (what the portal and counters use)'),
  createdAt: z.string(),
  reviewedAt: z.string().nullable(),
  decisionNumber: z.string().nullable(),
  decisionDate: z.string().nullable(),
  effectiveDate: z.string().nullable(),
  publishedAt: z.string().nullable(),
  missing: z.array(MissingElement).describe('Elements of Decree 63/2010 Art. 8(2), fees and legal basis still missing'),
});
const presentPublication = (v: VersionPublication) => ({
  ...v,
  createdAt: vnIso(v.createdAt),
  reviewedAt: vnIso(v.reviewedAt),
  publishedAt: vnIso(v.publishedAt),
});
const IsoDay = z.iso.date();

declare module 'fastify' {
  interface FastifyRequest {
    /** The rows of an import CSV, read as a stream by the import's content parser. */
    csvImport?: { records: Record<string, string>[]; errors: ImportError[] };
    /** What an import JSON could not say (unreadable, not an array, too deep), read by the import's JSON parser. */
    jsonImportErrors?: ImportError[];
  }
}

/** A procedure as answered: the demo data's "unconfirmed: …" remarks only for those who keep the catalogue. */
const present = (p: ProcedureView, req: FastifyRequest) => {
  const keeper = !!req.auth && ctxOf(req).actor?.roles.some((g) => (CATALOGUE_KEEPERS as readonly string[]).includes(g.role));
  const shown = keeper
    ? p
    : { ...p, notes: publicNote(p.notes), fee: p.fee.note === undefined ? p.fee : { ...p.fee, note: publicNote(p.fee.note) } };
  return {
    ...shown,
    feeFrom: computeFee(p.fee),
    publication: p.publication ? { ...p.publication, publishedAt: vnIso(p.publication.publishedAt) } : null,
  };
};

export const procedureRoutes =
  (app: App): FastifyPluginAsyncZod =>
  async (server) => {
    const { catalogue, publication } = app.services;
    server.post(
      '/api/procedures/:id/drafts',
      {
        schema: {
          tags: ['catalogue'],
          summary:
            'Saves an edit (the e-form builder, the editor) as a new draft version; the version in force and versions in use never change (province-admin)',
          params: IdParams,
          headers: IdempotencyHeaders,
          body: ProcedureInput,
          response: { 201: VersionPublicationSchema, ...problems(400, 401, 403, 404, 422) },
        },
      },
      async (req, reply) => reply.code(201).send(presentPublication(await publication.saveDraft(actorOf(req), req.params.id, req.body))),
    );
    server.get(
      '/api/procedures/:id/publication',
      {
        schema: {
          tags: ['catalogue'],
          summary: 'Every version with its publication status, deciding document, dates and missing elements (province-admin)',
          params: IdParams,
          response: { 200: z.object({ items: z.array(VersionPublicationSchema) }), ...problems(400, 401, 403, 404) },
        },
      },
      async (req) => ({ items: (await publication.list(actorOf(req), req.params.id)).map(presentPublication) }),
    );
    server.post(
      '/api/procedure-versions/:id/review',
      {
        schema: {
          tags: ['catalogue'],
          summary: 'Marks a draft version reviewed, or returns a reviewed one to draft (province-admin)',
          params: IdParams,
          body: z.object({ action: z.enum(['review', 'return']) }).strict(),
          response: { 200: VersionPublicationSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => presentPublication(await publication.review(actorOf(req), req.params.id, req.body.action)),
    );
    server.post(
      '/api/procedure-versions/:id/publish',
      {
        schema: {
          tags: ['catalogue'],
          summary:
            'Publishes a reviewed version with its deciding document and effective date; refused while an element of the procedure is missing (province-admin)',
          params: IdParams,
          body: z.object({ decisionNumber: z.string().trim().min(1).max(100), decisionDate: IsoDay, effectiveDate: IsoDay }).strict(),
          response: { 200: VersionPublicationSchema, ...problems(400, 401, 403, 404, 409, 422) },
        },
      },
      async (req) => presentPublication(await publication.publish(actorOf(req), req.params.id, req.body)),
    );
    server.get(
      '/api/procedure-versions/:id/changes',
      {
        schema: {
          tags: ['catalogue'],
          summary:
            'What a version changes in the e-form against the version in force, and the open applications and dossiers that stay on older versions (province-admin)',
          params: IdParams,
          response: {
            200: z.object({
              versionId: z.string(),
              version: z.number(),
              against: z.object({ versionId: z.string(), version: z.number() }).nullable(),
              fields: z.array(
                z.object({
                  change: z.enum(['added', 'removed', 'changed']),
                  path: z.string(),
                  label: z.string(),
                  before: z.string().optional(),
                  now: z.string().optional(),
                }),
              ),
              stayOnOlder: z.array(
                z.object({ versionId: z.string(), version: z.number(), applications: z.number(), dossiers: z.number() }),
              ),
            }),
            ...problems(400, 401, 403, 404),
          },
        },
      },
      async (req) => publication.changes(actorOf(req), req.params.id),
    );
    server.get(
      '/api/procedures',
      {
        schema: {
          tags: ['catalogue'],
          summary: 'Search the catalogue (public); q matches with or without Vietnamese diacritics',
          querystring: z
            .object({
              unitId: z.uuid().optional(),
              q: z.string().max(200).optional(),
              limit: z.coerce.number().int().min(1).max(500).default(50),
            })
            .strict(),
          response: { 200: z.object({ items: z.array(ProcedureSchema) }), ...problems(400) },
        },
      },
      async (req) => ({ items: (await catalogue.list(req.query)).map((p) => present(p, req)) }),
    );
    server.get(
      '/api/procedures/export',
      {
        schema: {
          tags: ['catalogue'],
          summary: "Exports the province's catalogue as JSON or CSV (import reads both back without loss)",
          querystring: z.object({ format: z.enum(['json', 'csv']).default('json') }).strict(),
        },
      },
      async (req, reply) => {
        const items = await catalogue.export();
        if (req.query.format === 'csv')
          return reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', 'attachment; filename="thu-tuc.csv"')
            .send(proceduresToCsv(items));
        return reply.header('content-disposition', 'attachment; filename="thu-tuc.json"').send(items);
      },
    );
    server.get(
      '/api/procedures/:id',
      {
        schema: {
          tags: ['catalogue'],
          summary: 'One procedure at its current version (public)',
          params: IdParams,
          response: { 200: ProcedureSchema, ...problems(400, 404) },
        },
      },
      async (req) => present(await catalogue.get(req.params.id), req),
    );
    server.get(
      '/api/procedures/:id/versions',
      {
        schema: {
          tags: ['catalogue'],
          summary: 'Every version of a procedure, newest first (public)',
          params: IdParams,
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  versionId: z.string(),
                  version: z.number(),
                  name: z.string(),
                  createdAt: z.string(),
                  processingDays: z.number(),
                }),
              ),
            }),
            ...problems(400, 404),
          },
        },
      },
      async (req) => ({ items: (await catalogue.versions(req.params.id)).map((v) => ({ ...v, createdAt: vnIso(v.createdAt) })) }),
    );
    server.get(
      '/api/procedure-versions/:id',
      {
        schema: {
          tags: ['catalogue'],
          summary:
            "One exact version (what a dossier was received under). Public when published; a draft, reviewed or withdrawn version only for the province's catalogue keepers and whoever has it in use (the citizen's own applications and dossiers, staff of units with a dossier on it); 404 to anyone else",
          params: IdParams,
          response: { 200: ProcedureSchema, ...problems(400, 404) },
        },
      },
      async (req) => present(await catalogue.getVersion(ctxOf(req), req.params.id), req),
    );
    server.post(
      '/api/procedures',
      {
        schema: {
          tags: ['catalogue'],
          summary: 'Publishes a new procedure in the province catalogue (province-admin)',
          headers: IdempotencyHeaders,
          body: ProcedureInput,
          response: { 201: ProcedureSchema, ...problems(400, 401, 403, 409, 422) },
        },
      },
      async (req, reply) => reply.code(201).send(present(await catalogue.create(actorOf(req), req.body), req)),
    );
    server.put(
      '/api/procedures/:id',
      {
        schema: {
          tags: ['catalogue'],
          summary: 'Edits a procedure: makes a new version; dossiers keep the version they were received under',
          params: IdParams,
          body: ProcedureInput,
          response: { 200: ProcedureSchema, ...problems(400, 401, 403, 404, 422) },
        },
      },
      async (req) => present(await catalogue.update(actorOf(req), req.params.id, req.body), req),
    );
    server.put(
      '/api/units/:id/procedures/:procedureId',
      {
        schema: {
          tags: ['catalogue'],
          summary: 'Enables or disables a procedure at a unit',
          params: z.object({ id: z.uuid(), procedureId: z.uuid() }).strict(),
          body: z.object({ enabled: z.boolean() }).strict(),
          response: { 204: z.null(), ...problems(400, 401, 403, 404) },
        },
      },
      async (req, reply) => {
        await catalogue.setEnabled(actorOf(req), req.params.id, req.params.procedureId, req.body.enabled);
        return reply.code(204).send(null);
      },
    );
    // The import has a scope of its own: CSV and JSON are read as streams with row and byte limits (never one
    // JSON.parse of the whole body), and who may import is checked before a byte of the body is read (an 8 MB
    // body from anyone else costs nothing).
    await server.register(async (scope) => {
      scope.removeContentTypeParser(['text/csv', 'text/plain', 'application/json']);
      scope.addContentTypeParser(['text/csv', 'text/plain'], async (req: FastifyRequest, payload: IncomingMessage) => {
        req.csvImport = await readCsvStream(payload, IMPORT_LIMITS);
        return '';
      });
      scope.addContentTypeParser('application/json', async (req: FastifyRequest, payload: IncomingMessage) => {
        const { items, errors } = await readJsonArrayStream(payload, IMPORT_LIMITS);
        if (errors.length) req.jsonImportErrors = errors;
        return items;
      });
      scope.withTypeProvider<ZodTypeProvider>().post(
        '/api/procedures/import',
        {
          bodyLimit: IMPORT_LIMITS.bytes,
          preParsing: async (req, _reply, payload) => {
            await catalogue.assertMayImport(actorOf(req));
            return payload;
          },
          schema: {
            tags: ['catalogue'],
            summary:
              'Imports procedures from JSON (an array) or CSV (text/csv); all or nothing, errors name row and field. ' +
              `Province-admin, checked before the body is read; at most ${IMPORT_LIMITS.rows} procedures.`,
            body: z.union([z.array(z.unknown()).max(IMPORT_LIMITS.rows), z.string().max(IMPORT_LIMITS.bytes)]),
            response: {
              200: z.object({ created: z.number(), updated: z.number(), unchanged: z.number() }),
              ...problems(400, 401, 403, 413, 422),
            },
          },
        },
        async (req) => {
          const ctx = actorOf(req);
          if (req.csvImport) {
            const { items, errors } = recordsToObjects(req.csvImport.records);
            return catalogue.import(ctx, items, [...req.csvImport.errors, ...errors]);
          }
          if (!Array.isArray(req.body)) throw new Problem('validation-failed', { summary: 'an array of procedures or a CSV text' });
          return catalogue.import(ctx, req.body, req.jsonImportErrors);
        },
      );
    });
  };
