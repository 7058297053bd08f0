// The signed-in session as the browser knows it: user, CSRF token and when the session ends.
// The idle deadline is computed from the server's `idleExpiresAt` and its `Date` header, so a wrong clock on the
// office computer does not matter. Any signed-in request counts as activity (the server touches the session at
// most once a minute, so our estimate stays on the safe side). Tabs share activity through localStorage.
import { useSyncExternalStore } from 'react';
import { api, isProblem, must, setApiHooks, type Ok, type Problem } from '../api/client';
import { forgetIdentity, recallIdentity, rememberIdentity } from '../offline/identity';

export type Me = Ok<'/api/auth/me', 'get'>;
export type User = Me['user'];
type ServerSession = Me['session'];

export type SessionState = {
  status: 'unknown' | 'signed-in' | 'signed-out';
  user: User | null;
  csrfToken: string | null;
  /** Client-clock ms when the idle timeout ends (already capped by the absolute expiry). */
  idleDeadline: number;
  /** Client-clock ms when the session ends whatever happens. */
  absoluteDeadline: number;
  /** How the last session ended: signed out by the user, expired (idle timeout or 401 while working), or the server
   * could not be reached when checking. `null`: there was no session. */
  ended: 'user' | 'expired' | 'network' | null;
};

const TOUCH_GRANULARITY_MS = 60_000;
const HINT_KEY = 'motcua.hasSession';

function setHint(on: boolean): void {
  try {
    if (on) localStorage.setItem(HINT_KEY, '1');
    else localStorage.removeItem(HINT_KEY);
  } catch {
    // ignore
  }
}
/** Whether this browser may hold a session cookie (the cookie itself is HttpOnly): saves citizens a request. */
export function mayHaveSession(): boolean {
  try {
    return localStorage.getItem(HINT_KEY) === '1';
  } catch {
    return true;
  }
}
const SYNC_KEY = 'motcua.sessionActivity';

let state: SessionState = { status: 'unknown', user: null, csrfToken: null, idleDeadline: 0, absoluteDeadline: 0, ended: null };
let idleMs = 30 * 60_000;
const listeners = new Set<() => void>();

function emit(next: Partial<SessionState>): void {
  state = { ...state, ...next };
  for (const l of listeners) l();
}

export const getSession = (): SessionState => state;
export function subscribeSession(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
export function useSession(): SessionState {
  return useSyncExternalStore(subscribeSession, getSession);
}

/** Server time of a response, from its Date header (falls back to the local clock). */
function serverNow(response: Response | undefined): number {
  const d = response?.headers.get('date');
  const t = d ? Date.parse(d) : NaN;
  return Number.isFinite(t) ? t : Date.now();
}

function share(): void {
  try {
    localStorage.setItem(SYNC_KEY, JSON.stringify({ idle: state.idleDeadline, abs: state.absoluteDeadline, at: Date.now() }));
  } catch {
    // ignore
  }
}

/** Applies a session description from login, /me or keepalive. */
function applySession(user: User | null, csrfToken: string | null, s: ServerSession, response: Response | undefined, exact: boolean): void {
  const now = serverNow(response);
  const idleLeft = Date.parse(s.idleExpiresAt) - now;
  const absLeft = Date.parse(s.expiresAt) - now;
  const absoluteDeadline = Date.now() + absLeft;
  // The idle length itself (config: whole minutes); /me may answer up to a minute after the last touch.
  if (idleLeft < absLeft - 1000)
    idleMs = Math.max(60_000, (exact ? Math.round(idleLeft / 60_000) : Math.ceil((idleLeft - 2000) / 60_000)) * 60_000);
  setHint(true);
  emit({
    status: 'signed-in',
    user: user ?? state.user,
    csrfToken: csrfToken ?? state.csrfToken,
    idleDeadline: Date.now() + Math.min(idleLeft, absLeft),
    absoluteDeadline,
    ended: null,
  });
  share();
  if (state.user) rememberIdentity({ user: state.user, idleDeadline: state.idleDeadline, absoluteDeadline: state.absoluteDeadline });
}

setApiHooks({
  csrfToken: () => state.csrfToken,
  onActivity: (sentAt) => {
    if (state.status !== 'signed-in') return;
    // The server touched the session when the request arrived, or at most a minute before.
    const estimate = Math.min(sentAt - TOUCH_GRANULARITY_MS + idleMs, state.absoluteDeadline);
    if (estimate > state.idleDeadline) {
      emit({ idleDeadline: estimate });
      share();
      if (state.user) rememberIdentity({ user: state.user, idleDeadline: state.idleDeadline, absoluteDeadline: state.absoluteDeadline });
    }
  },
  onUnauthorized: (problem: Problem, request: Request) => {
    // The portal's own session (citizens) answers its own 401s; they say nothing about the staff session.
    if (request.url.includes('/api/auth/login') || request.url.includes('/api/portal/')) return;
    if (state.status === 'signed-in') endLocally(problem.code === 'not-signed-in' ? 'user' : 'expired');
  },
});

if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key !== SYNC_KEY || !e.newValue || state.status !== 'signed-in') return;
    try {
      const v = JSON.parse(e.newValue) as { idle: number; abs: number; ended?: boolean };
      if (v.ended) endLocally('user');
      else if (v.idle > state.idleDeadline) emit({ idleDeadline: v.idle, absoluteDeadline: v.abs });
    } catch {
      // ignore
    }
  });
}

function endLocally(ended: SessionState['ended']): void {
  if (ended !== 'network') {
    setHint(false);
    forgetIdentity();
  }
  emit({ status: 'signed-out', user: null, csrfToken: null, idleDeadline: 0, absoluteDeadline: 0, ended });
}

let loading: Promise<void> | null = null;
/** Finds out whether a session cookie is valid (once per page load unless forced). */
export function loadSession(force = false): Promise<void> {
  if (loading && !force) return loading;
  loading = (async () => {
    try {
      const r = await api.GET('/api/auth/me');
      if (r.data) applySession(r.data.user, r.data.csrfToken, r.data.session, r.response, false);
      else endLocally(isProblem(r.error) && r.error.code === 'session-expired' ? 'expired' : null);
    } catch {
      // Server unreachable: the officer this browser last saw works offline (web/src/offline/) until the session's
      // deadlines; without one, the staff shell offers a retry rather than a sign-in form.
      const offline = state.status === 'unknown' ? recallIdentity() : null;
      if (offline) emit({ status: 'signed-in', ...offline, csrfToken: null, ended: null });
      else if (state.status === 'unknown') endLocally('network');
    }
  })();
  return loading;
}

export async function signIn(username: string, password: string): Promise<User> {
  const r = await api.POST('/api/auth/login', { body: { username, password } });
  const me = must(r);
  applySession(me.user, me.csrfToken, me.session, r.response, true);
  return me.user;
}

export async function signOut(): Promise<void> {
  try {
    if (state.status === 'signed-in') await api.POST('/api/auth/logout');
  } finally {
    endLocally('user');
    try {
      localStorage.setItem(SYNC_KEY, JSON.stringify({ ended: true, at: Date.now() }));
    } catch {
      // ignore
    }
  }
}

/** The answer to the expiry warning. */
export async function keepAlive(): Promise<void> {
  const r = await api.POST('/api/auth/keepalive');
  const s = must(r);
  applySession(null, null, s, r.response, true);
}

/** The idle deadline passed on this side: end the session on the server too and show the sign-in page. */
export async function expireNow(): Promise<void> {
  const token = state.csrfToken;
  endLocally('expired');
  if (token) {
    // Best effort: the server would refuse the session within a minute anyway.
    await fetch('/api/auth/logout', { method: 'POST', headers: { 'x-csrf-token': token } }).catch(() => undefined);
  }
}

/** Replaces the user after a change that affects it (password changed, roles changed). */
export async function refreshUser(): Promise<void> {
  await loadSession(true);
}
