// The SQL of the staff repository, snapshotted (see dossier.sql.test.ts).
import { describe, expect, it } from 'vitest';
import {
  activeSystemAdmins,
  lockSystemAdmins,
  directoryRows,
  grantRoles,
  insertStaffUser,
  revokeRole,
  revokeUserSessions,
  rolesOfUsers,
  specialistsWithWorkload,
  staffUsernameTaken,
  staffUsers,
  updateStaffUser,
  userIdsInUnits,
} from '../../../src/db/repositories/staff.repository';
import { recordingDb } from '../../support/sql-recorder';

const USER = '76000000-0000-4000-8000-000000000001';
const USER2 = '76000000-0000-4000-8000-000000000002';
const UNIT = '76000000-0000-4000-8000-000000000003';
const UNIT2 = '76000000-0000-4000-8000-000000000004';
const NOW = new Date('2026-03-02T02:00:00.000Z');

describe('staff repository SQL', () => {
  const { record } = recordingDb(() => [{ id: USER, user_id: USER, n: 1 }]);

  it('the account list: everyone, or the users holding roles in the admin’s units, with their roles', async () => {
    expect(
      await record(async (trx) => {
        await staffUsers(trx);
        await userIdsInUnits(trx, [UNIT, UNIT2]);
        await staffUsers(trx, [USER, USER2]);
        await rolesOfUsers(trx, [USER, USER2]);
      }),
    ).toMatchSnapshot();
  });

  it('an account created: the username checked, the row, its roles', async () => {
    expect(
      await record(async (trx) => {
        await staffUsernameTaken(trx, 'chuyenvien2');
        await insertStaffUser(trx, {
          username: 'chuyenvien2',
          fullName: 'Nguyễn Văn B',
          title: 'Chuyên viên',
          email: 'b@example.gov.vn',
          phone: '0900000002',
          passwordHash: 'h',
          mustChangePassword: true,
        });
        await grantRoles(trx, USER, [
          { unitId: UNIT, role: 'specialist' },
          { unitId: UNIT2, role: 'reception-officer' },
        ]);
      }),
    ).toMatchSnapshot();
  });

  it('an account changed or deactivated: a role revoked, the last system admin kept, its sessions ended', async () => {
    expect(
      await record(async (trx) => {
        await updateStaffUser(trx, USER, { full_name: 'Nguyễn Văn C', active: false });
        await lockSystemAdmins(trx);
        await revokeRole(trx, USER, { unitId: UNIT, role: 'specialist' });
        await activeSystemAdmins(trx);
        await revokeUserSessions(trx, USER, NOW);
      }),
    ).toMatchSnapshot();
  });

  it('the public directory (all units or one) and a unit’s specialists with their workload', async () => {
    expect(
      await record(async (trx) => {
        await directoryRows(trx);
        await directoryRows(trx, UNIT);
        await specialistsWithWorkload(trx, UNIT);
      }),
    ).toMatchSnapshot();
  });
});
