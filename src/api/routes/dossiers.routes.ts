import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app';
import { ACTIONS, STATUSES } from '../../domain/dossier/lifecycle';
import { Problem } from '../../domain/problems';
import { DOSSIER_FORMS } from '../../services/forms.service';
import { VERIFY_BODY_LIMIT } from '../../services/untrusted/pool';
import { actorOf, ctxOf, IdParams, problems, vnIso, IdempotencyHeaders, contentDisposition } from '../http';

const IdNumber = z.string().regex(/^[0-9]{12}$/, 'a 12-digit personal ID number');
const ProvidedComponent = z
  .object({ componentId: z.uuid(), fileIds: z.array(z.uuid()).max(50).optional(), presented: z.boolean().optional() })
  .strict();

const IntakeBody = z
  .object({
    procedureId: z.uuid(),
    competentUnitId: z.uuid(),
    receptionPointId: z.uuid(),
    returnPointId: z.uuid().optional(),
    channel: z.enum(['in-person', 'online', 'postal']),
    applicant: z
      .object({
        idNumber: IdNumber,
        fullName: z.string().trim().min(1).max(200),
        dateOfBirth: z.iso.date().optional(),
        phone: z
          .string()
          .regex(/^[0-9+ ().-]{0,20}$/)
          .optional(),
        address: z.string().max(500).optional(),
      })
      .strict(),
    components: z.array(ProvidedComponent).max(60),
    draftId: z
      .uuid()
      .optional()
      .describe('The intake draft this dossier completes; it is deleted in the creating transaction (a later save of it is ignored)'),
    fee: z
      .object({
        pages: z.number().int().min(0).max(10_000).optional(),
        copies: z.number().int().min(1).max(100).optional(),
        receiptNo: z.string().max(60).optional(),
      })
      .strict()
      .optional(),
    offline: z
      .object({
        receivedAt: z.iso
          .datetime({ offset: true, message: 'an ISO 8601 time with offset, e.g. 2026-03-02T09:00:00+07:00' })
          .describe("When the counter received the dossier by the device's clock; used when plausible, else the server's time"),
        provisionalNo: z
          .string()
          .regex(/^[A-Za-z0-9-]{4,40}$/)
          .describe('The number printed on the provisional receipt (unique to the device)'),
        procedureVersionId: z
          .uuid()
          .optional()
          .describe('The procedure version the device showed; a newer current version answers 409 offline-procedure-changed'),
      })
      .strict()
      .optional()
      .describe('Present when the dossier was received at the counter while the server was unreachable and is sent now'),
  })
  .strict();

const IntakeResult = z.object({
  id: z.string(),
  code: z.string(),
  status: z.enum(STATUSES),
  nationalStatus: z.number(),
  receivedAt: z.string(),
  countedFrom: z.string(),
  dueAt: z.string().nullable(),
  fee: z.number(),
  offline: z
    .object({
      provisionalNo: z.string(),
      deviceTimeUsed: z.boolean(),
      clockWarning: z.enum(['in-future', 'too-old', 'invalid']).nullable().describe("Why the device's receipt time was not used"),
    })
    .optional(),
});

/** Bodies of the actions; the rule-bearing ones as the contract writes them. */
const ActionBodies = {
  accept: z.object({ note: z.string().max(2000).optional() }).strict(),
  assign: z.object({ assigneeId: z.uuid().optional() }).strict(),
  'request-supplement': z
    .object({
      reason: z.string().trim().min(1).max(4000),
      items: z
        .array(z.object({ componentId: z.uuid(), reason: z.string().trim().min(1).max(2000) }).strict())
        .min(1)
        .max(60),
    })
    .strict(),
  'receive-supplement': z.object({ components: z.array(ProvidedComponent).max(60) }).strict(),
  refuse: z
    .object({
      reason: z.string().trim().min(1).max(4000),
      items: z
        .array(z.object({ componentId: z.uuid(), reason: z.string().trim().min(1).max(2000) }).strict())
        .max(60)
        .optional()
        .describe('The components the refusal names; a paper the population registry holds cannot be named unless the lookup failed'),
    })
    .strict(),
  'submit-for-approval': z.object({ note: z.string().max(2000).optional() }).strict(),
  approve: z.object({ note: z.string().max(2000).optional() }).strict(),
  'return-to-specialist': z.object({ reason: z.string().trim().min(1).max(4000) }).strict(),
  'issue-result': z.object({ resultFileIds: z.array(z.uuid()).max(20).optional(), note: z.string().max(2000).optional() }).strict(),
  'return-result': z
    .object({
      note: z.string().max(2000).optional(),
      handover: z
        .object({
          method: z.enum(['in-person', 'postal', 'electronic']),
          receiverName: z.string().trim().max(200).optional(),
          receiverIdNumber: z.string().trim().max(20).optional(),
          trackingNumber: z.string().trim().max(60).optional(),
        })
        .strict()
        .optional()
        .describe("How the result was handed over: in person (receiver's name and ID number), by post (tracking number), electronically"),
    })
    .strict(),
  'record-withdrawal-request': z
    .object({
      channel: z.enum(['in-person', 'postal', 'online']),
      reason: z.string().trim().min(1).max(4000),
      evidenceFileIds: z
        .array(z.uuid())
        .max(10)
        .optional()
        .describe("The scan of the citizen's signed request (required in person and by post)"),
    })
    .strict(),
  stop: z.object({ reason: z.string().trim().min(1).max(4000) }).strict(),
  'apologize-and-extend': z.object({ reason: z.string().trim().min(1).max(4000), newDueAt: z.iso.datetime({ offset: true }) }).strict(),
  transfer: z.object({ toUnitId: z.uuid(), reason: z.string().trim().min(1).max(4000) }).strict(),
} satisfies Record<(typeof ACTIONS)[number], z.ZodType>;

const ListItem = z.object({
  id: z.string(),
  code: z.string(),
  status: z.enum(STATUSES),
  nationalStatus: z.number(),
  unitId: z.string(),
  receivedUnitId: z.string(),
  channel: z.string(),
  applicantName: z.string(),
  procedureName: z.string(),
  assigneeName: z.string().nullable(),
  receivedAt: z.string(),
  dueAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  overdue: z.boolean(),
  supplementCount: z.number(),
  extended: z.boolean(),
});

const DossierDetail = z.object({
  id: z.string(),
  code: z.string(),
  status: z.enum(STATUSES),
  nationalStatus: z.number(),
  unitId: z.string(),
  receivedUnitId: z.string(),
  receptionPoint: z.object({ id: z.string(), name: z.string() }),
  returnPoint: z.object({ id: z.string(), name: z.string() }),
  channel: z.string(),
  applicant: z.object({
    idNumber: z.string(),
    fullName: z.string(),
    dateOfBirth: z.string().optional(),
    phone: z.string().optional(),
    address: z.string().optional(),
  }),
  registryUsed: z.boolean(),
  online: z
    .object({
      viaPortal: z.boolean(),
      paidOnline: z.boolean(),
      verifiedVneid: z.boolean(),
      assistedBy: z
        .object({ id: z.string(), fullName: z.string() })
        .nullable()
        .describe('The officer who filed it with the citizen at the counter'),
    })
    .describe('How an online dossier arrived'),
  fee: z.number(),
  feeReceiptNo: z.string().nullable(),
  assignee: z.object({ id: z.string(), fullName: z.string() }).nullable(),
  receivedAt: z.string(),
  countedFrom: z.string(),
  dueAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  returnedAt: z.string().nullable(),
  workingHoursLeft: z.number().nullable().describe('Working hours until the due time (negative when late)'),
  steps: z.array(
    z.object({
      name: z.string(),
      role: z.string(),
      dueAt: z.string().nullable(),
      doneAt: z.string().nullable(),
      state: z.enum(['done-early', 'done-on-time', 'done-late', 'current', 'late', 'pending']),
    }),
  ),
  handoffs: z.array(
    z.object({
      giver: z.string(),
      receiver: z.string(),
      at: z.string(),
      dueAt: z.string().nullable(),
      result: z.enum(['early', 'on-time', 'late', 'pending']),
    }),
  ),
  overdue: z.boolean(),
  supplementRequested: z.boolean(),
  extended: z.boolean(),
  withdrawalRequested: z.boolean(),
  procedure: z.object({
    id: z.string(),
    versionId: z.string(),
    version: z.number(),
    code: z.string(),
    name: z.string(),
    processingDays: z.number(),
  }),
  components: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      mandatory: z.boolean(),
      fromRegistry: z.boolean(),
      provided: z.boolean(),
      presented: z.boolean(),
      providedFromRegistry: z.boolean(),
      fileIds: z.array(z.string()),
    }),
  ),
  events: z.array(
    z.object({
      seq: z.number(),
      at: z.string(),
      action: z.string(),
      fromStatus: z.string().nullable(),
      toStatus: z.string(),
      actorName: z.string(),
      actorRole: z.string(),
      reason: z.string(),
      data: z.record(z.string(), z.unknown()),
    }),
  ),
  allowedActions: z.array(z.enum(ACTIONS)).describe('The actions you may take now (the available ones of `actions`)'),
  actions: z
    .array(
      z.object({
        action: z.enum(ACTIONS),
        available: z.boolean(),
        reason: z
          .object({ code: z.string(), message: z.string() })
          .nullable()
          .describe('The rule of the law that forbids the action now (the code the action would answer 422 with), in your language'),
      }),
    )
    .describe('Every action the status and your roles allow, each available or forbidden by a named rule'),
  portalSync: z
    .object({ pending: z.number(), delivered: z.number(), dead: z.number(), lastDeliveredAt: z.string().nullable() })
    .describe('National portal sync of the status changes: delivered, waiting to be (re)sent, or dead (an administrator replays them)'),
  formAnswers: z
    .object({
      title: z.string(),
      items: z.array(z.object({ path: z.string(), label: z.string(), value: z.string().nullable(), depth: z.number() })),
    })
    .nullable()
    .describe("The e-form answers of an online application, labelled with the schema's titles in the schema's order (null for paper)"),
});

export const dossierRoutes =
  (app: App): FastifyPluginAsyncZod =>
  async (server) => {
    const { dossiers } = app.services;

    server.post(
      '/api/dossiers',
      {
        schema: {
          tags: ['dossiers'],
          summary:
            "Counter intake (reception officer of the receiving point's unit); Idempotency-Key makes a retry return the first dossier",
          headers: IdempotencyHeaders,
          body: IntakeBody,
          response: { 201: IntakeResult, ...problems(400, 401, 403, 404, 409, 422) },
        },
      },
      async (req, reply) => {
        const key = req.headers['idempotency-key'];
        const { offline, ...body } = req.body;
        const r = await dossiers.create(actorOf(req), {
          ...body,
          ...(typeof key === 'string' ? { idempotencyKey: key } : {}),
          ...(offline ? { offline: { ...offline, receivedAt: new Date(offline.receivedAt) } } : {}),
        });
        return reply.code(201).send({ ...r, receivedAt: vnIso(r.receivedAt), countedFrom: vnIso(r.countedFrom), dueAt: vnIso(r.dueAt) });
      },
    );

    server.get(
      '/api/dossiers',
      {
        schema: {
          tags: ['dossiers'],
          summary: 'Work queues: dossiers of the units you may see, due first',
          querystring: z
            .object({
              unitId: z.uuid().optional(),
              status: z.enum(STATUSES).optional(),
              queue: z
                .enum([
                  'to-receive',
                  'to-assign',
                  'to-process',
                  'to-approve',
                  'to-issue',
                  'awaiting-citizen',
                  'to-return',
                  'due-soon',
                  'overdue',
                  'mine',
                ])
                .optional(),
              q: z.string().max(200).optional(),
              overdue: z.enum(['true', 'false']).optional(),
              received: z
                .enum(['true', 'false'])
                .optional()
                .describe('true: dossiers these units received for other units (returned here)'),
              limit: z.coerce.number().int().min(1).max(500).default(50),
              cursor: z.string().max(500).optional(),
            })
            .strict(),
          response: { 200: z.object({ items: z.array(ListItem), nextCursor: z.string().nullable() }), ...problems(400, 401, 403, 404) },
        },
      },
      async (req) => {
        let cursorOk = true;
        if (req.query.cursor) {
          try {
            const c = JSON.parse(Buffer.from(req.query.cursor, 'base64url').toString()) as unknown;
            cursorOk =
              Array.isArray(c) && c.length === 2 && (c[0] === null || typeof c[0] === 'string') && z.uuid().safeParse(c[1]).success;
          } catch {
            cursorOk = false;
          }
        }
        if (!cursorOk) throw new Problem('validation-failed', { summary: 'cursor: use the nextCursor of a previous answer' });
        const r = await dossiers.list(actorOf(req), {
          ...req.query,
          overdue: req.query.overdue === 'true',
          received: req.query.received === 'true',
        });
        return {
          nextCursor: r.nextCursor,
          items: r.items.map((i) => ({ ...i, receivedAt: vnIso(i.receivedAt), dueAt: vnIso(i.dueAt), finishedAt: vnIso(i.finishedAt) })),
        };
      },
    );

    server.get(
      '/api/dossiers/:id',
      {
        schema: {
          tags: ['dossiers'],
          summary: 'The dossier with its append-only history (events) and the actions you may take now',
          params: IdParams,
          response: { 200: DossierDetail, ...problems(400, 401, 404) },
        },
      },
      async (req) => {
        const d = await dossiers.get(actorOf(req), req.params.id);
        return {
          ...d,
          receivedAt: vnIso(d.receivedAt),
          countedFrom: vnIso(d.countedFrom),
          dueAt: vnIso(d.dueAt),
          finishedAt: vnIso(d.finishedAt),
          returnedAt: vnIso(d.returnedAt),
          events: d.events.map((e) => ({ ...e, at: vnIso(e.at) })),
          steps: d.steps.map((s) => ({ ...s, dueAt: vnIso(s.dueAt), doneAt: vnIso(s.doneAt) })),
          handoffs: d.handoffs.map((h) => ({
            giver: h.giver,
            receiver: h.receiver,
            result: h.result,
            at: vnIso(h.at),
            dueAt: vnIso(h.dueAt),
          })),
          portalSync: { ...d.portalSync, lastDeliveredAt: vnIso(d.portalSync.lastDeliveredAt) },
          actions: d.actions.map((a) => ({
            action: a.action,
            available: a.available,
            reason: a.rule ? { code: a.rule, message: new Problem(a.rule).detail(req.lang) } : null,
          })),
        };
      },
    );

    server.post(
      '/api/dossiers/:id/actions/:action',
      {
        schema: {
          tags: ['dossiers'],
          summary: 'Takes a lifecycle action; 409 action-not-allowed lists allowedActions, 422 names the broken rule',
          description: Object.entries(ActionBodies)
            .map(([a]) => `- ${a}`)
            .join('\n'),
          params: z.object({ id: z.uuid(), action: z.enum(ACTIONS) }).strict(),
          body: z.record(z.string(), z.unknown()).optional(),
          response: {
            200: z.object({ id: z.string(), status: z.enum(STATUSES), nationalStatus: z.number(), dueAt: z.string().nullable() }),
            ...problems(400, 401, 403, 404, 409, 422),
          },
        },
      },
      async (req) => {
        const parsed = ActionBodies[req.params.action].safeParse(req.body ?? {});
        if (!parsed.success) {
          const errors = parsed.error.issues.map((i) => ({ field: `body.${i.path.join('.')}`, message: i.message }));
          throw new Problem('validation-failed', { summary: errors.map((e) => `${e.field}: ${e.message}`).join('; ') }, { errors });
        }
        const r = await dossiers.act(actorOf(req), req.params.id, req.params.action, parsed.data);
        return { id: req.params.id, status: r.status, nationalStatus: r.nationalStatus, dueAt: vnIso(r.dueAt) };
      },
    );

    server.get(
      '/api/public/dossiers/:code',
      {
        config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          tags: ['public'],
          summary: 'Public status by dossier code and personal ID number (rate limited)',
          params: z.object({ code: z.string().min(5).max(80) }).strict(),
          querystring: z.object({ idNumber: IdNumber }).strict(),
          response: {
            200: z.object({
              code: z.string(),
              status: z.enum(STATUSES),
              nationalStatus: z.number(),
              procedureName: z.string(),
              unitName: z.string(),
              handlingOfficer: z.string().nullable(),
              receivedAt: z.string(),
              appointmentAt: z.string().nullable(),
              finishedAt: z.string().nullable(),
              returnedAt: z.string().nullable(),
              returnPoint: z.string(),
            }),
            ...problems(400, 404, 429),
          },
        },
      },
      async (req) => {
        const r = await dossiers.publicStatus(req.params.code, req.query.idNumber);
        return {
          ...r,
          receivedAt: vnIso(r.receivedAt),
          appointmentAt: vnIso(r.appointmentAt),
          finishedAt: vnIso(r.finishedAt),
          returnedAt: vnIso(r.returnedAt),
        };
      },
    );

    server.get(
      '/api/registry/citizens/:idNumber',
      {
        schema: {
          tags: ['dossiers'],
          summary:
            'Looks a citizen up in the population registry for a unit where the caller works: its counter (anyone) or its desks ' +
            '(only citizens with a dossier at that unit); logged with who, that unit and why',
          params: z.object({ idNumber: IdNumber }).strict(),
          querystring: z.object({ purpose: z.string().trim().min(3).max(200), unitId: z.uuid().optional() }).strict(),
          response: {
            200: z.object({
              status: z.enum(['found', 'not-found', 'unavailable']),
              citizen: z
                .object({ idNumber: z.string(), fullName: z.string(), dateOfBirth: z.string(), address: z.string(), phone: z.string() })
                .optional(),
              reason: z.string().optional(),
            }),
            ...problems(400, 401, 403),
          },
        },
      },
      async (req) => {
        const r = await dossiers.lookupCitizen(actorOf(req), req.params.idNumber, req.query.purpose, req.query.unitId ?? null);
        if (r.status === 'found') {
          const { idNumber, fullName, dateOfBirth, address, phone } = r.citizen;
          return { status: r.status, citizen: { idNumber, fullName, dateOfBirth, address, phone } };
        }
        return r;
      },
    );

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
  };
