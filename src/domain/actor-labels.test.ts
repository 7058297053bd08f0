// Whoever appears in a dossier's history — a staff role, the citizen, the system — has a Vietnamese and an
// English name (the history once showed the raw "citizen").
import { describe, expect, it } from 'vitest';
import { STATUS_LABELS, STATUSES } from './dossier/lifecycle';
import { ACTOR_LABELS, ROLES } from './roles';

describe('labels', () => {
  it('every actor of a history entry has a Vietnamese and an English label, never the raw code', () => {
    for (const who of [...ROLES, 'citizen', 'system'] as const) {
      const l = ACTOR_LABELS[who];
      expect(l.vi, who).not.toBe(who);
      expect(l.vi).not.toBe(l.en);
      expect(l.en.length).toBeGreaterThan(0);
    }
    expect(ACTOR_LABELS.citizen.vi).toBe('Công dân');
  });
  it('every status has a Vietnamese label distinct from its English one', () => {
    for (const s of STATUSES) expect(STATUS_LABELS[s].vi).not.toBe(STATUS_LABELS[s].en);
  });
});
