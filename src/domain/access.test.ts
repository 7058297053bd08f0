import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayManageAccount, policies, ROLE_RANK, type Actor, type UnitNode } from './access';
import { ROLES, type RoleGrant } from './roles';

const units: UnitNode[] = [
  { id: 'P', parentId: null, type: 'province' },
  { id: 'W1', parentId: 'P', type: 'ward' },
  { id: 'W2', parentId: 'P', type: 'ward' },
  { id: 'Q', parentId: null, type: 'province' },
  { id: 'W3', parentId: 'Q', type: 'ward' },
];
const actor = (...roles: RoleGrant[]): Actor => ({ userId: 'a', username: 'a', fullName: 'A', roles });
const g = (role: RoleGrant['role'], unitId: string): RoleGrant => ({ role, unitId });

describe('who may manage whom', () => {
  const director = actor(g('centre-director', 'W1'));
  const provinceAdminInWard = actor(g('province-admin', 'W1'));
  const provinceAdmin = actor(g('province-admin', 'P'));

  it('a centre director manages the officers of their centre only', () => {
    expect(mayManageAccount(director, units, [g('reception-officer', 'W1'), g('specialist', 'W1')])).toBe(true);
    expect(mayManageAccount(director, units, [g('reception-officer', 'W2')])).toBe(false);
    // Every role must be in a unit the manager administers: a second role elsewhere puts the account out of reach.
    expect(mayManageAccount(director, units, [g('reception-officer', 'W1'), g('specialist', 'W2')])).toBe(false);
  });

  it('a centre director (or a province role held in a ward) cannot take over an account that is also province-admin', () => {
    const target = [g('reception-officer', 'W1'), g('province-admin', 'P')];
    expect(mayManageAccount(director, units, target)).toBe(false);
    expect(mayManageAccount(provinceAdminInWard, units, target)).toBe(false);
    // Nor a province role held in the ward itself, nor another director, nor a system administrator.
    expect(mayManageAccount(director, units, [g('province-admin', 'W1')])).toBe(false);
    expect(mayManageAccount(director, units, [g('centre-director', 'W1')])).toBe(false);
    expect(mayManageAccount(provinceAdminInWard, units, [g('province-admin', 'W1')])).toBe(false);
    expect(mayManageAccount(director, units, [g('system-admin', 'W1')])).toBe(false);
  });

  it('a province administrator manages the province’s centres but no other province administrator nor system admin', () => {
    expect(mayManageAccount(provinceAdmin, units, [g('centre-director', 'W1'), g('specialist', 'W2')])).toBe(true);
    expect(mayManageAccount(provinceAdmin, units, [g('province-admin', 'P')])).toBe(false);
    expect(mayManageAccount(provinceAdmin, units, [g('system-admin', 'P')])).toBe(false);
    expect(mayManageAccount(provinceAdmin, units, [g('specialist', 'W3')])).toBe(false);
  });

  it('a system administrator manages everyone; an account without roles only a system administrator', () => {
    const admin = actor(g('system-admin', 'P'));
    expect(mayManageAccount(admin, units, [g('system-admin', 'Q'), g('province-admin', 'Q')])).toBe(true);
    expect(mayManageAccount(admin, units, [])).toBe(true);
    expect(mayManageAccount(provinceAdmin, units, [])).toBe(false);
  });

  const grant = fc.record({ role: fc.constantFrom(...ROLES), unitId: fc.constantFrom(...units.map((u) => u.id)) });
  it('property: whoever is not a system administrator never manages an account with a role of their own rank or above', () => {
    fc.assert(
      fc.property(fc.array(grant, { minLength: 1, maxLength: 3 }), fc.array(grant, { minLength: 1, maxLength: 3 }), (mine, theirs) => {
        const a = actor(...mine);
        if (mine.some((x) => x.role === 'system-admin') || !mayManageAccount(a, units, theirs)) return;
        const myBest = Math.max(...mine.map((x) => ROLE_RANK[x.role]));
        for (const t of theirs) {
          expect(policies.manageStaff(a, units, t.unitId)).toBe(true);
          expect(ROLE_RANK[t.role]).toBeLessThan(myBest);
          expect(t.role).not.toBe('system-admin');
        }
      }),
    );
  });
});
