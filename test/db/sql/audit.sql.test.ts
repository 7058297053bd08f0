// The SQL of the audit repository, snapshotted (see dossier.sql.test.ts).
import { describe, expect, it, vi } from 'vitest';
import {
  appendAudit,
  canonicalJson,
  GENESIS_HASH,
  listAuditRows,
  rowHash,
  verifyAuditChain,
} from '../../../src/db/repositories/audit.repository';
import { recordingDb } from '../../support/sql-recorder';

const USER = '7a000000-0000-4000-8000-000000000001';
const UNIT = '7a000000-0000-4000-8000-000000000002';
const D = '7a000000-0000-4000-8000-000000000003';
const AT = new Date('2026-03-02T02:00:00.000Z');
const ENTRY = {
  actorId: USER,
  actorName: 'Nguyễn Văn A',
  actorRole: 'specialist',
  unitId: UNIT,
  action: 'dossier.assign',
  subjectType: 'dossier',
  subjectId: D,
  requestId: 'req-1',
  details: { to: USER, from: null },
};

describe('audit repository SQL', () => {
  it('an append: the chain lock, the last hash, the row, the head', async () => {
    const { record } = recordingDb(() => [{ hash: 'a'.repeat(64) }]);
    vi.useFakeTimers({ toFake: ['Date'], now: AT });
    try {
      expect(await record((trx) => appendAudit(trx, ENTRY))).toMatchSnapshot();
    } finally {
      vi.useRealTimers();
    }
  });

  it('the chain verified page by page (a page, then none), the head read', async () => {
    const details = JSON.parse(canonicalJson(ENTRY.details)) as unknown;
    const hash = rowHash(GENESIS_HASH, { ...ENTRY, at: AT, details });
    let pages = 0;
    const row = {
      id: '1',
      at: AT,
      actor_id: USER,
      actor_name: ENTRY.actorName,
      actor_role: ENTRY.actorRole,
      unit_id: UNIT,
      action: ENTRY.action,
      subject_type: 'dossier',
      subject_id: D,
      request_id: 'req-1',
      details,
      prev_hash: GENESIS_HASH,
      hash,
    };
    const { db, record } = recordingDb((q) => (q.sql.includes('audit_log') ? (pages++ === 0 ? [row] : []) : [{ value: { hash } }]));
    let verdict: unknown;
    expect(
      await record(async () => {
        verdict = await verifyAuditChain(db, 100);
      }),
    ).toMatchSnapshot();
    expect(verdict).toEqual({ ok: true, rows: 1, problems: [] });
  });

  it('a unit’s audit rows: the first page and the next', async () => {
    const { db, record } = recordingDb(() => []);
    expect(
      await record(async () => {
        await listAuditRows(db, UNIT, 50);
        await listAuditRows(db, UNIT, 50, '120');
      }),
    ).toMatchSnapshot();
  });
});
