// Intake at the counter and the population registry lookup before it.
import { z } from 'zod';
import type { App } from '../../../app';

import { actorOf, problems, vnIso, IdempotencyHeaders } from '../../http';
import { IdNumber, IntakeBody, IntakeResult } from './schemas';
import type { ZodServer } from './server';

/** POST /api/dossiers: counter intake. */
export function intakeRoute(server: ZodServer, app: App): void {
  const { dossiers } = app.services;
  server.post(
    '/api/dossiers',
    {
      schema: {
        tags: ['dossiers'],
        summary: "Counter intake (reception officer of the receiving point's unit); Idempotency-Key makes a retry return the first dossier",
        headers: IdempotencyHeaders,
        body: IntakeBody,
        response: { 201: IntakeResult, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'];
      const { offline, ...body } = req.body;
      const r = await dossiers.create(actorOf(req), {
        ...body,
        ...(typeof key === 'string' ? { idempotencyKey: key } : {}),
        ...(offline ? { offline: { ...offline, receivedAt: new Date(offline.receivedAt) } } : {}),
      });
      return reply.code(201).send({ ...r, receivedAt: vnIso(r.receivedAt), countedFrom: vnIso(r.countedFrom), dueAt: vnIso(r.dueAt) });
    },
  );
}

/** GET /api/registry/citizens/:idNumber: the population registry, logged. */
export function registryLookupRoute(server: ZodServer, app: App): void {
  const { dossiers } = app.services;
  server.get(
    '/api/registry/citizens/:idNumber',
    {
      schema: {
        tags: ['dossiers'],
        summary:
          'Looks a citizen up in the population registry for a unit where the caller works: its counter (anyone) or its desks ' +
          '(only citizens with a dossier at that unit); logged with who, that unit and why',
        params: z.object({ idNumber: IdNumber }).strict(),
        querystring: z.object({ purpose: z.string().trim().min(3).max(200), unitId: z.uuid().optional() }).strict(),
        response: {
          200: z.object({
            status: z.enum(['found', 'not-found', 'unavailable']),
            citizen: z
              .object({ idNumber: z.string(), fullName: z.string(), dateOfBirth: z.string(), address: z.string(), phone: z.string() })
              .optional(),
            reason: z.string().optional(),
          }),
          ...problems(400, 401, 403),
        },
      },
    },
    async (req) => {
      const r = await dossiers.lookupCitizen(actorOf(req), req.params.idNumber, req.query.purpose, req.query.unitId ?? null);
      if (r.status === 'found') {
        const { idNumber, fullName, dateOfBirth, address, phone } = r.citizen;
        return { status: r.status, citizen: { idNumber, fullName, dateOfBirth, address, phone } };
      }
      return r;
    },
  );
}
