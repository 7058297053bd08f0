import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app';
import { PRIORITIES } from '../../domain/queue/lifecycle';
import type { TicketView } from '../../services/queue.service';
import { actorOf, IdempotencyHeaders, problems, Uuid, vnIso } from '../http';

const UnitParams = z.object({ unitId: Uuid }).strict();
const CounterParams = z.object({ counterId: Uuid }).strict();
const Ticket = z.object({
  id: z.string(),
  number: z.string(),
  fieldId: z.string(),
  status: z.string(),
  priority: z.string().nullable(),
  callCount: z.number(),
  counterId: z.string().nullable(),
  counterNumber: z.number().nullable(),
  dossierId: z.string().nullable(),
  appointmentId: z.string().nullable(),
  slotStart: z.string().nullable(),
  arrivedAt: z.string(),
  calledAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  allowedActions: z.array(z.string()),
});
const presentTicket = (t: TicketView) => ({
  id: t.id,
  number: t.number,
  fieldId: t.fieldId,
  status: t.status,
  priority: t.priority,
  callCount: t.callCount,
  counterId: t.counterId,
  counterNumber: t.counterNumber,
  dossierId: t.dossierId,
  appointmentId: t.appointmentId,
  slotStart: vnIso(t.slotStart),
  arrivedAt: vnIso(t.arrivedAt),
  calledAt: vnIso(t.calledAt),
  startedAt: vnIso(t.startedAt),
  finishedAt: vnIso(t.finishedAt),
  allowedActions: t.allowedActions,
});
const Issued = z.object({
  id: z.string(),
  number: z.string(),
  fieldId: z.string(),
  position: z.number(),
  estimatedWaitMinutes: z.number(),
  arrivedAt: z.string(),
});
const Board = z.object({
  calling: z.array(
    z.object({
      number: z.string(),
      counter: z.number(),
      counterName: z.string(),
      fieldId: z.string(),
      calledAt: z.string(),
      callCount: z.number(),
    }),
  ),
  waiting: z.array(z.object({ fieldId: z.string(), count: z.number() })),
});
const Phone = z.string().regex(/^0[0-9]{9}$/, 'a Vietnamese phone number of 10 digits starting with 0');

/** How often the display's stream looks for a change, and how often it sends a keep-alive comment. */
const BOARD_POLL_MS = 700;
const KEEPALIVE_MS = 15_000;

export const queueRoutes =
  (app: App): FastifyPluginAsyncZod =>
  async (server) => {
    const { queue, appointments } = app.services;
    // The wall clock, unless the simulators fixed it for a test or a demo (src/simulators/clock.ts).
    const now = () => app.queueClock.now();

    server.get(
      '/api/public/queue/:unitId',
      {
        schema: {
          tags: ['queue'],
          summary: 'What a kiosk offers: fields served and counters (public)',
          params: UnitParams,
          response: {
            200: z.object({
              unitName: z.string(),
              fields: z.array(z.object({ id: z.string(), name: z.string(), prefix: z.string() })),
              receptionPoints: z.array(z.object({ id: z.string(), name: z.string() })),
              counters: z.array(
                z.object({
                  id: z.string(),
                  name: z.string(),
                  number: z.number(),
                  receptionPointId: z.string(),
                  fieldIds: z.array(z.string()),
                }),
              ),
            }),
            ...problems(400, 404),
          },
        },
      },
      async (req) => queue.kioskInfo(req.params.unitId),
    );

    server.post(
      '/api/public/queue/:unitId/tickets',
      {
        config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
        schema: {
          tags: ['queue'],
          summary: 'Takes a ticket at the kiosk (public, rate limited per kiosk)',
          params: UnitParams,
          headers: IdempotencyHeaders,
          body: z
            .object({
              fieldId: Uuid,
              priority: z.enum(PRIORITIES).optional(),
              phone: Phone.optional(),
              receptionPointId: Uuid.optional(),
            })
            .strict(),
          response: { 201: Issued, ...problems(400, 404, 422, 429) },
        },
      },
      async (req, reply) => {
        const r = await queue.issue(req.params.unitId, req.body, now());
        return reply.code(201).send({
          id: r.ticket.id,
          number: r.ticket.number,
          fieldId: r.ticket.fieldId,
          position: r.position,
          estimatedWaitMinutes: r.estimatedWaitMinutes,
          arrivedAt: vnIso(r.ticket.arrivedAt),
        });
      },
    );

    server.post(
      '/api/public/queue/:unitId/check-in',
      {
        config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
        schema: {
          tags: ['queue'],
          summary: "A booked citizen checks in at the kiosk with the booking's QR code: a ticket called at the slot time (public)",
          params: UnitParams,
          body: z.object({ code: z.string().min(6).max(40) }).strict(),
          response: { 201: Issued.extend({ slotStart: z.string() }), ...problems(400, 404, 422, 429) },
        },
      },
      async (req, reply) => {
        const r = await appointments.checkIn(req.params.unitId, req.body.code, now());
        return reply.code(201).send({
          id: r.ticket.id,
          number: r.ticket.number,
          fieldId: r.ticket.fieldId,
          position: r.position,
          estimatedWaitMinutes: r.estimatedWaitMinutes,
          arrivedAt: vnIso(r.ticket.arrivedAt),
          slotStart: vnIso(r.ticket.slotStart!),
        });
      },
    );

    server.get(
      '/api/public/queue/tickets/:id',
      {
        schema: {
          tags: ['queue'],
          summary: "Follows a ticket from its QR code: status, counter and how many are ahead (public; the id is the ticket's secret)",
          params: z.object({ id: Uuid }).strict(),
          response: { 200: Ticket.extend({ ahead: z.number() }), ...problems(400, 404) },
        },
      },
      async (req) => {
        const t = await queue.follow(req.params.id);
        return { ...presentTicket(t), ahead: t.ahead };
      },
    );

    server.get(
      '/api/public/queue/:unitId/board',
      {
        schema: {
          tags: ['queue'],
          summary:
            'The call display: numbers being called with their counters, waiting per field (public; Accept: text/event-stream streams it)',
          params: UnitParams,
          response: { 200: Board, ...problems(400, 404) },
        },
      },
      async (req, reply) => {
        const present = (b: Awaited<ReturnType<typeof queue.board>>) => ({
          calling: b.calling.map((c) => ({ ...c, calledAt: vnIso(c.calledAt) })),
          waiting: b.waiting,
        });
        if (!(req.headers.accept ?? '').includes('text/event-stream')) return present(await queue.board(req.params.unitId, now()));
        await queue.kioskInfo(req.params.unitId); // 404 for an unknown unit before the stream starts
        reply.hijack();
        const res = reply.raw;
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        // The browser's EventSource reconnects by itself after a blip; `retry` asks it to do so within 2 s.
        res.write('retry: 2000\n\n');
        let last = '';
        let closed = false;
        let seq = 0;
        let lastWrite = Date.now();
        const tick = async () => {
          if (closed) return;
          try {
            const body = JSON.stringify(present(await queue.board(req.params.unitId, now())));
            if (body !== last) {
              last = body;
              res.write(`id: ${++seq}\nevent: board\ndata: ${body}\n\n`);
              lastWrite = Date.now();
            } else if (Date.now() - lastWrite > KEEPALIVE_MS) {
              res.write(': keep-alive\n\n');
              lastWrite = Date.now();
            }
          } catch {
            // A database blip: the next tick tries again; the display keeps showing the last board.
          }
          if (!closed) timer = setTimeout(() => void tick(), BOARD_POLL_MS);
        };
        let timer = setTimeout(() => void tick(), 0);
        req.raw.on('close', () => {
          closed = true;
          clearTimeout(timer);
        });
      },
    );

    server.get(
      '/api/public/queue/:unitId/slots',
      {
        schema: {
          tags: ['queue'],
          summary: 'Free appointment slots of a field on a day (public)',
          params: UnitParams,
          querystring: z.object({ fieldId: Uuid, date: z.iso.date(), receptionPointId: Uuid.optional() }).strict(),
          response: {
            200: z.object({
              receptionPointId: z.string(),
              date: z.string(),
              slots: z.array(z.object({ start: z.string(), end: z.string(), free: z.number() })),
            }),
            ...problems(400, 404, 422),
          },
        },
      },
      async (req) => {
        const r = await appointments.slots(req.params.unitId, req.query.fieldId, req.query.date, now(), req.query.receptionPointId);
        return { ...r, slots: r.slots.map((s) => ({ start: vnIso(s.start), end: vnIso(s.end), free: s.free })) };
      },
    );

    // ---- the counter officer ----
    server.get(
      '/api/queue/units/:unitId/counters',
      {
        schema: {
          tags: ['queue'],
          summary: "A unit's counters, who holds each, and the fields (counter panel)",
          params: UnitParams,
          response: { 200: z.any(), ...problems(400, 401, 404) },
        },
      },
      async (req) => queue.listCounters(actorOf(req), req.params.unitId),
    );
    for (const op of ['open', 'close'] as const)
      server.post(
        `/api/queue/counters/:counterId/${op}`,
        {
          schema: {
            tags: ['queue'],
            summary: op === 'open' ? 'Signs the officer in to the counter (leaving any other)' : 'Signs the officer out of the counter',
            params: CounterParams,
            response: { 200: z.object({ counterId: z.string() }).loose(), ...problems(400, 401, 403, 404, 409) },
          },
        },
        async (req) => {
          const r =
            op === 'open'
              ? await queue.open(actorOf(req), req.params.counterId, now())
              : await queue.close(actorOf(req), req.params.counterId, now());
          return { ...r, ...('openedAt' in r ? { openedAt: vnIso(r.openedAt) } : { closedAt: vnIso(r.closedAt) }) };
        },
      );
    server.get(
      '/api/queue/counters/:counterId/current',
      {
        schema: {
          tags: ['queue'],
          summary: "The counter's current ticket (null when none)",
          params: CounterParams,
          response: { 200: z.object({ ticket: Ticket.nullable() }), ...problems(400, 401, 403, 404) },
        },
      },
      async (req) => {
        const t = await queue.current(actorOf(req), req.params.counterId);
        return { ticket: t ? presentTicket(t) : null };
      },
    );
    server.post(
      '/api/queue/counters/:counterId/call-next',
      {
        schema: {
          tags: ['queue'],
          summary: 'Calls the next ticket: appointments at their time, then priority by weight interleaved with arrival order',
          params: CounterParams,
          response: { 200: Ticket, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => presentTicket(await queue.callNext(actorOf(req), req.params.counterId, now())),
    );
    for (const action of ['recall', 'start', 'finish', 'miss', 'transfer'] as const)
      server.post(
        `/api/queue/counters/:counterId/${action}`,
        {
          schema: {
            tags: ['queue'],
            summary: {
              recall: 'Calls the current ticket again (at most 3 calls)',
              start: 'Starts serving the called ticket',
              finish: 'Finishes the ticket, linking the dossier received',
              miss: 'Marks the called ticket missed (after 3 calls)',
              transfer: 'Sends the ticket to another counter of the same point, keeping its place',
            }[action],
            params: CounterParams,
            body: (action === 'finish'
              ? z.object({ dossierId: Uuid.optional() }).strict()
              : action === 'transfer'
                ? z.object({ counterId: Uuid }).strict()
                : z.object({}).strict()
            ).optional(),
            response: { 200: Ticket, ...problems(400, 401, 403, 404, 409, 422) },
          },
        },
        async (req) => {
          const b = (req.body ?? {}) as { dossierId?: string; counterId?: string };
          return presentTicket(
            await queue.act(actorOf(req), req.params.counterId, action, now(), { dossierId: b.dossierId, toCounterId: b.counterId }),
          );
        },
      );
  };
