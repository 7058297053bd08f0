// Declarative access policies. Pure: the caller passes the actor's roles and the unit tree.
// Every query in Motcua is scoped through `unitScope`: a user sees only the units they hold a role in,
// and province roles held in a province unit reach every commune and ward of that province.
import type { Role, RoleGrant } from './roles';

/** `training`: a training unit (src/domain/training.ts); absent means real. */
export type UnitNode = { id: string; parentId: string | null; type: 'province' | 'ward' | 'commune'; training?: boolean };

/** Roles whose holder in a province unit acts for the whole province. */
const PROVINCE_WIDE: ReadonlySet<Role> = new Set(['system-admin', 'province-admin']);

export type Actor = { userId: string; username: string; fullName: string; roles: RoleGrant[] };

/** The units where the actor holds `role` (or any of `roles`), with province-wide roles expanded to the province's units. */
export function unitsWhere(actor: Actor, units: readonly UnitNode[], roles?: readonly Role[]): Set<string> {
  const out = new Set<string>();
  for (const g of actor.roles) {
    if (roles && !roles.includes(g.role)) continue;
    // Training and real units never reach each other (src/domain/training.ts): a real province's roles stop at its
    // real units, a training province's at its training ones, and the system administrator's reach is the real world.
    if (g.role === 'system-admin') {
      for (const u of units) if (!u.training) out.add(u.id);
      continue;
    }
    out.add(g.unitId);
    if (PROVINCE_WIDE.has(g.role)) {
      const held = !!units.find((u) => u.id === g.unitId)?.training;
      for (const u of units) if (u.parentId === g.unitId && !!u.training === held) out.add(u.id);
    }
  }
  return out;
}

/** Everything the actor may read. */
export function unitScope(actor: Actor, units: readonly UnitNode[]): Set<string> {
  return unitsWhere(actor, units);
}

/**
 * How far a role reaches, for "who may manage whom": a system administrator everything, a province role the province,
 * a centre director their centre, everyone else nothing to manage.
 */
export const ROLE_RANK: Readonly<Record<Role, number>> = {
  'system-admin': 3,
  'province-admin': 2,
  'centre-director': 1,
  'reception-officer': 0,
  specialist: 0,
  leader: 0,
  'feedback-officer': 0,
};

/** The highest rank among the actor's grants that reach `unitId` (a province role held in a province reaches its units). */
export function rankIn(actor: Actor, units: readonly UnitNode[], unitId: string): number {
  let best = -1;
  for (const g of actor.roles) {
    if (unitsWhere({ ...actor, roles: [g] }, units).has(unitId)) best = Math.max(best, ROLE_RANK[g.role]);
  }
  return best;
}

/**
 * Who may manage whom (edit, deactivate, reset the password, change roles, end sessions): a manager only manages an
 * account whose every role is in a unit the manager administers, and never an account holding a role of equal or
 * higher reach than the manager's own there (a centre director manages no other director nor any province role; a
 * province administrator no other province administrator nor a system administrator). A system administrator manages
 * every account: there is no one above to ask. An account with no role at all is managed by system administrators only.
 */
export function mayManageAccount(actor: Actor, units: readonly UnitNode[], target: readonly RoleGrant[]): boolean {
  if (actor.roles.some((g) => g.role === 'system-admin')) return true;
  if (target.length === 0) return false;
  return target.every((g) => {
    if (!policies.manageStaff(actor, units, g.unitId)) return false;
    return ROLE_RANK[g.role] < rankIn(actor, units, g.unitId);
  });
}

/**
 * Roles that handle citizens' dossiers at a unit's counter and desks, and so may look a citizen up in the
 * population registry for that unit. Held in the unit itself: a province-wide role is not a counter.
 */
export const CITIZEN_LOOKUP_ROLES: readonly Role[] = ['reception-officer', 'specialist', 'leader', 'centre-director'];

/** The units for which the actor may look a citizen up in the population registry. */
export function citizenLookupUnits(actor: Actor): string[] {
  return [...new Set(actor.roles.filter((g) => CITIZEN_LOOKUP_ROLES.includes(g.role)).map((g) => g.unitId))];
}

/**
 * On what grounds the actor may look a citizen up for `unitId`: `counter` (a reception officer there receives
 * anyone who comes, before any dossier exists), `dossiers` (a specialist, leader or director there: only a citizen
 * who has a dossier received or handled by that unit) or null (no role at that unit's counter or desks).
 */
export function citizenLookupGrounds(actor: Actor, unitId: string): 'counter' | 'dossiers' | null {
  const here = actor.roles.filter((g) => g.unitId === unitId && CITIZEN_LOOKUP_ROLES.includes(g.role));
  if (here.some((g) => g.role === 'reception-officer')) return 'counter';
  return here.length ? 'dossiers' : null;
}

export const policies = {
  readUnit: (actor: Actor, units: readonly UnitNode[], unitId: string) => unitScope(actor, units).has(unitId),
  /** Edit a unit's details, office sessions and reception points. */
  administerUnit: (actor: Actor, units: readonly UnitNode[], unitId: string) =>
    unitsWhere(actor, units, ['system-admin', 'province-admin', 'centre-director']).has(unitId),
  /** Create a commune or ward under a province (or a province: system-admin only). */
  createUnit: (actor: Actor, units: readonly UnitNode[], parentId: string | null) =>
    parentId === null
      ? actor.roles.some((g) => g.role === 'system-admin')
      : unitsWhere(actor, units, ['system-admin', 'province-admin']).has(parentId),
  /** Sign in to a counter of the unit and call, serve and transfer its tickets. */
  operateCounter: (actor: Actor, units: readonly UnitNode[], unitId: string) =>
    unitsWhere(actor, units, ['system-admin', 'centre-director', 'reception-officer']).has(unitId),
  /** The unit's waiting-time and capacity figures, ratings and roster (the director's view). */
  readQueueStats: (actor: Actor, units: readonly UnitNode[], unitId: string) =>
    unitsWhere(actor, units, ['system-admin', 'province-admin', 'centre-director']).has(unitId),
  manageStaff: (actor: Actor, units: readonly UnitNode[], unitId: string) =>
    unitsWhere(actor, units, ['system-admin', 'province-admin', 'centre-director']).has(unitId),
  readAudit: (actor: Actor, units: readonly UnitNode[], unitId: string) =>
    unitsWhere(actor, units, ['system-admin', 'province-admin', 'centre-director']).has(unitId),
  /** Look a citizen up in the population registry on behalf of a unit. */
  lookUpCitizen: (actor: Actor, unitId: string) => citizenLookupGrounds(actor, unitId) !== null,
  /** Which roles the actor may grant in a unit: nobody grants more than they hold. */
  grantRole: (actor: Actor, units: readonly UnitNode[], unitId: string, role: Role): boolean => {
    if (actor.roles.some((g) => g.role === 'system-admin')) return true;
    if (role === 'system-admin') return false;
    if (unitsWhere(actor, units, ['province-admin']).has(unitId)) return true;
    if (role === 'province-admin' || role === 'centre-director') return false;
    return unitsWhere(actor, units, ['centre-director']).has(unitId);
  },
  manageAccount: mayManageAccount,
};
