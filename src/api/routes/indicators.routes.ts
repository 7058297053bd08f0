// Indicators and reports (contract section "Indicators and reports"): Decision 766 indicators, drill-down,
// compliance signals, form 06 and the public transparency figures.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app';
import { actorOf, problems, Uuid, vnIso } from '../http';

const Day = z.string().max(10).describe('YYYY-MM-DD, inclusive, in +07:00');
const PeriodQuery = {
  unitId: Uuid,
  from: Day,
  to: Day,
  set: z.string().max(40).optional().describe('Indicator set id; default the current one (qd766-2022)'),
};
const Name = z.object({ vi: z.string(), en: z.string() });
const IndicatorSchema = z.object({
  id: z.string(),
  key: z.string(),
  group: z.string(),
  name: Name,
  numerator: z.number(),
  denominator: z.number(),
  value: z.number().nullable().describe('fraction 0–1 (days for average-processing-days); null = no data'),
  threshold: z.number().nullable(),
  max: z.number(),
  score: z.number().nullable(),
});
const GroupSchema = z.object({ id: z.string(), name: Name, max: z.number(), available: z.number(), score: z.number() });
const Figures = z.object({
  received: z.number(),
  finished: z.number(),
  measured: z.number(),
  onTimeRate: z.number().nullable(),
  onlineRate: z.number().nullable(),
  satisfactionRate: z.number().nullable(),
  averageDays: z.number().nullable(),
  score: z.number(),
});

export const indicatorRoutes =
  (app: App): FastifyPluginAsyncZod =>
  async (server) => {
    const svc = app.services.indicators;
    server.get(
      '/api/indicators',
      {
        schema: {
          tags: ['indicators'],
          summary: 'Decision 766 indicators of a unit (or the province) for a period, from the rollups',
          querystring: z.object(PeriodQuery).strict(),
          response: {
            200: z.object({
              unitId: z.string(),
              from: z.string(),
              to: z.string(),
              setId: z.string(),
              indicators: z.array(IndicatorSchema),
              groups: z.array(GroupSchema),
              total: z.number(),
              available: z.number().describe('points that could be scored from the data there is'),
            }),
            ...problems(400, 401, 403, 404),
          },
        },
      },
      async (req) => svc.indicators(actorOf(req), req.query),
    );
    server.get(
      '/api/indicators/ranking',
      {
        schema: {
          tags: ['indicators'],
          summary: "Every unit of a province ranked by total score, with each group's score",
          querystring: z.object(PeriodQuery).strict(),
          response: {
            200: z.object({
              from: z.string(),
              to: z.string(),
              items: z.array(
                z.object({
                  unitId: z.string(),
                  name: z.string(),
                  total: z.number(),
                  available: z.number(),
                  groups: z.array(GroupSchema),
                  indicators: z.array(IndicatorSchema),
                }),
              ),
            }),
            ...problems(400, 401, 403, 404),
          },
        },
      },
      async (req) => svc.ranking(actorOf(req), req.query),
    );
    server.get(
      '/api/indicators/breakdown',
      {
        schema: {
          tags: ['indicators'],
          summary: 'One indicator broken down by unit, procedure, officer or processing step (worst first)',
          querystring: z
            .object({
              ...PeriodQuery,
              by: z.string().max(20),
              key: z.string().max(60).optional(),
              limit: z.coerce.number().int().min(1).max(500).optional(),
            })
            .strict(),
          response: {
            200: z.object({
              by: z.string(),
              key: z.string(),
              items: z.array(
                z.object({
                  id: z.string(),
                  name: z.string(),
                  numerator: z.number(),
                  denominator: z.number(),
                  value: z.number().nullable(),
                }),
              ),
            }),
            ...problems(400, 401, 403, 404),
          },
        },
      },
      async (req) => svc.breakdown(actorOf(req), req.query),
    );
    server.get(
      '/api/compliance',
      {
        schema: {
          tags: ['indicators'],
          summary: 'Compliance signals of dossiers received in the period, with counts and example dossiers (most frequent first)',
          querystring: z.object({ unitId: Uuid, from: Day, to: Day, examples: z.coerce.number().int().min(0).max(50).optional() }).strict(),
          response: {
            200: z.object({
              unitId: z.string(),
              from: z.string(),
              to: z.string(),
              items: z.array(
                z.object({
                  kind: z.string(),
                  count: z.number(),
                  available: z.boolean(),
                  examples: z.array(
                    z.object({
                      dossierId: z.string().nullable().describe('the dossier (for vague-answer: the dossier the feedback names, if any)'),
                      feedbackId: z.string().optional().describe('vague-answer: the feedback behind it'),
                      code: z.string(),
                      detail: z.string(),
                      officer: z
                        .string()
                        .optional()
                        .describe('late-step: the officer who completed the step past its budget; unsigned-notice: who issued the notice'),
                    }),
                  ),
                }),
              ),
            }),
            ...problems(400, 401, 403, 404),
          },
        },
      },
      async (req) => svc.compliance(actorOf(req), req.query),
    );
    const Threshold = z.object({ kind: z.string(), maxPerMonth: z.number(), isDefault: z.boolean() });
    server.get(
      '/api/compliance/thresholds',
      {
        schema: {
          tags: ['indicators'],
          summary: "A province's compliance thresholds: signals of a kind a unit may have in a calendar month before it alerts",
          querystring: z.object({ provinceId: Uuid }).strict(),
          response: { 200: z.object({ provinceId: z.string(), items: z.array(Threshold) }), ...problems(400, 401, 403, 404) },
        },
      },
      async (req) => svc.thresholds(actorOf(req), req.query.provinceId),
    );
    server.put(
      '/api/compliance/thresholds',
      {
        schema: {
          tags: ['indicators'],
          summary: "Sets some of a province's compliance thresholds (province admin); the others keep their value",
          body: z
            .object({
              provinceId: Uuid,
              items: z.array(z.object({ kind: z.string().max(60), maxPerMonth: z.number().int() }).strict()).max(20),
            })
            .strict(),
          response: { 200: z.object({ provinceId: z.string(), items: z.array(Threshold) }), ...problems(400, 401, 403, 404) },
        },
      },
      async (req) => svc.setThresholds(actorOf(req), req.body.provinceId, req.body.items),
    );
    server.get(
      '/api/compliance/alerts',
      {
        schema: {
          tags: ['indicators'],
          summary: 'Open compliance alerts (threshold crossings) of a unit, or of every unit of a province, newest first',
          querystring: z.object({ unitId: Uuid }).strict(),
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  unitId: z.string(),
                  unitName: z.string(),
                  kind: z.string(),
                  month: z.string().describe('YYYY-MM'),
                  count: z.number(),
                  threshold: z.number(),
                  at: z.string(),
                }),
              ),
            }),
            ...problems(400, 401, 403, 404),
          },
        },
      },
      async (req) => {
        const r = await svc.alerts(actorOf(req), req.query.unitId);
        return { items: r.items.map((a) => ({ ...a, at: vnIso(a.at) })) };
      },
    );
    server.post(
      '/api/compliance/alerts/acknowledge',
      {
        schema: {
          tags: ['indicators'],
          summary: 'Closes an open compliance alert (seen by the director or the province)',
          body: z.object({ unitId: Uuid, kind: z.string().max(60), month: z.string().max(7).describe('YYYY-MM') }).strict(),
          response: { 204: z.null(), ...problems(400, 401, 403, 404) },
        },
      },
      async (req, reply) => {
        await svc.acknowledge(actorOf(req), req.body);
        return reply.code(204).send(null);
      },
    );
    server.get(
      '/api/reports/form-06',
      {
        schema: {
          tags: ['indicators'],
          summary:
            "Form 06 (TT 01/2020/TT-VPCP, II.06a): per field columns 3–13 and a total, reconciled with the national portal; JSON, XLSX or a PDF signed with the unit's key",
          querystring: z.object({ unitId: Uuid, from: Day, to: Day, format: z.enum(['json', 'xlsx', 'pdf']).default('json') }).strict(),
        },
      },
      async (req, reply) => {
        const ctx = actorOf(req);
        const { format, ...q } = req.query;
        const name = `bieu-06-${q.from}-${q.to}`;
        if (format === 'xlsx')
          return reply
            .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
            .header('content-disposition', `attachment; filename="${name}.xlsx"`)
            .send(await svc.form06Xlsx(ctx, q));
        if (format === 'pdf')
          return reply
            .type('application/pdf')
            .header('content-disposition', `attachment; filename="${name}.pdf"`)
            .send(await svc.form06Pdf(ctx, q));
        const r = await svc.form06(ctx, q);
        return {
          ...r,
          reconciliation: {
            ...r.reconciliation,
            unsynced: r.reconciliation.unsynced.map((u) => ({ ...u, receivedAt: vnIso(u.receivedAt) })),
          },
        };
      },
    );
    const Levels = z
      .object({ '2': z.number(), '1': z.number(), '0': z.number() })
      .describe('marks per level (2, 1, 0) over the indicators');
    const Scores = z.record(z.string(), z.number()).describe('indicator key → score 0–2 (1 decimal); indicators without data are absent');
    server.get(
      '/api/reports/citizen-ratings',
      {
        schema: {
          tags: ['indicators'],
          summary:
            "TT 01/2018/TT-VPCP citizen-rating report: officer and unit scores for a quarter (or the year), from counter ratings, portal likes/dislikes and the unit's records; JSON or XLSX",
          querystring: z
            .object({
              unitId: Uuid,
              year: z.coerce.number().int().min(2018).max(2100),
              quarter: z.coerce.number().int().min(1).max(4).optional().describe('1–4; omit for the whole year'),
              format: z.enum(['json', 'xlsx']).default('json'),
            })
            .strict(),
          response: {
            200: z.object({
              unitId: z.string(),
              year: z.number(),
              quarter: z.number().nullable(),
              from: z.string(),
              to: z.string(),
              indicators: z.array(z.object({ n: z.number(), key: z.string(), name: z.string(), officer: z.boolean() })),
              maxima: z.object({ officer: z.number(), unit: z.number() }),
              units: z.array(
                z.object({
                  unitId: z.string(),
                  name: z.string(),
                  ratings: z.number(),
                  levels: Levels,
                  likes: z.number(),
                  dislikes: z.number(),
                  feedbackSatisfied: z.number(),
                  feedbackUnsatisfied: z.number(),
                  scores: Scores,
                  total: z.number().nullable(),
                  band: z.enum(['excellent', 'good', 'fair', 'average', 'weak']).nullable(),
                }),
              ),
              officers: z.array(
                z.object({
                  officerId: z.string(),
                  name: z.string(),
                  unitId: z.string(),
                  unitName: z.string(),
                  ratings: z.number(),
                  levels: Levels,
                  likes: z.number(),
                  dislikes: z.number(),
                  scores: Scores,
                  total: z.number().nullable(),
                  band: z.enum(['full', 'partial', 'under-70']).nullable(),
                }),
              ),
            }),
            ...problems(400, 401, 403, 404),
          },
        },
      },
      async (req, reply) => {
        const ctx = actorOf(req);
        const { format, ...rest } = req.query;
        const q = { unitId: rest.unitId, year: rest.year, ...(rest.quarter ? { quarter: rest.quarter as 1 | 2 | 3 | 4 } : {}) };
        if (format === 'xlsx')
          return (
            reply
              .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
              .header('content-disposition', `attachment; filename="danh-gia-${q.year}${q.quarter ? `-q${q.quarter}` : ''}.xlsx"`)
              // A file: Fastify sends a Buffer as is (the JSON schema above types the JSON answer only).
              .send((await app.services.citizenRatings.xlsx(ctx, q)) as never)
          );
        return app.services.citizenRatings.report(ctx, q);
      },
    );
    server.get(
      '/api/public/indicators',
      {
        schema: {
          tags: ['public'],
          summary: 'Transparency figures of each unit (or one): this month so far and last month; counts and rates only, no personal data',
          querystring: z.object({ unitId: Uuid.optional() }).strict(),
          response: {
            200: z.object({
              current: z.object({ from: z.string(), to: z.string() }),
              last: z.object({ from: z.string(), to: z.string() }),
              items: z.array(z.object({ unitId: z.string(), name: z.string(), current: Figures, last: Figures })),
            }),
            ...problems(400, 404),
          },
        },
      },
      async (req) => svc.publicFigures(req.query.unitId),
    );
  };
