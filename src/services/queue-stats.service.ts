// What the queue's times tell: the citizen's rating at the counter (TT 01/2018 indicators, once per visit,
// tied to the ticket, the dossier and the officer; a low rating with a comment is passed on as a service
// feedback), officer and unit scores per quarter (Arts 14–15), and capacity per weekday and hour
// (arrivals, handling time, counters needed by Erlang C, counters staffed) with a recommended roster.
import { policies } from '../domain/access';
import { countersNeeded, rosteredStaff } from '../domain/queue/erlang-c';
import { isLowRating, officerResult, unitResult, type Answers, type CounterIndicator } from '../domain/queue/rating';
import { Problem } from '../domain/problems';
import type { Db } from '../db/database';
import {
  calledTicketTimes,
  capacityRows,
  findDossierForRating,
  findTicketForRating,
  findTicketOfDossier,
  insertCounterRating,
  listRatings,
  ratingExists,
  setRatingFeedback,
} from '../db/repositories/queue.repository';
import { listUnitTree } from '../db/repositories/unit.repository';
import { requireActor, type ServiceContext } from './context';

export type RatingInput = {
  ticketId?: string;
  dossierCode?: string;
  answers: Partial<Record<CounterIndicator, 0 | 1 | 2>>;
  comment?: string;
};

/**
 * Where a low rating with a comment goes. The feedback service (PAKN) plugs in here when it exists; until
 * then the rating is kept with `low = true` and no `feedback_id`, so a later job can pass the backlog on.
 */
export type LowRatingSink = (r: {
  ratingId: string;
  unitId: string;
  officerId: string | null;
  dossierId: string | null;
  comment: string;
}) => Promise<string | null>;

/** A dossier may be rated by its code only this soon after its receipt (at the counter, right after service). */
const DOSSIER_RATING_WINDOW_MS = 2 * 3_600_000;

export class QueueStatsService {
  constructor(
    private readonly db: Db,
    private readonly lowRatingSink: LowRatingSink | null = null,
  ) {}

  async rate(input: RatingInput, now: Date): Promise<{ id: string; low: boolean; feedbackId: string | null }> {
    let unitId: string, officerId: string | null, counterId: string | null, dossierId: string | null, ticketId: string | null;
    if (input.ticketId) {
      const t = await findTicketForRating(this.db, input.ticketId);
      if (!t) throw new Problem('not-found', { what: 'ticket' });
      if (t.status !== 'finished' && t.status !== 'serving') throw new Problem('rating-not-available');
      ({ unit_id: unitId, officer_id: officerId, counter_id: counterId, dossier_id: dossierId, id: ticketId } = t);
    } else if (input.dossierCode) {
      const d = await findDossierForRating(this.db, input.dossierCode);
      if (!d) throw new Problem('not-found', { what: 'dossier' });
      if (!d.received_at || now.getTime() - d.received_at.getTime() > DOSSIER_RATING_WINDOW_MS) throw new Problem('rating-not-available');
      const t = await findTicketOfDossier(this.db, d.id);
      ({ unit_id: unitId, received_by: officerId, id: dossierId } = d);
      ticketId = t?.id ?? null;
      counterId = t?.counter_id ?? null;
    } else throw new Problem('validation-failed', { summary: 'ticketId or dossierCode' });
    const low = isLowRating(input.answers);
    const comment = (input.comment ?? '').trim();
    if (await ratingExists(this.db, { ticketId, dossierId })) throw new Problem('rating-already-given');
    const id = await insertCounterRating(this.db, {
      unit_id: unitId,
      ticket_id: ticketId,
      dossier_id: dossierId,
      officer_id: officerId,
      counter_id: counterId,
      contacts: input.answers.contacts ?? null,
      bodies: input.answers.bodies ?? null,
      publicity: input.answers.publicity ?? null,
      attitude: input.answers.attitude ?? null,
      comment,
      low,
      feedback_id: null,
      at: now,
    }).catch((e: unknown) => {
      // Two submissions at once: the unique index decides, the loser hears the rule.
      if ((e as { code?: string }).code === '23505') throw new Problem('rating-already-given');
      throw e;
    });
    let feedbackId: string | null = null;
    if (low && comment && this.lowRatingSink) {
      feedbackId = await this.lowRatingSink({ ratingId: id, unitId, officerId, dossierId, comment });
      if (feedbackId) await setRatingFeedback(this.db, id, feedbackId);
    }
    return { id, low, feedbackId };
  }

  private async assertStats(ctx: ServiceContext, unitId: string) {
    const actor = requireActor(ctx);
    const tree = await listUnitTree(this.db);
    if (!policies.readUnit(actor, tree, unitId)) throw new Problem('not-found', { what: 'unit' });
    if (!policies.readQueueStats(actor, tree, unitId)) throw new Problem('forbidden');
  }

  /** TT 01/2018 Arts 14–15: each officer's and the unit's scores over the ratings of a period. */
  async ratingScores(ctx: ServiceContext, unitId: string, from: Date, to: Date) {
    await this.assertStats(ctx, unitId);
    const rows = await listRatings(this.db, unitId, from, to);
    const answers = (r: (typeof rows)[number]): Answers => {
      const a: Answers = {};
      for (const k of ['contacts', 'bodies', 'publicity', 'attitude'] as const) {
        const v = r[k];
        if (v === 0 || v === 1 || v === 2) a[k] = v;
      }
      return a;
    };
    const byOfficer = new Map<string, { name: string; list: Answers[] }>();
    for (const r of rows) {
      if (!r.officer_id) continue;
      const e = byOfficer.get(r.officer_id) ?? { name: r.full_name ?? '', list: [] };
      e.list.push(answers(r));
      byOfficer.set(r.officer_id, e);
    }
    return {
      ratings: rows.length,
      unit: unitResult(rows.map(answers)),
      officers: [...byOfficer].map(([officerId, e]) => ({ officerId, name: e.name, ratings: e.list.length, ...officerResult(e.list) })),
    };
  }

  /**
   * Per ISO weekday and hour (Vietnam time): average arrivals an hour, average handling time, counters
   * needed for the target by Erlang C, and counters staffed (distinct counters that called in that hour, averaged over days).
   */
  async capacity(
    ctx: ServiceContext,
    q: { unitId: string; from: string; to: string; targetWaitMinutes: number; serviceLevel: number; defaultHandlingMinutes?: number },
  ) {
    await this.assertStats(ctx, q.unitId);
    return this.capacityOf(q);
  }

  /** The same without authorization, for the simulated month (run by the operator from the command line). */
  async capacityOf(q: {
    unitId: string;
    from: string;
    to: string;
    targetWaitMinutes: number;
    serviceLevel: number;
    defaultHandlingMinutes?: number;
  }) {
    const rows = await capacityRows(this.db, q);
    const fallback = q.defaultHandlingMinutes ?? 15;
    const cells = rows.map((c) => {
      const arrivalsPerHour = c.arrivals / c.days;
      const aht = c.aht === null ? fallback : Number(c.aht);
      const need = countersNeeded({
        arrivalsPerHour,
        ahtMinutes: Math.max(0.5, aht),
        targetWaitMinutes: q.targetWaitMinutes,
        serviceLevel: q.serviceLevel,
      });
      return {
        weekday: c.dow,
        hour: c.hour,
        arrivals: Math.round(arrivalsPerHour * 10) / 10,
        averageHandlingMinutes: Math.round(aht * 10) / 10,
        countersNeeded: need.counters,
        countersStaffed: Math.round((c.staffed / c.days) * 10) / 10,
        expectedServiceLevel: Math.round(need.serviceLevel * 1000) / 1000,
      };
    });
    const weekdays = [...new Set(cells.map((c) => c.weekday))];
    const roster = weekdays.map((weekday) => {
      const day = cells.filter((c) => c.weekday === weekday);
      const peak = Math.max(...day.map((c) => c.countersNeeded));
      return {
        weekday,
        peakCounters: peak,
        staff: rosteredStaff(peak, 0.3),
        hours: day.map((c) => ({ hour: c.hour, counters: c.countersNeeded })),
      };
    });
    return {
      unitId: q.unitId,
      from: q.from,
      to: q.to,
      targetWaitMinutes: q.targetWaitMinutes,
      serviceLevel: q.serviceLevel,
      cells,
      roster,
    };
  }

  /** Waits (call − arrival) in minutes of a unit's tickets over a period: for the simulated month's table. */
  async waits(unitId: string, from: string, to: string, booked?: boolean): Promise<number[]> {
    const rows = await calledTicketTimes(this.db, unitId, from, to, booked);
    // A booked citizen's wait counts from their slot (or arrival, if later), not from an early check-in.
    return rows.map((r) => {
      const from = r.slot_start && r.slot_start > r.arrived_at ? r.slot_start : r.arrived_at;
      return Math.max(0, (r.called_at!.getTime() - from.getTime()) / 60_000);
    });
  }
}
