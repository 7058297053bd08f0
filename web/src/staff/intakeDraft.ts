// The counter form never loses work: every change is written to this browser at once (localStorage, keyed per
// officer) and sent to the server as a draft about a second later, with a revision that only grows so a late
// retry never overwrites newer typing. Offline, the push is retried every few seconds and when the browser
// says it is online again; the form shows which copy is current.
import { useSyncExternalStore } from 'react';
import { api, isProblem } from '../api/client';

export type SyncState = 'idle' | 'saving' | 'synced' | 'local-only' | 'error';

export type Envelope<D> = {
  id: string;
  unitId: string;
  revision: number;
  syncedRevision: number;
  updatedAt: number;
  data: D;
};

const PUSH_DELAY_MS = 1000;
const RETRY_MS = 5000;

export class DraftStore<D extends Record<string, unknown>> {
  private env: Envelope<D> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inflight = false;
  private state: { sync: SyncState; detail: string | null } = { sync: 'idle', detail: null };
  private listeners = new Set<() => void>();
  private readonly onOnline = () => this.schedule(0);

  constructor(private readonly key: string) {
    window.addEventListener('online', this.onOnline);
  }

  dispose(): void {
    window.removeEventListener('online', this.onOnline);
    if (this.timer) clearTimeout(this.timer);
  }

  /** The envelope kept on this browser, if any. */
  readLocal(): Envelope<D> | null {
    try {
      const raw = localStorage.getItem(this.key);
      return raw ? (JSON.parse(raw) as Envelope<D>) : null;
    } catch {
      return null;
    }
  }

  /** Starts working on an envelope (a new form, a restored one or a draft resumed from the server). */
  adopt(env: Envelope<D>): void {
    const old = this.env;
    // Switching forms: an unsent change of the old one goes out now (once), so it waits on the server as a draft.
    if (old && old.id !== env.id && old.syncedRevision < old.revision)
      void api
        .PUT('/api/intake-drafts/{id}', {
          params: { path: { id: old.id } },
          body: { unitId: old.unitId, revision: old.revision, data: old.data },
        })
        .catch(() => undefined);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.env = env;
    this.writeLocal();
    this.set(env.syncedRevision >= env.revision ? 'synced' : 'local-only', null);
    if (env.syncedRevision < env.revision) this.schedule(0);
  }

  /** Records a change: written here now, sent to the server shortly. */
  save(unitId: string, data: D): void {
    if (!this.env) return;
    this.env = { ...this.env, unitId, data, revision: this.env.revision + 1, updatedAt: Date.now() };
    this.writeLocal();
    if (this.state.sync === 'synced' || this.state.sync === 'idle') this.set('saving', null);
    this.schedule(PUSH_DELAY_MS);
  }

  /** The form was submitted: keep its final state here (a reload shows the result) and send nothing more. */
  finish(unitId: string, data: D): void {
    if (!this.env) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const revision = this.env.revision + 1;
    this.env = { ...this.env, unitId, data, revision, syncedRevision: revision, updatedAt: Date.now() };
    this.writeLocal();
    this.set('idle', null);
  }

  /** Forgets the local copy (the dossier was created, or the officer discarded the form). */
  clearLocal(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.env = null;
    try {
      localStorage.removeItem(this.key);
    } catch {
      // ignore
    }
    this.set('idle', null);
  }

  current(): Envelope<D> | null {
    return this.env;
  }

  private writeLocal(): void {
    try {
      if (this.env) localStorage.setItem(this.key, JSON.stringify(this.env));
    } catch {
      // Storage full or disabled: the server copy still protects the work.
    }
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.push(), ms);
  }

  private async push(): Promise<void> {
    this.timer = null;
    const env = this.env;
    if (!env || env.syncedRevision >= env.revision) return;
    if (this.inflight) {
      this.schedule(300);
      return;
    }
    this.inflight = true;
    try {
      const r = await api.PUT('/api/intake-drafts/{id}', {
        params: { path: { id: env.id } },
        body: { unitId: env.unitId, revision: env.revision, data: env.data },
      });
      if (r.data) {
        if (this.env && this.env.id === env.id) {
          this.env = { ...this.env, syncedRevision: Math.max(this.env.syncedRevision, env.revision) };
          this.writeLocal();
          if (this.env.syncedRevision >= this.env.revision) this.set('synced', null);
          else this.schedule(PUSH_DELAY_MS);
        }
      } else if (r.response.status >= 500 || r.response.status === 429) {
        this.set('local-only', null);
        this.schedule(RETRY_MS);
      } else {
        // Refused (no reception role here, session ended…): keep the local copy and say why.
        this.set('error', isProblem(r.error) ? r.error.detail : `HTTP ${r.response.status}`);
        if (r.response.status === 401) this.schedule(RETRY_MS * 2);
      }
    } catch {
      this.set('local-only', null);
      this.schedule(RETRY_MS);
    } finally {
      this.inflight = false;
    }
  }

  private set(sync: SyncState, detail: string | null): void {
    if (this.state.sync === sync && this.state.detail === detail) return;
    this.state = { sync, detail };
    for (const l of this.listeners) l();
  }

  readonly subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  readonly getState = () => this.state;
}

export function useDraftState<D extends Record<string, unknown>>(store: DraftStore<D>) {
  return useSyncExternalStore(store.subscribe, store.getState);
}
