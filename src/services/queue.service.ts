// The waiting room: kiosk tickets, the call display's board, and the counter officer's actions (open,
// call next, recall, start, finish, miss, transfer). Every change of a ticket appends a timed event in the
// transaction of the change; the "your turn is near" SMS goes through the outbox. Time is a parameter
// (`now`), so the simulated month runs the same code with a simulated clock.
import { sql, type Transaction } from 'kysely';
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
import { claimNextTicket, nextTicketSeq } from '../db/repositories/queue.repository';
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

const TICKET_COLS = [
  't.id',
  't.number',
  't.unit_id',
  't.reception_point_id',
  't.field_id',
  't.status',
  't.priority',
  't.call_count',
  't.counter_id',
  't.dossier_id',
  't.appointment_id',
  't.slot_start',
  't.arrived_at',
  't.called_at',
  't.started_at',
  't.finished_at',
] as const;

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
    const u = await db.selectFrom('unit').select(['id', 'parent_id']).where('id', '=', unitId).executeTakeFirst();
    if (!u) throw new Problem('not-found', { what: 'unit' });
    const row = await db
      .selectFrom('queue_settings')
      .select('settings')
      .where('province_id', '=', u.parent_id ?? u.id)
      .executeTakeFirst();
    return row ? QueueSettings.parse(row.settings) : DEFAULT_QUEUE_SETTINGS;
  }

  /** What a kiosk offers: the fields some counter of the unit serves, and the counters. */
  async kioskInfo(unitId: string) {
    const unit = await this.db.selectFrom('unit').select(['id', 'name', 'parent_id']).where('id', '=', unitId).executeTakeFirst();
    if (!unit) throw new Problem('not-found', { what: 'unit' });
    const counters = await this.db
      .selectFrom('counter')
      .select(['id', 'name', 'number', 'reception_point_id'])
      .where('unit_id', '=', unitId)
      .where('active', '=', true)
      .orderBy('reception_point_id')
      .orderBy('number')
      .execute();
    const links = counters.length
      ? await this.db
          .selectFrom('counter_field')
          .select(['counter_id', 'field_id'])
          .where(
            'counter_id',
            'in',
            counters.map((c) => c.id),
          )
          .execute()
      : [];
    const fieldIds = [...new Set(links.map((l) => l.field_id))];
    const fields = fieldIds.length
      ? await this.db
          .selectFrom('service_field')
          .select(['id', 'name', 'prefix'])
          .where('id', 'in', fieldIds)
          .orderBy('position')
          .orderBy('name')
          .execute()
      : [];
    const points = await this.db
      .selectFrom('reception_point')
      .select(['id', 'name'])
      .where('unit_id', '=', unitId)
      .where('active', '=', true)
      .execute();
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
    let q = db
      .selectFrom('counter as c')
      .innerJoin('counter_field as cf', 'cf.counter_id', 'c.id')
      .innerJoin('reception_point as p', 'p.id', 'c.reception_point_id')
      .select('c.reception_point_id')
      .where('c.unit_id', '=', unitId)
      .where('c.active', '=', true)
      .where('cf.field_id', '=', fieldId)
      // Without a named point: the unit's own premises first (not a point it keeps at another unit's centre), then the oldest.
      .orderBy(sql`(p.host_unit_id = p.unit_id)`, 'desc')
      .orderBy('p.created_at')
      .orderBy('c.reception_point_id')
      .limit(1);
    if (receptionPointId) q = q.where('c.reception_point_id', '=', receptionPointId);
    const r = await q.executeTakeFirst();
    if (!r) {
      const f = await db.selectFrom('service_field').select('name').where('id', '=', fieldId).executeTakeFirst();
      throw new Problem('queue-field-not-served', { field: f?.name ?? fieldId });
    }
    return r.reception_point_id;
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
      const field = await trx.selectFrom('service_field').select(['prefix']).where('id', '=', input.fieldId).executeTakeFirstOrThrow();
      const day = vnDate(now);
      const seq = await nextTicketSeq(trx, unitId, day, field.prefix);
      const weight = input.priority ? (settings.priorityWeights[input.priority] ?? 0) : 0;
      const t = await trx
        .insertInto('queue_ticket')
        .values({
          unit_id: unitId,
          reception_point_id: pointId,
          field_id: input.fieldId,
          day,
          number: ticketNumber(field.prefix, seq),
          priority: input.priority ?? null,
          weight,
          phone: input.phone ?? null,
          appointment_id: appointment?.id ?? null,
          slot_start: appointment?.slotStart ?? null,
          arrived_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.event(trx, t.id, now, 'arrive', null, 'waiting', null, null, { priority: input.priority ?? null, booked: !!appointment });
      const ahead = await trx
        .selectFrom('queue_ticket')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('reception_point_id', '=', pointId)
        .where('field_id', '=', input.fieldId)
        .where('day', '=', day)
        .where('status', '=', 'waiting')
        .where('arrived_at', '<', now)
        .executeTakeFirstOrThrow();
      const open = await this.openCountersServing(trx, pointId, input.fieldId);
      const handling = await this.handlingMinutes(trx, unitId, input.fieldId, settings.defaultHandlingMinutes);
      const ticket = await this.view(trx, t.id);
      return {
        ticket,
        position: Number(ahead.n) + 1,
        estimatedWaitMinutes: estimatedWaitMinutes(Number(ahead.n), open, handling),
      };
    });
  }

  private async openCountersServing(db: Db | Trx, pointId: string, fieldId: string): Promise<number> {
    const r = await db
      .selectFrom('counter_session as s')
      .innerJoin('counter as c', 'c.id', 's.counter_id')
      .innerJoin('counter_field as cf', 'cf.counter_id', 'c.id')
      .select((eb) => eb.fn.count<number>('c.id').distinct().as('n'))
      .where('s.closed_at', 'is', null)
      .where('c.reception_point_id', '=', pointId)
      .where('cf.field_id', '=', fieldId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Average handling time of the field's last finished tickets, minutes. */
  private async handlingMinutes(db: Db | Trx, unitId: string, fieldId: string, fallback: number): Promise<number> {
    const rows = await db
      .selectFrom('queue_ticket')
      .select(['started_at', 'finished_at'])
      .where('unit_id', '=', unitId)
      .where('field_id', '=', fieldId)
      .where('status', '=', 'finished')
      .orderBy('finished_at', 'desc')
      .limit(50)
      .execute();
    if (rows.length < 5) return fallback;
    const mins = rows.map((x) => (x.finished_at!.getTime() - x.started_at!.getTime()) / 60_000);
    return mins.reduce((a, b) => a + b, 0) / mins.length;
  }

  async board(unitId: string, now: Date): Promise<BoardView> {
    const day = vnDate(now);
    const calling = await this.db
      .selectFrom('queue_ticket as t')
      .innerJoin('counter as c', 'c.id', 't.counter_id')
      .select(['t.number', 'c.number as counter', 'c.name as counterName', 't.field_id', 't.called_at', 't.call_count'])
      .where('t.unit_id', '=', unitId)
      .where('t.day', '=', day)
      .where('t.status', 'in', ['called', 'serving'])
      .orderBy('t.called_at', 'desc')
      .limit(12)
      .execute();
    const waiting = await this.db
      .selectFrom('queue_ticket')
      .select(['field_id'])
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('unit_id', '=', unitId)
      .where('day', '=', day)
      .where('status', '=', 'waiting')
      .groupBy('field_id')
      .execute();
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
      const r = await this.db
        .selectFrom('queue_ticket')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('reception_point_id', '=', t.receptionPointId)
        .where('field_id', '=', t.fieldId)
        .where('status', '=', 'waiting')
        .where('arrived_at', '<', t.arrivedAt)
        .executeTakeFirstOrThrow();
      ahead = Number(r.n);
    }
    return { ...t, ahead };
  }

  // ---- the counter officer ----

  private async counterFor(ctx: ServiceContext, counterId: string, db: Db | Trx = this.db) {
    const actor = requireActor(ctx);
    const c = await db.selectFrom('counter').selectAll().where('id', '=', counterId).executeTakeFirst();
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
    const sessions = await this.db
      .selectFrom('counter_session as s')
      .innerJoin('staff_user as u', 'u.id', 's.officer_id')
      .innerJoin('counter as c', 'c.id', 's.counter_id')
      .select(['s.counter_id', 's.officer_id', 'u.full_name'])
      .where('c.unit_id', '=', unitId)
      .where('s.closed_at', 'is', null)
      .execute();
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
      await trx.selectFrom('counter').select('id').where('id', '=', counterId).forUpdate().execute();
      const held = await trx
        .selectFrom('counter_session as s')
        .innerJoin('staff_user as u', 'u.id', 's.officer_id')
        .select(['s.id', 's.officer_id', 'u.full_name'])
        .where('s.counter_id', '=', counterId)
        .where('s.closed_at', 'is', null)
        .executeTakeFirst();
      if (held && held.officer_id !== actor.userId) throw new Problem('counter-taken', { officer: held.full_name });
      if (!held) {
        await trx
          .updateTable('counter_session')
          // Never before it opened (a clock set back, or a simulation replaying an earlier day).
          .set({ closed_at: sql<Date>`greatest(${now}::timestamptz, opened_at)` })
          .where('officer_id', '=', actor.userId)
          .where('closed_at', 'is', null)
          .execute();
        await trx.insertInto('counter_session').values({ counter_id: counterId, officer_id: actor.userId, opened_at: now }).execute();
        await this.audit(trx, ctx, actor, counter.unit_id, 'counter.open', counterId, { number: counter.number });
      }
      return { counterId, officerId: actor.userId, openedAt: now };
    });
  }

  async close(ctx: ServiceContext, counterId: string, now: Date) {
    const { actor, counter } = await this.counterFor(ctx, counterId);
    await this.db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable('counter_session')
        .set({ closed_at: sql<Date>`greatest(${now}::timestamptz, opened_at)` })
        .where('counter_id', '=', counterId)
        .where('officer_id', '=', actor.userId)
        .where('closed_at', 'is', null)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw new Problem('counter-not-signed-in');
      await this.audit(trx, ctx, actor, counter.unit_id, 'counter.close', counterId, { number: counter.number });
    });
    return { counterId, closedAt: now };
  }

  /** Locks the counter and checks the actor holds it. */
  private async heldCounter(trx: Trx, actor: Actor, counterId: string) {
    const c = await trx.selectFrom('counter').selectAll().where('id', '=', counterId).forUpdate().executeTakeFirstOrThrow();
    const s = await trx
      .selectFrom('counter_session')
      .select('id')
      .where('counter_id', '=', counterId)
      .where('officer_id', '=', actor.userId)
      .where('closed_at', 'is', null)
      .executeTakeFirst();
    if (!s) throw new Problem('counter-not-signed-in');
    return c;
  }

  private async currentTicket(trx: Trx, counterId: string) {
    return trx
      .selectFrom('queue_ticket')
      .selectAll()
      .where('counter_id', '=', counterId)
      .where('status', 'in', ['called', 'serving'])
      .orderBy('called_at', 'desc')
      .forUpdate()
      .executeTakeFirst();
  }

  async callNext(ctx: ServiceContext, counterId: string, now: Date): Promise<TicketView> {
    const { actor } = await this.counterFor(ctx, counterId);
    const settings = await this.settingsFor(
      (await this.db.selectFrom('counter').select('unit_id').where('id', '=', counterId).executeTakeFirstOrThrow()).unit_id,
    );
    return this.db.transaction().execute(async (trx) => {
      const c = await this.heldCounter(trx, actor, counterId);
      const busy = await this.currentTicket(trx, counterId);
      if (busy) throw new Problem('counter-busy', { number: busy.number }, { ticketId: busy.id });
      const day = vnDate(now);
      const turn = priorityTurn(settings, c.ordinary_since_priority);
      const next = await claimNextTicket(trx, { counterId, receptionPointId: c.reception_point_id, day, now, priorityTurn: turn });
      if (!next) throw new Problem('queue-empty');
      const t = await trx
        .updateTable('queue_ticket')
        .set({ status: 'called', call_count: 1, counter_id: counterId, officer_id: actor.userId, called_at: now, target_counter_id: null })
        .where('id', '=', next.id)
        .returning(['id', 'weight', 'slot_start', 'field_id', 'reception_point_id'])
        .executeTakeFirstOrThrow();
      if (t.slot_start === null)
        await trx
          .updateTable('counter')
          .set({ ordinary_since_priority: t.weight > 0 ? 0 : c.ordinary_since_priority + 1 })
          .where('id', '=', counterId)
          .execute();
      await this.event(trx, t.id, now, 'call', 'waiting', 'called', counterId, actor.userId, { callCount: 1 });
      await this.notifyNear(trx, t.reception_point_id, t.field_id, day, settings.nearNoticeAhead);
      return this.view(trx, t.id);
    });
  }

  /** "Your turn is near": the first ticket with a phone that is now `ahead`-th in line, once. */
  private async notifyNear(trx: Trx, pointId: string, fieldId: string, day: string, ahead: number): Promise<void> {
    const line = await trx
      .selectFrom('queue_ticket')
      .select(['id', 'number', 'phone', 'near_notified'])
      .where('reception_point_id', '=', pointId)
      .where('field_id', '=', fieldId)
      .where('day', '=', day)
      .where('status', '=', 'waiting')
      .orderBy('arrived_at')
      .limit(ahead)
      .execute();
    for (const t of line) {
      if (!t.phone || t.near_notified) continue;
      await trx.updateTable('queue_ticket').set({ near_notified: true }).where('id', '=', t.id).execute();
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
          await trx
            .updateTable('queue_ticket')
            .set({ call_count: t.call_count + 1 })
            .where('id', '=', t.id)
            .execute();
          details.callCount = t.call_count + 1;
          break;
        case 'miss':
          if (t.call_count < MAX_CALLS) throw new Problem('queue-miss-too-early', { calls: t.call_count });
          await trx.updateTable('queue_ticket').set({ status: 'missed', finished_at: now }).where('id', '=', t.id).execute();
          break;
        case 'start':
          await trx.updateTable('queue_ticket').set({ status: 'serving', started_at: now }).where('id', '=', t.id).execute();
          break;
        case 'finish': {
          if (opts.dossierId) {
            const d = await trx
              .selectFrom('dossier')
              .select(['id', 'reception_point_id'])
              .where('id', '=', opts.dossierId)
              .executeTakeFirst();
            const rp =
              d && (await trx.selectFrom('reception_point').select('unit_id').where('id', '=', d.reception_point_id).executeTakeFirst());
            if (!d || rp?.unit_id !== c.unit_id) throw new Problem('not-found', { what: 'dossier' });
            details.dossierId = d.id;
          }
          await trx
            .updateTable('queue_ticket')
            .set({ status: 'finished', finished_at: now, dossier_id: opts.dossierId ?? null })
            .where('id', '=', t.id)
            .execute();
          break;
        }
        case 'transfer': {
          const target = opts.toCounterId
            ? await trx
                .selectFrom('counter')
                .select(['id', 'reception_point_id', 'active'])
                .where('id', '=', opts.toCounterId)
                .executeTakeFirst()
            : undefined;
          if (!target || target.id === counterId || target.reception_point_id !== c.reception_point_id || !target.active)
            throw new Problem('queue-transfer-invalid');
          // The transferred citizen keeps their arrival time, so they are not sent to the back of the line.
          await trx
            .updateTable('queue_ticket')
            .set({ status: 'waiting', target_counter_id: target.id, call_count: 0, started_at: null })
            .where('id', '=', t.id)
            .execute();
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
    await trx
      .insertInto('queue_ticket_event')
      .values({
        ticket_id: ticketId,
        at,
        action,
        from_status: from,
        to_status: to,
        counter_id: counterId,
        officer_id: officerId,
        details: JSON.stringify(details),
      })
      .execute();
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
    const t = await db
      .selectFrom('queue_ticket as t')
      .leftJoin('counter as c', 'c.id', 't.counter_id')
      .select(TICKET_COLS)
      .select('c.number as counter_number')
      .where('t.id', '=', id)
      .executeTakeFirst();
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
