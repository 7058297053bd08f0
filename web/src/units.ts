// Units of the province (public list), cached for the page's life, and the user's current unit.
import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react';
import { unitsWhere, type Actor } from '@domain/access';
import { ROLES, type Role, type RoleGrant } from '@domain/roles';
import { api, must, type Ok } from './api/client';
import type { User } from './auth/session';

export type Unit = Ok<'/api/units', 'get'>['items'][number];
export type ReceptionPoint = Unit['receptionPoints'][number];

type UnitsState = { units: Unit[] | null; error: unknown; loading: boolean };
let state: UnitsState = { units: null, error: null, loading: false };
const listeners = new Set<() => void>();
function emit(next: Partial<UnitsState>): void {
  state = { ...state, ...next };
  for (const l of listeners) l();
}

let inflight: Promise<Unit[]> | null = null;
export function loadUnits(force = false): Promise<Unit[]> {
  if (state.units && !force) return Promise.resolve(state.units);
  if (inflight && !force) return inflight;
  emit({ loading: true, error: null });
  inflight = api
    .GET('/api/units')
    .then((r) => {
      const units = must(r).items;
      emit({ units, loading: false });
      return units;
    })
    .catch((error: unknown) => {
      emit({ error, loading: false });
      throw error;
    })
    .finally(() => {
      inflight = null;
    });
  return inflight;
}

/** Puts a unit the server returned after an edit into the cache. */
export function putUnit(u: Unit): void {
  const list = state.units ?? [];
  emit({ units: list.some((x) => x.id === u.id) ? list.map((x) => (x.id === u.id ? u : x)) : [...list, u] });
}

export function useUnits(): UnitsState & { reload: () => void } {
  const s = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
  useEffect(() => {
    if (!state.units && !state.loading) loadUnits().catch(() => undefined);
  }, []);
  return { ...s, reload: () => void loadUnits(true).catch(() => undefined) };
}

export function actorOf(user: User): Actor {
  return { userId: user.id, username: user.username, fullName: user.fullName, roles: user.roles as RoleGrant[] };
}

export const ADMIN_ROLES: readonly Role[] = ['system-admin', 'province-admin', 'centre-director'];

export function isAdmin(user: User): boolean {
  return user.roles.some((g) => ADMIN_ROLES.includes(g.role));
}

/** The units offered in the unit switcher: where the user holds a role, province-wide roles expanded. */
export function workingUnits(user: User, units: readonly Unit[]): Unit[] {
  const ids = unitsWhere(actorOf(user), units);
  return sortUnits(units.filter((u) => ids.has(u.id)));
}

/** Province first, then wards and communes by name (Vietnamese collation). */
export function sortUnits(units: readonly Unit[]): Unit[] {
  const rank = (u: Unit) => (u.type === 'province' ? 0 : 1);
  return [...units].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'vi'));
}

/** The user's roles in a unit: held there, or reaching it from the province (marked `inherited`). */
export function rolesIn(user: User, unit: Unit, units: readonly Unit[]): { role: Role; inherited: boolean }[] {
  const out: { role: Role; inherited: boolean }[] = [];
  for (const g of user.roles) {
    if (g.unitId === unit.id) out.push({ role: g.role, inherited: false });
    else if (g.role === 'system-admin' && units.some((u) => u.id === g.unitId)) out.push({ role: g.role, inherited: true });
    else if (g.role === 'province-admin' && unit.parentId === g.unitId) out.push({ role: g.role, inherited: true });
  }
  const order = (r: Role) => ROLES.indexOf(r);
  return out.sort((a, b) => order(a.role) - order(b.role));
}

// Current unit, remembered per user on this browser.
const currentListeners = new Set<() => void>();
let currentCache: { key: string; id: string | null } = { key: '', id: null };
const keyFor = (userId: string) => `motcua.unit.${userId}`;

export function getCurrentUnitId(userId: string): string | null {
  if (currentCache.key !== userId) {
    let id: string | null = null;
    try {
      id = localStorage.getItem(keyFor(userId));
    } catch {
      id = null;
    }
    currentCache = { key: userId, id };
  }
  return currentCache.id;
}

export function setCurrentUnitId(userId: string, id: string): void {
  currentCache = { key: userId, id };
  try {
    localStorage.setItem(keyFor(userId), id);
  } catch {
    // ignore
  }
  for (const l of currentListeners) l();
}

/** The current unit of the user: the remembered one if still allowed, else the first unit where a role is held directly. */
export function useCurrentUnit(user: User | null): { unit: Unit | null; choices: Unit[]; setUnit: (id: string) => void } {
  const { units } = useUnits();
  const stored = useSyncExternalStore(
    (l) => {
      currentListeners.add(l);
      return () => currentListeners.delete(l);
    },
    () => (user ? getCurrentUnitId(user.id) : null),
  );
  const choices = useMemo(() => (user && units ? workingUnits(user, units) : []), [user, units]);
  const userId = user?.id;
  const setUnit = useCallback(
    (id: string) => {
      if (userId) setCurrentUnitId(userId, id);
    },
    [userId],
  );
  if (!user || !units) return { unit: null, choices, setUnit };
  const direct = choices.find((u) => user.roles.some((g) => g.unitId === u.id && g.role !== 'system-admin'));
  const unit = choices.find((u) => u.id === stored) ?? direct ?? choices[0] ?? null;
  return { unit, choices, setUnit };
}
