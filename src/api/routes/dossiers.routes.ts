// The dossier routes, in four modules (src/api/routes/dossiers/): intake, actions, queries and documents, with
// their zod schemas in schemas.ts. Registered here in one order, which is the order of the OpenAPI document.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { App } from '../../app';
import { actionRoute } from './dossiers/actions.routes';
import { fileRoute, formRoute, trackingBookRoute, uploadRoute, verifyRoute } from './dossiers/documents.routes';
import { intakeRoute, registryLookupRoute } from './dossiers/intake.routes';
import { dossierPageRoute, publicStatusRoute, workQueueRoute } from './dossiers/queries.routes';

export const dossierRoutes =
  (app: App): FastifyPluginAsyncZod =>
  async (server) => {
    for (const route of [
      intakeRoute,
      workQueueRoute,
      dossierPageRoute,
      actionRoute,
      publicStatusRoute,
      registryLookupRoute,
      uploadRoute,
      formRoute,
      verifyRoute,
      trackingBookRoute,
      fileRoute,
    ])
      route(server, app);
  };
