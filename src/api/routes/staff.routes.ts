import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app';
import { Problem } from '../../domain/problems';
import { ROLES } from '../../domain/roles';
import { actorOf, IdParams, problems, IdempotencyHeaders } from '../http';

const Grant = z.object({ unitId: z.uuid(), role: z.enum(ROLES) }).strict();
export const StaffSchema = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  title: z.string(),
  email: z.string(),
  phone: z.string(),
  active: z.boolean(),
  publishEmail: z.boolean(),
  publishPhone: z.boolean(),
  publicPhone: z.string(),
  mustChangePassword: z.boolean(),
  roles: z.array(z.object({ unitId: z.string(), role: z.enum(ROLES) })),
});
const Phone = z.string().regex(/^[0-9+ ().-]{0,20}$/, 'a phone number');
const Email = z.union([z.email(), z.literal('')]);

export const staffRoutes =
  (app: App): FastifyPluginAsyncZod =>
  async (server) => {
    const { staff } = app.services;
    server.get(
      '/api/staff',
      {
        schema: {
          tags: ['staff'],
          summary: 'Staff of the units you manage',
          querystring: z.object({ unitId: z.uuid().optional() }).strict(),
          response: { 200: z.object({ items: z.array(StaffSchema) }), ...problems(400, 401, 403, 404) },
        },
      },
      async (req) => ({ items: await staff.list(actorOf(req), req.query.unitId) }),
    );
    server.get(
      '/api/staff/:id',
      {
        schema: {
          tags: ['staff'],
          summary: 'One staff member',
          params: IdParams,
          response: { 200: StaffSchema, ...problems(400, 401, 403, 404) },
        },
        // The account page reads the person's own record while a password change is pending; nobody else's.
        config: { duringPasswordChange: true },
      },
      async (req) => {
        const ctx = actorOf(req);
        if (req.auth!.user.mustChangePassword && req.params.id !== req.auth!.user.id) throw new Problem('password-change-required');
        return staff.get(ctx, req.params.id);
      },
    );
    server.post(
      '/api/staff',
      {
        schema: {
          tags: ['staff'],
          summary: 'Creates a staff account with its roles; the officer changes the password at first sign-in',
          headers: IdempotencyHeaders,
          body: z
            .object({
              username: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]{2,60}$/, '3–61 letters, digits, dots, dashes'),
              fullName: z.string().trim().min(1).max(200),
              title: z.string().max(200).optional(),
              email: Email.optional(),
              phone: Phone.optional(),
              password: z.string().min(1).max(200),
              roles: z.array(Grant).min(1).max(50),
            })
            .strict(),
          response: { 201: StaffSchema, ...problems(400, 401, 403, 404, 409, 422) },
        },
      },
      async (req, reply) => reply.code(201).send(await staff.create(actorOf(req), req.body)),
    );
    server.patch(
      '/api/staff/:id',
      {
        schema: {
          tags: ['staff'],
          summary: 'Edits a staff account; active=false signs the person out everywhere',
          params: IdParams,
          body: z
            .object({
              fullName: z.string().trim().min(1).max(200).optional(),
              title: z.string().max(200).optional(),
              email: Email.optional(),
              phone: Phone.optional(),
              active: z.boolean().optional(),
            })
            .strict(),
          response: { 200: StaffSchema, ...problems(400, 401, 403, 404) },
        },
      },
      async (req) => staff.update(actorOf(req), req.params.id, req.body),
    );
    server.put(
      '/api/staff/:id/roles',
      {
        schema: {
          tags: ['staff'],
          summary: "Replaces the person's roles in the units you manage (roles elsewhere are kept)",
          params: IdParams,
          body: z.object({ roles: z.array(Grant).max(50) }).strict(),
          response: { 200: StaffSchema, ...problems(400, 401, 403, 404, 422) },
        },
      },
      async (req) => staff.setRoles(actorOf(req), req.params.id, req.body.roles),
    );
    server.post(
      '/api/staff/:id/password-reset',
      {
        schema: {
          tags: ['staff'],
          summary: 'Sets a temporary password, ends the sessions and unlocks the account',
          params: IdParams,
          body: z.object({ password: z.string().min(1).max(200) }).strict(),
          response: { 204: z.null(), ...problems(400, 401, 403, 404, 422) },
        },
      },
      async (req, reply) => {
        await staff.resetPassword(actorOf(req), req.params.id, req.body.password);
        return reply.code(204).send(null);
      },
    );
    server.post(
      '/api/staff/:id/sessions/revoke',
      {
        schema: {
          tags: ['staff'],
          summary: 'Ends every session of a staff member you may manage (they sign in again)',
          params: IdParams,
          response: { 204: z.null(), ...problems(400, 401, 403, 404) },
        },
      },
      async (req, reply) => {
        await staff.revokeSessions(actorOf(req), req.params.id);
        return reply.code(204).send(null);
      },
    );
    server.get(
      '/api/units/:id/assignees',
      {
        schema: {
          tags: ['staff'],
          summary: "The unit's specialists a dossier can be assigned to, with their open workload",
          params: IdParams,
          response: {
            200: z.object({
              items: z.array(z.object({ id: z.string(), fullName: z.string(), title: z.string(), openDossiers: z.number() })),
            }),
            ...problems(400, 401, 403, 404),
          },
        },
      },
      async (req) => ({ items: await staff.assignees(actorOf(req), req.params.id) }),
    );
    server.put(
      '/api/me/contact',
      {
        schema: {
          tags: ['staff'],
          summary: 'Chooses which contact details the public directory shows for you',
          body: z
            .object({ publishEmail: z.boolean().optional(), publishPhone: z.boolean().optional(), publicPhone: Phone.optional() })
            .strict(),
          response: { 200: StaffSchema, ...problems(400, 401, 403) },
        },
      },
      async (req) => staff.setContactChoice(actorOf(req), req.body),
    );
    server.get(
      '/api/public/directory',
      {
        schema: {
          tags: ['public'],
          summary: 'Public directory of officials per unit, with the contact details each chose to publish',
          querystring: z.object({ unitId: z.uuid().optional() }).strict(),
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  unitId: z.string(),
                  unitName: z.string(),
                  officials: z.array(
                    z.object({
                      id: z.string(),
                      fullName: z.string(),
                      title: z.string(),
                      roles: z.array(z.enum(ROLES)),
                      email: z.string().optional(),
                      phone: z.string().optional(),
                    }),
                  ),
                }),
              ),
            }),
            ...problems(400),
          },
        },
      },
      async (req) => ({ items: await staff.directory(req.query.unitId) }),
    );
  };
