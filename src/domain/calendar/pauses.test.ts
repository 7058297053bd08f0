import { describe, expect, it } from 'vitest';

import { Calendar } from './calendar';
import { computeDueWithPauses, type Pause } from './deadline';
import { OFFICIAL_YEARS } from './official';
import { DEFAULT_SCHEDULE } from './schedule';
import { formatVnIso, parseVnDate } from './time';

const calendar = new Calendar(OFFICIAL_YEARS);
const at = parseVnDate;

function due(mode: 'pause' | 'restart' | undefined, workingDays: number, pauses: Pause[], from = '2026-03-02T07:30') {
  const r = computeDueWithPauses({
    countedFrom: at(from),
    workingDays,
    pauses,
    ...(mode ? { mode } : {}),
    schedule: DEFAULT_SCHEDULE,
    calendar,
  });
  return [formatVnIso(r.countedFrom), r.dueAt && formatVnIso(r.dueAt)];
}

// Counting from Mon 2 Mar 2026 07:30, 2 days is due Tue 3 Mar 17:00 without pauses.
const supplement = { from: at('2026-03-02T13:00'), to: at('2026-03-04T13:00') };

describe('computeDueWithPauses', () => {
  it('without pauses is the plain deadline', () => {
    expect(due('pause', 2, [])).toEqual(['2026-03-02T07:30:00+07:00', '2026-03-03T17:00:00+07:00']);
    expect(due('restart', 2, [])).toEqual(['2026-03-02T07:30:00+07:00', '2026-03-03T17:00:00+07:00']);
  });

  it("'pause' leaves out the working time inside the pause", () => {
    // 4 h before the pause, 12 h after it from Wed 13:00.
    expect(due('pause', 2, [supplement])[1]).toBe('2026-03-05T17:00:00+07:00');
  });

  it("'pause' ignores a pause after the due time and merges overlapping pauses", () => {
    expect(due('pause', 0.5, [supplement])[1]).toBe('2026-03-02T11:30:00+07:00');
    const overlapping = [supplement, { from: at('2026-03-03T09:00'), to: at('2026-03-04T15:00') }];
    expect(due('pause', 2, overlapping)[1]).toBe('2026-03-06T09:30:00+07:00');
  });

  it("'pause' with a same-day procedure carries the rest of the day past the pause", () => {
    const hour = { from: at('2026-03-02T09:00'), to: at('2026-03-02T10:00') };
    expect(due('pause', 0, [hour])[1]).toBe('2026-03-03T08:30:00+07:00');
  });

  it("'restart' (the default) starts the whole time again when the complete dossier arrives", () => {
    expect(due(undefined, 2, [supplement])).toEqual([
      '2026-03-04T13:00:00+07:00',
      '2026-03-06T11:30:00+07:00', // 16 h run out at the end of Friday's morning session
    ]);
  });

  it("'restart' applies the cut-off to the arrival", () => {
    const late = { from: supplement.from, to: at('2026-03-04T16:00') };
    expect(due('restart', 2, [late])).toEqual(['2026-03-05T07:30:00+07:00', '2026-03-06T17:00:00+07:00']);
    expect(due('restart', 0, [late])[1]).toBe('2026-03-05T17:00:00+07:00');
  });

  it("'restart' does not start before the original count", () => {
    // Received after the cut-off on Friday, supplemented the same evening.
    const evening = {
      from: at('2026-03-06T16:00'),
      to: at('2026-03-06T18:00'),
    };
    expect(due('restart', 1, [evening], '2026-03-09T07:30')).toEqual(['2026-03-09T07:30:00+07:00', '2026-03-09T17:00:00+07:00']);
  });

  it('stops the clock while a pause is open', () => {
    const open = { from: at('2026-03-02T13:00') };
    expect(due('pause', 2, [open])).toEqual(['2026-03-02T07:30:00+07:00', null]);
    expect(due('restart', 2, [open])).toEqual(['2026-03-02T07:30:00+07:00', null]);
  });

  it('rejects a pause that ends before it starts', () => {
    expect(() => due('pause', 1, [{ from: supplement.to, to: supplement.from }])).toThrow(RangeError);
  });
});
