import { describe, expect, it } from 'vitest';
import { Calendar, DEFAULT_SCHEDULE, OFFICIAL_YEARS, parseVnDate } from '../calendar/index';
import { handoffs, stepCompletedBy, stepTimeline, type StepDef } from './steps';

const calendar = new Calendar(OFFICIAL_YEARS);
const steps: StepDef[] = [
  { name: 'Tiếp nhận', role: 'reception-officer', share: 0.125 },
  { name: 'Thẩm định', role: 'specialist', share: 0.5 },
  { name: 'Ký duyệt', role: 'leader', share: 0.25 },
  { name: 'Trả kết quả', role: 'reception-officer', share: 0.125 },
];
const t = (s: string) => parseVnDate(s);

describe('step budgets', () => {
  it("splits 2 working days by the steps' shares and marks early, late and current steps", () => {
    const from = t('2026-03-02T07:30');
    const due = t('2026-03-03T17:00');
    const events = [
      { action: 'create', at: from, actorName: 'Lan' },
      { action: 'assign', at: t('2026-03-02T08:00'), actorName: 'Lan', data: { assigneeName: 'Hùng' } },
      { action: 'submit-for-approval', at: t('2026-03-03T14:00'), actorName: 'Hùng' }, // budget ends Tue 11:30
    ];
    const tl = stepTimeline(steps, events, from, 2, due, DEFAULT_SCHEDULE, calendar, t('2026-03-03T14:30'));
    expect(tl.map((s) => s.dueAt?.toISOString())).toEqual([
      t('2026-03-02T09:30').toISOString(), // 2 h of 16
      t('2026-03-03T09:30').toISOString(), // +8 h
      t('2026-03-03T15:00').toISOString(), // +4 h
      due.toISOString(),
    ]);
    expect(tl.map((s) => s.state)).toEqual(['done-early', 'done-late', 'current', 'pending']);
    const late = stepTimeline(steps, events, from, 2, due, DEFAULT_SCHEDULE, calendar, t('2026-03-03T15:30'));
    expect(late[2]!.state).toBe('late');
    const h = handoffs(events, tl);
    expect(h.map((x) => [x.giver, x.receiver, x.result])).toEqual([
      ['Lan', 'Lan', 'early'],
      ['Lan', 'Hùng', 'pending'],
      ['Hùng', '', 'late'],
    ]);
  });

  it('marks the step an action completes, late when it comes after its budget (the late-step signal)', () => {
    const from = t('2026-03-02T07:30');
    const due = t('2026-03-03T17:00');
    const before = [
      { action: 'create', at: from, actorName: 'Lan' },
      { action: 'assign', at: t('2026-03-02T08:00'), actorName: 'Lan' },
    ];
    const mark = (action: string, at: Date, events = before) =>
      stepCompletedBy(steps, events, action, at, from, 2, due, DEFAULT_SCHEDULE, calendar);
    // The specialist's budget ends Tue 09:30 (2 h + 8 h of 16 working hours).
    expect(mark('submit-for-approval', t('2026-03-03T09:30'))).toEqual({
      name: 'Thẩm định',
      role: 'specialist',
      dueAt: t('2026-03-03T09:30').toISOString(),
      early: false,
      late: false,
    });
    expect(mark('submit-for-approval', t('2026-03-03T08:00'))).toMatchObject({ early: true, late: false });
    expect(mark('submit-for-approval', t('2026-03-03T14:00'))).toMatchObject({ name: 'Thẩm định', late: true });
    // The leader's step (due Tue 15:00) after a specialist's submission.
    const submitted = [...before, { action: 'submit-for-approval', at: t('2026-03-03T09:00'), actorName: 'Hùng' }];
    expect(mark('approve', t('2026-03-03T16:00'), submitted)).toMatchObject({ name: 'Ký duyệt', role: 'leader', late: true });
    // Actions that complete no step mark nothing.
    expect(mark('request-supplement', t('2026-03-02T10:00'))).toBeNull();
    expect(mark('assign', t('2026-03-02T10:00'))).toBeNull();
  });
});
