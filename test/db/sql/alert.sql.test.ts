// The SQL of the deadline alert repository, snapshotted (see dossier.sql.test.ts).
import { describe, expect, it } from 'vitest';
import { existingAlerts, insertAlertOnce, listAlerts, staffById, staffWithRoles } from '../../../src/db/repositories/alert.repository';
import { recordingDb } from '../../support/sql-recorder';

const DOSSIER = '74000000-0000-4000-8000-000000000001';
const UNIT = '74000000-0000-4000-8000-000000000002';
const USER = '74000000-0000-4000-8000-000000000003';
const OTHER_UNIT = '74000000-0000-4000-8000-000000000004';
const AT = new Date('2026-03-02T02:00:00.000Z');
const DUE = new Date('2026-03-03T10:00:00.000Z');

describe('alert repository SQL', () => {
  const { record } = recordingDb();

  it('the deadline watch: kinds already raised, the staff to tell, the assignee, the alert inserted once', async () => {
    expect(
      await record(async (trx) => {
        await existingAlerts(trx, [DOSSIER]);
        await staffWithRoles(trx, [UNIT, OTHER_UNIT], ['leader', 'officer']);
        await staffById(trx, USER);
        await insertAlertOnce(trx, {
          dossierId: DOSSIER,
          unitId: UNIT,
          kind: 'due-soon-24h',
          at: AT,
          dueAt: DUE,
          recipients: [{ userId: USER, role: 'assignee', name: 'Trần Thị B', channel: 'in-app' }],
          data: { code: 'X-260302-0001' },
        });
      }),
    ).toMatchSnapshot();
  });

  it('nothing sent without dossiers, units or roles', async () => {
    expect(
      await record(async (trx) => {
        await existingAlerts(trx, []);
        await staffWithRoles(trx, [], ['leader']);
        await staffWithRoles(trx, [UNIT], []);
        await listAlerts(trx, [], 50);
      }),
    ).toMatchSnapshot();
  });

  it('the in-app list of the units’ alerts: the first page, the page after an alert', async () => {
    expect(await record((trx) => listAlerts(trx, [UNIT, OTHER_UNIT], 50))).toMatchSnapshot();
    expect(await record((trx) => listAlerts(trx, [UNIT], 50, '1234'))).toMatchSnapshot();
  });
});
