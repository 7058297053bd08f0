// The SQL of the training repository, snapshotted (see dossier.sql.test.ts).
import { describe, expect, it } from 'vitest';
import {
  copyCalendar,
  dossierForCheck,
  equipTrainingWard,
  feedbackForCheck,
  findAttempt,
  findInstructor,
  findSampleDossier,
  findSampleFeedback,
  firstReceptionPoint,
  insertAttempt,
  insertTrainingAccount,
  insertTrainingUnit,
  listAttempts,
  listTrainingUnits,
  purgeTrainingUnits,
  recordCheck,
  rolesOf,
  statusCounts,
  unitsOfRecords,
  usernameTaken,
} from '../../../src/db/repositories/training.repository';
import { GENERIC_ROW, recordingDb } from '../../support/sql-recorder';

const PROVINCE = '7b000000-0000-4000-8000-000000000001';
const WARD = '7b000000-0000-4000-8000-000000000002';
const OWNER = '7b000000-0000-4000-8000-000000000003';
const USER = '7b000000-0000-4000-8000-000000000004';
const INSTRUCTOR = '7b000000-0000-4000-8000-000000000005';
const DOSSIER = '7b000000-0000-4000-8000-000000000006';
const FEEDBACK = '7b000000-0000-4000-8000-000000000007';
const ATTEMPT = '7b000000-0000-4000-8000-000000000008';
const DOSSIER2 = '7b000000-0000-4000-8000-000000000009';
const AT = new Date('2026-03-02T02:00:00.000Z');
const SINCE = new Date('2026-03-02T01:30:00.000Z');

describe('training repository SQL', () => {
  const { record } = recordingDb();

  it('an owner creates a training province and ward: units, reception point and catalogue, calendar, instructor and trainee accounts', async () => {
    expect(
      await record(async (trx) => {
        await usernameTaken(trx, 'huong-dan.hn1');
        await insertTrainingUnit(trx, {
          slug: 'dt-hn',
          code: 'DT-HN',
          name: 'Tỉnh đào tạo',
          type: 'province',
          parentId: null,
          ownerId: OWNER,
        });
        await insertTrainingUnit(trx, {
          slug: 'dt-hn-p1',
          code: 'DT-HN-P1',
          name: 'Phường đào tạo',
          type: 'ward',
          parentId: PROVINCE,
          ownerId: OWNER,
        });
        await equipTrainingWard(trx, WARD, OWNER);
        await copyCalendar(trx, PROVINCE, OWNER);
        await insertTrainingAccount(trx, {
          username: 'huong-dan.hn1',
          fullName: 'Hướng dẫn viên',
          passwordHash: 'scrypt$h',
          mustChange: true,
          unitId: WARD,
          roles: ['officer', 'leader'],
        });
      }),
    ).toMatchSnapshot();
  });

  it('the training units, their instructor and a user’s roles; a reset purges their data and counts statuses', async () => {
    expect(
      await record(async (trx) => {
        await listTrainingUnits(trx);
        await findInstructor(trx, WARD);
        await rolesOf(trx, USER);
        await purgeTrainingUnits(trx, [PROVINCE, WARD]);
        await statusCounts(trx, [PROVINCE, WARD]);
        await statusCounts(trx, []);
      }),
    ).toMatchSnapshot();
  });

  it('the training boundary: the units of the dossiers and feedback a request names (dossiers, feedback, both, none)', async () => {
    expect(await record((trx) => unitsOfRecords(trx, { dossierIds: [DOSSIER, DOSSIER2], feedbackIds: [] }))).toMatchSnapshot();
    expect(await record((trx) => unitsOfRecords(trx, { dossierIds: [], feedbackIds: [FEEDBACK] }))).toMatchSnapshot();
    expect(await record((trx) => unitsOfRecords(trx, { dossierIds: [DOSSIER], feedbackIds: [FEEDBACK] }))).toMatchSnapshot();
    expect(await record((trx) => unitsOfRecords(trx, { dossierIds: [], feedbackIds: [] }))).toMatchSnapshot();
  });

  it('an exercise starts: a free sample dossier or feedback, the ward’s reception point, the attempt recorded; the trainee’s attempts', async () => {
    expect(
      await record(async (trx) => {
        await findSampleDossier(trx, WARD, 'in-progress', INSTRUCTOR);
        await findSampleFeedback(trx, WARD);
        await firstReceptionPoint(trx, WARD);
        await insertAttempt(trx, {
          userId: USER,
          unitId: WARD,
          exercise: 'intake',
          subjectId: DOSSIER,
          startedAt: AT,
          scenario: { applicant: 'Nguyễn Văn A' },
        });
        await findAttempt(trx, ATTEMPT, USER);
        await listAttempts(trx, USER);
      }),
    ).toMatchSnapshot();
  });

  it('an exercise checked: the dossier by id or the citizen’s newest at the unit, with its history; the feedback with its history and refusals; the result', async () => {
    expect(await record((trx) => dossierForCheck(trx, { id: DOSSIER, unitId: WARD, since: SINCE }))).toMatchSnapshot();
    expect(
      await record((trx) => dossierForCheck(trx, { id: null, unitId: WARD, idNumber: '001234567890', since: SINCE })),
    ).toMatchSnapshot();
    // No such dossier: the history is not read.
    expect(await recordingDb(() => []).record((trx) => dossierForCheck(trx, { unitId: WARD, since: SINCE }))).toMatchSnapshot();
    expect(await recordingDb(() => [{ ...GENERIC_ROW, data: null }]).record((trx) => feedbackForCheck(trx, FEEDBACK))).toMatchSnapshot();
    expect(await record((trx) => recordCheck(trx, ATTEMPT, AT, false, [{ check: 'registry-used', ok: false }]))).toMatchSnapshot();
  });
});
