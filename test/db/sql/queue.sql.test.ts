// The SQL of the queue repository, snapshotted: a changed query shows in review as a changed snapshot
// (test/db/sql/__snapshots__). Update with `npx vitest run test/db/sql -u` and read the diff.
import { describe, expect, it } from 'vitest';
import {
  appendTicketEvent,
  calledTicketTimes,
  capacityRows,
  claimNextTicket,
  closeCounterSession,
  countOpenCountersServing,
  countWaitingAhead,
  findBoard,
  findCounter,
  findDossierAtReception,
  findDossierForRating,
  findFieldName,
  findKiosk,
  findPointServing,
  findQueueSettings,
  findTicketForRating,
  findTicketOfDossier,
  findTicketView,
  findTransferTarget,
  getFieldPrefix,
  holdsCounter,
  insertCounterRating,
  insertTicket,
  lastHandlingTimes,
  listOpenSessions,
  listRatings,
  lockCounter,
  lockCounterSession,
  lockCurrentTicket,
  markTicketCalled,
  nextTicketSeq,
  openCounterSession,
  ratingExists,
  setOrdinarySincePriority,
  setRatingFeedback,
  updateTicket,
  waitingLine,
} from '../../../src/db/repositories/queue.repository';
import { GENERIC_ROW, recordingDb } from '../../support/sql-recorder';

const UNIT = '30000000-0000-4000-8000-000000000001';
const FIELD = '30000000-0000-4000-8000-000000000002';
const POINT = '30000000-0000-4000-8000-000000000003';
const COUNTER = '30000000-0000-4000-8000-000000000004';
const TICKET = '30000000-0000-4000-8000-000000000005';
const USER = '30000000-0000-4000-8000-000000000006';
const D = '30000000-0000-4000-8000-000000000007';
const NOW = new Date('2026-03-02T02:00:00.000Z');
const LATER = new Date('2026-04-01T00:00:00.000Z');

describe('queue repository SQL: call next', () => {
  const { record } = recordingDb();

  it('claims the next ticket with FOR UPDATE SKIP LOCKED: ordinary turn and priority turn', async () => {
    const c = { counterId: COUNTER, receptionPointId: POINT, day: '2026-03-02', now: NOW };
    expect(await record((trx) => claimNextTicket(trx, { ...c, priorityTurn: false }))).toMatchSnapshot();
    expect(await record((trx) => claimNextTicket(trx, { ...c, priorityTurn: true }))).toMatchSnapshot();
  });

  it('the counter locked, held, its current ticket; the call, the priority count, the line and its near notice', async () => {
    expect(
      await record(async (trx) => {
        await lockCounter(trx, COUNTER);
        await holdsCounter(trx, COUNTER, USER);
        await lockCurrentTicket(trx, COUNTER);
        await markTicketCalled(trx, TICKET, { counterId: COUNTER, officerId: USER, now: NOW });
        await setOrdinarySincePriority(trx, COUNTER, 2);
        await appendTicketEvent(trx, {
          ticketId: TICKET,
          at: NOW,
          action: 'call',
          from: 'waiting',
          to: 'called',
          counterId: COUNTER,
          officerId: USER,
          details: { callCount: 1 },
        });
        await waitingLine(trx, POINT, FIELD, '2026-03-02', 3);
        await updateTicket(trx, TICKET, { near_notified: true });
        await findTicketView(trx, TICKET);
      }),
    ).toMatchSnapshot();
  });

  it('finish naming a dossier, transfer', async () => {
    expect(
      await record(async (trx) => {
        await findDossierAtReception(trx, D);
        await updateTicket(trx, TICKET, { status: 'finished', finished_at: NOW, dossier_id: D });
        await findTransferTarget(trx, COUNTER);
        await updateTicket(trx, TICKET, { status: 'waiting', target_counter_id: COUNTER, call_count: 0, started_at: null });
      }),
    ).toMatchSnapshot();
  });
});

describe('queue repository SQL: kiosk, tickets, counters', () => {
  const { record } = recordingDb(() => [{ ...GENERIC_ROW, parent_id: null, field_id: FIELD, settings: {} }]);

  it('settings, the kiosk, the point serving a field', async () => {
    expect(
      await record(async (trx) => {
        await findQueueSettings(trx, UNIT);
        await findKiosk(trx, UNIT);
        await findPointServing(trx, UNIT, FIELD);
        await findPointServing(trx, UNIT, FIELD, POINT);
        await findFieldName(trx, FIELD);
      }),
    ).toMatchSnapshot();
  });

  it('a ticket issued: number, row, place in line, open counters, handling times', async () => {
    expect(
      await record(async (trx) => {
        await getFieldPrefix(trx, FIELD);
        await nextTicketSeq(trx, UNIT, '2026-03-02', 'A');
        await insertTicket(trx, {
          unit_id: UNIT,
          reception_point_id: POINT,
          field_id: FIELD,
          day: '2026-03-02',
          number: 'A001',
          priority: null,
          weight: 0,
          phone: null,
          appointment_id: null,
          slot_start: null,
          arrived_at: NOW,
        });
        await countWaitingAhead(trx, { pointId: POINT, fieldId: FIELD, day: '2026-03-02', before: NOW });
        await countWaitingAhead(trx, { pointId: POINT, fieldId: FIELD, before: NOW });
        await countOpenCountersServing(trx, POINT, FIELD);
        await lastHandlingTimes(trx, UNIT, FIELD, 50);
        await findBoard(trx, UNIT, '2026-03-02');
      }),
    ).toMatchSnapshot();
  });

  it('counter sessions: who holds what, sign in, sign out', async () => {
    expect(
      await record(async (trx) => {
        await findCounter(trx, COUNTER);
        await listOpenSessions(trx, UNIT);
        await lockCounterSession(trx, COUNTER);
        await openCounterSession(trx, COUNTER, USER, NOW);
        await closeCounterSession(trx, COUNTER, USER, NOW);
      }),
    ).toMatchSnapshot();
  });
});

describe('queue repository SQL: stats and ratings', () => {
  const { record } = recordingDb(() => []);

  it('capacity per weekday and hour, the waits of called tickets', async () => {
    expect(await record((trx) => capacityRows(trx, { unitId: UNIT, from: '2026-03-01', to: '2026-03-31' }))).toMatchSnapshot();
    expect(
      await record(async (trx) => {
        await calledTicketTimes(trx, UNIT, '2026-03-01', '2026-03-31');
        await calledTicketTimes(trx, UNIT, '2026-03-01', '2026-03-31', true);
        await calledTicketTimes(trx, UNIT, '2026-03-01', '2026-03-31', false);
      }),
    ).toMatchSnapshot();
  });

  it('a rating: the visit, once, the row, its feedback; the scores of a period', async () => {
    expect(
      await record(async (trx) => {
        await findTicketForRating(trx, TICKET);
        await findDossierForRating(trx, 'X-260302-0001');
        await findTicketOfDossier(trx, D);
        await ratingExists(trx, { ticketId: TICKET, dossierId: null });
        await ratingExists(trx, { ticketId: null, dossierId: D });
        await listRatings(trx, UNIT, NOW, LATER);
      }),
    ).toMatchSnapshot();
  });
});

describe('queue repository SQL: writes that return', () => {
  const { record } = recordingDb();

  it('the rating row and its feedback', async () => {
    expect(
      await record(async (trx) => {
        await insertCounterRating(trx, {
          unit_id: UNIT,
          ticket_id: TICKET,
          dossier_id: null,
          officer_id: USER,
          counter_id: COUNTER,
          contacts: 2,
          bodies: 1,
          publicity: null,
          attitude: 0,
          comment: 'slow',
          low: true,
          feedback_id: null,
          at: NOW,
        });
        await setRatingFeedback(trx, TICKET, D);
      }),
    ).toMatchSnapshot();
  });
});
