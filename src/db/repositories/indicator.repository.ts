// Indicators: period tallies from the rollups (never a scan of the dossiers), drill-downs, signal examples,
// form 06 rows, the rebuild. The rollups are kept by the triggers of migration 0016; the month tables of 0029 bound the reads.
import { sql } from 'kysely';
import type { Db } from '../database';
import { emptyTally, SIGNAL_KINDS, type Signal, type Tally } from '../../domain/indicators';

const SIG_COL: Record<Signal, string | null> = {
  'late-result-update': 'sig_late_result_update',
  'late-step': 'sig_late_step',
  'registry-data-demanded': 'sig_registry_data_demanded',
  'notice-after-deadline': 'sig_notice_after_deadline',
  'unsigned-notice': 'sig_unsigned_notice',
  'withdrawal-without-request': 'sig_withdrawal_without_request',
  'not-digitised': 'sig_not_digitised',
  'vague-answer': null,
};

const PERIOD_COLS: [keyof Tally, string][] = [
  ['received', 'received'],
  ['receivedOnline', 'received_online'],
  ['synced', 'synced'],
  ['onlineWithEResult', 'online_eresult'],
  ['feeBearing', 'fee_bearing'],
  ['paidOnline', 'paid_online'],
  ['reused', 'reused'],
  ['populationData', 'population_data'],
  ['finishedFromReceived', 'finished_from_received'],
  ['processingSeconds', 'processing_seconds'],
  ['finished', 'finished'],
  ['finishedOnTime', 'finished_on_time'],
  ['finishedEarly', 'finished_early'],
  ['withResult', 'with_result'],
  ['eResult', 'e_result'],
  ['digitised', 'digitised'],
  ['storeLinked', 'store_linked'],
  ['serviceSatisfied', 'service_satisfied'],
];

/** Tallies from source rows flagged `w` (true: inside the period; false: before it, open/late deltas only). */
function selectList(): string {
  const parts = PERIOD_COLS.map(([k, c]) => `COALESCE(sum(${c}) FILTER (WHERE w), 0)::bigint AS "${k}"`);
  parts.push(`COALESCE(sum(open_delta) FILTER (WHERE NOT w), 0)::bigint AS "openBefore"`);
  parts.push(`COALESCE(sum(late_delta) FILTER (WHERE NOT w), 0)::bigint AS "lateBefore"`);
  parts.push(`COALESCE(sum(open_delta), 0)::bigint AS "openAtEnd"`);
  parts.push(`COALESCE(sum(late_delta), 0)::bigint AS "lateAtEnd"`);
  for (const k of SIGNAL_KINDS) {
    const c = SIG_COL[k];
    if (c) parts.push(`COALESCE(sum(${c}) FILTER (WHERE w), 0)::bigint AS "sig:${k}"`);
  }
  return parts.join(',\n');
}
const SELECT_LIST = selectList();
/** The columns a source row brings: the period counters, the open/late deltas and the signals. */
const SOURCE = [
  ...PERIOD_COLS.map(([, c]) => c),
  'open_delta',
  'late_delta',
  ...SIGNAL_KINDS.flatMap((k) => (SIG_COL[k] ? [SIG_COL[k]] : [])),
];
const SOURCE_COLS = SOURCE.join(', ');
/** The same for the months before a period: only the open/late deltas (read from the narrow state index). */
const STATE_COLS = SOURCE.map((c) =>
  c === 'open_delta' || c === 'late_delta' ? c : c === 'processing_seconds' ? `0::bigint AS ${c}` : `0 AS ${c}`,
).join(', ');

const firstOfMonth = (day: string) => `${day.slice(0, 8)}01`;
function nextMonth(first: string): string {
  const y = Number(first.slice(0, 4));
  const m = Number(first.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}
function addDay(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A range of rollup rows: month rows with `month` in [lo, hi) (lo null: from the start), or day rows with `day`
 * in [lo, hi]. Rows on or after `periodFrom` count inside the period; the others only give the open/late state
 * before it.
 */
export type SourceRange =
  | { table: 'month'; lo: string | null; hi: string; periodFrom: string | null }
  | { table: 'day'; lo: string; hi: string; periodFrom: string };

/**
 * The bounded set of rollup rows that give the tallies of days `from`..`to` (migration 0029): the month rows
 * before from's month (open/late state only); the month rows of the period's whole months; the day rows from the
 * start of from's month up to the first whole month (before `from`: state; from `from`: the period), and the day
 * rows after the last whole month. At most one row per key and month of history plus ~3 months of day rows.
 */
export function sourceRanges(from: string, to: string): SourceRange[] {
  const fm = firstOfMonth(from);
  const out: SourceRange[] = [{ table: 'month', lo: null, hi: fm, periodFrom: null }];
  const a = from === fm ? from : nextMonth(fm); // first whole month inside the period
  const b = firstOfMonth(addDay(to, 1)); // the month after the last whole month
  if (a < b) {
    if (fm < a) out.push({ table: 'day', lo: fm, hi: addDay(a, -1), periodFrom: from });
    out.push({ table: 'month', lo: a, hi: b, periodFrom: a });
    if (b <= to) out.push({ table: 'day', lo: b, hi: to, periodFrom: b });
  } else {
    out.push({ table: 'day', lo: fm, hi: to < from ? addDay(from, -1) : to, periodFrom: from });
  }
  return out;
}

function toTally(r: Record<string, unknown>): Tally {
  const t = emptyTally();
  for (const [k] of PERIOD_COLS) (t[k] as number) = Number(r[k] ?? 0);
  t.openBefore = Number(r.openBefore ?? 0);
  t.lateBefore = Number(r.lateBefore ?? 0);
  t.openAtEnd = Number(r.openAtEnd ?? 0);
  t.lateAtEnd = Number(r.lateAtEnd ?? 0);
  for (const k of SIGNAL_KINDS) t.signals[k] = Number(r[`sig:${k}`] ?? 0);
  return t;
}

export type Dimension = 'unit' | 'procedure' | 'officer';

/**
 * Tallies of days `from`..`to` over the units, optionally grouped by a dimension. Unit totals come from
 * indicator_unit_day / indicator_unit_month; procedure and officer from indicator_rollup / indicator_month.
 * Open/late at the period's start and end are running sums of the deltas before it, read from the month rows
 * before from's month plus the day rows of from's month (see sourceRanges): a bounded number of rows per key.
 */
export async function tallies(
  db: Db,
  q: { unitIds: readonly string[]; from: string; to: string; by?: Dimension; procedureId?: string; officerId?: string },
): Promise<Map<string, Tally>> {
  if (!q.unitIds.length) return new Map();
  const detailed = q.by === 'procedure' || q.by === 'officer' || q.procedureId || q.officerId;
  const key =
    q.by === 'unit' ? 'unit_id::text' : q.by === 'procedure' ? 'procedure_id::text' : q.by === 'officer' ? 'officer_id::text' : `''`;
  const units = sql`unit_id = ANY(${sql.val([...q.unitIds])}::uuid[])`;
  const extra = [
    ...(q.procedureId ? [sql`procedure_id = ${q.procedureId}::uuid`] : []),
    ...(q.officerId ? [sql`officer_id = ${q.officerId}::uuid`] : []),
  ];
  const branches = sourceRanges(q.from, q.to).map((r) => {
    const month = r.table === 'month';
    const table = month ? (detailed ? 'indicator_month' : 'indicator_unit_month') : detailed ? 'indicator_rollup' : 'indicator_unit_day';
    const range = month
      ? r.lo === null
        ? sql`month < ${r.hi}::date`
        : sql`month >= ${r.lo}::date AND month < ${r.hi}::date`
      : sql`day >= ${r.lo}::date AND day <= ${r.hi}::date`;
    const w =
      r.periodFrom === null
        ? sql`false`
        : r.periodFrom === r.lo
          ? sql`true`
          : sql`${sql.raw(month ? 'month' : 'day')} >= ${r.periodFrom}::date`;
    return sql`SELECT ${sql.raw(key)} AS k, ${sql.raw(r.periodFrom === null ? STATE_COLS : SOURCE_COLS)}, ${w} AS w
      FROM ${sql.table(table)} WHERE ${sql.join([units, range, ...extra], sql` AND `)}`;
  });
  const rows = await sql<Record<string, unknown>>`SELECT k, ${sql.raw(SELECT_LIST)}
    FROM (${sql.join(branches, sql` UNION ALL `)}) src GROUP BY k`.execute(db);
  const out = new Map(rows.rows.map((r) => [String(r.k), toTally(r)]));
  // Feedback (group 5, vague-answer) belongs to units, not to procedures or officers.
  if (!detailed && (q.by === undefined || q.by === 'unit')) {
    for (const [k, f] of await feedbackTallies(db, q.unitIds, q.from, q.to, q.by === 'unit')) {
      const t = out.get(k) ?? emptyTally();
      t.feedback = f.feedback;
      t.feedbackOnTime = f.onTime;
      t.feedbackSatisfied = f.satisfied;
      t.feedbackRegulation = f.regulation;
      t.signals['vague-answer'] = f.vague;
      out.set(k, t);
    }
  }
  return out;
}

/** Feedback received on days `from`..`to`, on time and satisfied as measured at the end of `to`. */
async function feedbackTallies(db: Db, unitIds: readonly string[], from: string, to: string, byUnit: boolean) {
  const r = await sql<{ k: string; feedback: string; on_time: string; satisfied: string; regulation: string; vague: string }>`
    SELECT ${sql.raw(byUnit ? 'unit_id::text' : `''`)} AS k, sum(feedback) AS feedback,
      COALESCE(sum(feedback) FILTER (WHERE late_day > ${to}::date), 0) AS on_time,
      COALESCE(sum(ok) FILTER (WHERE late_day > ${to}::date), 0) AS satisfied,
      sum(regulation) AS regulation, sum(vague) AS vague
    FROM indicator_feedback_day
    WHERE unit_id = ANY(${sql.val([...unitIds])}::uuid[]) AND day BETWEEN ${from}::date AND ${to}::date
    GROUP BY 1 HAVING sum(feedback) <> 0`.execute(db);
  return new Map(
    r.rows.map((x) => [
      x.k,
      {
        feedback: Number(x.feedback),
        onTime: Number(x.on_time),
        satisfied: Number(x.satisfied),
        regulation: Number(x.regulation),
        vague: Number(x.vague),
      },
    ]),
  );
}

/** Feedback behind the vague-answer signal of the units and days (most recent first). */
export async function vagueAnswerExamples(db: Db, q: { unitIds: readonly string[]; from: string; to: string; limit: number }) {
  return db
    .selectFrom('indicator_feedback_fact as x')
    .innerJoin('feedback as f', 'f.id', 'x.feedback_id')
    .select(['f.id', 'f.code', 'f.dossier_id', 'f.answer_returns', 'f.reopen_count', 'x.unit_id'])
    .select(sql<number>`(SELECT count(*)::int FROM feedback_check_failure c WHERE c.feedback_id = f.id)`.as('check_failures'))
    .where('x.unit_id', 'in', [...q.unitIds])
    .where('x.received_day', '>=', q.from)
    .where('x.received_day', '<=', q.to)
    .where('x.vague', '=', true)
    .orderBy('x.received_day', 'desc')
    .orderBy('f.code')
    .limit(q.limit)
    .execute();
}

/** Dossiers behind the signals of the units and days, a few of each kind. */
export async function signalExamples(
  db: Db,
  q: { unitIds: readonly string[]; from: string; to: string; perKind: number },
): Promise<
  {
    kind: string;
    dossierId: string;
    code: string;
    officerName: string | null;
    endAt: Date | null;
    dueAt: Date | null;
    /** For late-step and unsigned-notice: the event behind the signal (the step or notice, who, when). */
    event: { action: string; actorName: string; at: Date; step: string | null; stepDueAt: string | null } | null;
  }[]
> {
  const r = await sql<{
    kind: string;
    dossier_id: string;
    code: string;
    officer_name: string | null;
    end_at: Date | null;
    due_at: Date | null;
    ev_action: string | null;
    ev_actor: string | null;
    ev_at: Date | null;
    ev_step: string | null;
    ev_step_due: string | null;
  }>`
    SELECT k.kind, x.dossier_id, x.code, x.officer_name, x.end_at, x.due_at,
      ev.action AS ev_action, ev.actor_name AS ev_actor, ev.at AS ev_at, ev.data->'step'->>'name' AS ev_step, ev.data->'step'->>'dueAt' AS ev_step_due
    FROM unnest(${sql.val([...SIGNAL_KINDS])}::text[]) k(kind),
    LATERAL (SELECT f.dossier_id, d.code, s.full_name AS officer_name, f.end_at, d.due_at
             FROM indicator_fact f JOIN dossier d ON d.id = f.dossier_id LEFT JOIN staff_user s ON s.id = f.officer_id
             WHERE f.unit_id = ANY(${sql.val([...q.unitIds])}::uuid[]) AND f.received_day BETWEEN ${q.from}::date AND ${q.to}::date
               AND f.signals <> '{}' AND k.kind = ANY(f.signals)
             ORDER BY f.received_day DESC, d.code LIMIT ${q.perKind}) x
    LEFT JOIN LATERAL (
      SELECT e.action, e.actor_name, e.at, e.data FROM dossier_event e
      WHERE e.dossier_id = x.dossier_id AND (
        (k.kind = 'late-step' AND e.data->'step'->'late' = 'true'::jsonb)
        OR (k.kind = 'unsigned-notice' AND e.action IN ('request-supplement', 'refuse', 'apologize-and-extend', 'stop')
            AND NOT COALESCE(jsonb_typeof(e.data->'signature') = 'object' AND jsonb_typeof(e.data->'signature'->'signerName') = 'string'
                     AND (e.data->'signature'->>'signerName') ~ '\\S', false)))
      ORDER BY e.seq LIMIT 1) ev ON true`.execute(db);
  return r.rows.map((x) => ({
    kind: x.kind,
    dossierId: x.dossier_id,
    code: x.code,
    officerName: x.officer_name,
    endAt: x.end_at,
    dueAt: x.due_at,
    event:
      x.ev_action && x.ev_at
        ? { action: x.ev_action, actorName: x.ev_actor ?? '', at: x.ev_at, step: x.ev_step, stepDueAt: x.ev_step_due }
        : null,
  }));
}

/** Signal counts per unit and calendar month, for threshold checks. */
export async function monthlySignals(
  db: Db,
  unitIds: readonly string[],
  month: string,
): Promise<{ unitId: string; kind: Signal; count: number }[]> {
  if (!unitIds.length) return [];
  const sums = SIGNAL_KINDS.filter((k) => SIG_COL[k])
    .map((k) => `sum(${SIG_COL[k]!})::bigint AS "${k}"`)
    .join(', ');
  const r0 = await sql<Record<string, unknown>>`SELECT unit_id, ${sql.raw(sums)} FROM indicator_unit_day
    WHERE unit_id = ANY(${sql.val([...unitIds])}::uuid[]) AND day >= ${month}::date AND day < (${month}::date + interval '1 month') GROUP BY unit_id`.execute(
    db,
  );
  const out = r0.rows.flatMap((row) =>
    SIGNAL_KINDS.filter((k) => SIG_COL[k]).map((k) => ({ unitId: String(row.unit_id), kind: k, count: Number(row[k] ?? 0) })),
  );
  const fb = await sql<{ unit_id: string; vague: string }>`SELECT unit_id, sum(vague) AS vague FROM indicator_feedback_day
    WHERE unit_id = ANY(${sql.val([...unitIds])}::uuid[]) AND day >= ${month}::date AND day < (${month}::date + interval '1 month')
    GROUP BY unit_id`.execute(db);
  for (const x of fb.rows) out.push({ unitId: x.unit_id, kind: 'vague-answer', count: Number(x.vague) });
  return out;
}

export async function rebuild(db: Db): Promise<number> {
  const r = await sql<{ n: string }>`SELECT indicator_rebuild() AS n`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** Names for drill-down keys. */
export async function names(db: Db, by: Dimension, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  if (by === 'unit') {
    const r = await db.selectFrom('unit').select(['id', 'name']).where('id', 'in', ids).execute();
    return new Map(r.map((x) => [x.id, x.name]));
  }
  if (by === 'officer') {
    const r = await db.selectFrom('staff_user').select(['id', 'full_name']).where('id', 'in', ids).execute();
    return new Map(r.map((x) => [x.id, x.full_name]));
  }
  const r = await db
    .selectFrom('procedure as p')
    .innerJoin('procedure_version as v', 'v.id', 'p.current_version_id')
    .select(['p.id', 'v.name', 'v.field'])
    .where('p.id', 'in', ids)
    .execute();
  return new Map(r.map((x) => [x.id, x.name]));
}

/** Hand-offs (events of the given actions) of the units' dossiers ended in [from, to], and how many came by the due time. */
export async function stepHandOffs(db: Db, unitIds: readonly string[], from: string, to: string, actions: readonly string[]) {
  const r = await sql<{ action: string; done: string; on_time: string }>`
      SELECT e.action, count(*) AS done, count(*) FILTER (WHERE d.due_at IS NULL OR e.at <= d.due_at) AS on_time
      FROM indicator_fact f JOIN dossier d ON d.id = f.dossier_id JOIN dossier_event e ON e.dossier_id = f.dossier_id
      WHERE f.unit_id = ANY(${sql.val(unitIds)}::uuid[]) AND f.end_day BETWEEN ${from}::date AND ${to}::date
        AND e.action = ANY(${sql.val(actions)}::text[])
      GROUP BY e.action`.execute(db);
  return r.rows;
}

/** The units' dossiers received in [from, to] that the national portal has not accepted (form 06's reconciliation). */
export async function unsyncedDossiers(db: Db, unitIds: readonly string[], from: string, to: string, limit: number) {
  const r = await sql<{ id: string; code: string; received_at: Date }>`
      SELECT d.id, d.code, d.received_at FROM indicator_fact f JOIN dossier d ON d.id = f.dossier_id
      WHERE f.unit_id = ANY(${sql.val(unitIds)}::uuid[]) AND f.received_day BETWEEN ${from}::date AND ${to}::date AND NOT f.synced
      ORDER BY d.received_at LIMIT ${limit}`.execute(db);
  return r.rows;
}

/** Field (lĩnh vực) of each procedure, for form 06. */
export async function procedureFields(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const r = await db
    .selectFrom('procedure as p')
    .innerJoin('procedure_version as v', 'v.id', 'p.current_version_id')
    .select(['p.id', 'v.field'])
    .where('p.id', 'in', ids)
    .execute();
  return new Map(r.map((x) => [x.id, x.field]));
}
