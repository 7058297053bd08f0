// The dossier code pattern must hold what makes a code unique: the daily sequence restarts each day for each unit,
// so a pattern without the day or the agency code would hand out codes already taken (a failed intake the next
// day, or at the second unit). Such a configuration is refused at start, naming the variable.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config';
import { formatDossierCode } from '../../src/db/repositories/dossier.repository';

describe('MOTCUA_DOSSIER_CODE_PATTERN', () => {
  it('accepts the default and patterns with the agency, the day and the sequence', () => {
    expect(loadConfig({}).dossierCodePattern).toBe('{agency}-{yymmdd}-{seq4}');
    expect(loadConfig({ MOTCUA_DOSSIER_CODE_PATTERN: '{agency}-{yyyy}{yymmdd}-{seq6}' }).dossierCodePattern).toBe(
      '{agency}-{yyyy}{yymmdd}-{seq6}',
    );
  });

  it('refuses a pattern whose codes would repeat: no day, no agency, no sequence', () => {
    for (const p of ['{agency}-{yyyy}-{seq6}', '{agency}-{seq}', 'HS-{yymmdd}-{seq4}', '{agency}-{yymmdd}']) {
      expect(() => loadConfig({ MOTCUA_DOSSIER_CODE_PATTERN: p }), p).toThrow(ConfigError);
      expect(() => loadConfig({ MOTCUA_DOSSIER_CODE_PATTERN: p }), p).toThrow(/MOTCUA_DOSSIER_CODE_PATTERN/);
    }
  });

  it('two days, or two units, with the same sequence number get different codes', () => {
    const p = loadConfig({}).dossierCodePattern;
    const day1 = new Date('2026-12-03T02:00:00Z');
    const day2 = new Date('2026-12-04T02:00:00Z');
    expect(formatDossierCode(p, '000.01.00.H56', day1, 121)).toBe('000.01.00.H56-261203-0121');
    expect(formatDossierCode(p, '000.01.00.H56', day2, 121)).not.toBe(formatDossierCode(p, '000.01.00.H56', day1, 121));
    expect(formatDossierCode(p, '000.02.00.H56', day1, 121)).not.toBe(formatDossierCode(p, '000.01.00.H56', day1, 121));
  });
});
