// The catalogue review (issue 17): per procedure, what differs from the previous published version and from the
// province's other units, missing elements and a time unlike the law's; the law's time; the reviewer's sign-off.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app';
import { UNIT_DIFFERENCES } from '../../domain/catalogue/review';
import type { ReviewItem } from '../../services/catalogue-review.service';
import { actorOf, IdParams, problems, vnIso } from '../http';

const ReviewItemSchema = z.object({
  procedureId: z.string(),
  code: z.string(),
  name: z.string(),
  versionId: z.string().describe('The version under review: the one being prepared, else the one in force'),
  version: z.number(),
  status: z.enum(['draft', 'reviewed', 'published', 'withdrawn', 'legacy']),
  against: z.object({ versionId: z.string(), version: z.number() }).nullable().describe('The previous published version'),
  fields: z.array(
    z.object({
      change: z.enum(['added', 'removed', 'changed']),
      path: z.string(),
      label: z.string(),
      before: z.string().optional(),
      now: z.string().optional(),
    }),
  ),
  elements: z.array(z.object({ element: z.string(), vi: z.string(), en: z.string(), before: z.string(), now: z.string() })),
  missing: z.array(z.object({ element: z.string(), vi: z.string(), en: z.string() })),
  time: z.object({
    processingDays: z.number(),
    legalDays: z.number().nullable(),
    legalSource: z.string().nullable(),
    differs: z.boolean(),
    longer: z.boolean(),
  }),
  units: z.array(
    z.object({
      unitId: z.string(),
      name: z.string(),
      handles: z.boolean(),
      feeCharged: z.number().nullable().describe('The fee most often charged on its dossiers of the procedure in the last 90 days'),
      cutoffTime: z.string(),
      saturdayReception: z.boolean(),
      receptionPoints: z.number(),
      differs: z.array(z.enum(UNIT_DIFFERENCES)),
    }),
  ),
  flags: z.number(),
  signOff: z
    .object({ versionId: z.string(), version: z.number(), by: z.string(), at: z.string(), note: z.string(), current: z.boolean() })
    .nullable(),
});

const present = (i: ReviewItem) => ({ ...i, signOff: i.signOff ? { ...i.signOff, at: vnIso(i.signOff.at) } : null });

export const catalogueReviewRoutes =
  (app: App): FastifyPluginAsyncZod =>
  async (server) => {
    const { catalogueReview } = app.services;
    server.get(
      '/api/catalogue/review',
      {
        schema: {
          tags: ['catalogue'],
          summary:
            "The catalogue review: per procedure, the changes against the previous published version, where the province's units differ, missing elements, a time unlike the law's, the last sign-off (province-admin)",
          response: { 200: z.object({ items: z.array(ReviewItemSchema) }), ...problems(401, 403) },
        },
      },
      async (req) => ({ items: (await catalogueReview.list(actorOf(req))).map(present) }),
    );
    server.put(
      '/api/procedures/:id/legal-time',
      {
        schema: {
          tags: ['catalogue'],
          summary: 'Records the processing time the law sets for a procedure and where it says so (province-admin)',
          params: IdParams,
          body: z.object({ days: z.number().min(0).max(365), source: z.string().trim().min(1).max(500) }).strict(),
          response: { 200: ReviewItemSchema, ...problems(400, 401, 403, 404) },
        },
      },
      async (req) => present(await catalogueReview.setLegalTime(actorOf(req), req.params.id, req.body)),
    );
    server.post(
      '/api/procedures/:id/review-sign-offs',
      {
        schema: {
          tags: ['catalogue'],
          summary:
            'The reviewer signs off the version under review: who, when and what the review showed are recorded and audited (province-admin)',
          params: IdParams,
          body: z.object({ versionId: z.uuid(), note: z.string().max(2000).optional() }).strict(),
          response: { 201: ReviewItemSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req, reply) => reply.code(201).send(present(await catalogueReview.signOff(actorOf(req), req.params.id, req.body))),
    );
  };
