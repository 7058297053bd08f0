// The SQL of the idempotency key repository, snapshotted (see dossier.sql.test.ts).
import { describe, expect, it } from 'vitest';
import { dropKey, findKey, recordAnswer, takeKey, takeOver } from '../../../src/db/repositories/idempotency.repository';
import { recordingDb } from '../../support/sql-recorder';

const ACTOR = '73000000-0000-4000-8000-000000000001';
const KEY = '73000000-0000-4000-8000-000000000002';
const NOW = new Date('2026-03-02T02:00:00.000Z');

describe('idempotency repository SQL', () => {
  const { record } = recordingDb();

  it('a first request: the key taken with a placeholder, the answer recorded', async () => {
    expect(
      await record(async (trx) => {
        await takeKey(trx, { actor: ACTOR, key: KEY, method: 'POST', path: '/api/dossiers', bodyHash: 'h1', holder: 'worker-1' });
        await recordAnswer(trx, ACTOR, KEY, 201, '{"id":"x"}');
      }),
    ).toMatchSnapshot();
  });

  it('a repeated request: the first attempt’s row read, a dead holder’s placeholder taken over (or an unheld one), or the key dropped', async () => {
    expect(
      await record(async (trx) => {
        await findKey(trx, ACTOR, KEY);
        await takeOver(trx, ACTOR, KEY, 'worker-1', 'worker-2', NOW);
        await takeOver(trx, ACTOR, KEY, null, null, NOW);
        await dropKey(trx, ACTOR, KEY);
      }),
    ).toMatchSnapshot();
  });
});
