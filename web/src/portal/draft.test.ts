// The online application's draft: what the server takes, when two copies hold the same content, a draft made from
// the server's copy, and the sync: a stale copy never overwrites newer work (409), the citizen chooses.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Application, LocalDraft } from './draft';

const put = vi.fn();
const get = vi.fn();
const store = new Map<string, unknown>();
/** While set, IndexedDB writes never complete (the page unloaded before they committed). */
let idbStalled = false;
vi.mock('idb-keyval', () => ({
  get: async (k: string) => store.get(k),
  set: (k: string, v: unknown) => (idbStalled ? new Promise(() => undefined) : Promise.resolve(void store.set(k, v))),
  del: async (k: string) => void store.delete(k),
  entries: async () => [...store.entries()],
}));
vi.mock('../api/client', () => ({
  api: { PUT: (...a: unknown[]) => put(...a), GET: (...a: unknown[]) => get(...a) },
  isProblem: (v: unknown) => typeof v === 'object' && v !== null && 'code' in v,
}));
vi.mock('./pendingUploads', () => ({ forgetPendingUploads: async () => undefined }));
vi.mock('./session', () => ({ citizenSessionEnded: vi.fn(), csrfHeaders: () => ({ 'x-csrf-token': 't' }) }));

const { DraftSync, draftFromServer, localDrafts, readLocalDraft, sameContent, serverComponents } = await import('./draft');

const draft = (over: Partial<LocalDraft> = {}): LocalDraft => ({
  id: 'a1',
  citizenId: 'c1',
  procedureId: 'p1',
  procedureName: 'Xác nhận tình trạng hôn nhân',
  unitId: 'u1',
  returnPointId: null,
  form: { tinhTrang: 'Chưa kết hôn', nguoiYeuCau: { hoTen: 'An', ghiChu: '' } },
  files: { k1: [{ fileId: 'f1', name: 'to-khai.pdf', sizeBytes: 10 }], k2: [] },
  localRev: 1,
  syncedRev: 0,
  serverRevision: null,
  updatedAt: 1,
  ...over,
});
const app = (over: Partial<Application> = {}) =>
  ({
    id: 'a1',
    procedureId: 'p1',
    procedureName: 'Xác nhận tình trạng hôn nhân',
    unitId: 'u1',
    returnPointId: null,
    form: { nguoiYeuCau: { hoTen: 'An' }, tinhTrang: 'Chưa kết hôn' },
    components: [{ componentId: 'k1', fileIds: ['f1'] }],
    revision: 4,
    ...over,
  }) as Application;

describe('what the server takes and compares', () => {
  it('components with files only, as file ids', () => {
    expect(serverComponents(draft().files)).toEqual([{ componentId: 'k1', fileIds: ['f1'] }]);
    expect(serverComponents({})).toEqual([]);
  });

  it('the same content whatever the key order or empty values; any real difference counts', () => {
    expect(sameContent(draft(), app())).toBe(true);
    expect(
      sameContent(
        draft(),
        app({
          components: [
            { componentId: 'k1', fileIds: ['f1'] },
            { componentId: 'k2', fileIds: [] },
          ],
        }),
      ),
    ).toBe(true);
    expect(sameContent(draft(), app({ form: { tinhTrang: 'Đã ly hôn', nguoiYeuCau: { hoTen: 'An' } } }))).toBe(false);
    expect(sameContent(draft(), app({ components: [{ componentId: 'k1', fileIds: ['f2'] }] }))).toBe(false);
    expect(sameContent(draft(), app({ unitId: 'u2' }))).toBe(false);
    expect(sameContent(draft({ returnPointId: 'r1' }), app())).toBe(false);
  });

  it("a draft from the server's copy keeps the file names this device knows", () => {
    const d = draftFromServer(app({ components: [{ componentId: 'k1', fileIds: ['f1', 'f9'] }] }), 'c1', draft().files);
    expect(d.files.k1).toEqual([
      { fileId: 'f1', name: 'to-khai.pdf', sizeBytes: 10 },
      { fileId: 'f9', name: '', sizeBytes: 0 },
    ]);
    expect(d).toMatchObject({ id: 'a1', citizenId: 'c1', serverRevision: 4, localRev: 1, syncedRev: 1 });
  });
});

describe('DraftSync', () => {
  const listeners = new Map<string, () => void>();
  beforeEach(() => {
    vi.useFakeTimers();
    store.clear();
    put.mockReset();
    get.mockReset();
    vi.stubGlobal('window', {
      addEventListener: (e: string, f: () => void) => listeners.set(e, f),
      removeEventListener: (e: string) => listeners.delete(e),
    });
    vi.stubGlobal('navigator', { onLine: true });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('a change is journalled synchronously: a reload before IndexedDB commits still finds it; the journal goes once IndexedDB has it', async () => {
    const ls = new Map<string, string>();
    vi.stubGlobal('localStorage', {
      getItem: (k: string) => ls.get(k) ?? null,
      setItem: (k: string, v: string) => void ls.set(k, v),
      removeItem: (k: string) => void ls.delete(k),
      key: (i: number) => [...ls.keys()][i] ?? null,
      get length() {
        return ls.size;
      },
    });
    put.mockResolvedValue({ data: { revision: 5 }, response: { status: 200 } });
    const sync = new DraftSync(() => undefined);
    sync.adopt(draft({ localRev: 1, syncedRev: 1, serverRevision: 4 }), true);
    await vi.advanceTimersByTimeAsync(0);
    expect(ls.size).toBe(0);
    idbStalled = true;
    sync.change((d) => ({ ...d, form: { ...d.form, soDinhDanh: '038147000052' } }));
    // The "reload": IndexedDB still has revision 1, the journal revision 2.
    expect((store.get('portal:c1:a1') as LocalDraft).localRev).toBe(1);
    expect((await readLocalDraft('c1', 'a1'))?.form.soDinhDanh).toBe('038147000052');
    expect((await localDrafts('c1')).map((d) => d.localRev)).toEqual([2]);
    idbStalled = false;
    sync.change((d) => ({ ...d, form: { ...d.form, hoTen: 'Nguyễn Thị Tải Lại' } }));
    await vi.advanceTimersByTimeAsync(0);
    expect(ls.size).toBe(0);
    expect((await readLocalDraft('c1', 'a1'))?.localRev).toBe(3);
    sync.dispose();
  });

  it('keeps each change on this device (per citizen) and sends it with the revision it was based on', async () => {
    put.mockResolvedValue({ data: { revision: 5 }, response: { status: 200 } });
    const sync = new DraftSync(() => undefined);
    sync.adopt(draft({ localRev: 1, syncedRev: 1, serverRevision: 4 }), true);
    expect(sync.getState().status).toBe('saved');
    sync.change((d) => ({ ...d, form: { ...d.form, tinhTrang: 'Đã ly hôn' } }));
    expect(sync.getState().status).toBe('saving');
    await vi.advanceTimersByTimeAsync(0);
    expect((await localDrafts('c1')).map((d) => d.form.tinhTrang)).toEqual(['Đã ly hôn']);
    expect(await localDrafts('c2')).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(put).toHaveBeenCalledTimes(1);
    expect(put.mock.calls[0]![1].body).toMatchObject({ revision: 4, form: { tinhTrang: 'Đã ly hôn' } });
    expect(sync.getState().status).toBe('saved');
    expect(sync.current()).toMatchObject({ serverRevision: 5, syncedRev: 2, localRev: 2 });
    sync.dispose();
  });

  it('409 from another device: the citizen chooses; keeping theirs overwrites with the newer revision', async () => {
    put.mockResolvedValueOnce({ error: { code: 'revision-conflict', detail: 'x' }, response: { status: 409 } });
    get.mockResolvedValue({ data: app({ form: { tinhTrang: 'Đã ly hôn' }, revision: 7 }) });
    const sync = new DraftSync(() => undefined);
    sync.adopt(draft({ localRev: 1, syncedRev: 1, serverRevision: 4 }), false);
    sync.change((d) => d);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sync.getState().status).toBe('conflict');
    expect(sync.getState().server?.revision).toBe(7);
    put.mockResolvedValueOnce({ data: { revision: 8 }, response: { status: 200 } });
    sync.resolve('mine');
    await vi.advanceTimersByTimeAsync(0);
    expect(put.mock.calls[1]![1].body).toMatchObject({ revision: 7, form: { tinhTrang: 'Chưa kết hôn' } });
    expect(sync.getState().status).toBe('saved');
    sync.dispose();
  });

  it("409 whose content is ours (the answer was lost): saved, no conflict; taking the server's copy replaces ours", async () => {
    put.mockResolvedValueOnce({ error: { code: 'revision-conflict', detail: 'x' }, response: { status: 409 } });
    get.mockResolvedValue({ data: app({ revision: 9 }) });
    const sync = new DraftSync(() => undefined);
    sync.adopt(draft(), false);
    await vi.advanceTimersByTimeAsync(0);
    expect(sync.getState().status).toBe('saved');
    expect(sync.current()?.serverRevision).toBe(9);

    put.mockResolvedValueOnce({ error: { code: 'revision-conflict', detail: 'x' }, response: { status: 409 } });
    get.mockResolvedValue({ data: app({ form: { tinhTrang: 'Đã ly hôn' }, revision: 10 }) });
    sync.change((d) => ({ ...d, form: { tinhTrang: 'Chưa kết hôn', x: 1 } }));
    await vi.advanceTimersByTimeAsync(1000);
    expect(sync.getState().status).toBe('conflict');
    sync.resolve('server');
    expect(sync.getState().status).toBe('saved');
    expect(sync.current()).toMatchObject({ form: { tinhTrang: 'Đã ly hôn' }, serverRevision: 10 });
    sync.dispose();
  });

  it('offline: kept here, sent when the browser is online again', async () => {
    put.mockResolvedValue({ data: { revision: 1 }, response: { status: 200 } });
    vi.stubGlobal('navigator', { onLine: false });
    const sync = new DraftSync(() => undefined);
    sync.adopt(draft(), true);
    expect(sync.getState().status).toBe('local');
    await vi.advanceTimersByTimeAsync(0);
    expect(put).not.toHaveBeenCalled();
    vi.stubGlobal('navigator', { onLine: true });
    listeners.get('online')!();
    await vi.advanceTimersByTimeAsync(0);
    expect(put).toHaveBeenCalledTimes(1);
    expect(sync.getState().status).toBe('saved');
    sync.dispose();
  });

  it('the application moved on (404/409 not a conflict): error, and the page is told', async () => {
    put.mockResolvedValue({ error: { code: 'application-not-editable', detail: 'Đã nộp' }, response: { status: 409 } });
    const gone = vi.fn();
    const sync = new DraftSync(gone);
    sync.adopt(draft(), false);
    await vi.advanceTimersByTimeAsync(0);
    expect(sync.getState()).toMatchObject({ status: 'error', detail: 'Đã nộp' });
    expect(gone).toHaveBeenCalledWith('application-not-editable');
    sync.dispose();
  });
});
