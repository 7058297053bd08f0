// A deadline's clock through its events, worked by hand on the default office hours (07:30–11:30, 13:00–17:00,
// Monday to Friday, cut-off 15:00) in March 2026, a month without holidays.
import { describe, expect, it } from 'vitest';
import { Calendar } from './calendar';
import { extendClock, openPauseSince, pauseClock, recomputeClock, resumeClock, scheduleOf, startClock, type ClockState } from './clock';
import { OFFICIAL_YEARS } from './official';
import { DEFAULT_SCHEDULE } from './schedule';
import { formatVnIso, parseVnDate } from './time';

const calendar = new Calendar(OFFICIAL_YEARS);
const vn = (s: string) => parseVnDate(s);
const iso = (d: Date | null | undefined) => (d ? formatVnIso(d) : d);

const state = (over: Partial<ClockState> = {}): ClockState => ({
  receivedAt: vn('2026-03-02T09:10'),
  workingDays: 1,
  mode: 'pause',
  pauses: [],
  countedFrom: vn('2026-03-02T09:10'),
  dueAt: vn('2026-03-03T09:10'),
  overrideDueAt: null,
  ...over,
});

describe('the clock of one deadline', () => {
  it('starts at receipt: one working day from Monday 09:10 is Tuesday 09:10', () => {
    const c = startClock(vn('2026-03-02T09:10'), 1, DEFAULT_SCHEDULE, calendar);
    expect([iso(c.countedFrom), iso(c.dueAt)]).toEqual(['2026-03-02T09:10:00+07:00', '2026-03-03T09:10:00+07:00']);
  });

  it('a pause opens at now and leaves the due time unknown', () => {
    const prior = { from: '2026-03-02T01:00:00.000Z', to: '2026-03-02T02:00:00.000Z' };
    expect(pauseClock({ pauses: [prior] }, vn('2026-03-02T10:10'))).toEqual({
      pauses: [prior, { from: vn('2026-03-02T10:10').toISOString() }],
      due_at: null,
    });
  });

  it('resuming in pause mode closes the open pause and adds the working time it took (150 minutes)', () => {
    const from = vn('2026-03-02T10:10').toISOString();
    const earlier = { from: vn('2026-03-02T09:20').toISOString(), to: vn('2026-03-02T09:20').toISOString() };
    const r = resumeClock(state({ pauses: [earlier, { from }] }), vn('2026-03-02T14:10'), DEFAULT_SCHEDULE, calendar);
    // 10:10–11:30 and 13:00–14:10 paused: Tuesday 09:10 + 150 working minutes = 11:30 (140) + 10 after 13:00.
    expect(r.pauses).toEqual([earlier, { from, to: vn('2026-03-02T14:10').toISOString() }]);
    expect(iso(r.due_at)).toBe('2026-03-03T13:10:00+07:00');
    expect(iso(r.counted_from)).toBe('2026-03-02T09:10:00+07:00');
  });

  it('resuming in restart mode counts the whole time again from the resumption', () => {
    const r = resumeClock(
      state({ mode: 'restart', pauses: [{ from: vn('2026-03-02T10:10').toISOString() }] }),
      vn('2026-03-02T14:10'),
      DEFAULT_SCHEDULE,
      calendar,
    );
    expect([iso(r.counted_from), iso(r.due_at)]).toEqual(['2026-03-02T14:10:00+07:00', '2026-03-03T14:10:00+07:00']);
  });

  it('resuming with no open pause changes no pause', () => {
    const closed = [{ from: vn('2026-03-02T10:10').toISOString(), to: vn('2026-03-02T11:10').toISOString() }];
    expect(resumeClock(state({ pauses: closed }), vn('2026-03-02T14:10'), DEFAULT_SCHEDULE, calendar).pauses).toEqual(closed);
  });

  it('an apology’s date stays through a resumption and a recomputation', () => {
    const promised = vn('2026-03-20T17:00');
    const paused = state({ overrideDueAt: promised, pauses: [{ from: vn('2026-03-02T10:10').toISOString() }] });
    expect(resumeClock(paused, vn('2026-03-02T14:10'), DEFAULT_SCHEDULE, calendar).due_at).toEqual(promised);
    expect(recomputeClock(state({ overrideDueAt: promised }), DEFAULT_SCHEDULE, calendar).dueAt).toEqual(promised);
    expect(extendClock(promised)).toEqual({ override_due_at: promised, due_at: promised });
  });

  it('recomputing after a calendar change counts again from the receipt', () => {
    const r = recomputeClock(state({ countedFrom: vn('2026-03-01T00:00'), dueAt: null }), DEFAULT_SCHEDULE, calendar);
    expect([iso(r.countedFrom), iso(r.dueAt)]).toEqual(['2026-03-02T09:10:00+07:00', '2026-03-03T09:10:00+07:00']);
    // With the cut-off at 16:00, a receipt at 15:30 counts from that instant (with the default 15:00 cut-off it would count from the next morning).
    const late = recomputeClock(state({ receivedAt: vn('2026-03-02T15:30') }), { ...DEFAULT_SCHEDULE, cutoff: '16:00' }, calendar);
    expect(iso(late.countedFrom)).toBe('2026-03-02T15:30:00+07:00');
  });

  it('the open pause is the last one without an end', () => {
    expect(openPauseSince([])).toBeNull();
    expect(openPauseSince([{ from: '2026-03-02T03:00:00.000Z', to: '2026-03-02T04:00:00.000Z' }])).toBeNull();
    expect(
      openPauseSince([
        { from: '2026-03-02T01:00:00.000Z' },
        { from: '2026-03-02T03:00:00.000Z', to: '2026-03-02T04:00:00.000Z' },
        { from: '2026-03-02T05:00:00.000Z' },
      ]),
    ).toEqual(new Date('2026-03-02T05:00:00.000Z'));
  });

  it('a unit’s stored office hours become a schedule; a procedure’s cut-off wins over the unit’s', () => {
    const u = { office_sessions: [{ start: '08:00', end: '12:00' }], working_weekdays: [1, 2, 3, 4, 5, 6], cutoff_time: '15:00' };
    expect(scheduleOf(u)).toEqual({ sessions: [{ start: '08:00', end: '12:00' }], weekdays: [1, 2, 3, 4, 5, 6], cutoff: '15:00' });
    expect(scheduleOf(u, '10:00').cutoff).toBe('10:00');
  });
});
