// The signed-in officer as this browser last saw them (name, roles, session deadlines on this clock), so the staff
// app opens when the server cannot be reached. No CSRF token and no cookie: nothing here lets anyone act on the
// server; the session still ends at its deadlines, and the copy is forgotten on sign-out.
import type { User } from '../auth/session';

const KEY = 'motcua.offlineIdentity';

export type OfflineIdentity = { user: User; idleDeadline: number; absoluteDeadline: number };

export function rememberIdentity(id: OfflineIdentity): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(id));
  } catch {
    // ignore: the app then needs the server to open
  }
}

/** The remembered officer, when their session has not ended yet by this browser's clock. */
export function recallIdentity(now = Date.now()): OfflineIdentity | null {
  try {
    const raw = localStorage.getItem(KEY);
    const id = raw ? (JSON.parse(raw) as OfflineIdentity) : null;
    return id && id.user && Math.min(id.idleDeadline, id.absoluteDeadline) > now ? id : null;
  } catch {
    return null;
  }
}

export function forgetIdentity(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // ignore
  }
}
