// Every route module, registered in one place.
import type { FastifyPluginAsync } from 'fastify';
import type { App } from '../../app';
import { apiClientRoutes } from './api-clients.routes';
import { webhookRoutes } from './webhooks.routes';
import { auditRoutes } from './audit.routes';
import { backgroundRoutes } from './background.routes';
import { calendarRoutes } from './calendar.routes';
import { dossierRoutes } from './dossiers.routes';
import { draftRoutes } from './drafts.routes';
import { feedbackRoutes } from './feedback.routes';
import { simulatorRoutes } from '../../simulators/routes';
import { procedureRoutes } from './procedures.routes';
import { catalogueReviewRoutes } from './catalogue-review.routes';
import { authRoutes } from './auth.routes';
import { healthRoutes } from './health.routes';
import { indicatorRoutes } from './indicators.routes';
import { paymentRoutes } from './payments.routes';
import { portalAuthRoutes } from './portal-auth.routes';
import { portalRoutes } from './portal.routes';
import { assistedRoutes } from './assisted.routes';
import { staffRoutes } from './staff.routes';
import { unitRoutes } from './units.routes';
import { uploadRoutes } from './uploads.routes';
import { queueRoutes } from './queue.routes';
import { queueMoreRoutes } from './queue-more.routes';
import { trainingRoutes } from './training.routes';

export function registerRoutes(app: App): FastifyPluginAsync {
  return async (server) => {
    await server.register(healthRoutes(app));
    await server.register(authRoutes(app));
    await server.register(unitRoutes(app));
    await server.register(staffRoutes(app));
    await server.register(auditRoutes(app));
    await server.register(calendarRoutes(app));
    await server.register(procedureRoutes(app));
    await server.register(catalogueReviewRoutes(app));
    await server.register(dossierRoutes(app));
    await server.register(draftRoutes(app));
    await server.register(feedbackRoutes(app));
    await server.register(portalAuthRoutes(app));
    await server.register(portalRoutes(app));
    await server.register(assistedRoutes(app));
    await server.register(uploadRoutes(app));
    await server.register(paymentRoutes(app));
    await server.register(backgroundRoutes(app));
    await server.register(queueRoutes(app));
    await server.register(queueMoreRoutes(app));
    await server.register(indicatorRoutes(app));
    await server.register(apiClientRoutes(app));
    await server.register(trainingRoutes(app));
    await server.register(webhookRoutes(app));
    if (app.simulators) await server.register(simulatorRoutes(app.simulators, app.db, app.queueClock));
  };
}
