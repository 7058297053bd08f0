// The SQL of the indicator tallies (migration 0029's month tables), snapshotted: a changed query shows in review as
// a changed snapshot (test/db/sql/__snapshots__; update with `npx vitest run test/db/sql -u` and read the diff).
// Then each recorded query is planned on real PostgreSQL (EXPLAIN, sequential scans off so the plan shows which
// index bounds each read): every day-rollup read is a range bounded on both sides, every month read a range of
// months, so no indicator query reads the whole history.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceRanges, tallies } from '../../../src/db/repositories/indicator.repository';
import { freshDatabase, type TestDb } from '../../support/db';
import { recordingDb, type RecordedQuery } from '../../support/sql-recorder';

const U1 = '30000000-0000-4000-8000-000000000001';
const U2 = '30000000-0000-4000-8000-000000000002';
const P = '30000000-0000-4000-8000-000000000003';
const O = '30000000-0000-4000-8000-000000000004';

const CASES = {
  'province-year set, mid-month start': { unitIds: [U1, U2], from: '2025-12-03', to: '2026-12-03' },
  'by unit, whole months': { unitIds: [U1, U2], from: '2026-01-01', to: '2026-03-31', by: 'unit' as const },
  'ward by procedure, across the year end': { unitIds: [U1], from: '2025-11-17', to: '2026-02-09', by: 'procedure' as const },
  'ward by officer of one procedure, inside one month': {
    unitIds: [U1],
    from: '2026-02-10',
    to: '2026-02-20',
    by: 'officer' as const,
    procedureId: P,
  },
  'one officer, one day': { unitIds: [U1], from: '2026-02-15', to: '2026-02-15', officerId: O },
};

describe('indicator repository SQL', () => {
  const { record } = recordingDb(() => []);

  it('the row ranges of a period', () => {
    expect(sourceRanges('2025-12-03', '2026-12-03')).toEqual([
      { table: 'month', lo: null, hi: '2025-12-01', periodFrom: null },
      { table: 'day', lo: '2025-12-01', hi: '2025-12-31', periodFrom: '2025-12-03' },
      { table: 'month', lo: '2026-01-01', hi: '2026-12-01', periodFrom: '2026-01-01' },
      { table: 'day', lo: '2026-12-01', hi: '2026-12-03', periodFrom: '2026-12-01' },
    ]);
    expect(sourceRanges('2026-01-01', '2026-03-31')).toEqual([
      { table: 'month', lo: null, hi: '2026-01-01', periodFrom: null },
      { table: 'month', lo: '2026-01-01', hi: '2026-04-01', periodFrom: '2026-01-01' },
    ]);
    expect(sourceRanges('2025-12-31', '2026-01-01')).toEqual([
      { table: 'month', lo: null, hi: '2025-12-01', periodFrom: null },
      { table: 'day', lo: '2025-12-01', hi: '2026-01-01', periodFrom: '2025-12-31' },
    ]);
    expect(sourceRanges('2026-01-31', '2026-03-01')).toEqual([
      { table: 'month', lo: null, hi: '2026-01-01', periodFrom: null },
      { table: 'day', lo: '2026-01-01', hi: '2026-01-31', periodFrom: '2026-01-31' },
      { table: 'month', lo: '2026-02-01', hi: '2026-03-01', periodFrom: '2026-02-01' },
      { table: 'day', lo: '2026-03-01', hi: '2026-03-01', periodFrom: '2026-03-01' },
    ]);
    expect(sourceRanges('2026-02-01', '2026-02-15')).toEqual([
      { table: 'month', lo: null, hi: '2026-02-01', periodFrom: null },
      { table: 'day', lo: '2026-02-01', hi: '2026-02-15', periodFrom: '2026-02-01' },
    ]);
  });

  for (const [name, q] of Object.entries(CASES))
    it(`tallies: ${name}`, async () => {
      const qs = await record((trx) => tallies(trx, q));
      expect(qs).toMatchSnapshot();
    });

  describe('plans on PostgreSQL', () => {
    let t: TestDb;
    beforeAll(async () => {
      t = await freshDatabase();
    }, 120_000);
    afterAll(async () => t?.drop());

    it('every rollup read is a bounded index range', async () => {
      // Recorded here, not taken from the snapshot tests above: the tests run in any order.
      const recorded = new Map<string, RecordedQuery>();
      for (const [name, q] of Object.entries(CASES)) recorded.set(name, (await record((trx) => tallies(trx, q)))[0]!);
      expect(recorded.size).toBe(Object.keys(CASES).length);
      type Node = { 'Node Type': string; 'Relation Name'?: string; 'Index Cond'?: string; Plans?: Node[] };
      const scans = (n: Node): Node[] => [...(n['Relation Name'] ? [n] : []), ...(n.Plans ?? []).flatMap(scans)];
      for (const [name, q] of recorded) {
        const plan = await t.db.connection().execute(async (c) => {
          await sql`SET enable_seqscan = off`.execute(c);
          try {
            const r = await sql
              .raw<{ 'QUERY PLAN': { Plan: Node }[] }>(
                `EXPLAIN (FORMAT JSON) ${q.sql.replace(/\$(\d+)/g, (_, i: string) => lit(q.parameters[Number(i) - 1]))}`,
              )
              .execute(c);
            return r.rows[0]!['QUERY PLAN'][0]!.Plan;
          } finally {
            await sql`RESET enable_seqscan`.execute(c);
          }
        });
        const reads = scans(plan).filter((s) => s['Relation Name']!.startsWith('indicator_'));
        expect(reads.length, name).toBeGreaterThan(0);
        for (const s of reads) {
          const what = `${name}: ${s['Node Type']} on ${s['Relation Name']} (${s['Index Cond'] ?? 'no index condition'})`;
          expect(s['Node Type'], what).toMatch(/Index Scan|Index Only Scan|Bitmap Index Scan/);
          expect(s['Index Cond'], what).toContain('unit_id = ANY');
          if (/_day$|_rollup$/.test(s['Relation Name']!)) {
            expect(s['Index Cond'], what).toMatch(/day >=/);
            expect(s['Index Cond'], what).toMatch(/day <=/);
          } else expect(s['Index Cond'], what).toMatch(/month </);
        }
      }
    }, 120_000);
  });
});

/** A recorded parameter as an SQL literal (the plans are of the recorded text with its values). */
function lit(v: unknown): string {
  if (Array.isArray(v)) return `ARRAY[${v.map(lit).join(', ')}]`;
  if (typeof v === 'number') return String(v);
  return `'${String(v).replace(/'/g, "''")}'`;
}
