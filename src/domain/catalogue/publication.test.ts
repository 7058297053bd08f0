import { describe, expect, test } from 'vitest';
import demo from '../../seed/demo-procedures.json' with { type: 'json' };
import { indicator11, indicator12, indicator13, workingDaysAfter } from '../indicators/publicity';
import { checkDecision, diffFormFields, missingElements, nextStatus, PUBLICATION_TRANSITIONS, type ElementSource } from './publication';

const complete = { ...(demo[0] as Record<string, unknown>), unitIds: ['u1'] } as unknown as ElementSource;

describe('the publication lifecycle', () => {
  test('draft → reviewed → published; back to draft from review; nothing else', () => {
    expect(nextStatus('draft', 'review')).toBe('reviewed');
    expect(nextStatus('reviewed', 'publish')).toBe('published');
    expect(nextStatus('reviewed', 'return')).toBe('draft');
    expect(nextStatus('draft', 'publish')).toBeNull();
    expect(nextStatus('published', 'review')).toBeNull();
    expect(nextStatus('published', 'return')).toBeNull();
    expect(nextStatus('reviewed', 'replace')).toBe('withdrawn');
    expect(nextStatus('published', 'replace')).toBeNull();
    expect(PUBLICATION_TRANSITIONS.every((t) => t.from !== 'published' && t.from !== 'withdrawn')).toBe(true);
  });
});

describe('the elements of a procedure (Decree 63/2010 Art. 8(2), fees, legal basis)', () => {
  test('a demo procedure handled by a unit has them all', () => {
    expect(missingElements(complete)).toEqual([]);
  });
  test('each missing one is named, in the law’s order', () => {
    expect(
      missingElements({
        name: ' ',
        steps: [],
        channels: [],
        components: [],
        processingDays: null,
        unitIds: [],
        resultType: '',
        fee: null,
        legalBasis: [],
      }),
    ).toEqual(['name', 'sequence', 'manner', 'components', 'time', 'who', 'result', 'fee', 'legalBasis']);
    expect(missingElements({ ...complete, legalBasis: [] })).toEqual(['legalBasis']);
    expect(missingElements({ ...complete, unitIds: [] })).toEqual(['who']);
  });
});

describe('the deciding document', () => {
  test('an effective date before the decision is refused, at the effective date', () => {
    expect(checkDecision({ decisionNumber: '12/QĐ-UBND', decisionDate: '2026-03-10', effectiveDate: '2026-03-01' })).toMatchObject([
      { field: 'effectiveDate' },
    ]);
    expect(checkDecision({ decisionNumber: '12/QĐ-UBND', decisionDate: '2026-03-10', effectiveDate: '2026-03-10' })).toEqual([]);
    expect(checkDecision({ decisionNumber: '', decisionDate: 'x', effectiveDate: '2026-03-10' }).map((i) => i.field)).toEqual([
      'decisionNumber',
      'decisionDate',
    ]);
  });
});

describe('the diff of e-form fields', () => {
  test('added, removed and changed fields in words', () => {
    const a = {
      type: 'object',
      properties: {
        s: {
          type: 'object',
          title: 'Người khai',
          required: ['ten'],
          properties: { ten: { type: 'string', title: 'Tên' }, cu: { type: 'string', title: 'Cũ' } },
        },
      },
    };
    const b = {
      type: 'object',
      properties: {
        s: {
          type: 'object',
          title: 'Người khai',
          required: [],
          properties: { ten: { type: 'string', title: 'Tên' }, moi: { type: 'boolean', title: 'Mới' } },
        },
      },
    };
    expect(diffFormFields(a, b)).toEqual([
      {
        change: 'changed',
        path: 's.ten',
        label: 'Người khai › Tên',
        before: 'Người khai › Tên: string, required',
        now: 'Người khai › Tên: string',
      },
      { change: 'added', path: 's.moi', label: 'Người khai › Mới', now: 'boolean' },
      { change: 'removed', path: 's.cu', label: 'Người khai › Cũ', before: 'string' },
    ]);
    expect(diffFormFields(null, null)).toEqual([]);
  });
});

describe('indicators 1.1–1.3 from the publication records', () => {
  const weekdays = (d: string) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());
  test('working days after a date', () => {
    // Friday 2026-03-06 → Friday 2026-03-13: Mon–Fri = 5 working days.
    expect(workingDaysAfter('2026-03-06', '2026-03-13', weekdays)).toBe(5);
    expect(workingDaysAfter('2026-03-13', '2026-03-06', weekdays)).toBe(0);
  });
  test('1.1: one decision less than 5 working days before its effective date makes the period late', () => {
    const onTime = { procedureId: 'a', decisionDate: '2026-03-06', effectiveDate: '2026-03-13', publishedOn: '2026-03-06' };
    const late = { procedureId: 'b', decisionDate: '2026-03-09', effectiveDate: '2026-03-13', publishedOn: '2026-03-09' };
    expect(indicator11([onTime], weekdays)).toMatchObject({ rate: 1, onTime: 1, count: 1 });
    expect(indicator11([onTime, late], weekdays)).toMatchObject({ rate: 0, onTime: 1, count: 2, late: ['b'] });
    expect(indicator11([], weekdays).rate).toBe(0);
  });
  test('1.2: made public at most 5 working days after the decision', () => {
    const r = (id: string, publishedOn: string) => ({
      procedureId: id,
      decisionDate: '2026-03-06',
      effectiveDate: '2026-04-01',
      publishedOn,
    });
    expect(indicator12([r('a', '2026-03-13'), r('b', '2026-03-16'), r('c', '2026-03-05')], weekdays)).toEqual({
      rate: 0.33,
      onTime: 1,
      count: 3,
      late: ['b', 'c'],
    });
  });
  test('1.3: share of procedures with every element', () => {
    expect(
      indicator13([
        { procedureId: 'a', missing: [] },
        { procedureId: 'b', missing: ['fee'] },
      ]),
    ).toEqual({ rate: 0.5, onTime: 1, count: 2, late: ['b'] });
  });
});
