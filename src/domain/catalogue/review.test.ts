// The catalogue review (issue 17), pure: each element as a person reads it, what changed against the previous
// published version, where a unit handles a procedure unlike the others, and the time against the law's.
import { describe, expect, it } from 'vitest';
import { checkTime, describeElements, describeFee, diffElements, unitDifferences, type ReviewSource, type UnitPractice } from './review';

const version: ReviewSource = {
  name: ' Đăng ký khai sinh ',
  steps: [{ name: 'Tiếp nhận' }, { name: 'Thẩm định' }],
  channels: ['in-person', 'online', 'fax'],
  components: [{ name: 'Tờ khai', mandatory: true }, { name: 'Giấy chứng sinh', mandatory: false }, { name: 'Ảnh' }],
  processingDays: 3,
  resultType: ' Giấy khai sinh ',
  fee: { kind: 'fixed', amount: 8000 },
  legalBasis: [{ number: '123/2015/NĐ-CP' }, { number: '04/2020/TT-BTP' }],
};

describe('each element as a person reads it', () => {
  it('a version in the law’s order, trimmed, optional papers marked, channels in Vietnamese', () => {
    expect(describeElements(version)).toEqual({
      name: 'Đăng ký khai sinh',
      sequence: 'Tiếp nhận → Thẩm định',
      manner: 'trực tiếp, trực tuyến, fax',
      components: 'Tờ khai; Giấy chứng sinh (nếu có); Ảnh',
      time: '3 ngày làm việc',
      result: 'Giấy khai sinh',
      fee: `${(8000).toLocaleString('vi-VN')} đồng`,
      legalBasis: '123/2015/NĐ-CP; 04/2020/TT-BTP',
    });
  });

  it('missing elements read as a dash, never as empty', () => {
    expect(describeElements({})).toEqual({
      name: '—',
      sequence: '—',
      manner: '—',
      components: '—',
      time: '—',
      result: '—',
      fee: '—',
      legalBasis: '—',
    });
    expect(describeElements({ name: '  ', resultType: ' ', steps: [], channels: [], components: [], legalBasis: [] }).name).toBe('—');
    expect(describeElements({ processingDays: 0 }).time).toBe('0 ngày làm việc');
  });

  it('fees: free, fixed, per unit', () => {
    expect(describeFee(null)).toBe('—');
    expect(describeFee(undefined)).toBe('—');
    expect(describeFee({ kind: 'free' })).toBe('Miễn phí');
    expect(describeFee({ kind: 'fixed', amount: 50000 })).toBe(`${(50000).toLocaleString('vi-VN')} đồng`);
    expect(describeFee({ kind: 'per-unit', unitLabel: 'trang', firstUnits: 1, firstUnitPrice: 3000, nextUnitPrice: 2000 })).toBe(
      `${(3000).toLocaleString('vi-VN')} đồng/đơn vị đầu, ${(2000).toLocaleString('vi-VN')} đồng/đơn vị tiếp theo`,
    );
  });
});

describe('what changed against the previous published version', () => {
  it('nothing without a previous version; only the elements that differ, with both readings and labels', () => {
    expect(diffElements(null, version)).toEqual([]);
    expect(diffElements(version, version)).toEqual([]);
    const changes = diffElements(version, { ...version, processingDays: 5, fee: { kind: 'free' } });
    expect(changes.map((c) => c.element)).toEqual(['time', 'fee']);
    expect(changes[0]).toMatchObject({ before: '3 ngày làm việc', now: '5 ngày làm việc' });
    expect(changes[0]!.vi.length).toBeGreaterThan(0);
    expect(changes[0]!.en.length).toBeGreaterThan(0);
    expect(changes[1]).toMatchObject({ now: 'Miễn phí' });
  });
});

const unit = (over: Partial<UnitPractice>): UnitPractice => ({
  unitId: 'u',
  name: 'Phường',
  handles: true,
  feeCharged: 8000,
  cutoffTime: '16:30',
  saturdayReception: false,
  receptionPoints: 1,
  ...over,
});
const fixed = { kind: 'fixed', amount: 8000 } as const;
const differs = (units: UnitPractice[]) => unitDifferences(units, fixed).map((u) => u.differs);

describe('where a unit handles a procedure unlike the others', () => {
  it('units doing what most do differ in nothing', () => {
    expect(differs([unit({ unitId: 'a' }), unit({ unitId: 'b' }), unit({ unitId: 'c' })])).toEqual([[], [], []]);
  });

  it('a unit that does not receive it is flagged only when most units do', () => {
    expect(differs([unit({}), unit({}), unit({ handles: false })])).toEqual([[], [], ['not-handled']]);
    expect(differs([unit({}), unit({ handles: false }), unit({ handles: false })])).toEqual([[], [], []]);
    expect(differs([unit({}), unit({ handles: false })])).toEqual([[], []]);
  });

  it('a different fee, cut-off or Saturday reception than the usual one, and a unit with no reception point', () => {
    expect(
      differs([
        unit({}),
        unit({}),
        unit({ feeCharged: 10000 }),
        unit({ cutoffTime: '17:00' }),
        unit({ saturdayReception: true }),
        unit({ receptionPoints: 0 }),
      ]),
    ).toEqual([[], [], ['fee'], ['cutoff'], ['saturday'], ['no-reception-point']]);
  });

  it('with fewer than two units charging, the fee is compared with the catalogue’s; units without dossiers are not compared', () => {
    expect(differs([unit({ feeCharged: 9000 }), unit({ feeCharged: null })])).toEqual([['fee'], []]);
    expect(differs([unit({ feeCharged: 8000 }), unit({ feeCharged: null })])).toEqual([[], []]);
    // Two charging units: their usual fee wins over the catalogue's.
    expect(differs([unit({ feeCharged: 9000 }), unit({ feeCharged: 9000 }), unit({ feeCharged: 8000 })])).toEqual([[], [], ['fee']]);
  });

  it('a single handling unit is not compared on hours; ties take the first value met', () => {
    expect(differs([unit({ cutoffTime: '11:00', saturdayReception: true }), unit({ handles: false })])).toEqual([[], []]);
    expect(differs([unit({ cutoffTime: '16:00' }), unit({ cutoffTime: '17:00' })])).toEqual([[], ['cutoff']]);
  });

  it('keeps every unit, in order, with its own facts', () => {
    const out = unitDifferences([unit({ unitId: 'x', name: 'Xã A' }), unit({ unitId: 'y', name: 'Xã B' })], fixed);
    expect(out.map((u) => [u.unitId, u.name])).toEqual([
      ['x', 'Xã A'],
      ['y', 'Xã B'],
    ]);
  });
});

describe('the processing time against the law’s', () => {
  it('unknown when the law’s time is not recorded; equal is not different; longer and shorter told apart', () => {
    expect(checkTime(3, null)).toEqual({ processingDays: 3, legalDays: null, differs: false, longer: false });
    expect(checkTime(3, 3)).toEqual({ processingDays: 3, legalDays: 3, differs: false, longer: false });
    expect(checkTime(5, 3)).toMatchObject({ differs: true, longer: true });
    expect(checkTime(2, 3)).toMatchObject({ differs: true, longer: false });
    expect(checkTime(0.5, 0.5)).toMatchObject({ differs: false });
  });
});
