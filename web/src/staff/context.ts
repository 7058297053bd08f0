import { createContext, useContext } from 'react';
import type { User } from '../auth/session';
import type { Unit } from '../units';

export type StaffCtx = {
  user: User;
  /** Every unit of the province (public list). */
  units: Unit[];
  /** The unit chosen in the header's unit switcher. */
  unit: Unit | null;
  choices: Unit[];
  setUnit: (id: string) => void;
};

export const StaffContext = createContext<StaffCtx | null>(null);

export function useStaff(): StaffCtx {
  const c = useContext(StaffContext);
  if (!c) throw new Error('useStaff outside the staff shell');
  return c;
}

/** "Trung tâm Phục vụ hành chính công phường Hạc Thành" → "Phường Hạc Thành" for tight places (switcher, tags). */
export function shortName(u: Pick<Unit, 'name'>): string {
  const m = /^Trung tâm Phục vụ hành chính công\s+(.+)$/i.exec(u.name);
  if (!m?.[1]) return u.name;
  return m[1].charAt(0).toLocaleUpperCase('vi') + m[1].slice(1);
}
