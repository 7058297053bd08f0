import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app';
import { actorOf, ctxOf, IdParams, problems, IdempotencyHeaders } from '../http';

const Hhmm = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'a time HH:MM');
const Sessions = z
  .array(z.object({ start: Hhmm, end: Hhmm }).strict())
  .min(1)
  .max(4);
const Weekdays = z.array(z.number().int().min(1).max(7)).min(1).max(7);

export const ReceptionPointSchema = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  hostUnitId: z.string(),
  active: z.boolean(),
});
export const UnitSchema = z.object({
  id: z.string(),
  slug: z.string(),
  code: z.string(),
  name: z.string(),
  shortName: z.string(),
  type: z.enum(['province', 'ward', 'commune']),
  parentId: z.string().nullable(),
  address: z.string(),
  phone: z.string(),
  email: z.string(),
  officeSessions: z.array(z.object({ start: z.string(), end: z.string() })),
  workingWeekdays: z.array(z.number()),
  cutoffTime: z.string(),
  saturdayReception: z.boolean(),
  /** A training unit: synthetic data, never sent to real systems nor counted (staff see the TRAINING band). */
  training: z.boolean(),
  receptionPoints: z.array(ReceptionPointSchema),
});

const UnitFields = {
  code: z.string().regex(/^[0-9A-Z.]{3,40}$/, 'a national agency code such as 000.00.04.G18'),
  name: z.string().trim().min(1).max(200),
  address: z.string().max(300).optional(),
  phone: z.string().max(40).optional(),
  email: z.union([z.email(), z.literal('')]).optional(),
  officeSessions: Sessions.optional(),
  workingWeekdays: Weekdays.optional(),
  cutoffTime: Hhmm.optional(),
  saturdayReception: z.boolean().optional(),
};

const PointBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    address: z.string().max(300).optional(),
    hostUnitId: z.uuid().optional(),
    active: z.boolean().optional(),
  })
  .strict();

export const unitRoutes =
  (app: App): FastifyPluginAsyncZod =>
  async (server) => {
    const { units } = app.services;
    server.get(
      '/api/units',
      {
        schema: {
          tags: ['units'],
          summary: 'Every unit of the province with its reception points (public)',
          response: { 200: z.object({ items: z.array(UnitSchema) }) },
        },
      },
      async (req) => ({ items: await units.list(ctxOf(req)) }),
    );
    server.get(
      '/api/units/:id',
      { schema: { tags: ['units'], summary: 'One unit (public)', params: IdParams, response: { 200: UnitSchema, ...problems(400, 404) } } },
      async (req) => units.get(req.params.id, ctxOf(req)),
    );
    server.post(
      '/api/units',
      {
        schema: {
          tags: ['units'],
          summary: 'Creates a commune or ward (province-admin) or a province (system-admin)',
          headers: IdempotencyHeaders,
          body: z
            .object({
              slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,40}$/, 'lower-case letters, digits and dashes'),
              type: z.enum(['province', 'ward', 'commune']),
              parentId: z.uuid().nullable(),
              ...UnitFields,
            })
            .strict(),
          response: { 201: UnitSchema, ...problems(400, 401, 403, 409, 422) },
        },
      },
      async (req, reply) => reply.code(201).send(await units.create(actorOf(req), req.body)),
    );
    server.patch(
      '/api/units/:id',
      {
        schema: {
          tags: ['units'],
          summary: "Edits a unit's details, office sessions and cut-off",
          params: IdParams,
          body: z.object({ ...UnitFields, code: UnitFields.code.optional(), name: UnitFields.name.optional() }).strict(),
          response: { 200: UnitSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => units.update(actorOf(req), req.params.id, req.body),
    );
    server.post(
      '/api/units/:id/reception-points',
      {
        schema: {
          tags: ['units'],
          summary: "Adds a reception point to a unit; hostUnitId names another unit's premises where it sits",
          headers: IdempotencyHeaders,
          params: IdParams,
          body: PointBody,
          response: { 201: UnitSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req, reply) => reply.code(201).send(await units.addReceptionPoint(actorOf(req), req.params.id, req.body)),
    );
    server.patch(
      '/api/reception-points/:id',
      {
        schema: {
          tags: ['units'],
          summary: 'Edits or deactivates a reception point',
          params: IdParams,
          body: PointBody.partial(),
          response: { 200: UnitSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => units.updateReceptionPoint(actorOf(req), req.params.id, req.body),
    );
  };
