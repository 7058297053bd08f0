// The online application's one owner: the only code that writes its status, and only through the lifecycle
// table (src/domain/application/lifecycle.ts). It saves and discards drafts, makes the moves the submission
// asks for (OTP or counter confirmation, payment), and when an application reaches `submitted` it hands the
// ready, locked record to `DossierService.createFromApplication` in the same transaction.
import type { Transaction } from 'kysely';
import { OPEN_APPLICATION_STATUSES, transition, type ApplicationAction, type ApplicationActor } from '../domain/application/lifecycle';
import { Problem } from '../domain/problems';
import type { Db } from '../db/database';
import {
  componentNames,
  findApplicationViews,
  insertDraft,
  lockApplication,
  writeApplication,
  type ApplicationRow,
  type ApplicationValues,
  type ApplicationView,
  type ApplicationWrite,
} from '../db/repositories/application.repository';
import type { Database } from '../db/schema';
import { addFromDossier } from './citizen-documents.service';
import type { CitizenPrincipal } from './context';
import type { DossierService } from './dossier.service';
import type { PaymentService } from './payment.service';

/** Who a citizen principal acts as: the citizen, or the officer filing with them at the counter. */
export const actorOf = (c: CitizenPrincipal): ApplicationActor => (c.assistedBy ? 'officer' : 'citizen');

export type FilingOptions = { paidOnline: boolean; requestId: string };

export class ApplicationService {
  constructor(
    private readonly db: Db,
    private readonly dossiers: DossierService,
    payments: PaymentService,
  ) {
    payments.onPaid('application', async (trx, payment) => {
      await this.paymentConfirmed(trx, payment.subject_id, { paidOnline: true, requestId: `payment:${payment.id}` });
    });
  }

  async view(id: string, citizenId: string): Promise<ApplicationView> {
    const [a] = await findApplicationViews(this.db, citizenId, { ids: [id] });
    if (!a) throw new Problem('not-found', { what: 'application' });
    return a;
  }

  /** Applications not yet submitted (drafts and those waiting for OTP or payment), newest first: continue anywhere. */
  listOpen(citizenId: string): Promise<ApplicationView[]> {
    return findApplicationViews(this.db, citizenId, { statuses: OPEN_APPLICATION_STATUSES });
  }

  /**
   * Saves a draft: a new one with the browser's id, or an edit of the citizen's own (which takes an application
   * waiting for its OTP back to draft). A different revision than the one edited answers `revision-conflict`.
   */
  async saveDraft(citizen: CitizenPrincipal, id: string, values: ApplicationValues, revision: number | undefined): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const cur = await lockApplication(trx, id);
      const now = new Date();
      if (!cur) return insertDraft(trx, id, citizen.citizenId, values, now);
      if (cur.citizen_id !== citizen.citizenId) throw new Problem('not-found', { what: 'application' });
      await this.move(trx, cur, 'save', actorOf(citizen), { ...values, revision: cur.revision + 1 }, now, {
        check: () => {
          if (revision !== undefined && revision !== cur.revision)
            throw new Problem('revision-conflict', {}, { currentRevision: cur.revision });
        },
      });
    });
  }

  async discard(citizen: CitizenPrincipal, id: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const cur = await lockApplication(trx, id);
      if (!cur || cur.citizen_id !== citizen.citizenId) throw new Problem('not-found', { what: 'application' });
      await this.move(trx, cur, 'discard', actorOf(citizen), {}, new Date());
    });
  }

  /**
   * One move of the lifecycle, in the caller's transaction, on the locked row: the table must allow the action
   * in the current status to this actor (otherwise the action's problem), `check` runs before anything is
   * written (e.g. spending the OTP), and reaching `submitted` files the dossier. `ifAllowed` answers `null`
   * instead of a problem when the status has moved on meanwhile.
   */
  async move(
    trx: Transaction<Database>,
    row: ApplicationRow,
    action: ApplicationAction,
    actor: ApplicationActor,
    changes: ApplicationWrite,
    now: Date,
    opts: { check?: () => unknown; ifAllowed?: boolean; filing?: FilingOptions } = {},
  ): Promise<ApplicationRow | null> {
    const t = transition(row.status, action, actor, changes.fee ?? row.fee);
    if (!t.ok) {
      if (opts.ifAllowed) return null;
      if (t.problem === 'application-not-editable') throw new Problem(t.problem, { status: row.status });
      if (t.problem === 'not-found') throw new Problem(t.problem, { what: 'application' });
      throw new Problem(t.problem);
    }
    await opts.check?.();
    if (!t.filesDossier) {
      if (t.to !== t.from || Object.keys(changes).length) await writeApplication(trx, row.id, t.to, changes, now);
      return (await lockApplication(trx, row.id)) ?? null;
    }
    // What the move brings (the checked form, the fee, the verification) is written first, so the dossier is
    // created from the record as it is filed; then the status and the dossier's id move together.
    if (Object.keys(changes).length) await writeApplication(trx, row.id, t.from, changes, now);
    const ready = (await lockApplication(trx, row.id))!;
    await this.file(trx, ready, opts.filing ?? { paidOnline: false, requestId: 'application' }, now);
    return (await lockApplication(trx, row.id)) ?? null;
  }

  /** `move` on the row locked by id; an unknown application is not found. */
  async moveById(
    trx: Transaction<Database>,
    id: string,
    action: ApplicationAction,
    actor: ApplicationActor,
    changes: ApplicationWrite,
    now: Date,
    opts: Parameters<ApplicationService['move']>[6] = {},
  ): Promise<ApplicationRow | null> {
    const row = await lockApplication(trx, id);
    if (!row) throw new Problem('not-found', { what: 'application' });
    return this.move(trx, row, action, actor, changes, now, opts);
  }

  /**
   * The payment of an application's fee is confirmed (gateway callback or reconciliation, possibly racing each
   * other): the application is filed once; a repeated confirmation answers the same dossier.
   */
  async paymentConfirmed(trx: Transaction<Database>, applicationId: string, filing: FilingOptions): Promise<{ id: string; code: string }> {
    const row = await lockApplication(trx, applicationId);
    if (!row) throw new Problem('not-found', { what: 'application' });
    if (!row.dossier_id) await this.move(trx, row, 'payment-confirmed', 'payment', {}, new Date(), { filing });
    const filed = (await lockApplication(trx, applicationId))!;
    return this.dossiers.createFromApplication(trx, filed, filing);
  }

  /** The application becomes a dossier; its attached files join the citizen's data store. */
  private async file(trx: Transaction<Database>, app: ApplicationRow, filing: FilingOptions, now: Date): Promise<void> {
    const created = await this.dossiers.createFromApplication(trx, app, filing, now);
    await writeApplication(trx, app.id, 'submitted', { dossier_id: created.id, submitted_at: now }, now);
    const fileIds = app.components.flatMap((c) => c.fileIds ?? []);
    if (fileIds.length) {
      const comps = await componentNames(
        trx,
        app.components.map((c) => c.componentId),
      );
      const titles = app.components.flatMap((c) => (c.fileIds ?? []).map(() => comps.find((x) => x.id === c.componentId)?.name ?? ''));
      await addFromDossier(trx, { citizenId: app.citizen_id, dossierId: created.id, fileIds, kind: 'component', titles });
    }
  }
}
