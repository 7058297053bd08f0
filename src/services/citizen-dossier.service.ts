// "My dossiers" in the citizen portal: status in plain words, supplements answered online, withdrawal asked,
// result, rating. Dossier actions go through DossierService like any other.
import { isOpen, NATIONAL_STATUS, STATUS_LABELS, type Status } from '../domain/dossier/lifecycle';
import { Problem } from '../domain/problems';
import type { Db } from '../db/database';
import {
  dossierDocumentsOf,
  dossierHistory,
  findCitizenDossier,
  insertRating,
  lastSupplementRequest,
  listCitizenDossiers,
  paidApplicationPayment,
  type CitizenDossierRow,
} from '../db/repositories/citizen-dossier.repository';
import type { ApplicationComponent } from '../db/schema';
import { addFromDossier, assertOwnedFiles } from './citizen-documents.service';
import { requireCitizen, type ServiceContext } from './context';
import type { DossierService } from './dossier.service';
import type { FeedbackService } from './feedback.service';

export type CitizenDossierView = {
  id: string;
  code: string;
  procedureName: string;
  unitName: string;
  status: Status;
  statusLabel: { vi: string; en: string };
  nationalStatus: number;
  channel: string;
  receivedAt: Date;
  dueAt: Date | null;
  finishedAt: Date | null;
  returnedAt: Date | null;
  handlingOfficer: string | null;
  returnPoint: string;
  /** What the centre waits for from the citizen, in plain words. */
  awaiting: { kind: 'supplement'; items: { componentId: string; name: string; reason: string }[]; reason: string } | null;
  actions: ('supplement' | 'withdraw' | 'rate')[];
  rating: { value: 'like' | 'dislike'; reason: string } | null;
};

export class CitizenDossierService {
  constructor(
    private readonly db: Db,
    private readonly dossiers: DossierService,
    private readonly feedback?: FeedbackService,
  ) {}

  /** The citizen's dossiers, online or filed for them at a counter (same personal ID number), newest first. */
  async myDossiers(ctx: ServiceContext): Promise<CitizenDossierView[]> {
    const citizen = requireCitizen(ctx);
    const rows = await listCitizenDossiers(this.db, citizen);
    return Promise.all(rows.map((r) => this.present(r)));
  }

  async myDossier(ctx: ServiceContext, id: string) {
    const citizen = requireCitizen(ctx);
    const r = await findCitizenDossier(this.db, citizen, id);
    if (!r) throw new Problem('not-found', { what: 'dossier' });
    const view = await this.present(r);
    const events = await dossierHistory(this.db, id);
    const resultIds = events
      .filter((e) => e.action === 'issue-result')
      .flatMap((e) => (Array.isArray(e.data.resultFileIds) ? (e.data.resultFileIds as string[]) : []));
    // A result issued electronically belongs in the citizen's data store as soon as they see it.
    if (resultIds.length && r.citizen_id === citizen.citizenId)
      await addFromDossier(this.db, {
        citizenId: citizen.citizenId,
        dossierId: id,
        fileIds: resultIds,
        kind: 'result',
        titles: `Kết quả ${r.code}`,
      });
    const documents = await dossierDocumentsOf(this.db, citizen.citizenId, id);
    const payment = await paidApplicationPayment(this.db, id);
    return {
      ...view,
      // What the citizen needs to follow the dossier: when and what, never internal notes or officers' data.
      events: events.map((e) => ({
        at: e.at,
        action: e.action,
        status: e.to_status,
        label: STATUS_LABELS[e.to_status as Status] ?? null,
        reason: ['refuse', 'stop', 'request-supplement', 'apologize-and-extend'].includes(e.action) ? e.reason : '',
      })),
      documents,
      payment: payment ? { id: payment.id, amount: payment.amount, receiptNo: payment.receipt_no, paidAt: payment.paid_at } : null,
    };
  }

  private async present(r: CitizenDossierRow): Promise<CitizenDossierView> {
    const status = r.status as Status;
    let awaiting: CitizenDossierView['awaiting'] = null;
    if (status === 'awaiting-supplement') {
      const ev = await lastSupplementRequest(this.db, r.id);
      const items = Array.isArray(ev?.data.items) ? (ev.data.items as { componentId: string; name: string; reason: string }[]) : [];
      awaiting = { kind: 'supplement', items, reason: ev?.reason ?? '' };
    }
    const actions: CitizenDossierView['actions'] = [];
    if (status === 'awaiting-supplement') actions.push('supplement');
    if (isOpen(status) && status !== 'withdrawal-requested' && !r.withdrawal_requested) actions.push('withdraw');
    if (status === 'returned' && !r.rating_value) actions.push('rate');
    return {
      id: r.id,
      code: r.code,
      procedureName: r.procedure_name,
      unitName: r.unit_name,
      status,
      statusLabel: STATUS_LABELS[status],
      nationalStatus: NATIONAL_STATUS[status],
      channel: r.channel,
      receivedAt: r.received_at,
      dueAt: r.due_at,
      finishedAt: r.finished_at,
      returnedAt: r.returned_at,
      handlingOfficer: r.officer,
      returnPoint: r.return_point,
      awaiting,
      actions,
      rating: r.rating_value ? { value: r.rating_value, reason: r.rating_reason ?? '' } : null,
    };
  }

  async answerSupplement(ctx: ServiceContext, id: string, components: ApplicationComponent[]) {
    const citizen = requireCitizen(ctx);
    await assertOwnedFiles(
      this.db,
      citizen.citizenId,
      components.flatMap((c) => c.fileIds ?? []),
    );
    return this.dossiers.act(ctx, id, 'receive-supplement', {
      components: components.map((c) => ({ componentId: c.componentId, fileIds: c.fileIds ?? [] })),
    });
  }

  /** The citizen's own request to withdraw: the only thing that allows a centre to stop a dossier "at the citizen's request". */
  async requestWithdrawal(ctx: ServiceContext, id: string, reason: string) {
    requireCitizen(ctx);
    if (!reason.trim()) throw new Problem('validation-failed', { summary: 'reason: say why you withdraw the dossier' });
    return this.dossiers.act(ctx, id, 'record-withdrawal-request', { reason, channel: 'online' });
  }

  /** Like or dislike (with a reason) once the result was returned, once per dossier. */
  async rate(ctx: ServiceContext, id: string, value: 'like' | 'dislike', reason: string) {
    const citizen = requireCitizen(ctx);
    const r = await findCitizenDossier(this.db, citizen, id);
    if (!r) throw new Problem('not-found', { what: 'dossier' });
    if (r.status !== 'returned' || r.rating_value) throw new Problem('rating-not-allowed');
    if (value === 'dislike' && !reason.trim()) throw new Problem('validation-failed', { summary: 'reason: say what went wrong' });
    // A dislike with its reason becomes a service feedback in the same transaction, so nothing a citizen says is lost.
    await this.db.transaction().execute(async (trx) => {
      const rated = await insertRating(trx, { dossierId: id, citizenId: citizen.citizenId, value, reason: reason.trim().slice(0, 1000) });
      if (rated && value === 'dislike' && this.feedback)
        await this.feedback.fromDossierDislike(trx, id, citizen.citizenId, reason.trim().slice(0, 1000));
    });
    return { value, reason: reason.trim() };
  }
}
