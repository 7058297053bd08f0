import type { IncomingMessage } from 'node:http';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app';
import { computeFee, FeeRule, ProcedureInput } from '../../domain/catalogue/procedure';
import { Problem } from '../../domain/problems';
import type { ProcedureView } from '../../services/catalogue.service';
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
});

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
  return { ...shown, feeFrom: computeFee(p.fee) };
};

export const procedureRoutes =
  (app: App): FastifyPluginAsyncZod =>
  async (server) => {
    const { catalogue } = app.services;
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
          summary: 'One exact version (what a dossier was received under)',
          params: IdParams,
          response: { 200: ProcedureSchema, ...problems(400, 404) },
        },
      },
      async (req) => present(await catalogue.getVersion(req.params.id), req),
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
