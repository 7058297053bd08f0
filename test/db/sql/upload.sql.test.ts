// The SQL of the upload repository, snapshotted (see dossier.sql.test.ts).
import { describe, expect, it } from 'vitest';
import {
  appendChunk,
  completeUpload,
  deleteChunksOfEndedUploads,
  expireUploads,
  failUpload,
  findChunk,
  findExpiredOfSameFile,
  findOpenOfSameFile,
  findStoredFileSummary,
  findUpload,
  insertUpload,
  listChunks,
  lockExpiredUploads,
  lockUpload,
  setReceivedBytes,
} from '../../../src/db/repositories/upload.repository';
import { recordingDb } from '../../support/sql-recorder';

const U = '50000000-0000-4000-8000-000000000001';
const CITIZEN = '50000000-0000-4000-8000-000000000002';
const USER = '50000000-0000-4000-8000-000000000003';
const UNIT = '50000000-0000-4000-8000-000000000004';
const FILE = '50000000-0000-4000-8000-000000000005';
const SHA = 'a'.repeat(64);
const NOW = new Date('2026-03-02T02:00:00.000Z');

describe('upload repository SQL', () => {
  const { record } = recordingDb(() => []);

  it('a new upload: the same file of a citizen or an officer, expired or open; the row', async () => {
    expect(
      await record(async (trx) => {
        await findExpiredOfSameFile(trx, { owner: { kind: 'citizen', citizenId: CITIZEN }, sha256: SHA, sizeBytes: 10 }, NOW);
        await findOpenOfSameFile(trx, { owner: { kind: 'staff', userId: USER, unitId: UNIT }, sha256: SHA, sizeBytes: 10 });
        await insertUpload(trx, {
          citizen_id: CITIZEN,
          staff_id: null,
          unit_id: null,
          file_name: 'scan.pdf',
          size_bytes: 10,
          sha256: SHA,
          chunk_size: 262144,
          expires_at: NOW,
        });
      }),
    ).toMatchSnapshot();
  });

  it('chunks: the row locked, a chunk again, a new chunk, the whole, complete or failed', async () => {
    expect(
      await record(async (trx) => {
        await findUpload(trx, U);
        await lockUpload(trx, U);
        await findChunk(trx, U, 0);
        await appendChunk(trx, U, 1, Buffer.from('ab'));
        await setReceivedBytes(trx, U, 2);
        await listChunks(trx, U);
        await completeUpload(trx, U, 10, FILE);
        await failUpload(trx, U, 'upload-checksum-mismatch');
        await findStoredFileSummary(trx, FILE);
      }),
    ).toMatchSnapshot();
  });

  it('the purge: expired uploads locked (SKIP LOCKED), given up, leftover chunks', async () => {
    expect(
      await record(async (trx) => {
        await lockExpiredUploads(trx, NOW, 1000);
        await expireUploads(trx, [U]);
        await deleteChunksOfEndedUploads(trx);
      }),
    ).toMatchSnapshot();
  });
});
