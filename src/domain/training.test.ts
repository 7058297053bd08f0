// Training mode's pure rules: worlds never reach each other, and the exercise checks say what the law says.
import { describe, expect, it } from 'vitest';
import { unitsWhere, type Actor, type UnitNode } from './access';
import type { FeedbackAnswer } from './feedback/answer-checks';
import { checkExercise, crossesTrainingBoundary, isTrainingIdNumber, worldOf, type CheckInput } from './training';

const tree: UnitNode[] = [
  { id: 'P', parentId: null, type: 'province' },
  { id: 'W', parentId: 'P', type: 'ward' },
  { id: 'TW', parentId: 'P', type: 'ward', training: true },
  { id: 'TP', parentId: null, type: 'province', training: true },
  { id: 'TPW', parentId: 'TP', type: 'ward', training: true },
];
const actor = (unitId: string, role: Actor['roles'][number]['role']): Actor => ({
  userId: 'u',
  username: 'u',
  fullName: 'u',
  roles: [{ unitId, role }],
});

describe('worlds', () => {
  it('a real province reaches its real units only; a training province its training ones; the system admin the real world', () => {
    expect([...unitsWhere(actor('P', 'province-admin'), tree)].sort()).toEqual(['P', 'W']);
    expect([...unitsWhere(actor('TP', 'province-admin'), tree)].sort()).toEqual(['TP', 'TPW']);
    expect([...unitsWhere(actor('P', 'system-admin'), tree)].sort()).toEqual(['P', 'W']);
  });

  it('crossing in either direction is named; unknown ids are not a crossing', () => {
    const trainee = actor('TW', 'reception-officer');
    expect(worldOf(trainee, tree)).toBe('training');
    expect(crossesTrainingBoundary(trainee, tree, ['W'])).toBe('training-to-real');
    expect(crossesTrainingBoundary(trainee, tree, ['TW', 'nope'])).toBeNull();
    expect(crossesTrainingBoundary(actor('W', 'specialist'), tree, ['TPW'])).toBe('real-to-training');
    expect(isTrainingIdNumber('000090000001')).toBe(true);
    expect(isTrainingIdNumber('038090000001')).toBe(false);
  });
});

describe('exercise checks', () => {
  const start = new Date('2026-12-03T02:00:00Z');
  const later = new Date('2026-12-03T02:05:00Z');
  const ev = (action: string, data: Record<string, unknown> = {}, actorId = 't') => ({ action, actorId, at: later, reason: '', data });
  const dossier = {
    status: 'awaiting-supplement',
    applicantIdNumber: '000090000001',
    registryUsed: true,
    receivedBy: 'i',
    receivedAt: start,
  };

  it('a supplement without a reason for each paper fails, quoting Decree 118 Art. 11', () => {
    const r = checkExercise({
      exercise: 'supplement-request',
      trainee: 't',
      startedAt: start,
      dossier,
      events: [ev('request-supplement', { items: [{ componentId: 'c', reason: '' }] })],
      idNumber: '',
    });
    expect(r.passed).toBe(false);
    expect(r.findings.find((f) => !f.ok)!.law!.vi).toContain('Nghị định 118, Điều 11');
  });

  it('events of others or from before the start do not count for the trainee', () => {
    const r = checkExercise({
      exercise: 'return-result',
      trainee: 't',
      startedAt: start,
      dossier: { ...dossier, status: 'returned' },
      events: [ev('return-result', {}, 'someone-else')],
      idNumber: '',
    });
    expect(r.passed).toBe(false);
  });

  it('a withdrawal recorded before the stop passes', () => {
    const r = checkExercise({
      exercise: 'withdrawal-on-request',
      trainee: 't',
      startedAt: start,
      dossier: { ...dossier, status: 'stopped' },
      events: [ev('record-withdrawal-request'), { ...ev('stop'), at: new Date(later.getTime() + 1000) }],
      idNumber: '',
    });
    expect(r.passed).toBe(true);
    expect(r.findings.every((f) => f.law === null)).toBe(true);
  });
});

describe('feedback answer', () => {
  const start = new Date('2026-12-03T02:00:00Z');
  const at = (min: number) => new Date(start.getTime() + min * 60_000);
  const points = ['Hồ sơ trả chậm', 'Không giải thích lý do'];
  const specific: FeedbackAnswer = {
    outcome: 'accepted',
    legalBasis: [{ document: 'Nghị định 118/2025/NĐ-CP', article: 'Điều 19' }],
    points: [
      {
        point: points[0]!,
        response:
          'Hồ sơ của Ông/Bà trả chậm hai ngày do bộ phận chuyên môn chưa chuyển kết quả; Trung tâm đã xin lỗi bằng văn bản và trả kết quả ngày 2/12.',
      },
      {
        point: points[1]!,
        response: 'Cán bộ tiếp nhận đã bị nhắc nhở vì không thông báo lý do chậm; từ nay phiếu xin lỗi được gửi trước ngày hẹn.',
      },
    ],
    actions: [],
  };
  const ev = (action: string, min: number, actorId = 't') => ({ action, actorId, at: at(min), reason: '', data: {} });
  const input = (feedback: NonNullable<CheckInput['feedback']>): CheckInput => ({
    exercise: 'feedback-answer',
    trainee: 't',
    startedAt: start,
    dossier: null,
    events: [],
    idNumber: '',
    feedback,
  });
  const done = {
    status: 'published',
    answer: specific,
    points,
    refused: [],
    events: [ev('answer', 1), ev('approve', 2, 'l'), ev('publish', 3)],
  };

  it('a specific answer by the trainee, approved after it and then published, passes', () => {
    const r = checkExercise(input(done));
    expect(r.passed).toBe(true);
    expect(r.findings.map((f) => f.rule)).toEqual(['feedback-answer-specific', 'feedback-published']);
    expect(r.findings.every((f) => f.law === null)).toBe(true);
  });

  it('a vague answer (refused by the service) fails, naming the checks and quoting the rule on specific answers', () => {
    const r = checkExercise(
      input({
        status: 'accepted',
        answer: null,
        points,
        events: [],
        refused: [{ actorId: 't', at: at(1), checks: ['boilerplate', 'too-short'] }],
      }),
    );
    expect(r.passed).toBe(false);
    expect(r.findings[0]!.rule).toBe('feedback-answer-specific');
    expect(r.findings[0]!.message.vi).toContain('đã tiếp nhận');
    expect(r.findings[0]!.law!.vi).toContain('căn cứ pháp lý (văn bản và điều khoản)');
    expect(r.findings[0]!.law!.en).toContain('Decree 61 Art. 31(1)(g)');
  });

  it('no answer at all fails with the process rule (F766 §5.2)', () => {
    const r = checkExercise(input({ status: 'accepted', answer: null, points, events: [], refused: [] }));
    expect(r.passed).toBe(false);
    expect(r.findings[0]!.rule).toBe('feedback-answered');
    expect(r.findings[0]!.law!.en).toContain('F766 §5.2');
  });

  it('a stored answer that misses a point raised fails the specific check', () => {
    const partial = { ...specific, points: [specific.points[0]!] };
    const r = checkExercise(input({ ...done, answer: partial }));
    expect(r.passed).toBe(false);
    expect(r.findings.find((f) => f.rule === 'feedback-answer-specific')!.ok).toBe(false);
  });

  it('answered but not approved and published fails; published without a review after the last answer fails', () => {
    const answered = checkExercise(input({ ...done, status: 'answered', events: [ev('answer', 1)] }));
    expect(answered.passed).toBe(false);
    expect(answered.findings.find((f) => f.rule === 'feedback-published')!.law!.vi).toContain('15 ngày làm việc');
    const approvedOnly = checkExercise(input({ ...done, status: 'approved', events: [ev('answer', 1), ev('approve', 2, 'l')] }));
    expect(approvedOnly.findings.find((f) => f.rule === 'feedback-published')!.message.en).toContain('not published');
    const reviewBefore = checkExercise(input({ ...done, events: [ev('approve', 0, 'l'), ev('answer', 1), ev('publish', 3)] }));
    expect(reviewBefore.passed).toBe(false);
  });

  it('answers by someone else or before the start are not the trainee’s', () => {
    const r = checkExercise(input({ ...done, events: [ev('answer', 1, 'other'), ev('approve', 2, 'l'), ev('publish', 3)] }));
    expect(r.passed).toBe(false);
    const early = checkExercise(input({ ...done, events: [ev('answer', -5), ev('approve', 2, 'l'), ev('publish', 3)] }));
    expect(early.passed).toBe(false);
  });
});
