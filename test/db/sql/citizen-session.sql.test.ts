// The SQL of the citizen session repository, snapshotted (see dossier.sql.test.ts).
import { describe, expect, it, vi } from 'vitest';
import {
  findCitizen,
  findCitizenSession,
  forgetSignInAttemptsBefore,
  insertCitizenSession,
  insertSignInAttempt,
  markCitizenSignedIn,
  revokeCitizenSession,
  setSignInOutcome,
  spendSignInAttempt,
  touchCitizenSession,
  upsertCitizenRow,
} from '../../../src/db/repositories/citizen-session.repository';
import { recordingDb } from '../../support/sql-recorder';

const CITIZEN = '78000000-0000-4000-8000-000000000001';
// A session's id is the SHA-256 of its token.
const SESSION = '5e'.repeat(32);
const STAFF = '78000000-0000-4000-8000-000000000003';
const VERIFICATION = '78000000-0000-4000-8000-000000000004';
const NOW = new Date('2026-03-02T02:00:00.000Z');
const TEN_MIN_AGO = new Date('2026-03-02T01:50:00.000Z');
const EXPIRES = new Date('2026-03-02T10:00:00.000Z');
const DAY_AGO = new Date('2026-03-01T02:00:00.000Z');

describe('citizen session repository SQL', () => {
  const { record } = recordingDb();

  it('a VNeID sign-in starts: the attempt stored, old attempts forgotten', async () => {
    expect(
      await record(async (trx) => {
        await insertSignInAttempt(trx, { state: 'st-1', nonce: 'n-1', codeVerifier: 'cv-1', acr: 'loa2' }, '/ho-so');
        await forgetSignInAttemptsBefore(trx, DAY_AGO);
      }),
    ).toMatchSnapshot();
  });

  it('the callback: the attempt spent once, the citizen created or refreshed (with a level, or keeping it), signed in, the session created, the outcome', async () => {
    // The upsert stamps updated_at with the server's clock: fixed here so the snapshot is stable.
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    expect(
      await record(async (trx) => {
        await spendSignInAttempt(trx, 'st-1', NOW, TEN_MIN_AGO);
        await upsertCitizenRow(trx, {
          idNumber: '001234567890',
          fullName: 'Nguyễn Văn A',
          dateOfBirth: '1990-01-01',
          address: 'Hà Nội',
          phone: '0900000000',
          email: 'a@example.vn',
          sub: 'sub-1',
          loa: 2,
        });
        await upsertCitizenRow(trx, { idNumber: '001234567890', fullName: 'Nguyễn Văn A' });
        await markCitizenSignedIn(trx, CITIZEN, NOW);
        await insertCitizenSession(trx, {
          id: SESSION,
          citizen_id: CITIZEN,
          csrf_token: 'csrf',
          loa: 2,
          id_token_hint: '',
          assisted_by: STAFF,
          verification: JSON.stringify({ method: 'chip-id', verificationId: VERIFICATION }),
          created_at: NOW,
          last_seen_at: NOW,
          expires_at: EXPIRES,
          ip: '203.0.113.7',
          user_agent: 'Firefox',
        });
        await setSignInOutcome(trx, 'st-1', 'ok');
      }),
    ).toMatchSnapshot();
    vi.useRealTimers();
  });

  it('a request with the session: the session and its citizen read, touched; sign-out revokes it', async () => {
    expect(
      await record(async (trx) => {
        await findCitizenSession(trx, SESSION);
        await touchCitizenSession(trx, SESSION, NOW);
        await findCitizen(trx, CITIZEN);
        await revokeCitizenSession(trx, SESSION, NOW);
      }),
    ).toMatchSnapshot();
  });
});
