// The citizen's portal session as the browser knows it: who is signed in with VNeID (GET /api/portal/me) and the
// session's CSRF token, which every portal request that changes something sends as `x-csrf-token`. The cookie
// itself (motcua_citizen) is HttpOnly. Separate from the staff session: one browser may hold both.
import { useSyncExternalStore } from 'react';
import { api, type Ok } from '../api/client';

export type Citizen = Ok<'/api/portal/me', 'get'>['citizen'];

export type CitizenState = {
  status: 'unknown' | 'signed-in' | 'signed-out' | 'network-error';
  citizen: Citizen | null;
  csrfToken: string | null;
};

const HINT_KEY = 'motcua.hasPortalSession';

/** Remembers whether this browser may hold a portal session cookie (the cookie itself is HttpOnly). */
export function setCitizenHint(on: boolean): void {
  try {
    if (on) localStorage.setItem(HINT_KEY, '1');
    else localStorage.removeItem(HINT_KEY);
  } catch {
    // storage disabled: every page asks the server
  }
}
/** Whether a portal session may exist: without the hint, the signed-out home is shown at once and the server is
 * asked in the background (a round trip less before the sign-in button on a slow network). */
export function mayHaveCitizenSession(): boolean {
  try {
    return localStorage.getItem(HINT_KEY) === '1';
  } catch {
    return true;
  }
}

let state: CitizenState = { status: 'unknown', citizen: null, csrfToken: null };
const listeners = new Set<() => void>();

function emit(next: CitizenState): void {
  state = next;
  if (next.status === 'signed-in') setCitizenHint(true);
  else if (next.status === 'signed-out') setCitizenHint(false);
  for (const l of listeners) l();
}

export const getCitizen = (): CitizenState => state;
function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
export function useCitizen(): CitizenState {
  return useSyncExternalStore(subscribe, getCitizen);
}

let loading: Promise<CitizenState> | null = null;
/** Asks the server who is signed in (once per page load unless forced). */
export function loadCitizen(force = false): Promise<CitizenState> {
  if (loading && !force) return loading;
  loading = (async () => {
    try {
      const r = await api.GET('/api/portal/me');
      if (r.data) emit({ status: 'signed-in', citizen: r.data.citizen, csrfToken: r.data.csrfToken });
      else if (r.response.status === 401) emit({ status: 'signed-out', citizen: null, csrfToken: null });
      else emit({ ...state, status: state.status === 'signed-in' ? 'signed-in' : 'network-error' });
    } catch {
      // Offline: keep what we knew (a draft can still be typed and kept on this device).
      if (state.status !== 'signed-in') emit({ ...state, status: 'network-error' });
    }
    return state;
  })();
  return loading;
}

/** A portal call answered 401: the session ended (expired, or signed out in another tab). */
export function citizenSessionEnded(): void {
  setCitizenHint(false);
  if (state.status === 'signed-in') emit({ status: 'signed-out', citizen: state.citizen, csrfToken: null });
  loading = null;
}

/** Headers of a portal request that changes something. */
export function csrfHeaders(): Record<string, string> {
  return state.csrfToken ? { 'x-csrf-token': state.csrfToken } : {};
}

/** Where the browser goes to sign in with VNeID, coming back to `returnTo` (a portal path). */
export function vneidSignInUrl(returnTo: string, level: 1 | 2 = 2): string {
  const back = returnTo.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '/cong-dan';
  return `/api/portal/auth/vneid?level=${level}&returnTo=${encodeURIComponent(back.slice(0, 300))}`;
}

export async function signOutCitizen(): Promise<void> {
  try {
    await api.POST('/api/portal/auth/logout', { headers: csrfHeaders() });
  } finally {
    emit({ status: 'signed-out', citizen: null, csrfToken: null });
    loading = null;
  }
}
