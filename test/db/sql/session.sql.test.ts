// The SQL of the session repository, snapshotted (see dossier.sql.test.ts).
import { describe, expect, it } from 'vitest';
import {
  accountForPasswordChange,
  accountForSession,
  accountForSignIn,
  findSessionWithUser,
  insertSession,
  openSessions,
  ownSessionByPrefix,
  recordRefusedSignIn,
  revokeSession,
  revokeSessionsExcept,
  rolesOfUser,
  setFailedLogins,
  touchSession,
} from '../../../src/db/repositories/session.repository';
import { recordingDb } from '../../support/sql-recorder';

const USER = '75000000-0000-4000-8000-000000000001';
const SESSION = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const OTHER = 'ffeeddccbbaa99887766554433221100';
const NOW = new Date('2026-03-02T02:00:00.000Z');
const LOCKED = new Date('2026-03-02T02:15:00.000Z');
const EXPIRES = new Date('2026-03-02T10:00:00.000Z');

describe('session repository SQL', () => {
  const { record } = recordingDb(() => []);

  it('a sign-in: the account by username, the session created, the user’s roles read', async () => {
    expect(
      await record(async (trx) => {
        await accountForSignIn(trx, 'chuyenvien1');
        await insertSession(trx, {
          id: SESSION,
          userId: USER,
          csrfToken: 'csrf',
          at: NOW,
          expiresAt: EXPIRES,
          ip: '203.0.113.7',
          userAgent: 'Firefox',
        });
        await rolesOfUser(trx, USER);
      }),
    ).toMatchSnapshot();
  });

  it('a refused sign-in: a wrong password counted and locked, any other refusal an update that changes nothing', async () => {
    expect(
      await record(async (trx) => {
        await recordRefusedSignIn(trx, 'chuyenvien1', { failedLogins: 5, lockedUntil: LOCKED });
        await recordRefusedSignIn(trx, 'khongco', null);
      }),
    ).toMatchSnapshot();
  });

  it('a request: the session by cookie with its account and roles in one statement, last seen moved', async () => {
    expect(
      await record(async (trx) => {
        await findSessionWithUser(trx, SESSION);
        await touchSession(trx, SESSION, NOW);
      }),
    ).toMatchSnapshot();
  });

  it('a user loaded by id (after a sign-in, for the staff pages): the account', async () => {
    expect(
      await record(async (trx) => {
        await accountForSession(trx, USER);
      }),
    ).toMatchSnapshot();
  });

  it('"my sessions": the open ones, one ended by its prefix', async () => {
    expect(
      await record(async (trx) => {
        await openSessions(trx, USER, NOW);
        await ownSessionByPrefix(trx, USER, 'a1b2c3');
        await revokeSession(trx, USER, SESSION, NOW);
      }),
    ).toMatchSnapshot();
  });

  it('a password change: the account, a wrong current password counted, the other sessions or all ended', async () => {
    const withRow = recordingDb(() => [{ password_hash: 'h', username: 'chuyenvien1', failed_logins: 0, locked_until: null }]);
    expect(
      await withRow.record(async (trx) => {
        await accountForPasswordChange(trx, USER);
        await setFailedLogins(trx, USER, 1, null);
        await revokeSessionsExcept(trx, USER, NOW, OTHER);
        await revokeSessionsExcept(trx, USER, NOW);
      }),
    ).toMatchSnapshot();
  });
});
