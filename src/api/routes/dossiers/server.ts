import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** The Fastify instance a zod-typed plugin receives: each dossier route module registers its routes on it. */
export type ZodServer = Parameters<FastifyPluginAsyncZod>[0];
