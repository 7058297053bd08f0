import { type Kysely, sql } from 'kysely';

// Oversight: two compliance signals as issue 13 defines them (mirrored by src/domain/indicators/facts.ts).
// - `late-step`: a processing step done after its own budget (its share of the legal time). The dossier
//   service records the step an action completes on the event (data.step, with `late`), computed with the
//   unit's calendar when it happens; the fact reads it. Before, the signal meant "the dossier ended late",
//   which indicator 2.1 already counts.
// - `unsigned-notice`: besides a result issued with neither approval nor signature, a notice handed to the
//   citizen (supplement request, refusal, apology, stop notice) whose event names no signer (data.signature).
//   Staff actions record their signer; unsigned notices come from records made elsewhere (imports, paper).
// The function body of migration 0016 is edited in place; the facts are rebuilt once.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await replaceInFunction(
    db,
    'indicator_fact_rows(uuid[])',
    `CASE WHEN z.end_at IS NOT NULL AND z.on_time = false THEN 'late-step' END`,
    `CASE WHEN EXISTS (SELECT 1 FROM dossier_event ls WHERE ls.dossier_id = z.id AND ls.data->'step'->'late' = 'true'::jsonb) THEN 'late-step' END`,
  );
  await replaceInFunction(
    db,
    'indicator_fact_rows(uuid[])',
    `CASE WHEN z.issued IS NOT NULL AND z.approve_at IS NULL AND NOT (z.issued ? 'signature') THEN 'unsigned-notice' END`,
    `CASE WHEN (z.issued IS NOT NULL AND z.approve_at IS NULL AND NOT (z.issued ? 'signature'))
        OR EXISTS (SELECT 1 FROM dossier_event un WHERE un.dossier_id = z.id
          AND un.action IN ('request-supplement', 'refuse', 'apologize-and-extend', 'stop')
          AND NOT COALESCE(jsonb_typeof(un.data->'signature') = 'object' AND jsonb_typeof(un.data->'signature'->'signerName') = 'string'
                   AND (un.data->'signature'->>'signerName') ~ '\\S', false))
      THEN 'unsigned-notice' END`,
  );
  await sql`CREATE INDEX dossier_event_late_step_idx ON dossier_event (dossier_id) WHERE (data->'step'->'late') = 'true'::jsonb`.execute(
    db,
  );
  await sql`SELECT indicator_rebuild()`.execute(db);
}

/** Replaces one exact piece of a function's definition (fails loudly when it is not there exactly once). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function replaceInFunction(db: Kysely<any>, signature: string, from: string, to: string): Promise<void> {
  const r = await sql<{ def: string }>`SELECT pg_get_functiondef(${signature}::regprocedure) AS def`.execute(db);
  const def = r.rows[0]!.def;
  if (def.split(from).length !== 2) throw new Error(`migration 0022: ${signature} does not contain the expected text once`);
  await sql.raw(def.replace(from, to)).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Motcua migrations are forward-only; restore a backup to go back.');
}
