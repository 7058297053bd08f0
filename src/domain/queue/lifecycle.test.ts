import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedTicketActions,
  DEFAULT_QUEUE_SETTINGS,
  estimatedWaitMinutes,
  nextTicketStatus,
  percentile,
  pickNext,
  priorityTurn,
  QueueSettings,
  ticketNumber,
  type Candidate,
} from './lifecycle';

const t = (min: number) => new Date(Date.UTC(2026, 2, 2, 1, min));

describe('queue ticket lifecycle', () => {
  it('allows only the table’s actions', () => {
    expect(allowedTicketActions('waiting')).toEqual(['call', 'cancel']);
    expect(nextTicketStatus('called', 'recall')).toBe('called');
    expect(nextTicketStatus('serving', 'transfer')).toBe('waiting');
    expect(nextTicketStatus('waiting', 'finish')).toBeNull();
    expect(allowedTicketActions('finished')).toEqual([]);
  });

  it('defaults: Hanoi booking limits, 6 days ahead, elderly at 75', () => {
    expect(DEFAULT_QUEUE_SETTINGS).toMatchObject({ bookingsPerDay: 2, bookingsPerField: 1, bookingDaysAhead: 6, elderlyAge: 75 });
    expect(QueueSettings.safeParse({ priorityEvery: 0 }).success).toBe(false);
  });

  it('interleaves one priority ticket every N calls', () => {
    const s = { ordering: 'interleaved' as const, priorityEvery: 3 };
    expect([0, 1, 2, 3].map((n) => priorityTurn(s, n))).toEqual([false, false, true, true]);
    expect(priorityTurn({ ordering: 'strict', priorityEvery: 3 }, 0)).toBe(true);
  });

  it('picks due appointments first, then priority on its turn, else arrival order', () => {
    const a: Candidate = { id: 'a', arrivedAt: t(0), weight: 0, slotStart: null };
    const p: Candidate = { id: 'p', arrivedAt: t(5), weight: 2, slotStart: null };
    const b: Candidate = { id: 'b', arrivedAt: t(10), weight: 0, slotStart: t(20) };
    expect(pickNext([a, p, b], t(15), false)?.id).toBe('a');
    expect(pickNext([a, p, b], t(15), true)?.id).toBe('p');
    expect(pickNext([a, p, b], t(20), false)?.id).toBe('b');
    expect(pickNext([p], t(15), false)?.id).toBe('p');
    expect(pickNext([], t(15), true)).toBeNull();
  });

  it('property: with no appointments and no priority, the earliest arrival is always called', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 30 }), fc.boolean(), (mins, turn) => {
        const cands = mins.map((m, i) => ({ id: String(i), arrivedAt: t(m), weight: 0, slotStart: null }));
        expect(pickNext(cands, t(600), turn)!.arrivedAt.getTime()).toBe(Math.min(...cands.map((c) => c.arrivedAt.getTime())));
      }),
    );
  });

  it('numbers, waits and percentiles', () => {
    expect(ticketNumber('A', 12)).toBe('A012');
    expect(ticketNumber('B', 1234)).toBe('B1234');
    expect(estimatedWaitMinutes(4, 2, 15)).toBe(30);
    expect(estimatedWaitMinutes(0, 0, 15)).toBe(0);
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([5, 1, 3, 2, 4], 90)).toBe(5);
    expect(percentile([], 90)).toBe(0);
  });
});
