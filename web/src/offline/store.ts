// What the counter keeps in this browser to work without the server, in IndexedDB (idb-keyval; survives reloads,
// tab closes and browser crashes): the intakes received offline (the sync queue), their scans (as Blobs), and the
// public data needed to receive a dossier — each unit's catalogue and the province calendar. Personal data stays
// only until the dossier reaches the server: the scans are deleted then, and a synced entry keeps just what the
// officer needs to match the provisional receipt with the real code (dismissed by the officer, or after 7 days).
import { createStore, del, entries, get, set, update, type UseStore } from 'idb-keyval';
import type { CalendarYear } from '@domain/calendar/year';
import type { Body } from '../api/client';
import type { ProcedureItem } from '../catalogue';

export type IntakeBody = Body<'/api/dossiers', 'post'>;

export type ScanRef = { scanId: string; componentId: string; name: string; type: string; sizeBytes: number; uploadedId?: string };

export type QueuedIntake = {
  /** Also the Idempotency-Key: the server creates one dossier however often (and from however many tabs) it is sent. */
  id: string;
  provisionalNo: string;
  userId: string;
  unitId: string;
  /** The device's clock at receipt (ISO). */
  receivedAt: string;
  /** The intake as the form would have sent it; file ids of scans kept here are `local:<scanId>`. */
  body: IntakeBody;
  scans: ScanRef[];
  procedureVersionId: string | null;
  procedureName: string;
  /** The components received, as the provisional receipt lists them. */
  componentLines: { name: string; scans: number }[];
  citizenName: string;
  /** The registry could not be asked at the counter: the citizen's details are to be verified. */
  toVerify: boolean;
  /** Appointment computed on the cached calendar (ISO), null when the calendar was not available. */
  provisionalDueAt: string | null;
  state: 'waiting' | 'synced' | 'conflict';
  attempts: number;
  result?: { id: string; code: string; dueAt: string | null; receivedAt: string; clockWarning: string | null };
  conflict?: { code: string; detail: string; status: number };
  syncedAt?: string;
};

let stores: { queue: UseStore; scans: UseStore; cache: UseStore } | null = null;
function db() {
  stores ??= {
    queue: createStore('motcua-offline-queue', 'intakes'),
    scans: createStore('motcua-offline-scans', 'scans'),
    cache: createStore('motcua-offline-cache', 'data'),
  };
  return stores;
}

export const queue = {
  all: async (): Promise<QueuedIntake[]> =>
    (await entries<string, QueuedIntake>(db().queue)).map(([, v]) => v).sort((a, b) => a.receivedAt.localeCompare(b.receivedAt)),
  get: (id: string) => get<QueuedIntake>(id, db().queue),
  put: (item: QueuedIntake) => set(item.id, item, db().queue),
  patch: (id: string, patch: Partial<QueuedIntake>) =>
    update<QueuedIntake | undefined>(id, (old) => (old ? { ...old, ...patch } : old), db().queue),
  remove: (id: string) => del(id, db().queue),
};

export const scans = {
  put: (id: string, blob: Blob) => set(id, blob, db().scans),
  get: (id: string) => get<Blob>(id, db().scans),
  remove: (id: string) => del(id, db().scans),
};

export type CachedCatalogue = { unitId: string; at: number; items: ProcedureItem[] };

export const cache = {
  catalogue: (unitId: string) => get<CachedCatalogue>(`catalogue:${unitId}`, db().cache),
  putCatalogue: (c: CachedCatalogue) => set(`catalogue:${c.unitId}`, c, db().cache),
  year: (provinceId: string, year: number) => get<CalendarYear>(`calendar:${provinceId}:${year}`, db().cache),
  putYear: (provinceId: string, y: CalendarYear) => set(`calendar:${provinceId}:${y.year}`, y, db().cache),
  /** The next provisional sequence number of this device (atomic in IndexedDB: two tabs never get the same). */
  nextSeq: async (): Promise<number> => {
    let n = 0;
    await update<number>('seq', (old) => (n = (old ?? 0) + 1), db().cache);
    return n;
  },
};
