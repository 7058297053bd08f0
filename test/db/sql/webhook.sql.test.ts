// The SQL of the webhook repository, snapshotted (see dossier.sql.test.ts).
import { describe, expect, it } from 'vitest';
import {
  deliveryTarget,
  disableSubscription,
  emitWebhookEvent,
  eventIdOf,
  findDelivery,
  findSubscription,
  insertSubscription,
  listDeliveries,
  listSubscriptions,
  recordAttempt,
  replayDelivery,
} from '../../../src/db/repositories/webhook.repository';
import { recordingDb } from '../../support/sql-recorder';

const CLIENT = '78000000-0000-4000-8000-000000000001';
const CLIENT2 = '78000000-0000-4000-8000-000000000002';
const SUB = '78000000-0000-4000-8000-000000000003';
const UNIT = '78000000-0000-4000-8000-000000000004';
const USER = '78000000-0000-4000-8000-000000000005';
const D = '78000000-0000-4000-8000-000000000006';
const NOW = new Date('2026-03-02T02:00:00.000Z');
const OUTBOX_ROW = {
  id: '42',
  payload: { subscriptionId: SUB, eventId: 'evt_x', type: 'dossier.received' },
  created_at: NOW,
  available_at: NOW,
  attempts: 1,
  last_error: null,
  delivered_at: NOW,
  dead_at: null,
};

describe('webhook repository SQL', () => {
  const { record } = recordingDb(() => [{ id: SUB }]);

  it('subscriptions: one created, read, the clients’ list, one disabled', async () => {
    expect(
      await record(async (trx) => {
        await insertSubscription(trx, {
          clientId: CLIENT,
          url: 'https://receiver.example/hook',
          events: ['dossier.received', 'dossier.finished'],
          unitIds: [UNIT],
          secret: 'whsec_x',
          createdBy: USER,
        });
        await findSubscription(trx, SUB);
        await listSubscriptions(trx, [CLIENT, CLIENT2]);
        await disableSubscription(trx, SUB, NOW);
      }),
    ).toMatchSnapshot();
  });

  it('an event: one outbox message per matching live subscription; a delivery: its target, the attempt logged', async () => {
    const empty = recordingDb(() => []);
    expect(
      await empty.record(async (trx) => {
        await emitWebhookEvent(trx, {
          type: 'dossier.received',
          scope: 'dossiers:read',
          unitId: UNIT,
          eventKey: `dossier.received:${D}`,
          at: NOW,
          data: { dossierId: D, code: 'H56.01-260302-0001' },
        });
        await deliveryTarget(trx, SUB);
        await recordAttempt(trx, {
          outboxId: '42',
          subscriptionId: SUB,
          at: NOW,
          statusCode: 500,
          error: 'Internal Server Error',
          durationMs: 120,
        });
      }),
    ).toMatchSnapshot();
    expect(eventIdOf(`dossier.received:${D}`)).toMatch(/^evt_[\w-]{26}$/);
  });

  it('the delivery log: the first page and the next (each with its attempts), one delivery, a replay', async () => {
    const withOutbox = recordingDb((q) => (q.sql.includes('webhook_attempt') ? [] : [OUTBOX_ROW]));
    expect(
      await withOutbox.record(async (trx) => {
        await listDeliveries(trx, SUB, 50);
        await listDeliveries(trx, SUB, 50, '42');
        await findDelivery(trx, '42');
        await replayDelivery(trx, '42', NOW);
      }),
    ).toMatchSnapshot();
  });
});
