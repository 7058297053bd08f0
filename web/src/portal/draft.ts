// An online application never loses what the citizen typed. Every change is written at once to this browser's
// IndexedDB (idb-keyval, keyed per citizen so a shared computer does not show one citizen's draft to another),
// and sent to the server as a draft about a second later, with the revision it was based on: the server answers
// 409 when another device changed it meanwhile, so a stale copy never overwrites newer work. Offline (or when the
// server cannot be reached) the draft waits here; when the browser is online again (`online` event, and a retry
// timer for networks that come back without one) the pending draft is sent once. Reopening the page continues
// from whichever copy is newer: this device's, or the server's (another device).
//
// IndexedDB writes are asynchronous, and a page that unloads (a reload, a closed tab) aborts the ones not yet
// committed: a change typed just before a reload could be lost. So each change is also written synchronously to a
// small journal in localStorage, dropped once IndexedDB holds that revision; reading takes the newer of the two.
import { del, entries, get, set } from 'idb-keyval';
import { useSyncExternalStore } from 'react';
import { api, isProblem, type Ok } from '../api/client';
import { forgetPendingUploads } from './pendingUploads';
import { citizenSessionEnded, csrfHeaders } from './session';
import type { FormValues } from './schema';

export type Application = Ok<'/api/portal/applications/{id}', 'get'>;

export type FileMeta = { fileId: string; name: string; sizeBytes: number };

export type LocalDraft = {
  id: string;
  citizenId: string;
  procedureId: string;
  procedureName: string;
  unitId: string;
  returnPointId: string | null;
  form: FormValues;
  /** Attached files by component id (names are known on the device that attached them). */
  files: Record<string, FileMeta[]>;
  /** Grows with every change made on this device. */
  localRev: number;
  /** The `localRev` the server has. */
  syncedRev: number;
  /** The server's revision this copy is based on; null when the server has never seen it. */
  serverRevision: number | null;
  updatedAt: number;
};

export type SyncStatus =
  | 'idle' // nothing changed yet
  | 'saving' // a change is on its way to the server
  | 'saved' // the server has the latest change
  | 'local' // kept on this device only (offline, or the server could not be reached): sent when possible
  | 'error' // the server refused the draft (detail says why); kept on this device
  | 'signed-out' // the portal session ended: kept on this device until the citizen signs in again
  | 'conflict'; // another device changed the draft: the citizen chooses which copy to keep

export type SyncState = { status: SyncStatus; detail: string | null; server: Application | null };

const PUSH_DELAY_MS = 1000;
const RETRY_MS = 5000;

const keyOf = (citizenId: string, id: string) => `portal:${citizenId}:${id}`;

const JOURNAL = 'motcua.draft-journal:';

/** The journal's copy of a draft (written synchronously with every change), if IndexedDB may not have it yet. */
function journalOf(key: string): LocalDraft | undefined {
  try {
    const raw = localStorage.getItem(JOURNAL + key);
    return raw ? (JSON.parse(raw) as LocalDraft) : undefined;
  } catch {
    return undefined;
  }
}

function dropJournal(key: string, upTo?: number): void {
  try {
    if (upTo === undefined || (journalOf(key)?.localRev ?? -1) <= upTo) localStorage.removeItem(JOURNAL + key);
  } catch {
    // Storage disabled: nothing was journalled.
  }
}

/** The newer of two copies of one draft (by this device's revision). */
export function newerDraft(a: LocalDraft | undefined, b: LocalDraft | undefined): LocalDraft | undefined {
  if (!a || !b) return a ?? b;
  return b.localRev > a.localRev ? b : a;
}

export async function readLocalDraft(citizenId: string, id: string): Promise<LocalDraft | undefined> {
  const key = keyOf(citizenId, id);
  const stored = await get<LocalDraft>(key).catch(() => undefined);
  return newerDraft(stored, journalOf(key));
}

/** This citizen's drafts kept on this device, newest first. */
export async function localDrafts(citizenId: string): Promise<LocalDraft[]> {
  const prefix = `portal:${citizenId}:`;
  const byKey = new Map<string, LocalDraft>();
  try {
    for (const [k, v] of await entries<string, LocalDraft>()) if (typeof k === 'string' && k.startsWith(prefix)) byKey.set(k, v);
  } catch {
    // IndexedDB unavailable: the journal may still hold drafts.
  }
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (!k?.startsWith(JOURNAL + prefix)) continue;
      const key = k.slice(JOURNAL.length);
      const d = newerDraft(byKey.get(key), journalOf(key));
      if (d) byKey.set(key, d);
    }
  } catch {
    // Storage disabled.
  }
  return [...byKey.values()].sort((a, b) => b.updatedAt - a.updatedAt);
}

/** Forgets this device's copy of a draft, and the files it kept for it that had not finished uploading. */
export async function forgetLocalDraft(citizenId: string, id: string): Promise<void> {
  const key = keyOf(citizenId, id);
  dropJournal(key);
  await del(key).catch(() => undefined);
  await forgetPendingUploads(citizenId, id);
}

/** The components as the server takes them: file ids per component, components without files left out. */
export function serverComponents(files: Record<string, FileMeta[]>): { componentId: string; fileIds: string[] }[] {
  return Object.entries(files)
    .filter(([, f]) => f.length > 0)
    .map(([componentId, f]) => ({ componentId, fileIds: f.map((x) => x.fileId) }));
}

/** JSON with sorted keys and without empty values: the same form reads the same whatever the key order. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(
          Object.entries(x as Record<string, unknown>)
            .filter(([, y]) => y !== undefined && y !== '')
            .sort(([a], [b]) => a.localeCompare(b)),
        )
      : x,
  );
}

/** Whether the server's application holds exactly this draft's content. */
export function sameContent(d: LocalDraft, a: Application): boolean {
  const comps = (cs: { componentId: string; fileIds?: string[] }[]) =>
    canonical([...cs].filter((c) => (c.fileIds ?? []).length > 0).sort((x, y) => x.componentId.localeCompare(y.componentId)));
  return (
    canonical(d.form) === canonical(a.form) &&
    comps(serverComponents(d.files)) === comps(a.components) &&
    d.unitId === a.unitId &&
    (d.returnPointId ?? null) === (a.returnPointId ?? null)
  );
}

/** A draft made from the server's copy (another device, or this one after clearing its storage). */
export function draftFromServer(a: Application, citizenId: string, known: Record<string, FileMeta[]> = {}): LocalDraft {
  const files: Record<string, FileMeta[]> = {};
  for (const c of a.components) {
    const names = new Map((known[c.componentId] ?? []).map((f) => [f.fileId, f]));
    files[c.componentId] = (c.fileIds ?? []).map((fileId) => names.get(fileId) ?? { fileId, name: '', sizeBytes: 0 });
  }
  return {
    id: a.id,
    citizenId,
    procedureId: a.procedureId,
    procedureName: a.procedureName,
    unitId: a.unitId,
    returnPointId: a.returnPointId,
    form: a.form,
    files,
    localRev: 1,
    syncedRev: 1,
    serverRevision: a.revision,
    updatedAt: Date.now(),
  };
}

export class DraftSync {
  private draft: LocalDraft | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inflight: Promise<void> | null = null;
  private state: SyncState = { status: 'idle', detail: null, server: null };
  private readonly listeners = new Set<() => void>();
  private readonly onOnline = () => {
    if (this.pending()) this.schedule(0);
  };
  private readonly onOffline = () => {
    if (this.pending() && this.state.status === 'saving') this.set('local');
  };

  /** `onGone`: the server will not take drafts of this application any more (submitted, or discarded). */
  constructor(private readonly onGone: (problem: string) => void) {
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
  }

  dispose(): void {
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  current(): LocalDraft | null {
    return this.draft;
  }

  /** Starts from a draft (new, from this device or from the server); `persist` writes it here at once. */
  adopt(d: LocalDraft, persist: boolean): void {
    this.draft = d;
    if (persist) this.writeLocal();
    if (d.syncedRev < d.localRev) {
      this.set(navigator.onLine ? 'saving' : 'local');
      this.schedule(0);
    } else this.set(d.serverRevision === null ? 'idle' : 'saved');
  }

  /** Records a change: kept on this device now, sent to the server shortly. */
  change(update: (d: LocalDraft) => LocalDraft): LocalDraft | null {
    if (!this.draft) return null;
    const next = { ...update(this.draft), localRev: this.draft.localRev + 1, updatedAt: Date.now() };
    this.draft = next;
    this.writeLocal();
    if (this.state.status !== 'conflict' && this.state.status !== 'signed-out') {
      if (!navigator.onLine) this.set('local');
      else if (this.state.status !== 'local' && this.state.status !== 'error') this.set('saving');
      this.schedule(PUSH_DELAY_MS);
    }
    return next;
  }

  /** Sends what is pending now and waits: true when the server has the latest change. */
  async flush(): Promise<boolean> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (let i = 0; i < 3 && this.pending(); i++) {
      if (this.inflight) await this.inflight;
      else await this.push();
      if (this.state.status !== 'saved' && this.state.status !== 'saving') break;
    }
    return !this.pending() && this.draft?.serverRevision !== null;
  }

  /** After a conflict: keep this device's copy (it overwrites the server's) or take the server's. */
  resolve(keep: 'mine' | 'server'): void {
    const server = this.state.server;
    if (!this.draft || !server) return;
    if (keep === 'server') {
      this.draft = draftFromServer(server, this.draft.citizenId, this.draft.files);
      this.writeLocal();
      this.set('saved');
    } else {
      this.draft = { ...this.draft, serverRevision: server.revision, localRev: this.draft.localRev + 1 };
      this.writeLocal();
      this.set('saving');
      this.schedule(0);
    }
  }

  /** The session came back (signed in again): send what waited. */
  resume(): void {
    if (this.state.status === 'signed-out' || this.state.status === 'error') this.set(this.pending() ? 'local' : 'saved');
    if (this.pending()) this.schedule(0);
  }

  /** The application moved on (submitted): forget this device's copy and stop sending. */
  async finish(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const d = this.draft;
    this.draft = null;
    if (d) await forgetLocalDraft(d.citizenId, d.id);
  }

  private pending(): boolean {
    return !!this.draft && this.draft.syncedRev < this.draft.localRev;
  }

  private writeLocal(): void {
    const d = this.draft;
    if (!d) return;
    const key = keyOf(d.citizenId, d.id);
    // Synchronously first (survives a reload that aborts the IndexedDB write), then IndexedDB, then the journal goes.
    try {
      localStorage.setItem(JOURNAL + key, JSON.stringify(d));
    } catch {
      // Storage full or disabled (private mode): IndexedDB and the server copy still protect the work.
    }
    void set(key, d)
      .then(() => dropJournal(key, d.localRev))
      .catch(() => undefined);
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.push();
    }, ms);
  }

  private push(): Promise<void> {
    if (this.inflight) {
      // One request at a time; what changed meanwhile goes right after.
      void this.inflight.then(() => this.pending() && this.schedule(PUSH_DELAY_MS));
      return this.inflight;
    }
    this.inflight = this.send().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private async send(): Promise<void> {
    const d = this.draft;
    if (!d || d.syncedRev >= d.localRev || this.state.status === 'conflict') return;
    if (!navigator.onLine) {
      // The `online` event sends it; the timer covers networks that come back without one.
      this.set('local');
      this.schedule(RETRY_MS);
      return;
    }
    const sentRev = d.localRev;
    try {
      const r = await api.PUT('/api/portal/applications/{id}', {
        params: { path: { id: d.id } },
        headers: csrfHeaders(),
        body: {
          procedureId: d.procedureId,
          unitId: d.unitId,
          returnPointId: d.returnPointId,
          form: d.form,
          components: serverComponents(d.files),
          ...(d.serverRevision !== null ? { revision: d.serverRevision } : {}),
        },
      });
      if (r.data) {
        this.synced(d.id, sentRev, r.data.revision);
        return;
      }
      const status = r.response.status;
      const problem = isProblem(r.error) ? r.error : null;
      if (status === 409 && problem?.code === 'revision-conflict') {
        await this.conflict(d, sentRev);
      } else if (status === 409 || status === 404) {
        this.set('error', problem?.detail ?? `HTTP ${status}`);
        this.onGone(problem?.code ?? String(status));
      } else if (status === 401) {
        citizenSessionEnded();
        this.set('signed-out', problem?.detail ?? null);
      } else if (status >= 500 || status === 429 || status === 408) {
        this.set('local');
        this.schedule(RETRY_MS);
      } else {
        this.set('error', problem?.detail ?? `HTTP ${status}`);
      }
    } catch {
      // The network dropped: kept here, tried again.
      this.set('local');
      this.schedule(RETRY_MS);
    }
  }

  private synced(id: string, sentRev: number, serverRevision: number): void {
    if (!this.draft || this.draft.id !== id) return;
    this.draft = { ...this.draft, syncedRev: Math.max(this.draft.syncedRev, sentRev), serverRevision };
    this.writeLocal();
    if (this.pending()) {
      this.set('saving');
      this.schedule(PUSH_DELAY_MS);
    } else this.set('saved');
  }

  /** 409: our last send may have arrived although its answer did not; otherwise another device saved meanwhile. */
  private async conflict(d: LocalDraft, sentRev: number): Promise<void> {
    const r = await api.GET('/api/portal/applications/{id}', { params: { path: { id: d.id } } });
    if (!r.data) {
      this.set('local');
      this.schedule(RETRY_MS);
      return;
    }
    if (sameContent(d, r.data)) {
      this.synced(d.id, sentRev, r.data.revision);
      return;
    }
    this.set('conflict', null, r.data);
  }

  private set(status: SyncStatus, detail: string | null = null, server: Application | null = null): void {
    if (this.state.status === status && this.state.detail === detail && this.state.server === server) return;
    this.state = { status, detail, server };
    for (const l of this.listeners) l();
  }

  readonly subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  readonly getState = (): SyncState => this.state;
}

export function useSyncState(sync: DraftSync): SyncState {
  return useSyncExternalStore(sync.subscribe, sync.getState);
}
