// The SQL of the stored file repository, snapshotted (see dossier.sql.test.ts).
import { describe, expect, it } from 'vitest';
import {
  citizenDocumentHoldsFile,
  findStoredFile,
  insertStoredFile,
  unitsOfDossiersWithFile,
  usableFileIds,
} from '../../../src/db/repositories/file.repository';
import { recordingDb } from '../../support/sql-recorder';

const FILE = '76000000-0000-4000-8000-000000000001';
const FILE2 = '76000000-0000-4000-8000-000000000002';
const UNIT = '76000000-0000-4000-8000-000000000003';
const CITIZEN = '76000000-0000-4000-8000-000000000004';
const DOSSIER = '76000000-0000-4000-8000-000000000005';
const USER = '76000000-0000-4000-8000-000000000006';
const AT = new Date('2026-03-02T02:00:00.000Z');

describe('file repository SQL', () => {
  const { record } = recordingDb();

  it('a scan stored at the counter, read back', async () => {
    expect(
      await record(async (trx) => {
        await insertStoredFile(trx, {
          sha256: 'ab'.repeat(32),
          mime: 'application/pdf',
          sizeBytes: 1024,
          pages: 2,
          originalName: 'to-khai.pdf',
          storageKey: 'files/ab',
          unitId: UNIT,
          citizenId: null,
          uploadedBy: USER,
          uploadedAt: AT,
          officerSignature: 'sig',
        });
        await findStoredFile(trx, FILE);
      }),
    ).toMatchSnapshot();
  });

  it('who may see a file: the citizen’s store holds it, the units of the dossiers listing it', async () => {
    expect(
      await record(async (trx) => {
        await citizenDocumentHoldsFile(trx, CITIZEN, FILE);
        await unitsOfDossiersWithFile(trx, FILE);
      }),
    ).toMatchSnapshot();
  });

  it('the files a holder may use: by units, by dossier, by citizen, all three, none (nothing usable), no ids (nothing sent)', async () => {
    const ids = [FILE, FILE2];
    expect(await record((trx) => usableFileIds(trx, ids, { unitIds: [UNIT], dossierId: null, citizenId: null }))).toMatchSnapshot();
    expect(await record((trx) => usableFileIds(trx, ids, { unitIds: [], dossierId: DOSSIER, citizenId: null }))).toMatchSnapshot();
    expect(await record((trx) => usableFileIds(trx, ids, { unitIds: [], dossierId: null, citizenId: CITIZEN }))).toMatchSnapshot();
    expect(await record((trx) => usableFileIds(trx, ids, { unitIds: [UNIT], dossierId: DOSSIER, citizenId: CITIZEN }))).toMatchSnapshot();
    expect(await record((trx) => usableFileIds(trx, ids, { unitIds: [], dossierId: null, citizenId: null }))).toMatchSnapshot();
    expect(await record((trx) => usableFileIds(trx, [], { unitIds: [UNIT], dossierId: null, citizenId: null }))).toMatchSnapshot();
  });
});
