import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apologyPromptDue, smsUrgent } from './apology';

const H = 3_600_000;

describe('the apology prompt', () => {
  it('a dossier with days to go is prompted one working day (the margin) before the due time', () => {
    const p = { totalMs: 24 * H, marginMs: 8 * H, sameDayMarginMs: 1 * H };
    expect(apologyPromptDue({ ...p, leftMs: 9 * H })).toBe(false);
    expect(apologyPromptDue({ ...p, leftMs: 8 * H })).toBe(true);
  });

  it('a same-day dossier is not prompted at intake, only within the same-day margin', () => {
    const p = { totalMs: 8 * H, marginMs: 8 * H, sameDayMarginMs: 1 * H };
    expect(apologyPromptDue({ ...p, leftMs: 8 * H })).toBe(false);
    expect(apologyPromptDue({ ...p, leftMs: 2 * H })).toBe(false);
    expect(apologyPromptDue({ ...p, leftMs: 0.5 * H })).toBe(true);
  });

  it('never fires at intake, whatever the processing time and margins', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 * H }),
        fc.integer({ min: 0, max: 80 * H }),
        fc.integer({ min: 0, max: 8 * H }),
        (totalMs, marginMs, sameDayMarginMs) => {
          // At intake the time left is the whole processing time.
          return !apologyPromptDue({ leftMs: totalMs, totalMs, marginMs, sameDayMarginMs });
        },
      ),
    );
  });

  it('only overdue and breach alerts are urgent enough for a night-time SMS', () => {
    expect(smsUrgent('overdue')).toBe(true);
    expect(smsUrgent('breach')).toBe(true);
    expect(smsUrgent('apology-prompt')).toBe(false);
    expect(smsUrgent('due-soon-8h')).toBe(false);
  });
});
