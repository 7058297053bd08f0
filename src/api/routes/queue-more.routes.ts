// Appointments (portal), the rating at the counter (public) and the director's capacity and scores.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app';
import type { AppointmentView } from '../../services/appointment.service';
import { actorOf, citizenOf, IdempotencyHeaders, IdParams, problems, Uuid, vnIso } from '../http';

const Appointment = z.object({
  id: z.string(),
  code: z.string().describe('Shown as a QR code; the kiosk checks in with it'),
  unitId: z.string(),
  receptionPointId: z.string(),
  fieldId: z.string(),
  fieldName: z.string(),
  slotStart: z.string(),
  slotEnd: z.string(),
  status: z.string(),
});
const presentAppointment = (a: AppointmentView) => ({ ...a, slotStart: vnIso(a.slotStart), slotEnd: vnIso(a.slotEnd) });
const Score = z.union([z.literal(0), z.literal(1), z.literal(2)]);

export const queueMoreRoutes =
  (app: App): FastifyPluginAsyncZod =>
  async (server) => {
    const { appointments, queueStats } = app.services;
    // The wall clock, unless the simulators fixed it for a test or a demo (src/simulators/clock.ts).
    const now = () => app.queueClock.now();

    server.get(
      '/api/portal/appointments',
      {
        schema: {
          tags: ['portal', 'queue'],
          summary: "The citizen's appointments",
          response: { 200: z.object({ items: z.array(Appointment) }), ...problems(401) },
        },
      },
      async (req) => ({ items: (await appointments.mine(citizenOf(req))).map(presentAppointment) }),
    );
    server.post(
      '/api/portal/appointments',
      {
        schema: {
          tags: ['portal', 'queue'],
          summary: 'Books a slot (VNeID citizen; today up to 6 days ahead, at most 2 a day and 1 a field, configurable per province)',
          headers: IdempotencyHeaders,
          body: z
            .object({
              unitId: Uuid,
              fieldId: Uuid,
              slotStart: z.iso.datetime({ offset: true, message: 'an ISO 8601 time with offset' }),
              receptionPointId: Uuid.optional(),
            })
            .strict(),
          response: { 201: Appointment, ...problems(400, 401, 404, 409, 422) },
        },
      },
      async (req, reply) =>
        reply
          .code(201)
          .send(
            presentAppointment(await appointments.book(citizenOf(req), { ...req.body, slotStart: new Date(req.body.slotStart) }, now())),
          ),
    );
    server.delete(
      '/api/portal/appointments/:id',
      {
        schema: {
          tags: ['portal', 'queue'],
          summary: 'Cancels an appointment',
          params: IdParams,
          response: { 200: Appointment, ...problems(400, 401, 404, 409) },
        },
      },
      async (req) => presentAppointment(await appointments.cancel(citizenOf(req), req.params.id, now())),
    );

    server.post(
      '/api/public/ratings',
      {
        config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          tags: ['queue'],
          summary:
            "The citizen's rating right after service (TT 01/2018 indicators at the counter, 2/1/0), once per visit, tied to the officer who served",
          headers: IdempotencyHeaders,
          body: z
            .object({
              ticketId: Uuid.optional(),
              dossierCode: z.string().min(3).max(60).optional(),
              answers: z
                .object({ contacts: Score.optional(), bodies: Score.optional(), publicity: Score.optional(), attitude: Score.optional() })
                .strict()
                .refine((a) => Object.keys(a).length > 0, 'at least one indicator'),
              comment: z.string().max(2000).optional(),
            })
            .strict()
            .refine((b) => !!b.ticketId || !!b.dossierCode, 'ticketId or dossierCode'),
          response: {
            201: z.object({ id: z.string(), low: z.boolean(), feedbackId: z.string().nullable() }),
            ...problems(400, 404, 409, 422, 429),
          },
        },
      },
      async (req, reply) => reply.code(201).send(await queueStats.rate(req.body, now())),
    );

    server.get(
      '/api/capacity',
      {
        schema: {
          tags: ['queue'],
          summary: 'Per weekday and hour: arrivals, average handling time, counters needed (Erlang C) and staffed; a recommended roster',
          querystring: z
            .object({
              unitId: Uuid,
              from: z.iso.date(),
              to: z.iso.date(),
              targetWaitMinutes: z.coerce.number().min(0).max(240).default(15),
              serviceLevel: z.coerce.number().gt(0).lt(1).default(0.8),
            })
            .strict(),
          response: { 200: z.any(), ...problems(400, 401, 403, 404) },
        },
      },
      async (req) => queueStats.capacity(actorOf(req), req.query),
    );
    server.get(
      '/api/queue/ratings',
      {
        schema: {
          tags: ['queue'],
          summary: 'TT 01/2018 Arts 14–15: officer and unit scores over the counter ratings of a period (e.g. a quarter)',
          querystring: z.object({ unitId: Uuid, from: z.iso.date(), to: z.iso.date() }).strict(),
          response: { 200: z.any(), ...problems(400, 401, 403, 404) },
        },
      },
      async (req) =>
        queueStats.ratingScores(
          actorOf(req),
          req.query.unitId,
          new Date(`${req.query.from}T00:00:00+07:00`),
          new Date(Date.parse(`${req.query.to}T00:00:00+07:00`) + 86_400_000),
        ),
    );
  };
