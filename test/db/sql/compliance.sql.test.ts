// The SQL of the compliance repository, snapshotted (see dossier.sql.test.ts).
import { describe, expect, it } from 'vitest';
import {
  acknowledgeComplianceAlert,
  insertCrossingOnce,
  listThresholds,
  openComplianceAlerts,
  recordedCrossings,
  upsertThresholds,
} from '../../../src/db/repositories/compliance.repository';
import { recordingDb } from '../../support/sql-recorder';

const PROVINCE = '72000000-0000-4000-8000-000000000001';
const UNIT = '72000000-0000-4000-8000-000000000002';
const UNIT2 = '72000000-0000-4000-8000-000000000003';
const USER = '72000000-0000-4000-8000-000000000004';
const NOW = new Date('2026-03-02T02:00:00.000Z');

describe('compliance repository SQL', () => {
  const { record } = recordingDb(() => []);

  it('the thresholds: a province’s own, all provinces’, set or changed', async () => {
    expect(
      await record(async (trx) => {
        await listThresholds(trx, PROVINCE);
        await listThresholds(trx);
        await upsertThresholds(
          trx,
          PROVINCE,
          [
            { kind: 'overdue', maxPerMonth: 3 },
            { kind: 'apology-missing', maxPerMonth: 0 },
          ],
          NOW,
        );
      }),
    ).toMatchSnapshot();
  });

  it('the monthly check: crossings already recorded, a new one recorded once', async () => {
    expect(
      await record(async (trx) => {
        await recordedCrossings(trx, [UNIT, UNIT2], '2026-03-01');
        await insertCrossingOnce(trx, {
          unitId: UNIT,
          kind: 'overdue',
          month: '2026-03-01',
          count: 4,
          threshold: 3,
          at: NOW,
          recipients: [{ email: 'lead@example.gov.vn' }],
        });
      }),
    ).toMatchSnapshot();
  });

  it('a leader’s alerts: the open crossings of the units, one acknowledged', async () => {
    expect(
      await record(async (trx) => {
        await openComplianceAlerts(trx, [UNIT, UNIT2]);
        await acknowledgeComplianceAlert(trx, { unitId: UNIT, kind: 'overdue', month: '2026-03-01' }, USER, NOW);
      }),
    ).toMatchSnapshot();
  });
});
