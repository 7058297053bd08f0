import { describe, expect, it } from 'vitest';
import { forUnitKind, signerTitle } from './titles';

const ward = { kind: 'ward' as const, name: 'Trung tâm Phục vụ hành chính công phường Hạc Thành' };
const commune = { kind: 'commune' as const, name: 'Trung tâm Phục vụ hành chính công xã Đông Tiến' };

describe('signer titles', () => {
  it('a centre director signs as director, whatever title was typed', () => {
    expect(signerTitle('centre-director', 'Phó Chủ tịch UBND', ward)).toBe('Giám đốc Trung tâm');
    expect(signerTitle('centre-director', 'Giám đốc Trung tâm', ward)).toBe('Giám đốc Trung tâm');
  });

  it("a leader signs for the ward's or the commune's People's Committee", () => {
    expect(signerTitle('leader', 'Phó Chủ tịch UBND', ward)).toBe('Phó Chủ tịch UBND phường Hạc Thành');
    expect(signerTitle('leader', '', commune)).toBe('Chủ tịch UBND xã Đông Tiến');
  });
});

describe('commune or ward wording', () => {
  it('reads "UBND xã" as "UBND phường" for a ward, and leaves a commune alone', () => {
    expect(forUnitKind('Lãnh đạo UBND xã ký cấp kết quả', 'ward')).toBe('Lãnh đạo UBND phường ký cấp kết quả');
    expect(forUnitKind('Trưởng Công an xã phê duyệt', 'ward')).toBe('Trưởng Công an phường phê duyệt');
    expect(forUnitKind('Lãnh đạo UBND xã ký cấp kết quả', 'commune')).toBe('Lãnh đạo UBND xã ký cấp kết quả');
  });
});
