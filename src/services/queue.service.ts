// The waiting room: kiosk tickets, the call display's board, and the counter officer's actions (open,
// call next, recall, start, finish, miss, transfer). Every change of a ticket appends a timed event in the
// transaction of the change; the "your turn is near" SMS goes through the outbox. Time is a parameter
// (`now`), so the simulated month runs the same code with a simulated clock.
import type { Transaction } from 'kysely';
import { policies, type Actor } from '../domain/access';
import { vnDate } from '../domain/queue/booking';
import {
  allowedTicketActions,
  DEFAULT_QUEUE_SETTINGS,
  estimatedWaitMinutes,
  MAX_CALLS,
  nextTicketStatus,
  priorityTurn,
  QueueSettings,
  ticketNumber,
  type Priority,
  type TicketAction,
  type TicketStatus,
} from '../domain/queue/lifecycle';
import { Problem } from '../domain/problems';
import { SMS_TOPIC } from '../adapters/sms.adapter';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { appendAudit } from '../db/repositories/audit.repository';
import { enqueueOutbox } from '../db/repositories/dossier.repository';
import {
  appendTicketEvent,
  claimNextTicket,
  closeCounterSession,
  countOpenCountersServing,
  countWaitingAhead,
  findBoard,
  findCounter,
  findDossierAtReception,
  findFieldName,
  findKiosk,
  findPointServing,
  findQueueSettings,
  findTicketView,
  findTransferTarget,
  getFieldPrefix,
  holdsCounter,
  insertTicket,
  lastHandlingTimes,
  listOpenSessions,
  lockCounter,
  lockCounterSession,
  lockCurrentTicket,
  markTicketCalled,
  nextTicketSeq,
  openCounterSession,
  setOrdinarySincePriority,
  updateTicket,
  waitingLine,
} from '../db/repositories/queue.repository';
import { listUnitTree } from '../db/repositories/unit.repository';
import { requireActor, roleIn, type ServiceContext } from './context';

type Trx = Transaction<Database>;

export type TicketView = {
  id: string;
  number: string;
  unitId: string;
  receptionPointId: string;
  fieldId: string;
  status: TicketStatus;
  priority: Priority | null;
  callCount: number;
  counterId: string | null;
  counterNumber: number | null;
  dossierId: string | null;
  appointmentId: string | null;
  slotStart: Date | null;
  arrivedAt: Date;
  calledAt: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  allowedActions: TicketAction[];
};

export type IssueInput = {
  fieldId: string;
  priority?: Priority;
  phone?: string;
  receptionPointId?: string;
};

export type BoardView = {
  calling: { number: string; counter: number; counterName: string; fieldId: string; calledAt: Date; callCount: number }[];
  waiting: { fieldId: string; count: number }[];
};

export class QueueService {
  /** Settings change rarely: kept a few seconds per unit. */
  private settingsCache = new Map<string, { at: number; settings: QueueSettings }>();

  constructor(private readonly db: Db) {}

  /** The province's settings (defaults where none are stored). */
  async settingsFor(unitId: string, db: Db | Trx = this.db): Promise<QueueSettings> {
    const hit = this.settingsCache.get(unitId);
    if (hit && Date.now() - hit.at < 5_000) return hit.settings;
    const settings = await this.loadSettings(unitId, db);
    this.settingsCache.set(unitId, { at: Date.now(), settings });
    return settings;
  }

  private async loadSettings(unitId: string, db: Db | Trx): Promise<QueueSettings> {
    const row = await findQueueSettings(db, unitId);
    if (!row) throw new Problem('not-found', { what: 'unit' });
    return row.settings !== null ? QueueSettings.parse(row.settings) : DEFAULT_QUEUE_SETTINGS;
  }

  /** What a kiosk offers: the fields some counter of the unit serves, and the counters. */
  async kioskInfo(unitId: string) {
    const k = await findKiosk(this.db, unitId);
    if (!k) throw new Problem('not-found', { what: 'unit' });
    const { unit, counters, links, fields, points } = k;
    return {
      unitName: unit.name,
      fields,
      receptionPoints: points,
      counters: counters.map((c) => ({
        id: c.id,
        name: c.name,
        number: c.number,
        receptionPointId: c.reception_point_id,
        fieldIds: links.filter((l) => l.counter_id === c.id).map((l) => l.field_id),
      })),
    };
  }

  /** The reception point of the unit whose counters serve the field (the asked one, or the first that does). */
  private async pointServing(db: Db | Trx, unitId: string, fieldId: string, receptionPointId?: string): Promise<string> {
    const pointId = await findPointServing(db, unitId, fieldId, receptionPointId);
    if (!pointId) throw new Problem('queue-field-not-served', { field: (await findFieldName(db, fieldId)) ?? fieldId });
    return pointId;
  }

  /** A kiosk ticket (or a booked citizen's check-in, with the appointment). */
  async issue(
    unitId: string,
    input: IssueInput,
    now: Date,
    appointment?: { id: string; slotStart: Date },
  ): Promise<{ ticket: TicketView; position: number; estimatedWaitMinutes: number }> {
    const settings = await this.settingsFor(unitId);
    return this.db.transaction().execute(async (trx) => {
      const pointId = await this.pointServing(trx, unitId, input.fieldId, input.receptionPointId);
      const prefix = await getFieldPrefix(trx, input.fieldId);
      const day = vnDate(now);
      const seq = await nextTicketSeq(trx, unitId, day, prefix);
      const weight = input.priority ? (settings.priorityWeights[input.priority] ?? 0) : 0;
      const id = await insertTicket(trx, {
        unit_id: unitId,
        reception_point_id: pointId,
        field_id: input.fieldId,
        day,
        number: ticketNumber(prefix, seq),
        priority: input.priority ?? null,
        weight,
        phone: input.phone ?? null,
        appointment_id: appointment?.id ?? null,
        slot_start: appointment?.slotStart ?? null,
        arrived_at: now,
      });
      await this.event(trx, id, now, 'arrive', null, 'waiting', null, null, { priority: input.priority ?? null, booked: !!appointment });
      const ahead = await countWaitingAhead(trx, { pointId, fieldId: input.fieldId, day, before: now });
      const open = await this.openCountersServing(trx, pointId, input.fieldId);
      const handling = await this.handlingMinutes(trx, unitId, input.fieldId, settings.defaultHandlingMinutes);
      const ticket = await this.view(trx, id);
      return {
        ticket,
        position: ahead + 1,
        estimatedWaitMinutes: estimatedWaitMinutes(ahead, open, handling),
      };
    });
  }

  private openCountersServing(db: Db | Trx, pointId: string, fieldId: string): Promise<number> {
    return countOpenCountersServing(db, pointId, fieldId);
  }

  /** Average handling time of the field's last finished tickets, minutes. */
  private async handlingMinutes(db: Db | Trx, unitId: string, fieldId: string, fallback: number): Promise<number> {
    const rows = await lastHandlingTimes(db, unitId, fieldId, 50);
    if (rows.length < 5) return fallback;
    const mins = rows.map((x) => (x.finished_at!.getTime() - x.started_at!.getTime()) / 60_000);
    return mins.reduce((a, b) => a + b, 0) / mins.length;
  }

  async board(unitId: string, now: Date): Promise<BoardView> {
    const day = vnDate(now);
    const { calling, waiting } = await findBoard(this.db, unitId, day);
    return {
      calling: calling.map((c) => ({
        number: c.number,
        counter: c.counter,
        counterName: c.counterName,
        fieldId: c.field_id,
        calledAt: c.called_at!,
        callCount: c.call_count,
      })),
      waiting: waiting.map((w) => ({ fieldId: w.field_id, count: Number(w.count) })),
    };
  }

  /** A ticket as its holder sees it (by the id in its QR code): status and place in line. */
  async follow(ticketId: string): Promise<TicketView & { ahead: number }> {
    const t = await this.view(this.db, ticketId);
    let ahead = 0;
    if (t.status === 'waiting') {
      ahead = await countWaitingAhead(this.db, { pointId: t.receptionPointId, fieldId: t.fieldId, before: t.arrivedAt });
    }
    return { ...t, ahead };
  }

  // ---- the counter officer ----

  private async counterFor(ctx: ServiceContext, counterId: string, db: Db | Trx = this.db) {
    const actor = requireActor(ctx);
    const c = await findCounter(db, counterId);
    const tree = await listUnitTree(this.db);
    // Another unit's staff learn nothing about the counter: 404, as for any resource outside their scope.
    if (!c || !policies.readUnit(actor, tree, c.unit_id)) throw new Problem('not-found', { what: 'counter' });
    if (!policies.operateCounter(actor, tree, c.unit_id)) throw new Problem('forbidden');
    return { actor, counter: c };
  }

  /** The counters of a unit with who holds each and its current ticket (the counter panel's picker). */
  async listCounters(ctx: ServiceContext, unitId: string) {
    const actor = requireActor(ctx);
    const tree = await listUnitTree(this.db);
    if (!policies.readUnit(actor, tree, unitId)) throw new Problem('not-found', { what: 'unit' });
    const info = await this.kioskInfo(unitId);
    const sessions = await listOpenSessions(this.db, unitId);
    return {
      ...info,
      counters: info.counters.map((c) => {
        const s = sessions.find((x) => x.counter_id === c.id);
        return { ...c, officerId: s?.officer_id ?? null, officerName: s?.full_name ?? null, mine: s?.officer_id === actor.userId };
      }),
    };
  }

  /** Signs the officer in to a counter (leaving any other counter they held). */
  async open(ctx: ServiceContext, counterId: string, now: Date) {
    const { actor, counter } = await this.counterFor(ctx, counterId);
    return this.db.transaction().execute(async (trx) => {
      const held = await lockCounterSession(trx, counterId);
      if (held && held.officer_id !== actor.userId) throw new Problem('counter-taken', { officer: held.full_name });
      if (!held) {
        await openCounterSession(trx, counterId, actor.userId, now);
        await this.audit(trx, ctx, actor, counter.unit_id, 'counter.open', counterId, { number: counter.number });
      }
      return { counterId, officerId: actor.userId, openedAt: now };
    });
  }

  async close(ctx: ServiceContext, counterId: string, now: Date) {
    const { actor, counter } = await this.counterFor(ctx, counterId);
    await this.db.transaction().execute(async (trx) => {
      if (!(await closeCounterSession(trx, counterId, actor.userId, now))) throw new Problem('counter-not-signed-in');
      await this.audit(trx, ctx, actor, counter.unit_id, 'counter.close', counterId, { number: counter.number });
    });
    return { counterId, closedAt: now };
  }

  /** Locks the counter and checks the actor holds it. */
  private async heldCounter(trx: Trx, actor: Actor, counterId: string) {
    const c = await lockCounter(trx, counterId);
    if (!(await holdsCounter(trx, counterId, actor.userId))) throw new Problem('counter-not-signed-in');
    return c;
  }

  private currentTicket(trx: Trx, counterId: string) {
    return lockCurrentTicket(trx, counterId);
  }

  async callNext(ctx: ServiceContext, counterId: string, now: Date): Promise<TicketView> {
    const { actor, counter } = await this.counterFor(ctx, counterId);
    const settings = await this.settingsFor(counter.unit_id);
    return this.db.transaction().execute(async (trx) => {
      const c = await this.heldCounter(trx, actor, counterId);
      const busy = await this.currentTicket(trx, counterId);
      if (busy) throw new Problem('counter-busy', { number: busy.number }, { ticketId: busy.id });
      const day = vnDate(now);
      const turn = priorityTurn(settings, c.ordinary_since_priority);
      const next = await claimNextTicket(trx, { counterId, receptionPointId: c.reception_point_id, day, now, priorityTurn: turn });
      if (!next) throw new Problem('queue-empty');
      const t = await markTicketCalled(trx, next.id, { counterId, officerId: actor.userId, now });
      if (t.slot_start === null) await setOrdinarySincePriority(trx, counterId, t.weight > 0 ? 0 : c.ordinary_since_priority + 1);
      await this.event(trx, t.id, now, 'call', 'waiting', 'called', counterId, actor.userId, { callCount: 1 });
      await this.notifyNear(trx, t.reception_point_id, t.field_id, day, settings.nearNoticeAhead);
      return this.view(trx, t.id);
    });
  }

  /** "Your turn is near": the first ticket with a phone that is now `ahead`-th in line, once. */
  private async notifyNear(trx: Trx, pointId: string, fieldId: string, day: string, ahead: number): Promise<void> {
    const line = await waitingLine(trx, pointId, fieldId, day, ahead);
    for (const t of line) {
      if (!t.phone || t.near_notified) continue;
      await updateTicket(trx, t.id, { near_notified: true });
      await enqueueOutbox(trx, SMS_TOPIC, `queue-near:${t.id}`, {
        to: t.phone,
        text: `Motcua: so ${t.number} cua ban sap duoc goi. Vui long co mat gan quay.`,
        kind: 'queue-near',
      });
    }
  }

  /** recall, start, finish, miss, transfer on the counter's current ticket. */
  async act(
    ctx: ServiceContext,
    counterId: string,
    action: Exclude<TicketAction, 'call' | 'cancel'>,
    now: Date,
    opts: { dossierId?: string; toCounterId?: string } = {},
  ): Promise<TicketView> {
    const { actor } = await this.counterFor(ctx, counterId);
    return this.db.transaction().execute(async (trx) => {
      const c = await this.heldCounter(trx, actor, counterId);
      const t = await this.currentTicket(trx, counterId);
      if (!t) throw new Problem('queue-no-current-ticket');
      const to = nextTicketStatus(t.status, action);
      if (!to)
        throw new Problem(
          'queue-action-not-allowed',
          { action, status: t.status, allowed: allowedTicketActions(t.status).join(', ') },
          { allowedActions: allowedTicketActions(t.status) },
        );
      const details: Record<string, unknown> = {};
      switch (action) {
        case 'recall':
          if (t.call_count >= MAX_CALLS) throw new Problem('queue-max-calls');
          await updateTicket(trx, t.id, { call_count: t.call_count + 1 });
          details.callCount = t.call_count + 1;
          break;
        case 'miss':
          if (t.call_count < MAX_CALLS) throw new Problem('queue-miss-too-early', { calls: t.call_count });
          await updateTicket(trx, t.id, { status: 'missed', finished_at: now });
          break;
        case 'start':
          await updateTicket(trx, t.id, { status: 'serving', started_at: now });
          break;
        case 'finish': {
          if (opts.dossierId) {
            const d = await findDossierAtReception(trx, opts.dossierId);
            if (!d || d.unit_id !== c.unit_id) throw new Problem('not-found', { what: 'dossier' });
            details.dossierId = d.id;
          }
          await updateTicket(trx, t.id, { status: 'finished', finished_at: now, dossier_id: opts.dossierId ?? null });
          break;
        }
        case 'transfer': {
          const target = opts.toCounterId ? await findTransferTarget(trx, opts.toCounterId) : undefined;
          if (!target || target.id === counterId || target.reception_point_id !== c.reception_point_id || !target.active)
            throw new Problem('queue-transfer-invalid');
          // The transferred citizen keeps their arrival time, so they are not sent to the back of the line.
          await updateTicket(trx, t.id, { status: 'waiting', target_counter_id: target.id, call_count: 0, started_at: null });
          details.toCounterId = target.id;
          break;
        }
      }
      await this.event(trx, t.id, now, action, t.status, to, counterId, actor.userId, details);
      return this.view(trx, t.id);
    });
  }

  /** The counter's current ticket, if any (the counter panel's state). */
  async current(ctx: ServiceContext, counterId: string): Promise<TicketView | null> {
    await this.counterFor(ctx, counterId);
    return this.db.transaction().execute(async (trx) => {
      const t = await this.currentTicket(trx, counterId);
      return t ? this.view(trx, t.id) : null;
    });
  }

  // ---- helpers ----

  private async event(
    trx: Trx,
    ticketId: string,
    at: Date,
    action: string,
    from: string | null,
    to: string,
    counterId: string | null,
    officerId: string | null,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    await appendTicketEvent(trx, { ticketId, at, action, from, to, counterId, officerId, details });
  }

  private async audit(
    trx: Trx,
    ctx: ServiceContext,
    actor: Actor,
    unitId: string,
    action: string,
    subjectId: string,
    details: Record<string, unknown>,
  ) {
    await appendAudit(trx, {
      actorId: actor.userId,
      actorName: actor.fullName,
      actorRole: roleIn(actor, unitId),
      unitId,
      action,
      subjectType: 'counter',
      subjectId,
      requestId: ctx.requestId,
      details,
    });
  }

  async view(db: Db | Trx, id: string): Promise<TicketView> {
    const t = await findTicketView(db, id);
    if (!t) throw new Problem('not-found', { what: 'ticket' });
    return {
      id: t.id,
      number: t.number,
      unitId: t.unit_id,
      receptionPointId: t.reception_point_id,
      fieldId: t.field_id,
      status: t.status,
      priority: t.priority,
      callCount: t.call_count,
      counterId: t.counter_id,
      counterNumber: t.counter_number,
      dossierId: t.dossier_id,
      appointmentId: t.appointment_id,
      slotStart: t.slot_start,
      arrivedAt: t.arrived_at,
      calledAt: t.called_at,
      startedAt: t.started_at,
      finishedAt: t.finished_at,
      allowedActions: allowedTicketActions(t.status).filter((a) => a !== 'call' && a !== 'cancel'),
    };
  }
}
