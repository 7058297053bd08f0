// The feedback answer checks at their edges: what counts as boilerplate, which field is named, the length rule (pure).
import { describe, expect, test } from 'vitest';
import {
  DEFAULT_ANSWER_CHECK_CONFIG,
  checkActions,
  checkBoilerplate,
  checkLength,
  checkLegalBasis,
  checkPoints,
  normalizeText,
  wordsBeyondBoilerplate,
  type FeedbackAnswer,
} from './answer-checks';

const answer = (over: Partial<FeedbackAnswer> = {}): FeedbackAnswer => ({
  outcome: 'accepted',
  legalBasis: [],
  points: [],
  actions: [],
  ...over,
});

describe('words beyond boilerplate', () => {
  test('text is folded, punctuation and runs of spaces become one space', () => {
    expect(normalizeText('  Đã  tiếp-nhận!!  hồ sơ ')).toBe('da tiep nhan ho so');
    expect(normalizeText('a\t\n b')).toBe('a b');
    expect(normalizeText('x.y')).toBe('x y');
  });

  test('phrases are removed whole words only, the longest first', () => {
    expect(wordsBeyondBoilerplate('Sẽ xem xét giải quyết hồ sơ', ['sẽ xem xét', 'sẽ xem xét giải quyết'])).toBe(2);
    expect(wordsBeyondBoilerplate('Đã tiếp nhận.', ['đã tiếp nhận'])).toBe(0);
    expect(wordsBeyondBoilerplate('đã tiếp nhận nhận', ['đã tiếp nhận'])).toBe(1);
    expect(wordsBeyondBoilerplate('', ['x'])).toBe(0);
    expect(wordsBeyondBoilerplate('   ', [])).toBe(0);
    expect(wordsBeyondBoilerplate('một hai ba', ['', '  '])).toBe(3);
    expect(wordsBeyondBoilerplate('tiếp nhận', ['đã tiếp nhận'])).toBe(2);
    expect(wordsBeyondBoilerplate('A, B, C.', [])).toBe(3);
  });

  test('a response of boilerplate and fewer than four other words is named at its field, trimmed', () => {
    const a = answer({
      points: [
        { point: 'p1', response: '  Đã tiếp nhận, sẽ xem xét theo quy định.  ' },
        { point: 'p2', response: 'Phường đã sửa lại giờ mở cửa bộ phận một cửa' },
        { point: 'p3', response: 'ba từ nữa' },
        { point: 'p4', response: '' },
      ],
      actions: [
        { what: 'Đang xử lý', responsibleUnitId: 'u', dueDate: '2026-04-01' },
        { what: 'Sửa biển', responsibleUnitId: 'u', dueDate: '2026-04-01' },
        { what: 'đang xử lý biển', responsibleUnitId: 'u', dueDate: '2026-04-01' },
      ],
    });
    expect(checkBoilerplate(a)).toEqual([
      { check: 'boilerplate', field: 'points[0].response', detail: 'Đã tiếp nhận, sẽ xem xét theo quy định.' },
      { check: 'boilerplate', field: 'points[2].response', detail: 'ba từ nữa' },
      { check: 'boilerplate', field: 'actions[0].what', detail: 'Đang xử lý' },
      { check: 'boilerplate', field: 'actions[2].what', detail: 'đang xử lý biển' },
    ]);
    // Four words beyond the boilerplate are enough; a lower minimum lowers the bar for actions too.
    expect(checkBoilerplate(answer({ points: [{ point: 'p', response: 'một hai ba bốn' }] }))).toEqual([]);
    const lax = { ...DEFAULT_ANSWER_CHECK_CONFIG, minWordsBeyondBoilerplate: 1 };
    expect(checkBoilerplate(answer({ actions: [{ what: 'đang xử lý biển' }] }), lax)).toEqual([]);
    expect(checkBoilerplate(answer({ actions: [{ what: 'đang xử lý' }] }), lax)).toHaveLength(1);
    const long = 'x '.repeat(300);
    expect(
      checkBoilerplate(answer({ points: [{ point: 'p', response: `trân trọng ${long}` }] }), {
        ...lax,
        minWordsBeyondBoilerplate: 1000,
      })[0]!.detail,
    ).toHaveLength(200);
  });
});

describe('the other checks, field by field', () => {
  test('legal basis: only for an explanation, both the document and the article', () => {
    expect(checkLegalBasis(answer({ outcome: 'accepted' }))).toEqual([]);
    expect(checkLegalBasis(answer({ outcome: 'explained' }))).toEqual([{ check: 'no-legal-basis', field: 'legalBasis' }]);
    expect(checkLegalBasis(answer({ outcome: 'explained', legalBasis: [{ document: 'NĐ 118/2025', article: ' ' }] }))).toHaveLength(1);
    expect(checkLegalBasis(answer({ outcome: 'explained', legalBasis: [{ document: 'NĐ 118/2025', article: 'Điều 11' }] }))).toEqual([]);
  });

  test('points: none, an empty response, a raised point not answered', () => {
    expect(checkPoints(answer())).toEqual([{ check: 'point-unanswered', field: 'points', detail: 'no point answered' }]);
    expect(checkPoints(answer({ points: [{ point: 'Giờ mở cửa', response: ' ' }] }), ['Giờ mở cửa'])).toEqual([
      { check: 'point-unanswered', field: 'points[0].response', detail: 'Giờ mở cửa' },
      { check: 'point-unanswered', field: 'points', detail: 'Giờ mở cửa' },
    ]);
    expect(checkPoints(answer({ points: [{ point: 'giờ mở cửa!', response: 'Đã sửa' }] }), ['Giờ mở cửa'])).toEqual([]);
  });

  test('actions: a promise to fix needs an action; each action needs what, who and when', () => {
    expect(checkActions(answer({ outcome: 'will-be-fixed' }))).toEqual([
      { check: 'no-responsible-unit-or-date', field: 'actions', detail: 'will-be-fixed promises no action' },
    ]);
    expect(checkActions(answer({ outcome: 'accepted' }))).toEqual([]);
    expect(
      checkActions(
        answer({
          actions: [
            { what: 'Sửa biển', responsibleUnitId: 'u', dueDate: '2026-04-01' },
            { what: 'Sửa cửa', responsibleUnitId: ' ', dueDate: '2026-04-01' },
            { what: 'Sửa đèn', responsibleUnitId: 'u', dueDate: null },
            { what: '', responsibleUnitId: 'u', dueDate: '2026-04-01' },
          ],
        }),
      ),
    ).toEqual([
      { check: 'no-responsible-unit-or-date', field: 'actions[1]', detail: 'Sửa cửa' },
      { check: 'no-responsible-unit-or-date', field: 'actions[2]', detail: 'Sửa đèn' },
      { check: 'no-responsible-unit-or-date', field: 'actions[3]', detail: '' },
    ]);
  });

  test('length: responses and actions together, spaces collapsed, at least the minimum', () => {
    const cfg = { ...DEFAULT_ANSWER_CHECK_CONFIG, minChars: 10 };
    expect(checkLength(answer({ points: [{ point: 'p', response: 'abcd' }], actions: [{ what: 'efgh' }] }), cfg)).toEqual([
      { check: 'too-short', field: 'points', detail: '9 < 10' },
    ]);
    expect(checkLength(answer({ points: [{ point: 'p', response: 'abcd' }], actions: [{ what: 'efghi' }] }), cfg)).toEqual([]);
    expect(checkLength(answer({ points: [{ point: 'p', response: '  ab    cd   ef  ' }] }), cfg)).toEqual([
      { check: 'too-short', field: 'points', detail: '8 < 10' },
    ]);
    expect(checkLength(answer())).toEqual([{ check: 'too-short', field: 'points', detail: '0 < 120' }]);
  });
});
