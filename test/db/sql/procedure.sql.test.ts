// The SQL of the procedure repository, snapshotted (see dossier.sql.test.ts).
import { describe, expect, it, vi } from 'vitest';
import type { ProcedureInput } from '../../../src/domain/catalogue/procedure';
import {
  findProcedures,
  findProcedureVersion,
  findPublications,
  insertDraftPublication,
  insertProcedure,
  insertVersion,
  likeEscape,
  listProcedureVersions,
  listVersionsWithPublication,
  lockNextVersion,
  lockPublication,
  openUseByVersion,
  procedureCodeTaken,
  procedureProvince,
  publicationRecordsIn,
  publishVersion,
  setPublicationStatus,
  setUnitProcedure,
  toInput,
  versionsInForceAt,
  versionUsedBy,
  withdrawOpenDraft,
  type PublicationRow,
} from '../../../src/db/repositories/procedure.repository';
import { recordingDb } from '../../support/sql-recorder';

const P = '7c000000-0000-4000-8000-000000000001';
const V = '7c000000-0000-4000-8000-000000000002';
const V2 = '7c000000-0000-4000-8000-000000000003';
const PROVINCE = '7c000000-0000-4000-8000-000000000004';
const UNIT = '7c000000-0000-4000-8000-000000000005';
const UNIT2 = '7c000000-0000-4000-8000-000000000006';
const CITIZEN = '7c000000-0000-4000-8000-000000000007';
const USER = '7c000000-0000-4000-8000-000000000008';
const AT = new Date('2026-03-02T02:00:00.000Z');

/** One row that serves every read: a procedure at a version, its publication, a count. */
const ROW = {
  id: P,
  code: '1.001193',
  versionId: V,
  version_id: V,
  procedure_id: P,
  version: 2,
  v: 2,
  n: '1',
  province_id: PROVINCE,
  name: 'Đăng ký khai sinh',
  processing_days: '0.5',
  components: [],
};

const INPUT: ProcedureInput = {
  code: '1.001193',
  name: 'Đăng ký khai sinh',
  field: 'Hộ tịch',
  level: 'commune',
  legalBasis: [{ number: '60/2014/QH13', title: 'Luật Hộ tịch', issuedOn: '2014-11-20' }],
  processingDays: 0.5,
  cutoffTime: '15:00',
  fee: { kind: 'free' },
  components: [
    { name: 'Tờ khai đăng ký khai sinh', mandatory: true, originals: 1, copies: 0, accepted: ['paper'], fromRegistry: false },
    { name: 'Giấy chứng sinh', mandatory: true, originals: 1, copies: 0, accepted: ['paper'], fromRegistry: false },
  ],
  steps: [{ name: 'Tiếp nhận và giải quyết', role: 'specialist', share: 1 }],
  resultType: 'Giấy khai sinh',
  channels: ['in-person', 'online'],
  onlineLevel: 'full',
  boundaryFree: false,
  formSchema: { type: 'object' },
  effectiveFrom: '2026-01-01',
  notes: 'Ghi chú',
};

const PUBLICATION: PublicationRow = {
  versionId: V,
  procedureId: P,
  status: 'reviewed',
  createdAt: AT,
  reviewedAt: AT,
  decisionNumber: null,
  decisionDate: null,
  effectiveDate: null,
  publishedAt: null,
};

describe('procedure repository SQL', () => {
  const { record } = recordingDb(() => [ROW]);

  it('the catalogue: all current versions; searched in a province and unit (by code or folded name); by ids (an empty list matches nothing)', async () => {
    expect(
      await record(async (trx) => {
        await findProcedures(trx, {});
        await findProcedures(trx, { provinceId: PROVINCE, unitId: UNIT, q: ' Khai sinh ', limit: 20 });
        await findProcedures(trx, { ids: [P] });
        await findProcedures(trx, { ids: [] });
      }),
    ).toMatchSnapshot();
    expect(likeEscape('50%_a\\')).toBe('50\\%\\_a\\\\');
  });

  it('one version as a view (by version id), read through the cache; its export', async () => {
    let view: Awaited<ReturnType<typeof findProcedureVersion>>;
    expect(
      await record(async (trx) => {
        view = await findProcedureVersion(trx, V);
      }),
    ).toMatchSnapshot();
    expect(toInput(view!)).toMatchObject({ code: '1.001193', name: 'Đăng ký khai sinh', processingDays: 0.5 });
  });

  it('a new procedure: the code checked, the row, its first version made current, the units handling it', async () => {
    expect(
      await record(async (trx) => {
        await procedureCodeTaken(trx, PROVINCE, '1.001193');
        await insertProcedure(trx, PROVINCE, '1.001193');
        await insertVersion(trx, P, 1, INPUT, USER);
        await setUnitProcedure(trx, UNIT, P, true);
        await setUnitProcedure(trx, UNIT2, P, false);
      }),
    ).toMatchSnapshot();
  });

  it('a new draft: the procedure locked for the next number, the version (not current), an older draft withdrawn', async () => {
    expect(
      await record(async (trx) => {
        await procedureProvince(trx, P);
        await lockNextVersion(trx, P);
        await insertVersion(trx, P, 3, { ...INPUT, formSchema: undefined, effectiveFrom: undefined, notes: undefined }, null, false);
        await withdrawOpenDraft(trx, P);
        await insertDraftPublication(trx, P, V2, USER);
      }),
    ).toMatchSnapshot();
  });

  it('review and publication: the record locked, reviewed or back to draft, published and made current', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: AT });
    try {
      expect(
        await record(async (trx) => {
          await lockPublication(trx, V);
          await setPublicationStatus(trx, V, 'reviewed', USER);
          await setPublicationStatus(trx, V, 'draft', null);
          await publishVersion(
            trx,
            PUBLICATION,
            { decisionNumber: ' 12/QĐ-UBND ', decisionDate: '2026-03-01', effectiveDate: '2026-03-15' },
            USER,
          );
          await findPublications(trx, [V, V2]);
        }),
      ).toMatchSnapshot();
    } finally {
      vi.useRealTimers();
    }
  });

  it('the versions page: every version with its record, open use per version; who may read an unpublished one', async () => {
    expect(
      await record(async (trx) => {
        await listVersionsWithPublication(trx, P);
        await listProcedureVersions(trx, P);
        await openUseByVersion(trx, P, ['received', 'in-progress']);
        await versionUsedBy(trx, V, { citizenId: CITIZEN });
        await versionUsedBy(trx, V, { unitIds: [UNIT, UNIT2] });
        await versionUsedBy(trx, V, { citizenId: CITIZEN, unitIds: [UNIT] });
      }),
    ).toMatchSnapshot();
  });

  it('Decision 766 group 1: the publications decided in a period, the versions in force at a day', async () => {
    expect(
      await record(async (trx) => {
        await publicationRecordsIn(trx, { unitIds: [PROVINCE, UNIT], from: '2026-01-01', to: '2026-03-31' });
        await versionsInForceAt(trx, { unitIds: [PROVINCE, UNIT], day: '2026-03-31' });
      }),
    ).toMatchSnapshot();
  });
});
