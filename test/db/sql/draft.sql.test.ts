// The SQL of the counter intake draft repository, snapshotted (see dossier.sql.test.ts).
import { describe, expect, it, vi } from 'vitest';
import {
  closeDraftOf,
  deleteDraftsBefore,
  deleteOwnDraft,
  dossierFromDraft,
  listOpenDrafts,
  upsertDraft,
} from '../../../src/db/repositories/draft.repository';
import { GENERIC_ROW, recordingDb } from '../../support/sql-recorder';

const DRAFT = '72000000-0000-4000-8000-000000000001';
const USER = '72000000-0000-4000-8000-000000000002';
const UNIT = '72000000-0000-4000-8000-000000000003';
const DOSSIER = '72000000-0000-4000-8000-000000000004';
const OTHER_UNIT = '72000000-0000-4000-8000-000000000005';
const AT = new Date('2026-03-02T02:00:00.000Z');

describe('draft repository SQL', () => {
  it('an officer saves a draft: a newer revision written; an older one changes nothing and the row is read back', async () => {
    // The upsert stamps updated_at with the server's clock: fixed here so the snapshot is stable.
    vi.useFakeTimers({ toFake: ['Date'], now: AT });
    const d = { id: DRAFT, userId: USER, unitId: UNIT, data: { applicant: 'Nguyễn Văn A' }, revision: 3 };
    expect(await recordingDb().record((trx) => upsertDraft(trx, d))).toMatchSnapshot();
    expect(await recordingDb(() => []).record((trx) => upsertDraft(trx, d))).toMatchSnapshot();
    vi.useRealTimers();
  });

  it('the officer’s open drafts, one deleted, the dossier a draft already became', async () => {
    const { record } = recordingDb();
    expect(
      await record(async (trx) => {
        await listOpenDrafts(trx, USER);
        await deleteOwnDraft(trx, DRAFT, USER);
        await dossierFromDraft(trx, DRAFT, [UNIT, OTHER_UNIT]);
      }),
    ).toMatchSnapshot();
  });

  it('a dossier created from the draft: the draft locked, deleted, remembered on the dossier', async () => {
    const { record } = recordingDb(() => [{ ...GENERIC_ROW, user_id: USER }]);
    expect(await record((trx) => closeDraftOf(trx, DRAFT, USER, DOSSIER))).toMatchSnapshot();
  });

  it('the nightly clean-up: drafts not saved since a date deleted', async () => {
    const { record } = recordingDb(() => []);
    expect(await record((trx) => deleteDraftsBefore(trx, AT))).toMatchSnapshot();
  });
});
