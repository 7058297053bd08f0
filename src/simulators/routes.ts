// The simulators of the national systems, served by Motcua itself in demo mode and tests (never in
// production unless configured). Every answer says it comes from a simulator. Administration calls are
// for system-admin; the registry lookup is a server-to-server API with a bearer token, as the adapter uses it.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, problems } from '../api/http';
import { Problem } from '../domain/problems';
import { CITIZEN_COUNT, citizen, citizenById } from './citizens';
import type { Db } from '../db/database';
import { requireBearer, gate, requireSystemAdmin, SIMULATED_SYSTEMS, type SimulatorModes } from './modes';
import { nationalPortalSimulator } from './national-portal';
import { emailSimulator } from './email';
import { smsSimulator } from './sms';
import { paymentSimulator } from './payment';
import type { FetchLike } from '../adapters/registry.adapter';
import { vneidPushSimulator } from './vneid-push';
import { vneidSimulator, type VneidSimOptions } from './vneid';
import type { QueueClock } from './clock';

const CitizenSchema = z.object({
  idNumber: z.string(),
  fullName: z.string(),
  dateOfBirth: z.string(),
  sex: z.string(),
  address: z.string(),
  phone: z.string(),
});

export type Simulators = {
  modes: SimulatorModes;
  registryToken: string;
  portalSecret: string;
  smsToken: string;
  emailToken: string;
  vneidPushToken: string;
  vneid: Omit<VneidSimOptions, 'modes'>;
  /** HMAC-SHA256 key the payment gateway simulator shares with the merchant (Motcua). */
  paymentSecret: string;
  /** How the payment simulator reaches the merchant's callback URL (tests route it into the in-process server). */
  fetch?: FetchLike;
};

export const simulatorRoutes =
  (sims: Simulators, db: Db, queueClock: QueueClock): FastifyPluginAsyncZod =>
  async (server) => {
    const { modes, registryToken: token } = sims;
    server.addHook('onSend', async (_req, reply, payload) => {
      reply.header('x-motcua-simulator', 'true');
      return payload;
    });
    await server.register(nationalPortalSimulator(modes, sims.portalSecret, db));
    await server.register(smsSimulator(modes, sims.smsToken, db));
    await server.register(emailSimulator(modes, sims.emailToken, db));
    await server.register(vneidPushSimulator(modes, sims.vneidPushToken, db));
    await server.register(vneidSimulator({ ...sims.vneid, modes }));
    await server.register(paymentSimulator(modes, sims.paymentSecret, db, sims.fetch));

    server.put(
      '/api/sim/:system/mode',
      {
        schema: {
          tags: ['simulators'],
          summary: 'Sets a simulated national system up, down (503) or slow (system-admin; simulators only)',
          params: z.object({ system: z.enum(SIMULATED_SYSTEMS) }).strict(),
          body: z.object({ mode: z.enum(['up', 'down', 'slow']) }).strict(),
          response: { 200: z.object({ system: z.string(), mode: z.string() }), ...problems(400, 401, 403) },
        },
      },
      async (req) => {
        requireSystemAdmin(actorOf(req));
        modes.set(req.params.system, req.body.mode);
        return { system: req.params.system, mode: req.body.mode };
      },
    );

    server.put(
      '/api/sim/queue-clock',
      {
        schema: {
          tags: ['simulators'],
          summary:
            "Fixes the waiting room's clock (queue and appointment routes) at an instant; without `at`, back to the wall clock (system-admin; simulators only)",
          body: z.object({ at: z.string().datetime({ offset: true }).optional() }).strict(),
          response: { 200: z.object({ now: z.string(), fixed: z.boolean() }), ...problems(400, 401, 403) },
        },
      },
      async (req) => {
        requireSystemAdmin(actorOf(req));
        queueClock.set(req.body.at === undefined ? null : new Date(req.body.at));
        return { now: queueClock.now().toISOString(), fixed: queueClock.isFixed };
      },
    );

    server.get(
      '/api/sim/registry/citizens',
      {
        schema: {
          tags: ['simulators'],
          summary: 'Synthetic citizens of the population-registry simulator, for demos and tests (system-admin)',
          querystring: z
            .object({
              limit: z.coerce.number().int().min(1).max(CITIZEN_COUNT).default(50),
              offset: z.coerce.number().int().min(0).max(CITIZEN_COUNT).default(0),
            })
            .strict(),
          response: { 200: z.object({ items: z.array(CitizenSchema), simulator: z.literal(true) }), ...problems(400, 401, 403) },
        },
      },
      async (req) => {
        requireSystemAdmin(actorOf(req));
        const items = [];
        for (let i = req.query.offset; i < Math.min(CITIZEN_COUNT, req.query.offset + req.query.limit); i++) items.push(citizen(i));
        return { items, simulator: true as const };
      },
    );

    server.get(
      '/api/sim/registry/v1/citizens/:idNumber',
      {
        schema: {
          tags: ['simulators'],
          summary: 'Population registry simulator: look up a citizen by personal ID number (bearer token)',
          params: z.object({ idNumber: z.string().regex(/^[0-9]{12}$/) }).strict(),
          response: { 200: z.object({ citizen: CitizenSchema, simulator: z.literal(true) }), ...problems(400, 401, 404, 503) },
        },
      },
      async (req) => {
        requireBearer(req, token);
        await gate(modes, 'registry');
        const c = citizenById(req.params.idNumber);
        if (!c) throw new Problem('not-found', { what: 'citizen' });
        return { citizen: c, simulator: true as const };
      },
    );
  };
