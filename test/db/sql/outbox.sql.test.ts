// The SQL of the outbox repository, snapshotted (see dossier.sql.test.ts).
import { describe, expect, it } from 'vitest';
import {
  claimOutbox,
  listOutbox,
  markDelivered,
  markFailed,
  outboxMessageExists,
  portalSyncOf,
  portalSyncRate,
  redactSecrets,
  replayOutbox,
} from '../../../src/db/repositories/outbox.repository';
import { recordingDb } from '../../support/sql-recorder';

const DOSSIER = '7a000000-0000-4000-8000-000000000001';
const UNIT = '7a000000-0000-4000-8000-000000000002';
const NOW = new Date('2026-03-02T02:00:00.000Z');
const LATER = new Date('2026-03-02T02:05:00.000Z');
const FROM = new Date('2026-02-01T00:00:00.000Z');
const TO = new Date('2026-03-01T00:00:00.000Z');
/** An outbox row (bigserial id) carrying a confirmation code, which the lists and replay redact. */
const ROW = {
  id: '41',
  topic: 'sms',
  idempotency_key: 'otp:1',
  payload: { kind: 'otp', text: 'Mã xác nhận KT-123456' },
  attempts: 1,
  created_at: NOW,
  available_at: NOW,
  last_error: null,
  delivered_at: null,
  dead_at: null,
  training_unit_id: null,
};

describe('outbox repository SQL', () => {
  const { record } = recordingDb(() => [ROW]);

  it('a sweep: due messages claimed under a lease, one delivered, one to retry, one dead', async () => {
    expect(
      await record(async (trx) => {
        await claimOutbox(trx, NOW, 20, 300_000);
        await markDelivered(trx, '41', NOW);
        await markFailed(trx, '42', NOW, 'HTTP 503', LATER);
        await markFailed(trx, '43', NOW, 'HTTP 400', null);
      }),
    ).toMatchSnapshot();
  });

  it('the administrator’s lists: pending, dead, delivered, each first page and after a message', async () => {
    expect(await record((trx) => listOutbox(trx, 'pending', 50))).toMatchSnapshot();
    expect(await record((trx) => listOutbox(trx, 'pending', 50, '40'))).toMatchSnapshot();
    expect(await record((trx) => listOutbox(trx, 'dead', 50))).toMatchSnapshot();
    expect(await record((trx) => listOutbox(trx, 'dead', 50, '40'))).toMatchSnapshot();
    expect(await record((trx) => listOutbox(trx, 'delivered', 50))).toMatchSnapshot();
    expect(await record((trx) => listOutbox(trx, 'delivered', 50, '40'))).toMatchSnapshot();
  });

  it('a dead message replayed, after checking it exists; the code it carries stays hidden (no SQL)', async () => {
    expect(
      await record(async (trx) => {
        await outboxMessageExists(trx, '41');
        await replayOutbox(trx, '41', NOW);
      }),
    ).toMatchSnapshot();
    // redactSecrets sends nothing: it is what the lists and the replay apply to the rows they read.
    const message = {
      id: '41',
      topic: 'sms',
      idempotencyKey: 'otp:1',
      payload: ROW.payload,
      attempts: 1,
      createdAt: NOW,
      availableAt: NOW,
      lastError: null,
      deliveredAt: null,
      deadAt: null,
    };
    expect(redactSecrets(message).payload.text).toBe('Mã xác nhận KT-••••••');
  });

  it('the national portal: one dossier’s sync state, a unit’s sync rate over a period', async () => {
    expect(
      await record(async (trx) => {
        await portalSyncOf(trx, DOSSIER);
        await portalSyncRate(trx, UNIT, FROM, TO);
      }),
    ).toMatchSnapshot();
  });
});
