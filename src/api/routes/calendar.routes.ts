import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app';
import { actorOf, problems, vnIso } from '../http';

const IsoDate = z.iso.date('a date YYYY-MM-DD');
const YearSchema = z.object({
  year: z.number(),
  holidays: z.array(z.string()),
  workingDays: z.array(z.string()).describe('Swapped working days that fall on a weekly rest day'),
  generated: z.boolean().describe('true: generated from the Labour Code rules, not yet replaced by the official decision'),
  source: z.string(),
  provinceId: z.string(),
});

export const calendarRoutes =
  (app: App): FastifyPluginAsyncZod =>
  async (server) => {
    const { calendar } = app.services;
    server.post(
      '/api/calendar/deadline',
      {
        schema: {
          tags: ['calendar'],
          summary: 'When a dossier received at receivedAt with workingDays of processing time is due (public)',
          description:
            "Working time runs inside the unit's office sessions on working days (default 07:30–11:30, 13:00–17:00, Monday–Friday). " +
            'A receipt after the cut-off (default 15:00) or outside office hours counts from the start of the next working session. ' +
            'workingDays may be fractional; 0 means due at the end of the day counting starts in.',
          body: z
            .object({
              receivedAt: z.iso.datetime({ offset: true, message: 'an ISO 8601 time with offset, e.g. 2026-03-02T09:00:00+07:00' }),
              workingDays: z.number().min(0).max(365),
              unitId: z.uuid().optional(),
            })
            .strict(),
          response: { 200: z.object({ countedFrom: z.string(), dueAt: z.string() }), ...problems(400, 404) },
        },
      },
      async (req) => {
        const r = await calendar.deadline(new Date(req.body.receivedAt), req.body.workingDays, req.body.unitId);
        return { countedFrom: vnIso(r.countedFrom), dueAt: vnIso(r.dueAt) };
      },
    );
    const YearParams = z.object({ year: z.coerce.number().int().min(1900).max(2199) }).strict();
    server.get(
      '/api/calendar/years/:year',
      {
        schema: {
          tags: ['calendar'],
          summary: "A year's holidays and swapped working days (public)",
          params: YearParams,
          querystring: z.object({ provinceId: z.uuid().optional() }).strict(),
          response: { 200: YearSchema, ...problems(400, 404) },
        },
      },
      async (req) => calendar.getYear(req.params.year, req.query.provinceId),
    );
    server.put(
      '/api/calendar/years/:year',
      {
        schema: {
          tags: ['calendar'],
          summary: "Replaces a year's days (system-admin, province-admin); open deadlines are recomputed and each change recorded",
          params: YearParams,
          querystring: z.object({ provinceId: z.uuid().optional() }).strict(),
          body: z
            .object({
              year: z.number().int().min(1900).max(2199).optional(),
              holidays: z.array(IsoDate).max(100),
              workingDays: z.array(IsoDate).max(60),
              source: z.string().max(500).optional().describe('The decision that fixed these days, e.g. "Thông báo 6150/TB-BNV"'),
            })
            .strict(),
          response: { 200: YearSchema.extend({ recomputed: z.number() }), ...problems(400, 401, 403, 422) },
        },
      },
      async (req) => {
        const { year: _y, ...body } = req.body;
        return calendar.putYear(actorOf(req), req.params.year, body, req.query.provinceId);
      },
    );
  };
