// The period's counters from facts: day boundaries at +07:00, each counter, open and late snapshots, sums (pure).
import { describe, expect, test } from 'vitest';
import type { Fact } from './facts';
import { addTallies, emptyTally, tallyFacts } from './tally';

const at = (s: string) => new Date(`${s}+07:00`);
function fact(over: Partial<Fact> = {}): Fact {
  return {
    id: 'd',
    unitId: 'u',
    procedureId: 'p',
    officerId: 'o',
    receivedAt: at('2026-03-02T08:00:00'),
    endAt: null,
    lateFrom: null,
    onTime: null,
    early: false,
    processingSeconds: null,
    online: false,
    onlineWithEResult: false,
    feeBearing: false,
    paidOnline: false,
    reused: false,
    populationData: false,
    withResult: false,
    eResult: false,
    digitised: false,
    storeLinked: false,
    synced: false,
    complained: false,
    signals: [],
    ...over,
  };
}

describe('tallyFacts', () => {
  test('received by the day at +07:00, both ends of the period included', () => {
    const days = ['2026-02-28T23:59:59', '2026-03-01T00:00:00', '2026-03-31T23:59:59', '2026-04-01T00:00:00'];
    const t = tallyFacts(
      days.map((d) => fact({ receivedAt: at(d), online: true })),
      '2026-03-01',
      '2026-03-31',
    );
    expect(t.received).toBe(2);
    expect(t.receivedOnline).toBe(2);
  });

  test('counters by the day received', () => {
    const t = tallyFacts(
      [
        fact({ online: true, synced: true, signals: ['late-step', 'not-digitised'] }),
        fact({ endAt: at('2026-03-05T08:00:00'), processingSeconds: 100, signals: ['late-step'] }),
        fact({ online: false }),
      ],
      '2026-03-01',
      '2026-03-31',
    );
    expect(t).toMatchObject({ received: 3, receivedOnline: 1, synced: 1, finishedFromReceived: 1, processingSeconds: 100 });
    expect(t.signals['late-step']).toBe(2);
    expect(t.signals['not-digitised']).toBe(1);
    expect(t.signals['unsigned-notice']).toBe(0);
  });

  test('counters by the day of the end event, both ends included', () => {
    const end = (d: string, over: Partial<Fact> = {}) => fact({ receivedAt: at('2026-01-05T08:00:00'), endAt: at(d), ...over });
    const t = tallyFacts(
      [
        end('2026-03-01T00:00:00', { onTime: true, early: true, withResult: true, eResult: true, digitised: true, storeLinked: true }),
        end('2026-03-31T23:59:59', { onTime: true, complained: true }),
        end('2026-03-15T10:00:00', { onTime: false }),
        end('2026-02-28T23:59:59', { onTime: true, early: true, storeLinked: true, withResult: true }),
        end('2026-04-01T00:00:00', { onTime: true, early: true, storeLinked: true, withResult: true }),
      ],
      '2026-03-01',
      '2026-03-31',
    );
    expect(t).toMatchObject({
      received: 0,
      finished: 3,
      finishedOnTime: 2,
      finishedEarly: 1,
      withResult: 1,
      eResult: 1,
      digitised: 1,
      storeLinked: 1,
      serviceSatisfied: 1,
    });
  });

  test('open and late at the start and at the end of the period', () => {
    const t = tallyFacts(
      [
        // Received before the period, still open, late from inside the period.
        fact({ receivedAt: at('2026-02-20T08:00:00'), lateFrom: at('2026-03-10T17:00:00') }),
        // Received before, late already before the period.
        fact({ receivedAt: at('2026-02-10T08:00:00'), lateFrom: at('2026-02-25T17:00:00') }),
        // Received exactly at the start: not open before it.
        fact({ receivedAt: at('2026-03-01T00:00:00') }),
        // Ended exactly at the start: still counted open before it.
        fact({ receivedAt: at('2026-02-01T08:00:00'), endAt: at('2026-03-01T00:00:00'), onTime: true }),
        // Late exactly at the start instant: not yet late.
        fact({ receivedAt: at('2026-02-01T08:00:00'), lateFrom: at('2026-03-01T00:00:00') }),
      ],
      '2026-03-01',
      '2026-03-31',
    );
    expect(t.openBefore).toBe(4);
    expect(t.lateBefore).toBe(1);
    expect(t.openAtEnd).toBe(4);
    expect(t.lateAtEnd).toBe(3);
  });
});

describe('addTallies', () => {
  test('every counter and every signal is summed', () => {
    const a = tallyFacts([fact({ online: true, signals: ['late-step'] })], '2026-03-01', '2026-03-31');
    const b = tallyFacts([fact({ synced: true, signals: ['late-step', 'unsigned-notice'] })], '2026-03-01', '2026-03-31');
    const s = addTallies(a, b);
    expect(s).toMatchObject({ received: 2, receivedOnline: 1, synced: 1, openAtEnd: 2 });
    expect(s.signals['late-step']).toBe(2);
    expect(s.signals['unsigned-notice']).toBe(1);
    // The inputs are left as they were.
    expect(a.received).toBe(1);
    expect(a.signals['late-step']).toBe(1);
    expect(addTallies(emptyTally(), emptyTally())).toEqual(emptyTally());
  });
});
