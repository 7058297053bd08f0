// The SQL of the assisted verification repository, snapshotted (see dossier.sql.test.ts).
import { describe, expect, it } from 'vitest';
import {
  findAssistedVerification,
  insertAssistedVerification,
  markAssistedVerified,
} from '../../../src/db/repositories/assisted.repository';
import { recordingDb } from '../../support/sql-recorder';

const V = '71000000-0000-4000-8000-000000000001';
const STAFF = '71000000-0000-4000-8000-000000000002';
const UNIT = '71000000-0000-4000-8000-000000000003';
const CITIZEN = '71000000-0000-4000-8000-000000000004';
const AT = new Date('2026-03-02T02:00:00.000Z');

describe('assisted repository SQL', () => {
  const { record } = recordingDb();

  it('an officer checks a citizen at the counter: the check recorded, read back, confirmed by the code', async () => {
    expect(
      await record(async (trx) => {
        await insertAssistedVerification(trx, {
          staffId: STAFF,
          unitId: UNIT,
          citizenId: CITIZEN,
          method: 'chip-id',
          evidence: 'chip:0123',
          verifiedAt: AT,
        });
        await insertAssistedVerification(trx, {
          staffId: STAFF,
          unitId: UNIT,
          citizenId: CITIZEN,
          method: 'otp',
          evidence: '',
          verifiedAt: null,
        });
        await findAssistedVerification(trx, V);
        await markAssistedVerified(trx, V, AT);
      }),
    ).toMatchSnapshot();
  });
});
