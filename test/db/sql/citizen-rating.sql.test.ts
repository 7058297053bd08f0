// The SQL of the citizen-rating repository, snapshotted (see dossier.sql.test.ts).
import { describe, expect, it } from 'vitest';
import { ratingMarks, reportNames, unitRecords } from '../../../src/db/repositories/citizen-rating.repository';
import { recordingDb } from '../../support/sql-recorder';

const UNIT = '74000000-0000-4000-8000-000000000001';
const UNIT2 = '74000000-0000-4000-8000-000000000002';
const OFFICER = '74000000-0000-4000-8000-000000000003';
const FROM = new Date('2025-12-31T17:00:00.000Z');
const TO = new Date('2026-03-31T17:00:00.000Z');

describe('citizen-rating repository SQL', () => {
  const { record } = recordingDb(() => []);

  it('a quarterly report: the marks of each source, each unit’s records, the names of units and officers', async () => {
    expect(
      await record(async (trx) => {
        await ratingMarks(trx, { unitIds: [UNIT, UNIT2], from: FROM, to: TO });
        await unitRecords(trx, { unitIds: [UNIT, UNIT2], from: FROM, to: TO, fromDay: '2026-01-01', toDay: '2026-03-31' });
        await reportNames(trx, [UNIT, UNIT2], [OFFICER]);
      }),
    ).toMatchSnapshot();
  });
});
