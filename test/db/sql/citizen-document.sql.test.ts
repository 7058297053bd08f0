// The SQL of the citizen document repository, snapshotted (see dossier.sql.test.ts).
import { describe, expect, it } from 'vitest';
import {
  citizenDocumentOwner,
  citizenDocumentRows,
  citizenUploadFile,
  insertCitizenDocuments,
  keepCitizenDocument,
} from '../../../src/db/repositories/citizen-document.repository';
import { GENERIC_ROW, recordingDb } from '../../support/sql-recorder';

const CITIZEN = '75000000-0000-4000-8000-000000000001';
const DOC = '75000000-0000-4000-8000-000000000002';
const FILE = '75000000-0000-4000-8000-000000000003';
const DOSSIER = '75000000-0000-4000-8000-000000000004';
const UPLOAD = '75000000-0000-4000-8000-000000000005';
const FILE2 = '75000000-0000-4000-8000-000000000006';

describe('citizen document repository SQL', () => {
  const { record } = recordingDb();

  it('a citizen’s store: every document, one document, whose a document is', async () => {
    expect(await record((trx) => citizenDocumentRows(trx, CITIZEN))).toMatchSnapshot();
    expect(await record((trx) => citizenDocumentRows(trx, CITIZEN, DOC))).toMatchSnapshot();
    expect(await record((trx) => citizenDocumentOwner(trx, DOC))).toMatchSnapshot();
  });

  it('a citizen keeps an upload: the upload read, the file kept (new, or the one already there)', async () => {
    expect(
      await record(async (trx) => {
        await citizenUploadFile(trx, CITIZEN, UPLOAD);
        await keepCitizenDocument(trx, { citizenId: CITIZEN, storedFileId: FILE, kind: 'component', title: 'CCCD' });
      }),
    ).toMatchSnapshot();
    // The file is already in the store: the insert returns nothing, the existing document is read.
    const kept = recordingDb((q) => (q.sql.startsWith('insert') ? [] : [GENERIC_ROW]));
    expect(
      await kept.record((trx) => keepCitizenDocument(trx, { citizenId: CITIZEN, storedFileId: FILE, kind: 'result', title: 'Kết quả' })),
    ).toMatchSnapshot();
  });

  it('a dossier’s files brought into the store (none: nothing sent)', async () => {
    expect(
      await record(async (trx) => {
        await insertCitizenDocuments(trx, [
          { citizen_id: CITIZEN, stored_file_id: FILE, kind: 'component', title: 'Tờ khai', dossier_id: DOSSIER },
          { citizen_id: CITIZEN, stored_file_id: FILE2, kind: 'result', title: 'Kết quả', dossier_id: DOSSIER },
        ]);
        await insertCitizenDocuments(trx, []);
      }),
    ).toMatchSnapshot();
  });
});
