// The counter form's draft store: written here at once, sent about a second later with a revision that only grows,
// kept (and retried) when the server cannot be reached, an unsent form sent when the officer switches forms.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const put = vi.fn();
vi.mock('../api/client', () => ({
  api: { PUT: (...args: unknown[]) => put(...args) },
  isProblem: (v: unknown) => typeof v === 'object' && v !== null && 'code' in v && 'detail' in v,
}));

const { DraftStore } = await import('./intakeDraft');
type Data = { idNumber: string };

const storage = new Map<string, string>();
const listeners = new Map<string, () => void>();
beforeEach(() => {
  vi.useFakeTimers();
  storage.clear();
  listeners.clear();
  put.mockReset();
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => storage.get(k) ?? null,
    setItem: (k: string, v: string) => storage.set(k, v),
    removeItem: (k: string) => storage.delete(k),
  });
  vi.stubGlobal('window', {
    addEventListener: (e: string, f: () => void) => listeners.set(e, f),
    removeEventListener: (e: string) => listeners.delete(e),
  });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const env = (id: string, revision = 0, syncedRevision = 0) => ({
  id,
  unitId: 'u1',
  revision,
  syncedRevision,
  updatedAt: 0,
  data: { idNumber: '' },
});
const ok = () => ({ data: { ok: true }, response: { status: 200 } });
const saved = () => JSON.parse(storage.get('k')!) as { revision: number; syncedRevision: number; data: Data };

describe('DraftStore', () => {
  it('writes each change here at once and sends only the latest, about a second later', async () => {
    put.mockResolvedValue(ok());
    const s = new DraftStore<Data>('k');
    s.adopt(env('d1'));
    expect(s.getState().sync).toBe('synced');
    s.save('u1', { idNumber: '0380' });
    s.save('u1', { idNumber: '038090000001' });
    expect(saved()).toMatchObject({ revision: 2, syncedRevision: 0, data: { idNumber: '038090000001' } });
    expect(s.getState().sync).toBe('saving');
    expect(put).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1000);
    expect(put).toHaveBeenCalledTimes(1);
    expect(put.mock.calls[0]![1]).toEqual({
      params: { path: { id: 'd1' } },
      body: { unitId: 'u1', revision: 2, data: { idNumber: '038090000001' } },
    });
    expect(s.getState().sync).toBe('synced');
    expect(saved().syncedRevision).toBe(2);
    s.dispose();
  });

  it('the server unreachable: kept here as local-only, retried, and sent when it answers', async () => {
    put
      .mockRejectedValueOnce(new TypeError('network'))
      .mockResolvedValueOnce({ error: {}, response: { status: 503 } })
      .mockResolvedValue(ok());
    const s = new DraftStore<Data>('k');
    s.adopt(env('d1'));
    s.save('u1', { idNumber: '1' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(s.getState().sync).toBe('local-only');
    expect(saved().syncedRevision).toBe(0);
    await vi.advanceTimersByTimeAsync(5000);
    expect(put).toHaveBeenCalledTimes(2);
    expect(s.getState().sync).toBe('local-only');
    await vi.advanceTimersByTimeAsync(5000);
    expect(put).toHaveBeenCalledTimes(3);
    expect(s.getState().sync).toBe('synced');
    expect(saved()).toMatchObject({ revision: 1, syncedRevision: 1 });
    s.dispose();
  });

  it('back online: the pending draft goes at once', async () => {
    put.mockResolvedValue(ok());
    const s = new DraftStore<Data>('k');
    s.adopt(env('d1', 3, 1));
    expect(s.getState().sync).toBe('local-only');
    listeners.get('online')!();
    await vi.advanceTimersByTimeAsync(0);
    expect(put).toHaveBeenCalled();
    expect(s.getState().sync).toBe('synced');
    s.dispose();
  });

  it('a refusal is shown with its reason and the local copy is kept', async () => {
    put.mockResolvedValue({ error: { code: 'forbidden', detail: 'Không có quyền' }, response: { status: 403 } });
    const s = new DraftStore<Data>('k');
    s.adopt(env('d1'));
    s.save('u1', { idNumber: '2' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(s.getState()).toEqual({ sync: 'error', detail: 'Không có quyền' });
    expect(saved().data).toEqual({ idNumber: '2' });
    s.dispose();
  });

  it('switching to another form sends the unsent change of the old one first', async () => {
    put.mockResolvedValue(ok());
    const s = new DraftStore<Data>('k');
    s.adopt(env('old'));
    s.save('u1', { idNumber: 'unsent' });
    s.adopt(env('new'));
    expect(put).toHaveBeenCalledTimes(1);
    expect(put.mock.calls[0]![1]).toMatchObject({ params: { path: { id: 'old' } }, body: { revision: 1, data: { idNumber: 'unsent' } } });
    await vi.advanceTimersByTimeAsync(5000);
    expect(put).toHaveBeenCalledTimes(1);
    expect(s.current()?.id).toBe('new');
    s.dispose();
  });

  it('finish keeps the final state and sends nothing more; clearLocal forgets it; readLocal reads it back', async () => {
    put.mockResolvedValue(ok());
    const s = new DraftStore<Data>('k');
    s.adopt(env('d1'));
    s.save('u1', { idNumber: 'x' });
    s.finish('u1', { idNumber: 'done' });
    await vi.advanceTimersByTimeAsync(5000);
    expect(put).not.toHaveBeenCalled();
    expect(s.readLocal()).toMatchObject({ revision: 2, syncedRevision: 2, data: { idNumber: 'done' } });
    s.clearLocal();
    expect(s.readLocal()).toBeNull();
    expect(s.current()).toBeNull();
    storage.set('k', '{broken');
    expect(s.readLocal()).toBeNull();
    s.dispose();
  });
});
