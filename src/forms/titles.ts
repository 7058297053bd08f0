// The signer's title on a form, from the role they acted in and the unit they act for — never a title typed
// for somebody else ("PHÓ CHỦ TỊCH UBND" over a centre director's name). Pure.
export type UnitKind = 'province' | 'ward' | 'commune';

/** "phường", "xã", "tỉnh": how the unit's kind is written. */
export function unitKindWord(kind: UnitKind): string {
  return kind === 'ward' ? 'phường' : kind === 'province' ? 'tỉnh' : 'xã';
}

/** "Hạc Thành" from "Trung tâm Phục vụ hành chính công phường Hạc Thành". */
export function localityOf(unitName: string): string {
  const m = /(?:phường|xã|đặc khu|tỉnh|thành phố)\s+(.+)$/iu.exec(unitName.trim());
  return m?.[1] ?? '';
}

/**
 * The title printed over a signature. A leader signs for the People's Committee of their commune, ward or
 * province: their own title when it names the committee (e.g. "Phó Chủ tịch UBND"), completed with the unit's
 * kind and locality; a centre director signs as the centre's director; any other role by its own title.
 */
export function signerTitle(role: string, storedTitle: string, unit: { kind: UnitKind; name: string }): string {
  const place = `${unitKindWord(unit.kind)} ${localityOf(unit.name)}`.trim();
  const own = storedTitle.trim();
  if (role === 'leader') {
    const committee = /ch[ủu] t[ịi]ch/iu.test(own) ? own.replace(/\s*UBND.*$/iu, '') : 'Chủ tịch';
    return `${committee} UBND ${place}`;
  }
  if (role === 'centre-director') return /giám đốc/iu.test(own) ? own : 'Giám đốc Trung tâm';
  return own || 'Công chức';
}

/** A text of the catalogue that names "UBND xã" for every unit, read for a ward: "UBND phường". */
export function forUnitKind(text: string, kind: UnitKind): string {
  if (kind !== 'ward') return text;
  return text.replace(/(UBND|Ủy ban nhân dân|Công an)\s+xã(?!\p{L})/gu, '$1 phường');
}
