// The offline counter's small rules that need no browser: the remembered officer opens the app offline only until
// their session's deadlines, and a new release waits while an intake form holds unsent work.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const storage = new Map<string, string>();
beforeEach(() => {
  storage.clear();
  vi.stubGlobal('localStorage', {
    get length() {
      return storage.size;
    },
    key: (i: number) => [...storage.keys()][i] ?? null,
    getItem: (k: string) => storage.get(k) ?? null,
    setItem: (k: string, v: string) => storage.set(k, v),
    removeItem: (k: string) => storage.delete(k),
  });
});

const { forgetIdentity, recallIdentity, rememberIdentity } = await import('./identity');
const { intakeInProgress } = await import('./update');

const user = { id: 'u1', username: 'hacthanh.reception-officer', fullName: 'Ngô Thị Mai', roles: [] } as never;

describe('the remembered officer', () => {
  it('is recalled before the idle and absolute deadlines, not after, and forgotten on sign-out', () => {
    rememberIdentity({ user, idleDeadline: 2_000, absoluteDeadline: 5_000 });
    expect(recallIdentity(1_000)?.user).toEqual(user);
    expect(recallIdentity(2_000)).toBeNull();
    rememberIdentity({ user, idleDeadline: 9_000, absoluteDeadline: 3_000 });
    expect(recallIdentity(3_500)).toBeNull();
    rememberIdentity({ user, idleDeadline: 9_000, absoluteDeadline: 9_000 });
    forgetIdentity();
    expect(recallIdentity(1_000)).toBeNull();
  });
  it('is nothing when the stored copy is unreadable', () => {
    storage.set('motcua.offlineIdentity', '{not json');
    expect(recallIdentity(0)).toBeNull();
  });
});

describe('an update waits for the intake in progress', () => {
  const form = (data: Record<string, unknown>) =>
    JSON.stringify({ id: 'f', unitId: 'x', revision: 1, syncedRevision: 1, updatedAt: 0, data });
  it('waits while a form has an ID number, a procedure or a name, and not when it is empty or submitted', () => {
    expect(intakeInProgress()).toBe(false);
    storage.set('motcua.intake.u1.unit', form({ idNumber: '', procedure: null, citizen: { fullName: '' }, result: null }));
    expect(intakeInProgress()).toBe(false);
    storage.set('motcua.intake.u1.unit', form({ idNumber: '0380', procedure: null, citizen: { fullName: '' }, result: null }));
    expect(intakeInProgress()).toBe(true);
    storage.set('motcua.intake.u1.unit', form({ idNumber: '0380', procedure: null, citizen: { fullName: 'A' }, result: { code: 'X' } }));
    expect(intakeInProgress()).toBe(false);
    storage.set('motcua.intake.u1.other', form({ idNumber: '', procedure: null, citizen: { fullName: 'Lan' }, result: null }));
    expect(intakeInProgress()).toBe(true);
  });
});
