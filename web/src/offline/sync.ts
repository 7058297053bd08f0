// The sync queue: each dossier received offline is sent once when the server can be reached again — its scans
// uploaded first (each upload remembered, so a crash mid-sync uploads nothing twice), then the intake with the
// device's Idempotency-Key and its receipt time, so the server creates exactly one dossier whatever happens (a
// reload, a second tab, the browser killed mid-request) and counts its deadline from the receipt at the counter.
// A refusal (procedure version replaced, registry now failing, components missing…) becomes a conflict listed for
// the officer, never dropped.
import { useSyncExternalStore } from 'react';
import { api, isProblem } from '../api/client';
import { uploadFile } from '../api/upload';
import { getSession, loadSession } from '../auth/session';
import { queue, scans, type QueuedIntake } from './store';

export type OfflineState = {
  /** The browser says it is online and the last contact with the server worked. */
  online: boolean;
  syncing: boolean;
  items: QueuedIntake[];
  needSignIn: boolean;
};

let state: OfflineState = {
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  syncing: false,
  items: [],
  needSignIn: false,
};
const listeners = new Set<() => void>();
function emit(next: Partial<OfflineState>): void {
  state = { ...state, ...next };
  for (const l of listeners) l();
}
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};
export const getOfflineState = () => state;
export function useOfflineState(): OfflineState {
  return useSyncExternalStore(subscribe, getOfflineState);
}

/** The server could (not) be reached: the counter screen says so, and a failed submit goes to the queue. */
export function markReachable(ok: boolean): void {
  const online = ok && navigator.onLine;
  if (online !== state.online) emit({ online });
}

let userId: string | null = null;

/** Re-reads the queue (this officer's entries) for the banner. */
export async function refreshQueue(): Promise<void> {
  if (!userId) return;
  const mine = (await queue.all().catch(() => [])).filter((i) => i.userId === userId);
  emit({ items: mine });
}

class Unreachable extends Error {}

async function sendOne(item: QueuedIntake): Promise<void> {
  // Scans first, each remembered as soon as it is stored on the server.
  const uploaded = new Map<string, string>();
  for (const s of item.scans) {
    if (s.uploadedId) {
      uploaded.set(s.scanId, s.uploadedId);
      continue;
    }
    const blob = await scans.get(s.scanId);
    if (!blob) {
      await queue.patch(item.id, { state: 'conflict', conflict: { code: 'scan-lost', detail: s.name, status: 0 } });
      return;
    }
    let stored;
    try {
      stored = await uploadFile(item.unitId, new File([blob], s.name, { type: s.type }));
    } catch (e) {
      if (e instanceof TypeError) throw new Unreachable();
      throw e;
    }
    uploaded.set(s.scanId, stored.id);
    const fresh = await queue.get(item.id);
    await queue.patch(item.id, {
      scans: (fresh?.scans ?? item.scans).map((x) => (x.scanId === s.scanId ? { ...x, uploadedId: stored.id } : x)),
    });
  }
  const body = {
    ...item.body,
    components: item.body.components.map((c) =>
      c.fileIds ? { ...c, fileIds: c.fileIds.map((f) => (f.startsWith('local:') ? uploaded.get(f.slice(6))! : f)) } : c,
    ),
    offline: {
      receivedAt: item.receivedAt,
      provisionalNo: item.provisionalNo,
      ...(item.procedureVersionId ? { procedureVersionId: item.procedureVersionId } : {}),
    },
  };
  await queue.patch(item.id, { attempts: item.attempts + 1 });
  let r;
  try {
    r = await api.POST('/api/dossiers', { body, params: { header: { 'idempotency-key': item.id } } });
  } catch {
    throw new Unreachable();
  }
  if (r.data) {
    const d = r.data;
    await queue.patch(item.id, {
      state: 'synced',
      syncedAt: new Date().toISOString(),
      result: { id: d.id, code: d.code, dueAt: d.dueAt, receivedAt: d.receivedAt, clockWarning: d.offline?.clockWarning ?? null },
      conflict: undefined,
      // Sent: the form's personal data is no longer needed here (the match list keeps the name and numbers).
      body: { ...item.body, applicant: { idNumber: item.body.applicant.idNumber, fullName: item.body.applicant.fullName } },
    });
    for (const s of item.scans) await scans.remove(s.scanId).catch(() => undefined);
    return;
  }
  const status = r.response.status;
  if (status === 401) {
    emit({ needSignIn: true });
    throw new Unreachable();
  }
  if (status >= 500 || status === 429 || status === 408) throw new Unreachable();
  // 409 intake-in-progress: the first attempt is still running on the server; try again later.
  if (isProblem(r.error) && r.error.code === 'conflict') throw new Unreachable();
  await queue.patch(item.id, {
    state: 'conflict',
    conflict: { code: isProblem(r.error) ? r.error.code : `http-${status}`, detail: isProblem(r.error) ? r.error.detail : '', status },
  });
}

let running: Promise<void> | null = null;

/** Sends every waiting intake of this officer (one run at a time in this tab, one tab at a time with Web Locks). */
export function syncNow(): Promise<void> {
  running ??= (async () => {
    try {
      await refreshQueue();
      if (!state.items.some((i) => i.state === 'waiting') || !navigator.onLine) return;
      const work = async () => {
        emit({ syncing: true });
        try {
          if (!getSession().csrfToken) await loadSession(true);
          if (!getSession().csrfToken) {
            markReachable(false);
            return;
          }
          emit({ needSignIn: false });
          for (const item of (await queue.all()).filter((i) => i.userId === userId && i.state === 'waiting')) {
            try {
              await sendOne(item);
              markReachable(true);
            } catch (e) {
              if (e instanceof Unreachable) {
                markReachable(false);
                return;
              }
              throw e;
            } finally {
              await refreshQueue();
            }
          }
        } finally {
          emit({ syncing: false });
        }
      };
      if (navigator.locks)
        await navigator.locks.request('motcua-offline-sync', { ifAvailable: true }, (lock) => (lock ? work() : undefined));
      else await work();
    } finally {
      running = null;
    }
  })();
  return running;
}

/** Marks a conflict to be sent again (optionally under the procedure's current version). */
export async function retryConflict(id: string, currentVersion: boolean): Promise<void> {
  const item = await queue.get(id);
  if (!item) return;
  await queue.patch(id, { state: 'waiting', conflict: undefined, ...(currentVersion ? { procedureVersionId: null } : {}) });
  await refreshQueue();
  void syncNow();
}

/** The officer resolved an entry (synced and noted, or a conflict handled otherwise): forget it and its scans. */
export async function dismiss(id: string): Promise<void> {
  const item = await queue.get(id);
  if (item) for (const s of item.scans) await scans.remove(s.scanId).catch(() => undefined);
  await queue.remove(id);
  await refreshQueue();
}

const KEEP_SYNCED_MS = 7 * 24 * 60 * 60_000;
let timer: ReturnType<typeof setInterval> | null = null;

/** Starts syncing for the signed-in officer: now, when the browser comes online, and every 15 seconds. */
export function startSync(forUser: string): () => void {
  userId = forUser;
  const onOnline = () => {
    markReachable(true);
    void syncNow();
  };
  const onOffline = () => markReachable(false);
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);
  timer = setInterval(() => void syncNow(), 15_000);
  void (async () => {
    // Synced entries older than a week have served their purpose.
    const now = Date.now();
    for (const i of await queue.all().catch(() => []))
      if (i.state === 'synced' && i.syncedAt && now - Date.parse(i.syncedAt) > KEEP_SYNCED_MS) await queue.remove(i.id);
    await syncNow();
  })();
  return () => {
    window.removeEventListener('online', onOnline);
    window.removeEventListener('offline', onOffline);
    if (timer) clearInterval(timer);
    timer = null;
    userId = null;
  };
}
