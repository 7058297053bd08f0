// The SQL of the catalogue review repository, snapshotted (see dossier.sql.test.ts).
import { describe, expect, it, vi } from 'vitest';
import {
  handledBy,
  insertSignOff,
  latestSignOffs,
  legalTimes,
  provinceUnits,
  provinceVersions,
  setLegalTime,
  usualFees,
} from '../../../src/db/repositories/catalogue-review.repository';
import { recordingDb } from '../../support/sql-recorder';

const PROVINCE = '77000000-0000-4000-8000-000000000001';
const UNIT = '77000000-0000-4000-8000-000000000002';
const UNIT2 = '77000000-0000-4000-8000-000000000003';
const PROC = '77000000-0000-4000-8000-000000000004';
const PROC2 = '77000000-0000-4000-8000-000000000005';
const VERSION = '77000000-0000-4000-8000-000000000006';
const ACTOR = '77000000-0000-4000-8000-000000000007';
const SINCE = new Date('2025-03-02T00:00:00.000Z');
const AT = new Date('2026-03-02T02:00:00.000Z');

describe('catalogue review repository SQL', () => {
  const { record } = recordingDb();

  it('the review page: versions and their publication, units, who handles what, usual fees, legal times, latest sign-offs', async () => {
    expect(
      await record(async (trx) => {
        await provinceVersions(trx, PROVINCE);
        await provinceUnits(trx, PROVINCE);
        await handledBy(trx, [UNIT, UNIT2]);
        await usualFees(trx, [UNIT, UNIT2], SINCE);
        await legalTimes(trx, [PROC, PROC2]);
        await latestSignOffs(trx, [PROC, PROC2]);
      }),
    ).toMatchSnapshot();
  });

  it('a province without units or procedures: nothing sent for them', async () => {
    expect(
      await record(async (trx) => {
        await handledBy(trx, []);
        await usualFees(trx, [], SINCE);
        await legalTimes(trx, []);
        await latestSignOffs(trx, []);
      }),
    ).toMatchSnapshot();
  });

  it('a reviewer sets a legal time and signs a procedure off', async () => {
    // The legal time is stamped with the server's clock: fixed here so the snapshot is stable.
    vi.useFakeTimers({ toFake: ['Date'], now: AT });
    expect(
      await record(async (trx) => {
        await setLegalTime(trx, PROC, 15, 'Nghị định 1/2026, Điều 5', ACTOR);
        await insertSignOff(trx, {
          procedureId: PROC,
          versionId: VERSION,
          actorId: ACTOR,
          note: 'Đã rà soát',
          findings: { missingFees: 0 },
        });
      }),
    ).toMatchSnapshot();
    vi.useRealTimers();
  });
});
