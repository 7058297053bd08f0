// The SQL of the api-client repository, snapshotted (see dossier.sql.test.ts).
import { describe, expect, it, vi } from 'vitest';
import {
  countClientCall,
  findApiClient,
  findApiClientByUser,
  findToken,
  insertApiClient,
  insertToken,
  listApiClients,
  liveSecrets,
  revokeApiClient,
  rotateSecret,
} from '../../../src/db/repositories/api-client.repository';
import { recordingDb } from '../../support/sql-recorder';

const CLIENT = '79000000-0000-4000-8000-000000000001';
const USER = '79000000-0000-4000-8000-000000000002';
const UNIT = '79000000-0000-4000-8000-000000000003';
const UNIT2 = '79000000-0000-4000-8000-000000000004';
const ADMIN = '79000000-0000-4000-8000-000000000005';
const TOKEN = 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00';
const NOW = new Date('2026-03-02T02:00:00.000Z');
const LATER = new Date('2026-03-03T02:00:00.000Z');

describe('api-client repository SQL', () => {
  const { db, record } = recordingDb(() => [{ id: CLIENT, calls: 1 }]);

  it('registration: the acting identity, the client, its first secret; the list of the admin’s units', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    try {
      expect(
        await record(async (trx) => {
          await insertApiClient(trx, {
            username: 'client-hethong-a',
            name: 'Hệ thống A',
            unitId: UNIT,
            scopes: ['dossiers:read'],
            unitIds: [UNIT, UNIT2],
            ipAllow: ['203.0.113.0/24'],
            ratePerMinute: 120,
            createdBy: ADMIN,
            secretHash: 'h1',
          });
          await findApiClient(trx, CLIENT);
        }),
      ).toMatchSnapshot();
    } finally {
      vi.useRealTimers();
    }
    // listApiClients takes the pool handle, not a transaction.
    expect(await record(() => listApiClients(db, [UNIT, UNIT2]))).toMatchSnapshot();
  });

  it('a token request: the live secrets, a token stored; a bearer call: the token, its client, the call counted', async () => {
    expect(
      await record(async (trx) => {
        await liveSecrets(trx, CLIENT, NOW);
        await insertToken(trx, { id: TOKEN, clientId: CLIENT, scopes: ['dossiers:read'], now: NOW, expiresAt: LATER });
        await findToken(trx, TOKEN);
        await findApiClientByUser(trx, USER);
        // The first call of a minute also clears the earlier minutes.
        await countClientCall(trx, CLIENT, 29_500_000);
      }),
    ).toMatchSnapshot();
  });

  it('a rotation, and a revocation: client, tokens, secrets and acting identity', async () => {
    expect(
      await record(async (trx) => {
        await rotateSecret(trx, CLIENT, 'h2', NOW, LATER);
        await revokeApiClient(trx, CLIENT, USER, NOW);
      }),
    ).toMatchSnapshot();
  });
});
