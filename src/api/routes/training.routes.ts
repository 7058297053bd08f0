// Training mode: training units (create, trainees, reset) for province administrators, and guided exercises for
// trainees. Thin: TrainingService authorizes and decides (src/services/training.service.ts).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app';
import { EXERCISES } from '../../domain/training';
import type { AttemptView, TrainingUnitView } from '../../services/training.service';
import { actorOf, IdParams, IdempotencyHeaders, problems, vnIso } from '../http';

const TrainingUnitSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  type: z.enum(['province', 'ward', 'commune']),
  parentId: z.string().nullable(),
  ownerId: z.string().describe('The real province whose administrators manage this training unit'),
  dossiers: z.record(z.string(), z.number()).describe('Dossiers of the unit per status'),
});

const AttemptSchema = z.object({
  id: z.string(),
  exercise: z.enum(EXERCISES),
  title: z.string(),
  scenario: z.string().describe('What the trainee is asked to do, in the request language'),
  unitId: z.string(),
  dossierId: z.string().nullable().describe('The sample dossier to work on (null for intake: the trainee creates it)'),
  feedbackId: z.string().nullable().describe('The sample feedback to answer (feedback-answer exercise)'),
  screen: z.enum(['intake', 'dossier', 'feedback']),
  startedAt: z.string(),
  checkedAt: z.string().nullable(),
  passed: z.boolean().nullable(),
  findings: z.array(
    z.object({
      rule: z.string(),
      ok: z.boolean(),
      message: z.string(),
      law: z.string().nullable().describe('What the law says, when not ok'),
    }),
  ),
});

const presentUnit = (u: TrainingUnitView) => u;
const presentAttempt = (a: AttemptView) => ({ ...a, startedAt: vnIso(a.startedAt), checkedAt: vnIso(a.checkedAt) });

export const trainingRoutes =
  (app: App): FastifyPluginAsyncZod =>
  async (server) => {
    const { training } = app.services;
    server.get(
      '/api/training/units',
      {
        schema: {
          tags: ['training'],
          summary: 'Training units the caller administers (province roles of their real province) or trains in',
          response: { 200: z.object({ items: z.array(TrainingUnitSchema) }), ...problems(401) },
        },
      },
      async (req) => ({ items: (await training.list(actorOf(req))).map(presentUnit) }),
    );
    server.post(
      '/api/training/units',
      {
        schema: {
          tags: ['training'],
          summary: 'Creates a seeded training ward under the real province, or a training province with its ward (province roles)',
          headers: IdempotencyHeaders,
          body: z
            .object({
              provinceId: z.uuid().describe('The real province that will own the training units'),
              kind: z.enum(['ward', 'province']),
              name: z.string().trim().min(1).max(150),
            })
            .strict(),
          response: { 201: z.object({ items: z.array(TrainingUnitSchema) }), ...problems(400, 401, 403, 404, 422) },
        },
      },
      async (req, reply) => reply.code(201).send({ items: (await training.create(actorOf(req), req.body)).map(presentUnit) }),
    );
    server.post(
      '/api/training/units/:id/trainees',
      {
        schema: {
          tags: ['training'],
          summary: 'Creates a trainee account holding working roles in a training ward only (province roles of the owner)',
          params: IdParams,
          headers: IdempotencyHeaders,
          body: z
            .object({
              username: z.string().regex(/^[a-z0-9][a-z0-9._-]{2,60}$/, 'lower-case letters, digits, dots and dashes'),
              fullName: z.string().trim().min(1).max(150),
              password: z.string().min(10).max(200),
              roles: z
                .array(
                  z.enum([
                    'reception-officer',
                    'specialist',
                    'leader',
                    'centre-director',
                    'feedback-officer',
                    'province-admin',
                    'system-admin',
                  ]),
                )
                .min(1)
                .max(5),
            })
            .strict(),
          response: {
            201: z.object({ id: z.string(), username: z.string(), unitId: z.string(), roles: z.array(z.string()) }),
            ...problems(400, 401, 403, 404, 409, 422),
          },
        },
      },
      async (req, reply) => reply.code(201).send(await training.createTrainee(actorOf(req), req.params.id, req.body)),
    );
    server.post(
      '/api/training/units/:id/reset',
      {
        schema: {
          tags: ['training'],
          summary: 'Puts the training unit (and its wards) back to the seeded state: one action (province roles of the owner)',
          params: IdParams,
          response: { 200: z.object({ items: z.array(TrainingUnitSchema) }), ...problems(401, 403, 404, 422) },
        },
      },
      async (req) => ({ items: (await training.reset(actorOf(req), req.params.id)).map(presentUnit) }),
    );
    server.get(
      '/api/training/exercises',
      {
        schema: {
          tags: ['training'],
          summary: "The guided exercises and the trainee's attempts (trainees)",
          response: {
            200: z.object({
              exercises: z.array(z.object({ key: z.enum(EXERCISES), title: z.string(), screen: z.string() })),
              attempts: z.array(AttemptSchema),
            }),
            ...problems(401, 403, 422),
          },
        },
      },
      async (req) => {
        const r = await training.exercises(actorOf(req));
        return { exercises: r.exercises, attempts: r.attempts.map(presentAttempt) };
      },
    );
    server.post(
      '/api/training/attempts',
      {
        schema: {
          tags: ['training'],
          summary: 'Starts a guided exercise: a scenario on a sample dossier of the training unit (trainees)',
          headers: IdempotencyHeaders,
          body: z.object({ exercise: z.enum(EXERCISES) }).strict(),
          response: { 201: AttemptSchema, ...problems(400, 401, 403, 409, 422) },
        },
      },
      async (req, reply) => reply.code(201).send(presentAttempt(await training.start(actorOf(req), req.body.exercise))),
    );
    server.post(
      '/api/training/attempts/:id/check',
      {
        schema: {
          tags: ['training'],
          summary: 'Checks what the trainee did; each failed finding says what the law says (trainees)',
          params: IdParams,
          response: { 200: AttemptSchema, ...problems(401, 403, 404, 422) },
        },
      },
      async (req) => presentAttempt(await training.check(actorOf(req), req.params.id)),
    );
  };
