// The citizen portal's calls: e-form with prefill, drafts (any device), submission with OTP, payment, and
// "my dossiers". Every call needs the portal session of a VNeID-signed-in citizen (cookie + x-csrf-token).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app';
import type { OtpIssued, OtpStatus } from '../../services/otp.service';
import type { ApplicationView, CitizenDossierView } from '../../services/portal.service';
import { citizenOf, IdParams, INT4_MAX, problems, Uuid, vnIso } from '../http';

const Channel = z.enum(['sms', 'email', 'vneid-push']);
const Component = z.object({ componentId: Uuid, fileIds: z.array(Uuid).max(20).optional() }).strict();

const Application = z.object({
  id: Uuid,
  procedureId: Uuid,
  procedureName: z.string(),
  procedureCode: z.string(),
  unitId: Uuid,
  returnPointId: Uuid.nullable(),
  form: z.record(z.string(), z.unknown()),
  components: z.array(Component),
  status: z.enum(['draft', 'awaiting-otp', 'awaiting-payment', 'submitted', 'cancelled']),
  revision: z.number().int(),
  fee: z.number().int(),
  dossierId: Uuid.nullable(),
  dossierCode: z.string().nullable(),
  paymentId: Uuid.nullable(),
  updatedAt: z.string(),
});

const Otp = z.object({
  prefix: z.string().describe('Shown before the code in the message, e.g. KT in KT-482913'),
  channel: Channel,
  destination: z.string().describe('Masked phone, e-mail or VNeID account'),
  expiresAt: z.string(),
  resendAt: z.string().nullable(),
  attemptsLeft: z.number().int().optional(),
  fallbackChannels: z.array(Channel).optional(),
  fallbackAt: z.string().nullable().optional(),
  fallbackAvailable: z.boolean().optional(),
  state: z.string().optional(),
});

const PaymentStart = z.object({
  paymentId: Uuid,
  status: z.string(),
  redirectUrl: z.string().nullable(),
  receiptNo: z.string().nullable(),
});

const Dossier = z.object({
  id: Uuid,
  code: z.string(),
  procedureName: z.string(),
  unitName: z.string(),
  status: z.string(),
  statusLabel: z.object({ vi: z.string(), en: z.string() }),
  nationalStatus: z.number().int(),
  channel: z.string(),
  receivedAt: z.string(),
  dueAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  returnedAt: z.string().nullable(),
  handlingOfficer: z.string().nullable(),
  returnPoint: z.string(),
  awaiting: z
    .object({
      kind: z.literal('supplement'),
      items: z.array(z.object({ componentId: z.string(), name: z.string(), reason: z.string() })),
      reason: z.string(),
    })
    .nullable(),
  actions: z.array(z.enum(['supplement', 'withdraw', 'rate'])),
  rating: z.object({ value: z.enum(['like', 'dislike']), reason: z.string() }).nullable(),
});

const presentApp = (a: ApplicationView) => ({ ...a, updatedAt: vnIso(a.updatedAt) });
const presentOtp = (o: OtpIssued | OtpStatus) => ({
  prefix: o.prefix,
  channel: o.channel,
  destination: o.destination,
  expiresAt: vnIso(o.expiresAt),
  resendAt: vnIso(o.resendAt),
  ...('attemptsLeft' in o
    ? {
        attemptsLeft: o.attemptsLeft,
        fallbackChannels: o.fallbackChannels,
        fallbackAt: vnIso(o.fallbackAt),
        fallbackAvailable: o.fallbackAvailable,
        state: o.state,
      }
    : {}),
});
const presentDossier = (d: CitizenDossierView) => ({
  ...d,
  receivedAt: vnIso(d.receivedAt),
  dueAt: vnIso(d.dueAt),
  finishedAt: vnIso(d.finishedAt),
  returnedAt: vnIso(d.returnedAt),
});

export const portalRoutes =
  (app: App): FastifyPluginAsyncZod =>
  async (server) => {
    const portal = app.services.portal;
    const tags = ['portal'];

    server.get(
      '/api/portal/procedures/:id/form',
      {
        schema: {
          tags,
          summary: 'The e-form of a procedure, prefilled from the population registry and the citizen’s earlier answers',
          params: IdParams,
          response: {
            200: z.object({
              procedure: z.record(z.string(), z.unknown()),
              requiredLevel: z.number().int(),
              registry: z.string().describe('found | not-found | unavailable'),
              applicant: z
                .object({
                  idNumber: z.string(),
                  fullName: z.string(),
                  dateOfBirth: z.string().optional(),
                  address: z.string().optional(),
                  phone: z.string().optional(),
                })
                .nullable(),
              registryPaths: z.array(z.string()).describe('Form fields the registry fills: shown, not asked'),
              prefill: z.record(z.string(), z.unknown()),
              units: z.array(
                z.object({
                  id: Uuid,
                  name: z.string(),
                  returnPoints: z.array(z.object({ id: Uuid, name: z.string(), address: z.string() })),
                }),
              ),
              fee: z.number().int(),
            }),
            ...problems(401, 403, 404, 422),
          },
        },
      },
      async (req) => portal.form(citizenOf(req), req.params.id) as never,
    );

    server.get(
      '/api/portal/applications',
      {
        schema: {
          tags,
          summary: 'Applications not yet submitted (drafts, waiting for OTP or payment): continue on any device',
          response: { 200: z.object({ items: z.array(Application) }), ...problems(401) },
        },
      },
      async (req) => ({ items: (await portal.listOpen(citizenOf(req))).map(presentApp) }),
    );

    server.get(
      '/api/portal/applications/:id',
      { schema: { tags, summary: 'One application', params: IdParams, response: { 200: Application, ...problems(401, 404) } } },
      async (req) => presentApp(await portal.get(citizenOf(req), req.params.id)),
    );

    server.put(
      '/api/portal/applications/:id',
      {
        schema: {
          tags,
          summary: 'Saves the draft (the id is chosen by the browser; sending the same draft twice changes nothing)',
          params: IdParams,
          body: z
            .object({
              procedureId: Uuid,
              unitId: Uuid,
              returnPointId: Uuid.nullish(),
              form: z.record(z.string(), z.unknown()),
              components: z.array(Component).max(50),
              revision: z
                .number()
                .int()
                .min(1)
                .max(INT4_MAX)
                .optional()
                .describe('The revision edited; another one on the server answers 409'),
            })
            .strict(),
          response: { 200: Application, ...problems(400, 401, 403, 404, 409, 413, 422) },
        },
      },
      async (req) => presentApp(await portal.save(citizenOf(req), req.params.id, req.body)),
    );

    server.delete(
      '/api/portal/applications/:id',
      { schema: { tags, summary: 'Discards a draft', params: IdParams, response: { 204: z.null(), ...problems(401, 404) } } },
      async (req, reply) => {
        await portal.discard(citizenOf(req), req.params.id);
        return reply.code(204).send(null);
      },
    );

    server.post(
      '/api/portal/applications/:id/submit',
      {
        schema: {
          tags,
          summary: 'Checks the application and sends the confirmation code (OTP)',
          params: IdParams,
          body: z.object({ revision: z.number().int().min(1).max(INT4_MAX).optional(), channel: Channel.optional() }).strict(),
          response: {
            200: z.object({
              application: Application,
              otp: Otp.nullable().describe('null when an officer at the counter checked the citizen'),
            }),
            ...problems(400, 401, 403, 404, 409, 422, 429),
          },
        },
      },
      async (req) => {
        const r = await portal.submit(citizenOf(req), req.params.id, req.body.revision, req.body.channel);
        return { application: presentApp(r.application), otp: r.otp ? presentOtp(r.otp) : null };
      },
    );

    server.get(
      '/api/portal/applications/:id/otp',
      {
        schema: {
          tags,
          summary: 'The current confirmation code: where it went, its prefix, expiry, when it can be sent again or by another channel',
          params: IdParams,
          response: { 200: z.object({ otp: Otp.nullable() }), ...problems(401, 404) },
        },
      },
      async (req) => {
        const s = await portal.otpStatus(citizenOf(req), req.params.id);
        return { otp: s ? presentOtp(s) : null };
      },
    );

    server.post(
      '/api/portal/applications/:id/otp/resend',
      {
        schema: {
          tags,
          summary: 'Sends a new code (new prefix), by the same or another channel (e-mail, VNeID app) when SMS is late',
          params: IdParams,
          body: z.object({ channel: Channel.optional() }).strict(),
          response: { 200: z.object({ otp: Otp }), ...problems(400, 401, 404, 409, 422, 429) },
        },
      },
      async (req) => ({ otp: presentOtp(await portal.resendOtp(citizenOf(req), req.params.id, req.body.channel)) }),
    );

    server.post(
      '/api/portal/applications/:id/confirm',
      {
        schema: {
          tags,
          summary: 'Confirms the submission with the code; without a fee the dossier is created, with one the payment starts',
          params: IdParams,
          body: z.object({ code: z.string().min(1).max(20) }).strict(),
          response: {
            200: z.object({ application: Application, payment: PaymentStart.nullable() }),
            ...problems(400, 401, 404, 409, 422, 429, 503),
          },
        },
      },
      async (req) => {
        const r = await portal.confirm(citizenOf(req), req.params.id, req.body.code);
        return { application: presentApp(r.application), payment: r.payment };
      },
    );

    server.post(
      '/api/portal/applications/:id/payment',
      {
        schema: {
          tags,
          summary: 'Starts or resumes the online payment of a confirmed application’s fee',
          params: IdParams,
          response: { 200: PaymentStart, ...problems(401, 404, 409, 503) },
        },
      },
      async (req) => portal.pay(citizenOf(req), req.params.id),
    );

    server.get(
      '/api/portal/dossiers',
      {
        schema: {
          tags,
          summary: 'My dossiers: online or filed for me at a counter, with status in plain words and what is awaited from me',
          response: { 200: z.object({ items: z.array(Dossier) }), ...problems(401) },
        },
      },
      async (req) => ({ items: (await portal.myDossiers(citizenOf(req))).map(presentDossier) }),
    );

    server.get(
      '/api/portal/dossiers/:id',
      {
        schema: {
          tags,
          summary: 'One of my dossiers with its history, documents and payment',
          params: IdParams,
          response: {
            200: Dossier.extend({
              events: z.array(
                z.object({
                  at: z.string(),
                  action: z.string(),
                  status: z.string(),
                  label: z.object({ vi: z.string(), en: z.string() }).nullable(),
                  reason: z.string(),
                }),
              ),
              documents: z.array(z.object({ id: Uuid, title: z.string(), kind: z.string() })),
              payment: z
                .object({ id: Uuid, amount: z.number().int(), receiptNo: z.string().nullable(), paidAt: z.string().nullable() })
                .nullable(),
            }),
            ...problems(401, 404),
          },
        },
      },
      async (req) => {
        const d = await portal.myDossier(citizenOf(req), req.params.id);
        return {
          ...presentDossier(d),
          events: d.events.map((e) => ({ ...e, at: vnIso(e.at) })),
          documents: d.documents,
          payment: d.payment ? { ...d.payment, paidAt: vnIso(d.payment.paidAt) } : null,
        };
      },
    );

    const ActionAnswer = z.object({ status: z.string(), nationalStatus: z.number().int(), dueAt: z.string().nullable() });

    server.post(
      '/api/portal/dossiers/:id/supplement',
      {
        schema: {
          tags,
          summary: 'Answers the centre’s supplement request online with the requested components',
          params: IdParams,
          body: z.object({ components: z.array(Component).min(1).max(50) }).strict(),
          response: { 200: ActionAnswer, ...problems(400, 401, 404, 409, 422) },
        },
      },
      async (req) => {
        const r = await portal.answerSupplement(citizenOf(req), req.params.id, req.body.components);
        return { ...r, dueAt: vnIso(r.dueAt) };
      },
    );

    server.post(
      '/api/portal/dossiers/:id/withdrawal',
      {
        schema: {
          tags,
          summary: 'Asks to withdraw the dossier (the citizen’s request the centre needs to stop it)',
          params: IdParams,
          body: z.object({ reason: z.string().min(1).max(1000) }).strict(),
          response: { 200: ActionAnswer, ...problems(400, 401, 404, 409) },
        },
      },
      async (req) => {
        const r = await portal.requestWithdrawal(citizenOf(req), req.params.id, req.body.reason);
        return { ...r, dueAt: vnIso(r.dueAt) };
      },
    );

    server.post(
      '/api/portal/dossiers/:id/rating',
      {
        schema: {
          tags,
          summary: 'Satisfaction after the result was returned: like, or dislike with a reason (once)',
          params: IdParams,
          body: z.object({ value: z.enum(['like', 'dislike']), reason: z.string().max(1000).default('') }).strict(),
          response: { 200: z.object({ value: z.enum(['like', 'dislike']), reason: z.string() }), ...problems(400, 401, 404, 409) },
        },
      },
      async (req) => portal.rate(citizenOf(req), req.params.id, req.body.value, req.body.reason),
    );
  };
