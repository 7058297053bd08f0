// The service worker (Workbox, built by vite-plugin-pwa: web/vite.config.ts) and safe updates. Registered by the
// staff shell only. A new release installs in the background and waits; it is activated (the page reloads) only
// while no intake is in progress on this browser — a form with content not yet submitted — and the officer is told
// before and after. Until then the old version keeps serving, so no typing is ever lost to an update.
import { useSyncExternalStore } from 'react';

type UpdateState = 'none' | 'waiting' | 'updated';
let state: UpdateState = 'none';
const listeners = new Set<() => void>();
function set(next: UpdateState): void {
  state = next;
  for (const l of listeners) l();
}
export function useUpdateState(): UpdateState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
}

const UPDATED_KEY = 'motcua.swUpdated';

/** Whether an intake form on this browser holds unsent work (the counter's local copies, web/src/staff/intakeDraft.ts). */
export function intakeInProgress(): boolean {
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (!key?.startsWith('motcua.intake.')) continue;
      const env = JSON.parse(localStorage.getItem(key) ?? 'null') as { data?: Record<string, unknown> } | null;
      const d = env?.data;
      if (!d || d.result) continue;
      const citizen = d.citizen as { fullName?: string } | undefined;
      if (d.idNumber || d.procedure || citizen?.fullName) return true;
    }
  } catch {
    return true;
  }
  return false;
}

let activate: ((reload?: boolean) => Promise<void>) | null = null;
let registered = false;

/** Activates the waiting version now (the officer asked, or nothing is in progress). */
export function updateNow(): void {
  if (!activate) return;
  try {
    sessionStorage.setItem(UPDATED_KEY, '1');
  } catch {
    // ignore
  }
  void activate(true);
}

export async function registerOfflineShell(): Promise<void> {
  try {
    if (sessionStorage.getItem(UPDATED_KEY)) {
      sessionStorage.removeItem(UPDATED_KEY);
      set('updated');
    }
  } catch {
    // ignore
  }
  if (registered || import.meta.env.DEV || !('serviceWorker' in navigator)) return;
  registered = true;
  const { registerSW } = await import('virtual:pwa-register');
  const check = () => {
    if (state !== 'waiting') return;
    if (!intakeInProgress()) updateNow();
    else setTimeout(check, 10_000);
  };
  activate = registerSW({
    immediate: true,
    onNeedRefresh() {
      set('waiting');
      check();
    },
    onRegisteredSW(_url, reg) {
      // Releases are picked up within the hour on a counter that stays open all day.
      if (reg) setInterval(() => void reg.update().catch(() => undefined), 60 * 60_000);
    },
  });
}
