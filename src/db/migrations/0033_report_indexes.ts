import { type Kysely, sql } from 'kysely';

// Indexes for the reads that scanned whole tables at 10,000,000 dossiers (measured on the benchmark's cluster,
// docs/benchmarks.md "Reports and catalogue reads at 10,000,000 dossiers"):
// - the quarterly citizen-rating report (TT 01/2018, `citizen-rating.repository`) read every event of the
//   province to find a unit's step marks of the quarter: 11.3 s for one ward. The step events by unit and time,
//   partial on the events that carry a step mark (the report's own condition);
// - the same report's counter and portal ratings by unit and time, by time;
// - a procedure's open use per version (`openUseByVersion`, before a new version is published) read every
//   dossier and application: 1.9 s. The open dossiers (finished_at IS NULL, which the status CHECK of migration
//   0003 makes the same as an open status) and the open applications by procedure;
// - the deadline watch's alerts of a unit newest first (`listAlerts` pages by id).
// Built in the migration's transaction: writes to dossier_event wait while its index is built (minutes at
// 10,000,000 dossiers); upgrade outside office hours.
const INDEXES: [name: string, definition: string][] = [
  ['dossier_event_step_idx', `dossier_event (unit_id, at) WHERE jsonb_typeof(data->'step') = 'object'`],
  ['counter_rating_unit_at_idx', 'counter_rating (unit_id, at)'],
  ['dossier_rating_at_idx', 'dossier_rating (at)'],
  ['dossier_open_procedure_idx', 'dossier (procedure_id, procedure_version_id) WHERE finished_at IS NULL'],
  [
    'application_open_procedure_idx',
    `application (procedure_id, procedure_version_id) WHERE status IN ('draft', 'awaiting-otp', 'awaiting-payment')`,
  ],
  ['dossier_alert_unit_id_idx', 'dossier_alert (unit_id, id DESC)'],
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, definition] of INDEXES) await sql.raw(`CREATE INDEX IF NOT EXISTS ${name} ON ${definition}`).execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of INDEXES) await sql.raw(`DROP INDEX IF EXISTS ${name}`).execute(db);
}
