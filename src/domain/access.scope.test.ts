// Access policies over a province with two wards: roles are held in a unit; only province-wide roles held in the
// province reach its wards; a system administrator reaches everything.
import { describe, expect, it } from 'vitest';
import { citizenLookupGrounds, citizenLookupUnits, policies, unitScope, unitsWhere, type Actor, type UnitNode } from './access';
import type { RoleGrant } from './roles';

const units: UnitNode[] = [
  { id: 'tinh', parentId: null, type: 'province' },
  { id: 'ht', parentId: 'tinh', type: 'ward' },
  { id: 'nv', parentId: 'tinh', type: 'ward' },
  { id: 'khac', parentId: null, type: 'province' },
  { id: 'khac-xa', parentId: 'khac', type: 'commune' },
];
const actor = (...roles: RoleGrant[]): Actor => ({ userId: 'u', username: 'u', fullName: 'U', roles });
const sorted = (s: Set<string>) => [...s].sort();

describe('unit scope', () => {
  it('a ward role reaches its own unit only', () => {
    expect(sorted(unitScope(actor({ unitId: 'ht', role: 'specialist' }), units))).toEqual(['ht']);
  });
  it('a province role reaches the province and its wards, not another province', () => {
    expect(sorted(unitScope(actor({ unitId: 'tinh', role: 'province-admin' }), units))).toEqual(['ht', 'nv', 'tinh']);
  });
  it('a non-province-wide role held in the province does not reach the wards', () => {
    expect(sorted(unitScope(actor({ unitId: 'tinh', role: 'reception-officer' }), units))).toEqual(['tinh']);
  });
  it('a system administrator reaches every unit', () => {
    expect(sorted(unitScope(actor({ unitId: 'tinh', role: 'system-admin' }), units))).toEqual(['ht', 'khac', 'khac-xa', 'nv', 'tinh']);
  });
  it('filtered by role: only the units where that role is held', () => {
    const a = actor({ unitId: 'ht', role: 'reception-officer' }, { unitId: 'nv', role: 'leader' });
    expect(sorted(unitsWhere(a, units, ['leader']))).toEqual(['nv']);
    expect(sorted(unitsWhere(a, units, ['reception-officer']))).toEqual(['ht']);
    expect(sorted(unitsWhere(a, units, ['specialist']))).toEqual([]);
    expect(sorted(unitsWhere(a, units))).toEqual(['ht', 'nv']);
  });
});

describe('policies', () => {
  const director = actor({ unitId: 'ht', role: 'centre-director' });
  const province = actor({ unitId: 'tinh', role: 'province-admin' });
  const sysadmin = actor({ unitId: 'tinh', role: 'system-admin' });
  const officer = actor({ unitId: 'ht', role: 'reception-officer' });

  it('reading a unit follows the scope', () => {
    expect(policies.readUnit(officer, units, 'ht')).toBe(true);
    expect(policies.readUnit(officer, units, 'nv')).toBe(false);
  });
  it('administering, managing staff and reading the audit: director of the unit, province, system', () => {
    for (const p of [policies.administerUnit, policies.manageStaff, policies.readAudit]) {
      expect(p(director, units, 'ht')).toBe(true);
      expect(p(director, units, 'nv')).toBe(false);
      expect(p(province, units, 'nv')).toBe(true);
      expect(p(province, units, 'khac-xa')).toBe(false);
      expect(p(sysadmin, units, 'khac-xa')).toBe(true);
      expect(p(officer, units, 'ht')).toBe(false);
    }
  });
  it('creating units: a province only by a system administrator; a ward by the province', () => {
    expect(policies.createUnit(sysadmin, units, null)).toBe(true);
    expect(policies.createUnit(province, units, null)).toBe(false);
    expect(policies.createUnit(province, units, 'tinh')).toBe(true);
    expect(policies.createUnit(province, units, 'khac')).toBe(false);
    expect(policies.createUnit(director, units, 'tinh')).toBe(false);
  });
  it('a system administrator who also holds another role keeps every power; reaches other provinces too', () => {
    const both = actor({ unitId: 'ht', role: 'specialist' }, { unitId: 'tinh', role: 'system-admin' });
    expect(policies.createUnit(both, units, null)).toBe(true);
    expect(policies.grantRole(both, units, 'khac-xa', 'system-admin')).toBe(true);
    expect(policies.createUnit(sysadmin, units, 'khac')).toBe(true);
  });
  it('nobody grants more than they hold', () => {
    expect(policies.grantRole(sysadmin, units, 'ht', 'system-admin')).toBe(true);
    expect(policies.grantRole(province, units, 'ht', 'system-admin')).toBe(false);
    expect(policies.grantRole(province, units, 'ht', 'centre-director')).toBe(true);
    expect(policies.grantRole(province, units, 'khac-xa', 'specialist')).toBe(false);
    expect(policies.grantRole(director, units, 'ht', 'specialist')).toBe(true);
    expect(policies.grantRole(director, units, 'ht', 'centre-director')).toBe(false);
    expect(policies.grantRole(director, units, 'ht', 'province-admin')).toBe(false);
    expect(policies.grantRole(director, units, 'nv', 'specialist')).toBe(false);
    expect(policies.grantRole(officer, units, 'ht', 'specialist')).toBe(false);
  });
  it('registry lookups: only for a unit where a dossier-handling role is held; province-wide roles are no counter', () => {
    const two = actor({ unitId: 'ht', role: 'reception-officer' }, { unitId: 'nv', role: 'specialist' }, { unitId: 'nv', role: 'leader' });
    expect(citizenLookupUnits(two).sort()).toEqual(['ht', 'nv']);
    expect(policies.lookUpCitizen(two, 'nv')).toBe(true);
    expect(policies.lookUpCitizen(two, 'tinh')).toBe(false);
    expect(citizenLookupUnits(province)).toEqual([]);
    expect(citizenLookupUnits(sysadmin)).toEqual([]);
    expect(policies.lookUpCitizen(province, 'ht')).toBe(false);
    expect(citizenLookupUnits(actor({ unitId: 'ht', role: 'feedback-officer' }))).toEqual([]);
    for (const role of ['reception-officer', 'specialist', 'leader', 'centre-director'] as const)
      expect(policies.lookUpCitizen(actor({ unitId: 'ht', role }), 'ht'), role).toBe(true);
  });
  it('registry lookup grounds: the counter receives anyone, a desk only its unit’s dossiers, the unit is the one named', () => {
    const two = actor({ unitId: 'ht', role: 'reception-officer' }, { unitId: 'nv', role: 'specialist' }, { unitId: 'nv', role: 'leader' });
    expect(citizenLookupGrounds(two, 'ht')).toBe('counter');
    expect(citizenLookupGrounds(two, 'nv')).toBe('dossiers');
    expect(citizenLookupGrounds(two, 'tinh')).toBeNull();
    expect(citizenLookupGrounds(actor({ unitId: 'nv', role: 'specialist' }, { unitId: 'nv', role: 'reception-officer' }), 'nv')).toBe(
      'counter',
    );
    for (const role of ['specialist', 'leader', 'centre-director'] as const)
      expect(citizenLookupGrounds(actor({ unitId: 'ht', role }), 'ht'), role).toBe('dossiers');
    expect(citizenLookupGrounds(province, 'ht')).toBeNull();
    expect(citizenLookupGrounds(actor({ unitId: 'ht', role: 'feedback-officer' }), 'ht')).toBeNull();
  });
});
