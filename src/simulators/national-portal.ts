// The national portal simulator: accepts dossier status changes as the real sync API would (HMAC-signed
// JSON, Idempotency-Key), keeps each change once per key in `sim_portal_record` (simulator data), can be
// told to be down or slow, and shows an administrator what it received for a dossier code.
import { timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SIGNATURE_HEADER, signBody } from '../adapters/national-portal.adapter';
import { actorOf, problems, vnIso } from '../api/http';
import type { Db } from '../db/database';
import { Problem } from '../domain/problems';
import { requireIdempotencyKey, gate, requireSystemAdmin, type SimulatorModes } from './modes';

declare module 'fastify' {
  interface FastifyRequest {
    /** The exact bytes of a JSON body, for the simulator's signature check. */
    rawBody?: string;
  }
}

const Time = z.string().min(10).max(40);
const StatusBody = z
  .object({
    code: z.string().min(1).max(80),
    nationalStatus: z.number().int().min(1).max(10),
    receivedAt: Time,
    appointmentAt: Time.nullable(),
    finishedAt: Time.nullable(),
    channel: z.number().int().min(1).max(3),
    resultCode: z.string().max(120).optional(),
    resultFileLink: z.string().max(2000).optional(),
    resultFileSha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
    eForm: z
      .object({
        title: z.string().max(1000),
        items: z.array(z.object({ label: z.string().max(1000), value: z.string().max(10_000).nullable() }).strict()).max(500),
      })
      .strict()
      .optional(),
    paidOnline: z.boolean(),
    hasDigitisedComponents: z.boolean(),
    dataFromNationalDatabases: z.boolean(),
    verifiedWithVNeID: z.boolean(),
  })
  .strict();

const FeedbackBody = z
  .object({
    code: z.string().min(1).max(80),
    seq: z.number().int().min(1),
    status: z.string().min(1).max(40),
    unitCode: z.string().max(40),
    kind: z.string().max(40),
    receivedAt: Time,
    dueAt: Time.nullable(),
    answer: z.unknown().optional(),
    rating: z.object({ satisfied: z.boolean() }).strict().optional(),
  })
  .strict();

const RecordItem = z.object({
  code: z.string(),
  nationalStatus: z.number(),
  receivedAt: z.string(),
  appointmentAt: z.string().nullable(),
  finishedAt: z.string().optional(),
  channel: z.number(),
  resultFileLink: z.string().optional(),
  resultFileSha256: z.string().optional(),
  eForm: z
    .object({ title: z.string(), items: z.array(z.object({ label: z.string(), value: z.string().nullable() })) })
    .optional()
    .describe('The e-form answers the record carries (first record of an online dossier)'),
  at: z.string(),
  idempotencyKey: z.string(),
});

function signatureValid(secret: string, body: string, header: unknown): boolean {
  const given = Buffer.from(String(header ?? '').replace(/^sha256=/, ''));
  const want = Buffer.from(signBody(secret, body));
  return given.length === want.length && timingSafeEqual(given, want);
}

export const nationalPortalSimulator =
  (modes: SimulatorModes, secret: string, db: Db): FastifyPluginAsyncZod =>
  async (server) => {
    // Keep the raw body in this plugin only: the signature covers the exact bytes sent.
    server.removeContentTypeParser('application/json');
    server.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
      req.rawBody = String(body);
      try {
        done(null, JSON.parse(String(body)));
      } catch {
        done(Object.assign(new SyntaxError('malformed JSON'), { statusCode: 400 }), undefined);
      }
    });

    server.post(
      '/api/sim/national-portal/v1/status',
      {
        schema: {
          tags: ['simulators'],
          summary: 'National portal simulator: receives a dossier status change (HMAC-SHA256 signed body, Idempotency-Key)',
          body: StatusBody,
          response: {
            200: z.object({ accepted: z.literal(true), duplicate: z.boolean(), simulator: z.literal(true) }),
            ...problems(400, 401, 503),
          },
        },
      },
      async (req) => {
        if (!signatureValid(secret, req.rawBody ?? '', req.headers[SIGNATURE_HEADER])) throw new Problem('not-signed-in');
        const key = requireIdempotencyKey(req);
        await gate(modes, 'national-portal');
        const inserted = await db
          .insertInto('sim_portal_record')
          .values({ idempotency_key: key, code: req.body.code, payload: JSON.stringify(req.body) })
          .onConflict((oc) => oc.column('idempotency_key').doNothing())
          .returning('id')
          .executeTakeFirst();
        return { accepted: true as const, duplicate: !inserted, simulator: true as const };
      },
    );

    server.post(
      '/api/sim/national-portal/v1/feedback',
      {
        schema: {
          tags: ['simulators'],
          summary:
            'National portal simulator: receives a change of a feedback (status, due time, published answer; signed, Idempotency-Key)',
          body: FeedbackBody,
          response: {
            200: z.object({ accepted: z.literal(true), duplicate: z.boolean(), simulator: z.literal(true) }),
            ...problems(400, 401, 503),
          },
        },
      },
      async (req) => {
        if (!signatureValid(secret, req.rawBody ?? '', req.headers[SIGNATURE_HEADER])) throw new Problem('not-signed-in');
        const key = requireIdempotencyKey(req);
        await gate(modes, 'national-portal');
        const inserted = await db
          .insertInto('sim_portal_record')
          .values({ idempotency_key: key, code: req.body.code, payload: JSON.stringify(req.body) })
          .onConflict((oc) => oc.column('idempotency_key').doNothing())
          .returning('id')
          .executeTakeFirst();
        return { accepted: true as const, duplicate: !inserted, simulator: true as const };
      },
    );

    server.get(
      '/api/sim/national-portal/feedback',
      {
        schema: {
          tags: ['simulators'],
          summary: 'What the national portal simulator accepted for a feedback code, one item per change (system-admin)',
          querystring: z.object({ code: z.string().min(1).max(80) }).strict(),
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  code: z.string(),
                  seq: z.number(),
                  status: z.string(),
                  dueAt: z.string().nullable(),
                  answered: z.boolean(),
                  at: z.string(),
                  idempotencyKey: z.string(),
                }),
              ),
            }),
            ...problems(400, 401, 403),
          },
        },
      },
      async (req) => {
        requireSystemAdmin(actorOf(req));
        const rows = await db
          .selectFrom('sim_portal_record')
          .selectAll()
          .where('code', '=', req.query.code)
          .where(sql<boolean>`payload ? 'seq'`)
          .orderBy('id')
          .execute();
        return {
          items: rows.map((r) => {
            const p = r.payload as z.infer<typeof FeedbackBody>;
            return {
              code: p.code,
              seq: p.seq,
              status: p.status,
              dueAt: p.dueAt,
              answered: !!p.answer,
              at: vnIso(r.at),
              idempotencyKey: r.idempotency_key,
            };
          }),
        };
      },
    );

    server.get(
      '/api/sim/national-portal/records',
      {
        schema: {
          tags: ['simulators'],
          summary: 'What the national portal simulator accepted for a dossier code, one item per status change (system-admin)',
          querystring: z.object({ code: z.string().min(1).max(80) }).strict(),
          response: { 200: z.object({ items: z.array(RecordItem) }), ...problems(400, 401, 403) },
        },
      },
      async (req) => {
        requireSystemAdmin(actorOf(req));
        const rows = await db
          .selectFrom('sim_portal_record')
          .selectAll()
          .where('code', '=', req.query.code)
          .where(sql<boolean>`payload ? 'nationalStatus'`)
          .orderBy('id')
          .execute();
        return {
          items: rows.map((r) => {
            const p = r.payload as z.infer<typeof StatusBody>;
            return {
              code: p.code,
              nationalStatus: p.nationalStatus,
              receivedAt: p.receivedAt,
              appointmentAt: p.appointmentAt,
              ...(p.finishedAt ? { finishedAt: p.finishedAt } : {}),
              channel: p.channel,
              ...(p.resultFileLink ? { resultFileLink: p.resultFileLink } : {}),
              ...(p.resultFileSha256 ? { resultFileSha256: p.resultFileSha256 } : {}),
              ...(p.eForm ? { eForm: p.eForm } : {}),
              at: vnIso(r.at),
              idempotencyKey: r.idempotency_key,
            };
          }),
        };
      },
    );
  };
