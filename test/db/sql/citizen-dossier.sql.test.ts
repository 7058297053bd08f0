// The SQL of the citizen-dossier repository, snapshotted (see dossier.sql.test.ts).
import { describe, expect, it } from 'vitest';
import {
  dossierDocumentsOf,
  dossierHistory,
  findCitizenDossier,
  insertRating,
  lastSupplementRequest,
  listCitizenDossiers,
  paidApplicationPayment,
} from '../../../src/db/repositories/citizen-dossier.repository';
import { recordingDb } from '../../support/sql-recorder';

const CITIZEN = { citizenId: '73000000-0000-4000-8000-000000000001', idNumber: '001090000001' };
const D = '73000000-0000-4000-8000-000000000002';

describe('citizen-dossier repository SQL', () => {
  const { record } = recordingDb(() => []);

  it('"my dossiers": the list, one dossier, its history, the supplement awaited, its documents and payment', async () => {
    expect(
      await record(async (trx) => {
        await listCitizenDossiers(trx, CITIZEN);
        await findCitizenDossier(trx, CITIZEN, D);
        await dossierHistory(trx, D);
        await lastSupplementRequest(trx, D);
        await dossierDocumentsOf(trx, CITIZEN.citizenId, D);
        await paidApplicationPayment(trx, D);
      }),
    ).toMatchSnapshot();
  });

  it('a rating: once per dossier', async () => {
    expect(
      await record((trx) => insertRating(trx, { dossierId: D, citizenId: CITIZEN.citizenId, value: 'dislike', reason: 'Chậm' })),
    ).toMatchSnapshot();
  });
});
