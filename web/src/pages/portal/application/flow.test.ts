// The application page's reducer and the choice of which draft copy to continue from.
import { describe, expect, it, vi } from 'vitest';
import type { Application, LocalDraft } from '../../../portal/draft';
import type { FormInfo } from './flow';

// The draft module talks to the server and IndexedDB; only its pure functions are used here.
vi.mock('idb-keyval', () => ({
  get: async () => undefined,
  set: async () => undefined,
  del: async () => undefined,
  entries: async () => [],
}));
vi.mock('../../../api/client', () => ({ api: {}, isProblem: () => false }));
vi.mock('../../../portal/pendingUploads', () => ({ forgetPendingUploads: async () => undefined }));
vi.mock('../../../portal/session', () => ({ citizenSessionEnded: vi.fn(), csrfHeaders: () => ({}) }));

const { afterAssisted, afterConfirm, chooseDraft, flowReducer, INITIAL_FLOW } = await import('./flow');

const draft = (over: Partial<LocalDraft> = {}): LocalDraft => ({
  id: 'a1',
  citizenId: 'c1',
  procedureId: 'p1',
  procedureName: 'Xác nhận tình trạng hôn nhân',
  unitId: 'u1',
  returnPointId: null,
  form: { tinhTrang: 'Chưa kết hôn', nguoiYeuCau: { hoTen: 'An' } },
  files: {},
  localRev: 1,
  syncedRev: 1,
  serverRevision: 1,
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
    form: { tinhTrang: 'Chưa kết hôn', nguoiYeuCau: { hoTen: 'An' } },
    components: [],
    status: 'draft',
    revision: 1,
    fee: 0,
    dossierId: null,
    dossierCode: null,
    paymentId: null,
    ...over,
  }) as Application;
const form = {
  procedure: { id: 'p1', code: '1.004873', name: 'Xác nhận tình trạng hôn nhân', formSchema: null, components: [] },
  registry: 'found',
  applicant: { idNumber: '038090000001', fullName: 'Lê Văn An', dateOfBirth: '1990-01-02', address: 'Thanh Hóa', phone: '0912' },
  registryPaths: ['nguoiYeuCau.hoTen'],
  prefill: { nguoiYeuCau: { hoTen: 'Lê Văn An' } },
  units: [{ id: 'u1', name: 'Phường Hạc Thành', returnPoints: [{ id: 'rp1', name: 'Quầy 1', address: '' }] }],
  fee: 0,
} as unknown as FormInfo;
const base = { id: 'a1', citizenId: 'c1', procedureId: 'p1', form, now: 5 };

describe('the application page’s steps', () => {
  it('moves between steps; reload only bumps the attempt', () => {
    let s = flowReducer(INITIAL_FLOW, { type: 'edit' });
    expect(s.phase).toEqual({ kind: 'form' });
    s = flowReducer(s, { type: 'otp-sent', otp: null, skew: 0 });
    expect(s.phase.kind).toBe('otp');
    const again = flowReducer(s, { type: 'reload' });
    expect(again).toEqual({ ...s, attempt: 1 });
    expect(flowReducer(again, { type: 'load' }).phase).toEqual({ kind: 'loading' });
    expect(flowReducer(s, { type: 'failed', text: 'mạng', retry: true }).phase).toEqual({ kind: 'error', text: 'mạng', retry: true });
  });

  it('after the code: filed without a fee, to the gateway with one', () => {
    const filed = app({ status: 'submitted', dossierCode: 'HT-1' });
    expect(afterConfirm({ application: filed, payment: null } as never)).toEqual({ type: 'filed', app: filed, payment: null });
    const due = app({ status: 'awaiting-payment', fee: 15_000 });
    expect(afterConfirm({ application: due, payment: { redirectUrl: '/api/sim/pay/x' } } as never)).toEqual({
      type: 'payment-due',
      fee: 15_000,
      redirectUrl: '/api/sim/pay/x',
      cancelled: false,
    });
  });

  it('at the counter (identity checked, no code): filed, or to the fee', () => {
    expect(afterAssisted(app({ status: 'submitted' })).type).toBe('filed');
    expect(afterAssisted(app({ status: 'awaiting-payment', fee: 15_000 }))).toMatchObject({ type: 'payment-due', fee: 15_000 });
  });
});

describe('which draft copy to continue from', () => {
  it('a new application starts from the prefill, the first unit and its first return point', () => {
    const r = chooseDraft({ ...base, local: null, server: null });
    expect(r.draft).toMatchObject({ unitId: 'u1', returnPointId: 'rp1', form: { nguoiYeuCau: { hoTen: 'Lê Văn An' } }, localRev: 0 });
    expect(r).toMatchObject({ persist: false, tookServer: false });
  });

  it('the server’s copy when it is newer and this device has nothing unsent (another device)', () => {
    const local = draft({ serverRevision: 1, form: { tinhTrang: 'Đã ly hôn' } });
    const r = chooseDraft({ ...base, local, server: app({ revision: 3 }) });
    expect(r).toMatchObject({ persist: true, tookServer: true });
    expect(r.draft.serverRevision).toBe(3);
    expect(r.draft.form.tinhTrang).toBe('Chưa kết hôn');
  });

  it('this device’s copy when both changed: the first send answers 409 and the citizen chooses', () => {
    const local = draft({ serverRevision: 1, localRev: 4, syncedRev: 2, form: { tinhTrang: 'Đã ly hôn' } });
    const r = chooseDraft({ ...base, local, server: app({ revision: 3 }) });
    expect(r.tookServer).toBe(false);
    expect(r.draft.form.tinhTrang).toBe('Đã ly hôn');
  });

  it('the registry’s values always win over what was typed', () => {
    const local = draft({ form: { nguoiYeuCau: { hoTen: 'gõ sai' } } });
    const r = chooseDraft({ ...base, local, server: null });
    expect(r.draft.form).toMatchObject({ nguoiYeuCau: { hoTen: 'Lê Văn An' } });
  });
});
