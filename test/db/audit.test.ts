// The audit log is append-only and hash-chained: `motcua audit verify` must catch a changed or deleted row.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../src/db/repositories/audit.repository';
import { freshDatabase, type TestDb } from '../support/db';

let t: TestDb;
/** Rows the demo seed wrote into the template before this test's own five. */
let seeded: number;
beforeEach(async () => {
  t = await freshDatabase();
  seeded = Number((await sql<{ n: string }>`SELECT count(*)::text AS n FROM audit_log`.execute(t.db)).rows[0]!.n);
  for (let i = 0; i < 5; i++)
    await t.db.transaction().execute((trx) =>
      appendAudit(trx, {
        actorId: null,
        actorName: 'tester',
        actorRole: 'specialist',
        unitId: null,
        action: `test.${i}`,
        subjectType: 'test',
        subjectId: String(i),
        requestId: 'r',
        details: { n: i, nested: { b: 1, a: [1, 'hai'] }, text: 'Hồ sơ' },
      }),
    );
});
afterEach(() => t.drop());

/** Tampering needs the table owner to switch the append-only triggers off: exactly what an attacker with DB access would do. */
async function tamper(q: ReturnType<typeof sql>) {
  await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(t.db);
  await q.execute(t.db);
  await sql`ALTER TABLE audit_log ENABLE TRIGGER USER`.execute(t.db);
}

describe('audit log', () => {
  it('verifies an untouched chain (the demo seed row included)', async () => {
    expect(seeded).toBeGreaterThan(0);
    const v = await verifyAuditChain(t.db);
    expect(v).toMatchObject({ ok: true, rows: seeded + 5 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(sql`UPDATE audit_log SET action = 'x'`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
  });

  it('detects a changed row', async () => {
    await tamper(sql`UPDATE audit_log SET actor_name = 'someone-else' WHERE action = 'test.2'`);
    const v = await verifyAuditChain(t.db);
    expect(v.ok).toBe(false);
    expect(v.problems.some((p) => p.problem.includes('content changed'))).toBe(true);
  });

  it('detects a changed detail inside the JSON', async () => {
    await tamper(sql`UPDATE audit_log SET details = jsonb_set(details, '{n}', '99') WHERE action = 'test.1'`);
    expect((await verifyAuditChain(t.db)).ok).toBe(false);
  });

  it('detects a deleted row in the middle', async () => {
    await tamper(sql`DELETE FROM audit_log WHERE action = 'test.2'`);
    const v = await verifyAuditChain(t.db);
    expect(v.ok).toBe(false);
    expect(v.problems[0]!.problem).toContain('link broken');
  });

  it('detects deleted newest rows', async () => {
    await tamper(sql`DELETE FROM audit_log WHERE action IN ('test.3', 'test.4')`);
    const v = await verifyAuditChain(t.db);
    expect(v.ok).toBe(false);
    expect(v.problems[0]!.problem).toContain('newest rows');
  });

  it('keeps the chain linear under concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.db.transaction().execute((trx) =>
          appendAudit(trx, {
            actorId: null,
            actorName: 'c',
            actorRole: '',
            unitId: null,
            action: 'c',
            subjectType: 'c',
            subjectId: String(i),
            requestId: '',
          }),
        ),
      ),
    );
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, rows: seeded + 25 });
  });

  it('a rolled-back change leaves no audit row', async () => {
    await expect(
      t.db.transaction().execute(async (trx) => {
        await appendAudit(trx, {
          actorId: null,
          actorName: 'x',
          actorRole: '',
          unitId: null,
          action: 'rolled',
          subjectType: 'x',
          subjectId: '',
          requestId: '',
        });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow();
    const rows = await t.db.selectFrom('audit_log').select('id').where('action', '=', 'rolled').execute();
    expect(rows).toHaveLength(0);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });
});
