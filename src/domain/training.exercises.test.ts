// Training mode, rule by rule: each guided exercise's findings (rule, verdict, message in both languages, the law
// quoted when it fails), the boundaries of "the trainee's own work since the start", and the two worlds.
import { describe, expect, it } from 'vitest';
import type { Actor, UnitNode } from './access';
import type { FeedbackAnswer } from './feedback/answer-checks';
import {
  checkExercise,
  crossesTrainingBoundary,
  isTrainingIdNumber,
  isTrainingUnit,
  LAW,
  scenarioText,
  worldOf,
  type CheckEvent,
  type CheckInput,
} from './training';

const tree: UnitNode[] = [
  { id: 'P', parentId: null, type: 'province' },
  { id: 'W', parentId: 'P', type: 'ward' },
  { id: 'TP', parentId: null, type: 'province', training: true },
  { id: 'TW', parentId: 'TP', type: 'ward', training: true },
];
const person = (...units: string[]): Actor => ({
  userId: 'u',
  username: 'u',
  fullName: 'u',
  roles: units.map((unitId) => ({ unitId, role: 'specialist' as const })),
});

describe('the two worlds', () => {
  it('a training ID number is exactly twelve digits starting 000', () => {
    expect(isTrainingIdNumber('000123456789')).toBe(true);
    expect(isTrainingIdNumber('0001234567890')).toBe(false); // thirteen digits
    expect(isTrainingIdNumber('00012345678')).toBe(false); // eleven digits
    expect(isTrainingIdNumber('000-123456789012')).toBe(false); // ends in twelve digits, starts 000, not a number
    expect(isTrainingIdNumber('001123456789')).toBe(false);
  });

  it('a unit is training only when the tree says so; an unknown unit is not', () => {
    expect(isTrainingUnit(tree, 'TW')).toBe(true);
    expect(isTrainingUnit(tree, 'W')).toBe(false);
    expect(isTrainingUnit(tree, 'nope')).toBe(false);
  });

  it('an account with no role works in no world and crosses nothing', () => {
    expect(worldOf(person(), tree)).toBe('none');
    expect(crossesTrainingBoundary(person(), tree, ['TW', 'W'])).toBeNull();
  });

  it('any training role puts the account in the training world', () => {
    expect(worldOf(person('W'), tree)).toBe('real');
    expect(worldOf(person('TW'), tree)).toBe('training');
    expect(worldOf(person('W', 'TW'), tree)).toBe('training');
  });

  it('staying in one’s own world is no crossing, whichever world', () => {
    expect(crossesTrainingBoundary(person('W'), tree, ['P', 'W'])).toBeNull();
    expect(crossesTrainingBoundary(person('TW'), tree, ['TP', 'TW'])).toBeNull();
    expect(crossesTrainingBoundary(person('TW'), tree, ['TW', 'P'])).toBe('training-to-real');
    expect(crossesTrainingBoundary(person('W'), tree, ['W', 'TP'])).toBe('real-to-training');
  });
});

const START = new Date('2026-12-03T02:00:00Z');
const at = (min: number) => new Date(START.getTime() + min * 60_000);
const ev = (action: string, min: number, data: Record<string, unknown> = {}, actorId: string | null = 't'): CheckEvent => ({
  action,
  actorId,
  at: at(min),
  reason: '',
  data,
});
const base = (over: Partial<CheckInput>): CheckInput => ({
  exercise: 'routine-intake',
  trainee: 't',
  startedAt: START,
  dossier: null,
  events: [],
  idNumber: '000123456789',
  ...over,
});
const dossier = (over: Partial<NonNullable<CheckInput['dossier']>> = {}): NonNullable<CheckInput['dossier']> => ({
  status: 'received',
  applicantIdNumber: '000123456789',
  registryUsed: true,
  receivedBy: 't',
  receivedAt: at(3),
  ...over,
});

describe('routine intake', () => {
  const intake = (d: CheckInput['dossier']) => checkExercise(base({ exercise: 'routine-intake', dossier: d }));

  it('received by the trainee, complete, from the registry: three findings that pass, no law quoted', () => {
    const r = intake(dossier());
    expect(r.passed).toBe(true);
    expect(r.findings).toEqual([
      {
        rule: 'intake-created',
        ok: true,
        message: {
          vi: 'Đã tiếp nhận hồ sơ và cấp phiếu tiếp nhận, hẹn trả kết quả.',
          en: 'The dossier was received and a receipt issued.',
        },
        law: null,
      },
      {
        rule: 'intake-complete',
        ok: true,
        message: {
          vi: 'Hồ sơ đầy đủ được tiếp nhận, không từ chối hay yêu cầu bổ sung.',
          en: 'The complete dossier was received, not refused nor sent back.',
        },
        law: null,
      },
      {
        rule: 'intake-registry',
        ok: true,
        message: { vi: 'Thông tin công dân lấy từ CSDL dân cư.', en: 'The citizen’s data came from the population registry.' },
        law: null,
      },
    ]);
  });

  it('no dossier: one failed finding quoting the one-outcome rule of intake', () => {
    const r = intake(null);
    expect(r.passed).toBe(false);
    expect(r.findings).toEqual([
      {
        rule: 'intake-created',
        ok: false,
        message: { vi: 'Chưa có hồ sơ nào được tiếp nhận cho công dân này.', en: 'No dossier was received for this citizen.' },
        law: LAW['intake-one-outcome'],
      },
    ]);
  });

  it('a dossier received by someone else, or before the exercise started, is not the trainee’s', () => {
    expect(intake(dossier({ receivedBy: 'other' })).findings.map((f) => [f.rule, f.ok])).toEqual([['intake-created', false]]);
    expect(intake(dossier({ receivedBy: null })).passed).toBe(false);
    expect(intake(dossier({ receivedAt: at(-1) })).findings.map((f) => [f.rule, f.ok])).toEqual([['intake-created', false]]);
    // Received at the very minute the exercise started counts.
    expect(intake(dossier({ receivedAt: START })).passed).toBe(true);
  });

  it.each(['refused', 'awaiting-supplement'])('a complete dossier %s fails the one-outcome rule', (status) => {
    const r = intake(dossier({ status }));
    expect(r.passed).toBe(false);
    expect(r.findings[1]).toEqual({
      rule: 'intake-complete',
      ok: false,
      message: {
        vi: 'Hồ sơ đầy đủ không được từ chối hoặc yêu cầu bổ sung.',
        en: 'A complete dossier must not be refused or sent back for a supplement.',
      },
      law: LAW['intake-one-outcome'],
    });
    expect(r.findings[2]!.ok).toBe(true);
  });

  it.each(['in-progress', 'result-ready'])('a dossier moved on to %s still counts as received', (status) => {
    expect(intake(dossier({ status })).passed).toBe(true);
  });

  it('data typed in again instead of taken from the registry fails “information only once”', () => {
    const r = intake(dossier({ registryUsed: false }));
    expect(r.passed).toBe(false);
    expect(r.findings.map((f) => f.ok)).toEqual([true, true, false]);
    expect(r.findings[2]).toEqual({
      rule: 'intake-registry',
      ok: false,
      message: {
        vi: 'Không tra cứu CSDL dân cư: công dân phải khai lại thông tin.',
        en: 'The registry was not used: the citizen had to give the data again.',
      },
      law: LAW['registry-once'],
    });
    expect(r.findings[2]!.law!.en).toContain('Decree 224/2026 Art. 15');
  });
});

describe('supplement request', () => {
  const run = (events: CheckEvent[]) => checkExercise(base({ exercise: 'supplement-request', dossier: dossier(), events }));
  const good = { items: [{ componentId: 'c1', reason: 'Bản chụp mờ, không đọc được' }] };

  it('one request listing each paper with its reason passes with two findings', () => {
    const r = run([ev('accept', 1), ev('request-supplement', 2, good)]);
    expect(r.passed).toBe(true);
    expect(r.findings).toEqual([
      {
        rule: 'supplement-once',
        ok: true,
        message: { vi: 'Đã yêu cầu bổ sung một lần.', en: 'The supplement was requested once.' },
        law: null,
      },
      {
        rule: 'supplement-written-list',
        ok: true,
        message: { vi: 'Văn bản nêu rõ từng giấy tờ cần bổ sung và lý do.', en: 'The request lists each paper needed with its reason.' },
        law: null,
      },
    ]);
  });

  it('no request: a single failed finding quoting Decree 118 Art. 11', () => {
    const r = run([ev('accept', 1), ev('assign', 2)]);
    expect(r.passed).toBe(false);
    expect(r.findings).toEqual([
      {
        rule: 'supplement-once',
        ok: false,
        message: { vi: 'Chưa gửi yêu cầu bổ sung.', en: 'No supplement request was sent.' },
        law: LAW['supplement-once'],
      },
    ]);
  });

  it('two requests fail “once”, whatever the list says', () => {
    const r = run([ev('request-supplement', 1, good), ev('request-supplement', 2, good)]);
    expect(r.passed).toBe(false);
    expect(r.findings[0]).toEqual({
      rule: 'supplement-once',
      ok: false,
      message: { vi: 'Yêu cầu bổ sung nhiều hơn một lần.', en: 'More than one supplement request.' },
      law: LAW['supplement-once'],
    });
    expect(r.findings[1]!.ok).toBe(true);
  });

  it('requests by others or before the start are not the trainee’s; one at the start minute is', () => {
    expect(run([ev('request-supplement', 2, good, 'other')]).findings.map((f) => f.ok)).toEqual([false]);
    expect(run([ev('request-supplement', -1, good)]).findings.map((f) => f.ok)).toEqual([false]);
    expect(run([ev('request-supplement', -1, good), ev('request-supplement', 1, good)]).passed).toBe(true);
    expect(run([ev('request-supplement', 0, good)]).passed).toBe(true);
  });

  it('the written list: every item needs a reason of at least five characters (spaces aside)', () => {
    const listed = (items: unknown) => run([ev('request-supplement', 1, { items })]).findings[1]!;
    expect(listed([{ componentId: 'c1', reason: '  abcde  ' }]).ok).toBe(true);
    expect(listed([{ componentId: 'c1', reason: '  abcd   ' }]).ok).toBe(false);
    expect(listed([{ componentId: 'c1', reason: 12345 }]).ok).toBe(false);
    expect(listed([{ componentId: 'c1' }]).ok).toBe(false);
    expect(listed([]).ok).toBe(false);
    expect(listed(undefined).ok).toBe(false);
    expect(
      listed([
        { componentId: 'c1', reason: 'Bản chụp mờ' },
        { componentId: 'c2', reason: '' },
      ]).ok,
    ).toBe(false);
    expect(listed([])).toEqual({
      rule: 'supplement-written-list',
      ok: false,
      message: {
        vi: 'Văn bản chưa nêu rõ từng giấy tờ cần bổ sung và lý do (mỗi lý do ít nhất 5 ký tự).',
        en: 'The request does not list each paper with its reason (at least 5 characters each).',
      },
      law: LAW['supplement-once'],
    });
  });

  it('the list judged is the first request’s', () => {
    const r = run([ev('request-supplement', 1, { items: [] }), ev('request-supplement', 2, good)]);
    expect(r.findings.map((f) => [f.rule, f.ok])).toEqual([
      ['supplement-once', false],
      ['supplement-written-list', false],
    ]);
  });
});

describe('return of the result', () => {
  const run = (events: CheckEvent[], d: CheckInput['dossier']) => checkExercise(base({ exercise: 'return-result', dossier: d, events }));

  it('the trainee’s return on a dossier now returned passes', () => {
    const r = run([ev('return-result', 1)], dossier({ status: 'returned' }));
    expect(r).toEqual({
      passed: true,
      findings: [
        {
          rule: 'return-recorded',
          ok: true,
          message: { vi: 'Đã trả kết quả, thời điểm trả được ghi nhận.', en: 'The result was returned and its time recorded.' },
          law: null,
        },
      ],
    });
  });

  it('no return recorded fails, quoting TT 03/2025', () => {
    const r = run([ev('issue-result', 1)], dossier({ status: 'returned' }));
    expect(r).toEqual({
      passed: false,
      findings: [
        {
          rule: 'return-recorded',
          ok: false,
          message: { vi: 'Chưa ghi nhận việc trả kết quả.', en: 'The return of the result was not recorded.' },
          law: LAW['return-recorded'],
        },
      ],
    });
  });

  it('a return event on a dossier that is not returned (or not there) does not pass', () => {
    const notReturned = run([ev('return-result', 1)], dossier({ status: 'result-ready' }));
    expect(notReturned.passed).toBe(false);
    expect(notReturned.findings[0]!.law).toEqual(LAW['return-recorded']);
    expect(run([ev('return-result', 1)], null).passed).toBe(false);
  });
});

describe('withdrawal on the citizen’s request', () => {
  const run = (events: CheckEvent[]) =>
    checkExercise(base({ exercise: 'withdrawal-on-request', dossier: dossier({ status: 'stopped' }), events }));
  const recorded = {
    rule: 'withdrawal-request-recorded',
    ok: true,
    message: { vi: 'Đã ghi nhận đơn đề nghị rút hồ sơ của công dân.', en: 'The citizen’s withdrawal request is on record.' },
    law: null,
  };
  const missing = {
    rule: 'withdrawal-request-recorded',
    ok: false,
    message: { vi: 'Chưa ghi nhận đơn đề nghị rút hồ sơ của công dân.', en: 'The citizen’s withdrawal request is not on record.' },
    law: LAW['withdrawal-on-request'],
  };

  it('the request recorded, before the stop or at the same minute, or with no stop yet, passes', () => {
    expect(run([ev('accept', 0), ev('record-withdrawal-request', 1), ev('stop', 2)])).toEqual({ passed: true, findings: [recorded] });
    expect(run([ev('record-withdrawal-request', 1), ev('stop', 1)]).passed).toBe(true);
    expect(run([ev('record-withdrawal-request', 1)]).passed).toBe(true);
  });

  it('a stop with no request, or before the request, fails quoting TT 03/2025 Art. 7', () => {
    expect(run([ev('accept', 0), ev('stop', 2)])).toEqual({ passed: false, findings: [missing] });
    expect(run([ev('stop', 1), ev('record-withdrawal-request', 2)])).toEqual({ passed: false, findings: [missing] });
    expect(run([])).toEqual({ passed: false, findings: [missing] });
  });

  it('the request recorded by someone else is not the trainee’s', () => {
    expect(run([ev('record-withdrawal-request', 1, {}, 'other'), ev('stop', 2)]).passed).toBe(false);
  });
});

describe('an exercise the check does not know never passes', () => {
  it('no finding, not passed', () => {
    expect(checkExercise(base({ exercise: 'unknown' as never }))).toEqual({ passed: false, findings: [] });
  });
});

describe('the feedback answer', () => {
  const points = ['Hồ sơ trả chậm'];
  const specific: FeedbackAnswer = {
    outcome: 'accepted',
    legalBasis: [{ document: 'Nghị định 118/2025/NĐ-CP', article: 'Điều 19' }],
    points: [
      {
        point: points[0]!,
        response:
          'Hồ sơ của Ông/Bà trả chậm hai ngày do bộ phận chuyên môn chưa chuyển kết quả; Trung tâm đã xin lỗi bằng văn bản và trả kết quả ngày 2/12.',
      },
    ],
    actions: [],
  };
  type Fb = NonNullable<CheckInput['feedback']>;
  const fb = (over: Partial<Fb>): Fb => ({
    status: 'published',
    answer: specific,
    points,
    refused: [],
    events: [ev('answer', 1), ev('approve', 2, {}, 'l'), ev('publish', 3)],
    ...over,
  });
  const run = (feedback: Fb | null) => checkExercise(base({ exercise: 'feedback-answer', feedback }));
  const published = (feedback: Fb) => run(feedback).findings.find((f) => f.rule === 'feedback-published')!;

  it('a specific answer approved then published: both findings pass with their messages', () => {
    expect(run(fb({}))).toEqual({
      passed: true,
      findings: [
        {
          rule: 'feedback-answer-specific',
          ok: true,
          message: {
            vi: 'Câu trả lời cụ thể: nêu kết quả, căn cứ, trả lời từng nội dung.',
            en: 'The answer is specific: outcome, basis, each point answered.',
          },
          law: null,
        },
        {
          rule: 'feedback-published',
          ok: true,
          message: { vi: 'Câu trả lời đã được lãnh đạo duyệt và công khai.', en: 'The answer was approved by a leader and published.' },
          law: null,
        },
      ],
    });
  });

  it('no feedback, or no answer by the trainee: “not answered”, quoting the process', () => {
    const none = {
      passed: false,
      findings: [
        {
          rule: 'feedback-answered',
          ok: false,
          message: { vi: 'Chưa trả lời phản ánh.', en: 'The feedback was not answered.' },
          law: LAW['feedback-answer-process'],
        },
      ],
    };
    expect(run(null)).toEqual(none);
    expect(run(fb({ events: [ev('approve', 2, {}, 'l')] }))).toEqual(none);
    // A refusal of someone else's vague answer is not the trainee's.
    expect(run(fb({ events: [], refused: [{ actorId: 'other', at: at(1), checks: ['too-short'] }] }))).toEqual(none);
  });

  it('a refused vague answer names each failed check once, in both languages; unknown checks by their name', () => {
    const r = run(fb({ events: [], refused: [{ actorId: 't', at: at(1), checks: ['too-short', 'foo', 'too-short'] }] }));
    expect(r).toEqual({
      passed: false,
      findings: [
        {
          rule: 'feedback-answer-specific',
          ok: false,
          message: {
            vi: 'Câu trả lời bị từ chối vì chưa cụ thể: Câu trả lời quá ngắn, chưa đủ nội dung cụ thể. foo',
            en: 'The answer was refused as not specific: The answer is too short to be specific. foo',
          },
          law: LAW['feedback-answer-specific'],
        },
      ],
    });
  });

  it('an answer at the start minute is the trainee’s; the stored answer is checked against the points raised', () => {
    expect(run(fb({ events: [ev('answer', 0), ev('approve', 0, {}, 'l'), ev('publish', 0)] })).passed).toBe(true);
    const missingPoint = run(fb({ points: [...points, 'Không giải thích lý do'] }));
    expect(missingPoint.findings[0]).toEqual({
      rule: 'feedback-answer-specific',
      ok: false,
      message: {
        vi: 'Câu trả lời chưa cụ thể: Còn nội dung người dân nêu chưa được trả lời.',
        en: 'The answer is not specific: A point the citizen raised has no response.',
      },
      law: LAW['feedback-answer-specific'],
    });
    // Answered, but no stored answer to check: no outcome.
    expect(run(fb({ answer: null })).findings[0]!.message.en).toBe('The answer is not specific: No outcome stated.');
  });

  it('the review must come after the last answer, the publication after the review', () => {
    // Answered twice: an approval between the two answers does not review the last one.
    const twice = published(fb({ events: [ev('answer', 1), ev('approve', 2, {}, 'l'), ev('answer', 4), ev('publish', 5)] }));
    expect(twice).toEqual({
      rule: 'feedback-published',
      ok: false,
      message: { vi: 'Câu trả lời chưa được lãnh đạo duyệt và công khai.', en: 'The answer was not approved by a leader and published.' },
      law: LAW['feedback-answer-process'],
    });
    // Approval and publication in the same minute as the answer count.
    expect(published(fb({ events: [ev('answer', 1), ev('approve', 1, {}, 'l'), ev('publish', 1)] })).ok).toBe(true);
    // A publication before the approval does not count.
    expect(published(fb({ events: [ev('answer', 1), ev('publish', 2), ev('approve', 3, {}, 'l')] })).ok).toBe(false);
  });

  it('approved but not published, even if the status says published, is not enough', () => {
    expect(published(fb({ events: [ev('answer', 1), ev('approve', 2, {}, 'l')] }))).toEqual({
      rule: 'feedback-published',
      ok: false,
      message: { vi: 'Câu trả lời đã được duyệt nhưng chưa công khai.', en: 'The answer was approved but not published.' },
      law: LAW['feedback-answer-process'],
    });
    expect(published(fb({ status: 'answered' })).ok).toBe(false);
  });

  it('a published answer later closed still passes', () => {
    expect(run(fb({ status: 'closed' })).passed).toBe(true);
  });
});

describe('scenario text', () => {
  it('fills the dossier code, the citizen and the ID number', () => {
    expect(scenarioText('supplement-request', 'en', { code: 'HT-1', citizen: 'Lê Văn A', idNumber: '000123456789' })).toBe(
      'Dossier HT-1 of Lê Văn A lacks papers. Request a supplement: once, in writing, listing each paper needed and why.',
    );
    expect(scenarioText('routine-intake', 'vi', { citizen: 'Lê Văn A', idNumber: '000123456789' })).toContain(
      'Công dân Lê Văn A (số định danh 000123456789) nộp trực tiếp',
    );
  });

  it('a scenario with a code but none given leaves the blank empty', () => {
    expect(scenarioText('return-result', 'en', { citizen: 'B', idNumber: '000123456789' })).toBe(
      'Citizen B comes for the result of dossier . Return the result and record the handover.',
    );
  });
});
