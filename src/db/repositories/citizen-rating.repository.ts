// The citizen-rating report's raw material (TT 01/2018; src/domain/indicators/citizen-rating.ts says what each
// source means): marks from the counter ratings, the dossiers ended and the steps done in the period, the
// portal likes and dislikes, and each unit's online and feedback records. One query per source, bounded by
// the units and the period (a quarterly report, not a dashboard: it reads the period's rows, not the rollups).
import { sql } from 'kysely';
import type { Db } from '../database';
import type { RatingMark, UnitRecords } from '../../domain/indicators/citizen-rating';
import type { IndicatorKey, Score } from '../../domain/queue/rating';

const NO_OFFICER = '00000000-0000-0000-0000-000000000000';
const score = (n: number): Score => (n >= 2 ? 2 : n <= 0 ? 0 : 1);

export async function ratingMarks(db: Db, q: { unitIds: readonly string[]; from: Date; to: Date }): Promise<RatingMark[]> {
  const units = sql.val([...q.unitIds]);
  const counter = await sql<{ id: string; unit_id: string; officer_id: string | null; indicator: IndicatorKey; score: number }>`
    SELECT r.id, r.unit_id, r.officer_id, k.indicator, k.score
    FROM counter_rating r,
      LATERAL (VALUES ('contacts', r.contacts), ('bodies', r.bodies), ('publicity', r.publicity), ('attitude', r.attitude)) AS k(indicator, score)
    WHERE r.unit_id = ANY(${units}::uuid[]) AND r.at >= ${q.from} AND r.at < ${q.to} AND k.score IS NOT NULL`.execute(db);
  // Indicator 1: every dossier ended in the period, by who handled it.
  const results = await sql<{ unit_id: string; officer_id: string; score: number }>`
    SELECT f.unit_id, f.officer_id, CASE WHEN f.early THEN 2 WHEN f.on_time THEN 1 ELSE 0 END AS score
    FROM indicator_fact f
    WHERE f.unit_id = ANY(${units}::uuid[]) AND f.end_at >= ${q.from} AND f.end_at < ${q.to}
      -- The days around the period, so the (unit_id, end_day) index reads only them.
      AND f.end_day BETWEEN motcua_vn_day(${q.from}) AND motcua_vn_day(${q.to})`.execute(db);
  // Indicator 2: every step done in the period, by who did it (the step mark the dossier service recorded).
  const steps = await sql<{ unit_id: string; actor_id: string | null; score: number }>`
    SELECT e.unit_id, e.actor_id,
      CASE WHEN e.data->'step'->'late' = 'true'::jsonb THEN 0 WHEN e.data->'step'->'early' = 'true'::jsonb THEN 2 ELSE 1 END AS score
    FROM dossier_event e
    WHERE e.unit_id = ANY(${units}::uuid[]) AND e.at >= ${q.from} AND e.at < ${q.to} AND jsonb_typeof(e.data->'step') = 'object'`.execute(
    db,
  );
  // Indicator 7 from the portal: a dislike is a complaint (0); a like is 2 when the dossier ended early, else 1.
  const portal = await sql<{ dossier_id: string; unit_id: string; officer_id: string | null; score: number }>`
    SELECT r.dossier_id, d.unit_id, d.assignee_id AS officer_id,
      CASE WHEN r.value = 'dislike' THEN 0 WHEN COALESCE(f.early, false) THEN 2 ELSE 1 END AS score
    FROM dossier_rating r JOIN dossier d ON d.id = r.dossier_id LEFT JOIN indicator_fact f ON f.dossier_id = r.dossier_id
    WHERE d.unit_id = ANY(${units}::uuid[]) AND r.at >= ${q.from} AND r.at < ${q.to}`.execute(db);
  return [
    ...counter.rows.map((r): RatingMark => ({
      unitId: r.unit_id,
      officerId: r.officer_id,
      indicator: r.indicator,
      score: score(Number(r.score)),
      source: 'counter',
      ratingId: r.id,
    })),
    ...results.rows.map((r): RatingMark => ({
      unitId: r.unit_id,
      officerId: r.officer_id === NO_OFFICER ? null : r.officer_id,
      indicator: 'total-time',
      score: score(Number(r.score)),
      source: 'result',
    })),
    ...steps.rows.map((r): RatingMark => ({
      unitId: r.unit_id,
      officerId: r.actor_id,
      indicator: 'step-time',
      score: score(Number(r.score)),
      source: 'step',
    })),
    ...portal.rows.map((r): RatingMark => ({
      unitId: r.unit_id,
      officerId: r.officer_id,
      indicator: 'attitude',
      score: score(Number(r.score)),
      source: 'portal',
      ratingId: `p:${r.dossier_id}`,
    })),
  ];
}

/** Each unit's records for indicators 8 and 9 over [fromDay, toDay] (days in +07:00). */
export async function unitRecords(
  db: Db,
  q: { unitIds: readonly string[]; from: Date; to: Date; fromDay: string; toDay: string },
): Promise<UnitRecords[]> {
  const units = sql.val([...q.unitIds]);
  const r = await sql<{
    unit_id: string;
    received: string;
    received_online: string;
    late_online: string;
    feedback: string;
    feedback_on_time: string;
    feedback_settled: string;
    satisfied: string;
    unsatisfied: string;
  }>`
    SELECT u.id AS unit_id,
      (SELECT count(*) FROM indicator_fact f WHERE f.unit_id = u.id AND f.received_day BETWEEN ${q.fromDay}::date AND ${q.toDay}::date) AS received,
      (SELECT count(*) FROM indicator_fact f WHERE f.unit_id = u.id AND f.received_day BETWEEN ${q.fromDay}::date AND ${q.toDay}::date AND f.online) AS received_online,
      (SELECT count(*) FROM indicator_fact f WHERE f.unit_id = u.id AND f.end_day BETWEEN ${q.fromDay}::date AND ${q.toDay}::date AND f.online AND f.on_time = false) AS late_online,
      (SELECT count(*) FROM indicator_feedback_fact b WHERE b.unit_id = u.id AND b.received_day BETWEEN ${q.fromDay}::date AND ${q.toDay}::date) AS feedback,
      (SELECT count(*) FROM indicator_feedback_fact b WHERE b.unit_id = u.id AND b.received_day BETWEEN ${q.fromDay}::date AND ${q.toDay}::date AND b.late_day > ${q.toDay}::date) AS feedback_on_time,
      (SELECT count(*) FROM indicator_feedback_fact b WHERE b.unit_id = u.id AND b.received_day BETWEEN ${q.fromDay}::date AND ${q.toDay}::date AND b.ok) AS feedback_settled,
      (SELECT count(*) FROM feedback fb WHERE fb.unit_id = u.id AND fb.rated_at >= ${q.from} AND fb.rated_at < ${q.to} AND fb.rating_satisfied) AS satisfied,
      (SELECT count(*) FROM feedback fb WHERE fb.unit_id = u.id AND fb.rated_at >= ${q.from} AND fb.rated_at < ${q.to} AND fb.rating_satisfied = false) AS unsatisfied
    FROM unnest(${units}::uuid[]) AS u(id)`.execute(db);
  return r.rows.map((x) => ({
    unitId: x.unit_id,
    received: Number(x.received),
    receivedOnline: Number(x.received_online),
    lateOnline: Number(x.late_online),
    feedback: Number(x.feedback),
    feedbackOnTime: Number(x.feedback_on_time),
    feedbackSettled: Number(x.feedback_settled),
    feedbackSatisfied: Number(x.satisfied),
    feedbackUnsatisfied: Number(x.unsatisfied),
  }));
}

/** Names of units and officers for the report. */
export async function reportNames(db: Db, unitIds: readonly string[], officerIds: readonly string[]) {
  const units = unitIds.length
    ? await db
        .selectFrom('unit')
        .select(['id', 'name'])
        .where('id', 'in', [...unitIds])
        .execute()
    : [];
  const staff = officerIds.length
    ? await db
        .selectFrom('staff_user')
        .select(['id', 'full_name'])
        .where('id', 'in', [...officerIds])
        .execute()
    : [];
  return { units: new Map(units.map((u) => [u.id, u.name])), officers: new Map(staff.map((s) => [s.id, s.full_name])) };
}
