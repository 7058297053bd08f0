// The SQL of the signing-key repository, snapshotted (see dossier.sql.test.ts).
import { describe, expect, it } from 'vitest';
import { findUnitKey, insertUnitKeyOnce } from '../../../src/db/repositories/signing-key.repository';
import { recordingDb } from '../../support/sql-recorder';

const UNIT = '71000000-0000-4000-8000-000000000001';

describe('signing-key repository SQL', () => {
  const { record } = recordingDb(() => []);

  it('a unit signs: its key read, or a new one stored unless another process stored one first', async () => {
    expect(
      await record(async (trx) => {
        await findUnitKey(trx, UNIT);
        await insertUnitKeyOnce(trx, {
          unitId: UNIT,
          p12: Buffer.from('p12'),
          certificatePem: '-----BEGIN CERTIFICATE-----',
          fingerprint: 'AB:CD',
          demo: true,
        });
      }),
    ).toMatchSnapshot();
  });
});
