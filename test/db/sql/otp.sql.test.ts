// The SQL of the OTP repository, snapshotted (see dossier.sql.test.ts).
import { describe, expect, it } from 'vitest';
import {
  consumeChallenge,
  findCurrentChallenge,
  getChallenge,
  lockCurrentChallenge,
  lockSendsAndCurrent,
  markVerified,
  replaceChallenge,
  sendsBetween,
  setAttempts,
  setLockTimeout,
  supersededSince,
} from '../../../src/db/repositories/otp.repository';
import { recordingDb } from '../../support/sql-recorder';

const K = { purpose: 'application.submit', subjectId: '70000000-0000-4000-8000-000000000001' };
const C = '70000000-0000-4000-8000-000000000002';
const NOW = new Date('2026-03-02T02:00:00.000Z');
const HOUR_AGO = new Date('2026-03-02T01:00:00.000Z');

describe('otp repository SQL', () => {
  const { record } = recordingDb(() => []);

  it('a send: the (purpose, subject) serialised, sends of the hour, the new challenge superseding the current', async () => {
    expect(
      await record(async (trx) => {
        await lockSendsAndCurrent(trx, K);
        await sendsBetween(trx, K, HOUR_AGO, NOW);
        await replaceChallenge(
          trx,
          C,
          {
            id: C,
            purpose: K.purpose,
            subject_id: K.subjectId,
            phone: '0900000000',
            email: '',
            id_number: '',
            lang: 'vi',
            reference: '',
            prefix: 'KT',
            code_hash: 'h',
            channel: 'sms',
            sends: 1,
            attempts: 0,
            max_attempts: 5,
            expires_at: NOW,
            next_send_at: NOW,
            created_at: NOW,
          },
          NOW,
        );
      }),
    ).toMatchSnapshot();
  });

  it('a verify: lock timeout, the current challenge locked, old codes, attempts counted, verified', async () => {
    expect(
      await record(async (trx) => {
        await setLockTimeout(trx, '10s');
        await lockCurrentChallenge(trx, K);
        await supersededSince(trx, K, HOUR_AGO, 'AB');
        await supersededSince(trx, K, HOUR_AGO);
        await setAttempts(trx, C, 2);
        await markVerified(trx, C, NOW);
      }),
    ).toMatchSnapshot();
  });

  it('consumed in the caller’s transaction, only if still usable; the row again; the status read', async () => {
    expect(
      await record(async (trx) => {
        await consumeChallenge(trx, C, NOW);
        await findCurrentChallenge(trx, K);
      }),
    ).toMatchSnapshot();
    const withRow = recordingDb(() => [{ id: C }]);
    expect(await withRow.record((trx) => getChallenge(trx, C))).toMatchSnapshot();
  });
});
