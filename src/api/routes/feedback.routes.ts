import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app';
import { ANSWER_OUTCOMES } from '../../domain/feedback/answer-checks';
import { FEEDBACK_ACTIONS, FEEDBACK_KINDS, FEEDBACK_STATUSES } from '../../domain/feedback/lifecycle';
import { Problem } from '../../domain/problems';
import type { FeedbackAnswer } from '../../domain/feedback/answer-checks';
import type { FeedbackActionBody } from '../../services/feedback.service';
import { actorOf, ctxOf, IdempotencyHeaders, IdParams, problems, vnIso } from '../http';

const tags = ['feedback'];
const Phone = z
  .string()
  .trim()
  .regex(/^[0-9+ ().-]{0,20}$/, 'a phone number');
// Lengths are checked by the service with Decree 20/2008 Art. 7 messages; the schema only bounds the request.
const Contact = z
  .object({
    fullName: z.string().max(200).optional(),
    phone: Phone.optional(),
    email: z.union([z.email().max(200), z.literal('')]).optional(),
    address: z.string().max(500).optional(),
  })
  .strict();
const FeedbackBody = z
  .object({
    unitId: z.uuid(),
    kind: z.enum(FEEDBACK_KINDS),
    subject: z.string().max(300),
    content: z.string().max(50_000),
    dossierCode: z.string().max(80).optional(),
    idNumber: z
      .string()
      .regex(/^[0-9]{12}$/, 'a 12-digit personal ID number')
      .optional()
      .describe('The applicant’s ID number, proving a named dossier is the sender’s (not needed when signed in with VNeID)'),
    procedureId: z.uuid().optional(),
    points: z.array(z.string().trim().min(1).max(1000)).max(20).optional().describe('The separate points the sender raises'),
    contact: Contact,
    fileIds: z.array(z.uuid()).max(10).optional(),
  })
  .strict();
const Created = z.object({ id: z.string(), code: z.string(), status: z.enum(FEEDBACK_STATUSES), dueAt: z.string().nullable() });

const Answer = z
  .object({
    outcome: z.enum(ANSWER_OUTCOMES).nullable().optional(),
    legalBasis: z
      .array(z.object({ document: z.string().max(300), article: z.string().max(300) }).strict())
      .max(20)
      .default([]),
    actions: z
      .array(
        z
          .object({
            what: z.string().max(2000),
            responsibleUnitId: z
              .union([z.uuid(), z.literal('')])
              .nullable()
              .optional(),
            dueDate: z
              .union([z.iso.date(), z.literal('')])
              .nullable()
              .optional(),
          })
          .strict(),
      )
      .max(20)
      .default([]),
    points: z
      .array(z.object({ point: z.string().max(1000), response: z.string().max(10_000) }).strict())
      .max(30)
      .default([]),
  })
  .strict();

const Reason = z.string().trim().min(1).max(4000);
const ActionBodies = {
  accept: z.object({ points: z.array(z.string().trim().min(1).max(1000)).max(20).optional() }).strict(),
  transfer: z.object({ toUnitId: z.uuid(), reason: Reason }).strict(),
  refuse: z.object({ reason: Reason }).strict(),
  'request-information': z.object({ question: Reason }).strict(),
  'receive-information': z.object({ information: Reason }).strict(),
  answer: Answer,
  return: z.object({ comment: Reason }).strict(),
  approve: z.object({ note: z.string().max(2000).optional() }).strict(),
  publish: z.object({}).strict(),
  close: z.object({}).strict(),
  reopen: z.object({ reason: Reason }).strict(),
} satisfies Record<(typeof FEEDBACK_ACTIONS)[number], z.ZodType>;

const PublicAnswer = z.object({
  outcome: z.enum(ANSWER_OUTCOMES),
  legalBasis: z.array(z.object({ document: z.string(), article: z.string() })),
  points: z.array(z.object({ point: z.string(), response: z.string() })),
  actions: z.array(z.object({ what: z.string(), responsibleUnitId: z.string(), dueDate: z.string() })),
});

const ListItem = z.object({
  id: z.string(),
  code: z.string(),
  status: z.enum(FEEDBACK_STATUSES),
  kind: z.enum(FEEDBACK_KINDS),
  channel: z.string(),
  subject: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  dossierCode: z.string().nullable(),
  receivedAt: z.string(),
  dueAt: z.string().nullable(),
  nextStep: z.object({ kind: z.string(), dueAt: z.string().nullable() }).nullable(),
  late: z.boolean(),
  reopenCount: z.number(),
  answerReturns: z.number(),
});

const Detail = z.object({
  id: z.string(),
  code: z.string(),
  status: z.enum(FEEDBACK_STATUSES),
  kind: z.string(),
  channel: z.string(),
  subject: z.string(),
  content: z.string(),
  points: z.array(z.string()),
  unit: z.object({ id: z.string(), name: z.string() }),
  dossier: z.object({ id: z.string(), code: z.string() }).nullable(),
  procedure: z
    .object({
      id: z.string(),
      code: z.string(),
      name: z.string(),
      legalBasis: z.array(z.object({ number: z.string(), title: z.string() })),
    })
    .nullable(),
  contact: z.object({ fullName: z.string(), phone: z.string(), email: z.string(), address: z.string() }),
  files: z.array(z.object({ id: z.string(), name: z.string(), mime: z.string() })),
  receivedAt: z.string(),
  dueAt: z.string().nullable(),
  question: z.string().nullable(),
  refusalReason: z.string().nullable(),
  answer: PublicAnswer.nullable(),
  answerReturns: z.number(),
  reopenCount: z.number(),
  approvedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  rating: z.object({ satisfied: z.boolean(), reason: z.string(), at: z.string() }).nullable(),
  deadlines: z.array(
    z.object({
      kind: z.string(),
      countedFrom: z.string(),
      dueAt: z.string().nullable(),
      closedAt: z.string().nullable(),
      paused: z.boolean(),
      late: z.boolean(),
    }),
  ),
  failedChecks: z.array(z.object({ at: z.string(), stage: z.string(), checks: z.array(z.string()) })),
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
    }),
  ),
  allowedActions: z.array(z.enum(FEEDBACK_ACTIONS)),
  transferUnits: z.array(z.object({ id: z.string(), name: z.string() })),
  boilerplate: z.array(z.string()),
  minAnswerChars: z.number(),
});

const SenderView = z.object({
  code: z.string(),
  status: z.enum(FEEDBACK_STATUSES),
  kind: z.string(),
  subject: z.string(),
  unit: z.object({ id: z.string(), name: z.string() }),
  receivedAt: z.string(),
  dueAt: z.string().nullable(),
  question: z.string().nullable(),
  refusalReason: z.string().nullable(),
  publishedAt: z.string().nullable(),
  answer: PublicAnswer.nullable(),
  rating: z.object({ satisfied: z.boolean(), reason: z.string() }).nullable(),
  canRate: z.boolean(),
  rateUntil: z.string().nullable(),
});

const PublishedItem = z.object({
  code: z.string(),
  kind: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  subject: z.string(),
  content: z.string(),
  answer: PublicAnswer,
  publishedAt: z.string(),
  satisfied: z.boolean().nullable(),
});

const OverviewItem = z.object({
  unitId: z.string(),
  unitName: z.string(),
  total: z.number(),
  open: z.number(),
  lateOpen: z.number(),
  published: z.number(),
  answered: z.number(),
  answeredOnTime: z.number(),
  reopened: z.number(),
  returned: z.number(),
  refused: z.number(),
  transferred: z.number(),
  satisfied: z.number(),
  unsatisfied: z.number(),
  failedChecks: z.number(),
});

const iso = <T extends Date | null>(d: T) => vnIso(d) as T extends Date ? string : string | null;

export function feedbackRoutes(app: App): FastifyPluginAsyncZod {
  const fb = app.services.feedback;
  return async (server) => {
    server.post(
      '/api/public/feedback',
      {
        config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary: 'Sends a feedback (phản ánh, kiến nghị): anonymous, or signed in to the portal (the VNeID identity fills the contact)',
          description:
            'Decree 20/2008 Art. 7: Vietnamese, clear content (20–10,000 characters), the sender’s name and a phone or address. A named dossier must be the sender’s: the applicant’s ID number or the portal session proves it; otherwise 422 feedback-dossier-not-found, whether the code exists or not.',
          headers: IdempotencyHeaders,
          body: FeedbackBody,
          response: { 201: Created, ...problems(400, 404, 422, 429) },
        },
      },
      async (req, reply) => {
        const key = req.headers['idempotency-key'];
        const r = await fb.submit(ctxOf(req), { ...req.body, ...(typeof key === 'string' ? { idempotencyKey: key } : {}) });
        return reply.code(201).send({ ...r, dueAt: vnIso(r.dueAt) });
      },
    );

    server.get(
      '/api/public/feedback/:code',
      {
        config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary: 'The sender’s view of a feedback: status, unit, due time, the question asked, the published answer',
          params: z.object({ code: z.string().min(1).max(80) }).strict(),
          querystring: z.object({ phone: Phone.optional() }).strict(),
          response: { 200: SenderView, ...problems(400, 404, 429) },
        },
      },
      async (req) => {
        const v = await fb.senderView(ctxOf(req), req.params.code, req.query.phone);
        return {
          ...v,
          receivedAt: iso(v.receivedAt),
          dueAt: vnIso(v.dueAt),
          publishedAt: vnIso(v.publishedAt),
          rateUntil: vnIso(v.rateUntil),
        };
      },
    );

    server.get(
      '/api/public/feedback',
      {
        schema: {
          tags,
          summary: 'Published answers of a unit, personal data removed; q searches with or without diacritics',
          querystring: z
            .object({
              unitId: z.uuid().optional(),
              q: z.string().max(200).optional(),
              limit: z.coerce.number().int().min(1).max(200).optional(),
            })
            .strict(),
          response: { 200: z.object({ items: z.array(PublishedItem) }), ...problems(400) },
        },
      },
      async (req) => ({ items: (await fb.published(req.query)).map((x) => ({ ...x, publishedAt: iso(x.publishedAt) })) }),
    );

    server.post(
      '/api/public/feedback/:code/rating',
      {
        config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary: 'The sender rates the published answer, once, within 14 days; not satisfied (with a reason) reopens it to the director',
          params: z.object({ code: z.string().min(1).max(80) }).strict(),
          body: z.object({ phone: Phone.optional(), satisfied: z.boolean(), reason: z.string().max(2000).optional() }).strict(),
          response: { 200: z.object({ status: z.enum(FEEDBACK_STATUSES), satisfied: z.boolean() }), ...problems(400, 404, 409, 422, 429) },
        },
      },
      async (req) => fb.rate(ctxOf(req), req.params.code, req.body),
    );

    server.post(
      '/api/feedback',
      {
        schema: {
          tags,
          summary:
            'An officer records a feedback brought to the counter, by phone or by letter (with the scan uploaded through /api/files)',
          headers: IdempotencyHeaders,
          body: FeedbackBody.extend({ channel: z.enum(['counter', 'phone', 'letter']) }),
          response: { 201: Created, ...problems(400, 401, 403, 404, 422) },
        },
      },
      async (req, reply) => {
        const key = req.headers['idempotency-key'];
        const r = await fb.submit(actorOf(req), { ...req.body, ...(typeof key === 'string' ? { idempotencyKey: key } : {}) });
        return reply.code(201).send({ ...r, dueAt: vnIso(r.dueAt) });
      },
    );

    server.get(
      '/api/feedback',
      {
        schema: {
          tags,
          summary: 'Feedback of the units the user handles, the step due first (late ones flagged)',
          querystring: z.object({ unitId: z.uuid().optional(), status: z.enum(FEEDBACK_STATUSES).optional() }).strict(),
          response: { 200: z.object({ items: z.array(ListItem) }), ...problems(400, 401, 404) },
        },
      },
      async (req) => ({
        items: (await fb.list(actorOf(req), req.query)).map((x) => ({
          ...x,
          receivedAt: iso(x.receivedAt),
          dueAt: vnIso(x.dueAt),
          nextStep: x.nextStep ? { kind: x.nextStep.kind, dueAt: vnIso(x.nextStep.dueAt) } : null,
        })),
      }),
    );

    server.get(
      '/api/feedback/overview',
      {
        schema: {
          tags,
          summary:
            'Every unit’s feedback for the director and the province: counts, on time, late, reopened, returned, failed answer checks',
          querystring: z.object({ unitId: z.uuid().optional(), from: z.iso.date().optional(), to: z.iso.date().optional() }).strict(),
          response: { 200: z.object({ items: z.array(OverviewItem) }), ...problems(400, 401, 404) },
        },
      },
      async (req) => ({
        items: await fb.overview(actorOf(req), {
          ...(req.query.unitId ? { unitId: req.query.unitId } : {}),
          ...(req.query.from ? { from: new Date(`${req.query.from}T00:00:00+07:00`) } : {}),
          ...(req.query.to ? { to: new Date(`${req.query.to}T23:59:59.999+07:00`) } : {}),
        }),
      }),
    );

    server.get(
      '/api/feedback/:id',
      {
        schema: {
          tags,
          summary: 'One feedback with its history, deadlines, failed answer checks and the actions allowed to the user',
          params: IdParams,
          response: { 200: Detail, ...problems(400, 401, 404) },
        },
      },
      async (req) => {
        const d = await fb.get(actorOf(req), req.params.id);
        return {
          ...d,
          receivedAt: iso(d.receivedAt),
          dueAt: vnIso(d.dueAt),
          approvedAt: vnIso(d.approvedAt),
          publishedAt: vnIso(d.publishedAt),
          rating: d.rating ? { ...d.rating, at: iso(d.rating.at) } : null,
          deadlines: d.deadlines.map((x) => ({
            ...x,
            countedFrom: iso(x.countedFrom),
            dueAt: vnIso(x.dueAt),
            closedAt: vnIso(x.closedAt),
          })),
          failedChecks: d.failedChecks.map((x) => ({ ...x, at: iso(x.at) })),
          events: d.events.map((e) => ({ ...e, at: iso(e.at) })),
          boilerplate: [...d.boilerplate],
        };
      },
    );

    server.post(
      '/api/feedback/:id/actions/:action',
      {
        schema: {
          tags,
          summary: 'Takes a step of the feedback lifecycle',
          description:
            'accept, transfer { toUnitId, reason } (within the province; restarts the clock and tells the sender), refuse { reason }, request-information { question } (once; pauses the clock), receive-information { information }, answer { outcome, legalBasis, actions, points } (422 answer-not-specific with failedChecks), return { comment }, approve (leader or centre director; the checks run again), publish, close, reopen { reason } (province). 409 action-not-allowed with allowedActions.',
          params: z.object({ id: z.uuid(), action: z.enum(FEEDBACK_ACTIONS) }).strict(),
          body: z.record(z.string(), z.unknown()).optional(),
          response: {
            200: z.object({ status: z.enum(FEEDBACK_STATUSES), dueAt: z.string().nullable() }),
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
        const body = req.params.action === 'answer' ? { answer: parsed.data as FeedbackAnswer } : (parsed.data as FeedbackActionBody);
        const r = await fb.act(actorOf(req), req.params.id, req.params.action, body);
        return { status: r.status, dueAt: vnIso(r.dueAt) };
      },
    );

    server.get(
      '/api/dossiers/:id/feedback',
      {
        schema: {
          tags,
          summary: 'Feedback naming this dossier (for the dossier page; no contact details)',
          params: IdParams,
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.string(),
                  code: z.string(),
                  status: z.enum(FEEDBACK_STATUSES),
                  kind: z.string(),
                  subject: z.string(),
                  channel: z.string(),
                  receivedAt: z.string(),
                }),
              ),
            }),
            ...problems(400, 401, 404),
          },
        },
      },
      async (req) => ({ items: (await fb.forDossier(actorOf(req), req.params.id)).map((x) => ({ ...x, receivedAt: iso(x.receivedAt) })) }),
    );

    server.put(
      '/api/feedback/settings/:provinceId',
      {
        schema: {
          tags,
          summary: 'A province’s feedback step limits (working days, at most the national 2/5/15/2) and its list of empty phrases',
          params: z.object({ provinceId: z.uuid() }).strict(),
          body: z
            .object({
              refuseDays: z.number().positive().max(2),
              infoDays: z.number().positive().max(5),
              answerDays: z.number().positive().max(15),
              publishDays: z.number().positive().max(2),
              boilerplate: z.array(z.string().trim().min(2).max(200)).max(200).nullable().optional(),
              minAnswerChars: z.number().int().min(0).max(5000).optional(),
            })
            .strict(),
          response: {
            200: z.object({
              deadlines: z.object({ refuseDays: z.number(), infoDays: z.number(), answerDays: z.number(), publishDays: z.number() }),
              boilerplate: z.array(z.string()),
              minAnswerChars: z.number(),
            }),
            ...problems(400, 401, 403),
          },
        },
      },
      async (req) => {
        const s = await fb.putSettings(actorOf(req), req.params.provinceId, req.body);
        return { deadlines: s.deadlines, boilerplate: [...s.checks.boilerplate], minAnswerChars: s.checks.minChars };
      },
    );
  };
}
