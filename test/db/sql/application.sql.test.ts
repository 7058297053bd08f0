// The SQL of the online application repository, snapshotted (see dossier.sql.test.ts).
import { describe, expect, it } from 'vitest';
import {
  citizenContact,
  componentNames,
  findApplicationViews,
  handlingUnitsWithReturnPoints,
  insertDraft,
  isActiveReturnPoint,
  lastSubmittedForm,
  lockApplication,
  writeApplication,
} from '../../../src/db/repositories/application.repository';
import { recordingDb } from '../../support/sql-recorder';

const APP = '79000000-0000-4000-8000-000000000001';
const CITIZEN = '79000000-0000-4000-8000-000000000002';
const PROC = '79000000-0000-4000-8000-000000000003';
const VERSION = '79000000-0000-4000-8000-000000000004';
const UNIT = '79000000-0000-4000-8000-000000000005';
const POINT = '79000000-0000-4000-8000-000000000006';
const DOSSIER = '79000000-0000-4000-8000-000000000007';
const COMPONENT = '79000000-0000-4000-8000-000000000008';
const COMPONENT2 = '79000000-0000-4000-8000-000000000009';
const APP2 = '79000000-0000-4000-8000-00000000000a';
const NOW = new Date('2026-03-02T02:00:00.000Z');

describe('application repository SQL', () => {
  const { record } = recordingDb();

  it('the citizen’s applications: all, some by id, by status, by id and status; the last submitted form', async () => {
    expect(await record((trx) => findApplicationViews(trx, CITIZEN, {}))).toMatchSnapshot();
    expect(await record((trx) => findApplicationViews(trx, CITIZEN, { ids: [APP, APP2] }))).toMatchSnapshot();
    expect(await record((trx) => findApplicationViews(trx, CITIZEN, { statuses: ['draft', 'awaiting-otp'] }))).toMatchSnapshot();
    expect(await record((trx) => findApplicationViews(trx, CITIZEN, { ids: [APP], statuses: ['submitted'] }))).toMatchSnapshot();
    expect(await record((trx) => lastSubmittedForm(trx, CITIZEN, PROC))).toMatchSnapshot();
  });

  it('the e-form: units handling the procedure with their return points (none: one query), a return point checked', async () => {
    expect(await record((trx) => handlingUnitsWithReturnPoints(trx, PROC))).toMatchSnapshot();
    expect(await recordingDb(() => []).record((trx) => handlingUnitsWithReturnPoints(trx, PROC))).toMatchSnapshot();
    expect(await record((trx) => isActiveReturnPoint(trx, POINT, UNIT))).toMatchSnapshot();
  });

  it('a draft saved, locked, submitted: the row, the OTP contact, the status and what moves with it', async () => {
    expect(
      await record(async (trx) => {
        await insertDraft(
          trx,
          APP,
          CITIZEN,
          {
            procedure_id: PROC,
            procedure_version_id: VERSION,
            unit_id: UNIT,
            return_point_id: POINT,
            form: '{"hoTen":"Nguyễn Văn A"}',
            components: '[]',
            assisted_by: null,
          },
          NOW,
        );
        await lockApplication(trx, APP);
        await citizenContact(trx, CITIZEN);
        await writeApplication(trx, APP, 'awaiting-otp', { revision: 2, fee: 50000, form: '{"hoTen":"Nguyễn Văn A"}' }, NOW);
        await writeApplication(
          trx,
          APP,
          'submitted',
          { verification: 'otp', confirmed_at: NOW, submitted_at: NOW, dossier_id: DOSSIER },
          NOW,
        );
      }),
    ).toMatchSnapshot();
  });

  it('the files brought into the data store are titled by component names (none: nothing sent)', async () => {
    expect(
      await record(async (trx) => {
        await componentNames(trx, [COMPONENT, COMPONENT2]);
        await componentNames(trx, []);
      }),
    ).toMatchSnapshot();
  });
});
