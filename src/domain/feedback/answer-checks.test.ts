import { describe, expect, it } from 'vitest';
import {
  checkActions,
  checkAnswer,
  checkBoilerplate,
  checkLegalBasis,
  checkLength,
  checkOutcome,
  checkPoints,
  DEFAULT_ANSWER_CHECK_CONFIG,
  normalizeText,
  wordsBeyondBoilerplate,
  type FeedbackAnswer,
} from './answer-checks';

/** A specific answer: passes every check. Each test below breaks one thing and expects exactly that check. */
const specific: FeedbackAnswer = {
  outcome: 'explained',
  legalBasis: [{ document: 'Nghị định 63/2010/NĐ-CP', article: 'Điều 8 khoản 2' }],
  points: [
    {
      point: 'Phải nộp bản sao giấy khai sinh',
      response:
        'Bản sao giấy khai sinh không phải nộp khi dữ liệu đã có trong Cơ sở dữ liệu quốc gia về dân cư; cán bộ tiếp nhận đã được nhắc tra cứu trước khi yêu cầu giấy tờ.',
    },
  ],
  actions: [],
};
const codes = (a: FeedbackAnswer, raised: string[] = []) => checkAnswer(a, raised).map((f) => f.check);

describe('answer checks', () => {
  it('a specific answer passes every check', () => {
    expect(checkAnswer(specific, ['Phải nộp bản sao giấy khai sinh'])).toEqual([]);
  });

  it('no-outcome: the outcome is required', () => {
    expect(checkOutcome({ ...specific, outcome: null })).toEqual([{ check: 'no-outcome', field: 'outcome' }]);
    expect(codes({ ...specific, outcome: undefined })).toEqual(['no-outcome']);
  });

  it('no-legal-basis: an explanation of a rule cites document and article', () => {
    expect(codes({ ...specific, legalBasis: [] })).toEqual(['no-legal-basis']);
    expect(checkLegalBasis({ ...specific, legalBasis: [{ document: 'Nghị định 63/2010/NĐ-CP', article: ' ' }] })).toHaveLength(1);
    // Other outcomes need none.
    expect(checkLegalBasis({ ...specific, outcome: 'accepted', legalBasis: [] })).toEqual([]);
  });

  it('point-unanswered: each point raised has a response', () => {
    expect(codes({ ...specific, points: [{ ...specific.points[0]!, response: '' }] })).toContain('point-unanswered');
    expect(checkPoints(specific, ['Phải nộp bản sao giấy khai sinh', 'Cán bộ hẹn lại ba lần'])).toEqual([
      { check: 'point-unanswered', field: 'points', detail: 'Cán bộ hẹn lại ba lần' },
    ]);
    // The match ignores case, diacritics and punctuation.
    expect(checkPoints(specific, ['phai nop ban sao giay khai sinh.'])).toEqual([]);
    expect(checkPoints({ ...specific, points: [] }).map((f) => f.check)).toEqual(['point-unanswered']);
  });

  it('boilerplate: empty phrases standing alone, with or without diacritics', () => {
    for (const response of ['Đã tiếp nhận, sẽ xem xét theo quy định.', 'da tiep nhan va se xem xet', 'Theo quy định.']) {
      const a = { ...specific, points: [{ point: 'p', response }] };
      expect(checkBoilerplate(a)).toEqual([{ check: 'boilerplate', field: 'points[0].response', detail: response }]);
    }
    // The same phrase inside a specific sentence is fine.
    expect(checkBoilerplate(specific)).toEqual([]);
    expect(
      checkBoilerplate({
        ...specific,
        points: [{ point: 'p', response: 'Theo quy định tại Điều 8, giấy khai sinh không phải nộp lại lần nữa.' }],
      }),
    ).toEqual([]);
    // The list is configurable.
    const cfg = { ...DEFAULT_ANSWER_CHECK_CONFIG, boilerplate: ['noi dung da duoc chuyen'] };
    expect(checkBoilerplate({ ...specific, points: [{ point: 'p', response: 'Nội dung đã được chuyển.' }] }, cfg)).toHaveLength(1);
    expect(wordsBeyondBoilerplate('Đã tiếp nhận!', ['da tiep nhan'])).toBe(0);
    expect(normalizeText('Đã  TIẾP nhận!')).toBe('da tiep nhan');
  });

  it('no-responsible-unit-or-date: every promised action names the unit and the date', () => {
    const action = { what: 'Sửa lại hướng dẫn niêm yết tại quầy tiếp nhận', responsibleUnitId: 'u1', dueDate: '2026-12-31' };
    expect(checkActions({ ...specific, actions: [action] })).toEqual([]);
    expect(codes({ ...specific, actions: [{ ...action, responsibleUnitId: null }] })).toEqual(['no-responsible-unit-or-date']);
    expect(codes({ ...specific, actions: [{ ...action, dueDate: '' }] })).toEqual(['no-responsible-unit-or-date']);
    expect(checkActions({ ...specific, outcome: 'will-be-fixed', actions: [] })).toEqual([
      { check: 'no-responsible-unit-or-date', field: 'actions', detail: 'will-be-fixed promises no action' },
    ]);
  });

  it('too-short: a minimum of substance', () => {
    const short = { ...specific, points: [{ point: 'p', response: 'Giấy khai sinh không phải nộp lại nữa nhé.' }] };
    expect(codes(short)).toEqual(['too-short']);
    expect(checkLength(short, { ...DEFAULT_ANSWER_CHECK_CONFIG, minChars: 10 })).toEqual([]);
  });
});
