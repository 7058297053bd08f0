// Dossiers from the counter to the result, in three services (src/services/dossier/):
//   intake.service.ts   the counter's and the portal's intake, the population registry lookup;
//   actions.service.ts  the lifecycle actions: load → check → effect → write (rules in src/domain/dossier);
//   queries.service.ts  work queues, the dossier page, the public status lookup.
// This facade keeps the one `DossierService` its callers (routes, portal, forms, assisted filing, jobs, tests)
// were written against; new code may take the service it needs.
import type { Transaction } from 'kysely';
import type { Action, Status } from '../domain/dossier/lifecycle';
import type { Db } from '../db/database';
import type { ApplicationRow } from '../db/repositories/application.repository';
import type { Database } from '../db/schema';
import { findDossierForUpdate } from '../db/repositories/dossier-actions.repository';
import type { LookupResult, PopulationRegistry } from '../adapters/registry.adapter';
import type { CalendarService } from './calendar.service';
import type { ServiceContext } from './context';
import { DossierActionService, type ActionBody } from './dossier/actions.service';
import type { DossierConfig, DossierDeps } from './dossier/common';
import { DossierIntakeService, type IntakeInput, type IntakeResult } from './dossier/intake.service';
import { DossierQueryService } from './dossier/queries.service';

export { CITIZEN_ACTIONS, type ActionBody } from './dossier/actions.service';
export { formAnswersOf } from './dossier/common';
export type { IntakeInput, IntakeResult, OfflineIntake } from './dossier/intake.service';
export type { QueueName } from './dossier/queries.service';

export class DossierService {
  readonly intake: DossierIntakeService;
  readonly actions: DossierActionService;
  readonly queries: DossierQueryService;

  constructor(db: Db, config: DossierConfig, calendar: CalendarService, registry: PopulationRegistry, readDb: Db = db) {
    const deps: DossierDeps = { db, config, calendar, registry, readDb };
    this.intake = new DossierIntakeService(deps);
    this.actions = new DossierActionService(deps);
    this.queries = new DossierQueryService(deps);
  }

  lookupCitizen(ctx: ServiceContext, idNumber: string, purpose: string, unitId: string | null): Promise<LookupResult> {
    return this.intake.lookupCitizen(ctx, idNumber, purpose, unitId);
  }

  create(ctx: ServiceContext, input: IntakeInput, now = new Date()): Promise<IntakeResult> {
    return this.intake.create(ctx, input, now);
  }

  createFromApplication(
    trx: Transaction<Database>,
    app: ApplicationRow,
    opts: { paidOnline: boolean; requestId: string },
    now = new Date(),
  ): Promise<{ id: string; code: string }> {
    return this.intake.createFromApplication(trx, app, opts, now);
  }

  act(
    ctx: ServiceContext,
    id: string,
    action: Action,
    body: ActionBody,
    now = new Date(),
  ): Promise<{ status: Status; nationalStatus: number; dueAt: Date | null }> {
    return this.actions.act(ctx, id, action, body, now);
  }

  list(ctx: ServiceContext, f: Parameters<DossierQueryService['list']>[1], now = new Date()) {
    return this.queries.list(ctx, f, now);
  }

  get(ctx: ServiceContext, id: string, now = new Date()) {
    return this.queries.get(ctx, id, now);
  }

  publicStatus(code: string, idNumber: string) {
    return this.queries.publicStatus(code, idNumber);
  }

  loadForUpdate(trx: Transaction<Database>, id: string) {
    return findDossierForUpdate(trx, id);
  }
}
