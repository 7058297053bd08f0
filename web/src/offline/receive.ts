// Receiving a dossier with the server unreachable: the catalogue and calendar kept on this device, the scans kept as
// Blobs, a provisional number unique to the device and the appointment computed by the shared deadline engine
// (src/domain/calendar) on the cached calendar — the same computation the server makes when the dossier arrives,
// counted from the same receipt time.
import { foldVietnamese } from '@domain/catalogue/fee';
import { Calendar } from '@domain/calendar/calendar';
import { computeDeadline } from '@domain/calendar/deadline';
import type { CalendarYear } from '@domain/calendar/year';
import { api, must } from '../api/client';
import type { ProcedureItem } from '../catalogue';
import { uuid } from '../ui/random';
import type { Unit } from '../units';
import { cache, queue, scans, type IntakeBody, type QueuedIntake, type ScanRef } from './store';

const REFRESH_MS = 60 * 60_000;
const provinceOf = (u: Pick<Unit, 'id' | 'parentId'>) => u.parentId ?? u.id;

/**
 * Keeps this device ready to receive offline: the catalogue of each unit the officer receives for, and the calendar
 * of this year and the next. Refreshed at most hourly; failures are ignored (the previous copy stays).
 */
export async function primeOffline(units: Unit[], unitIds: string[], now = new Date()): Promise<void> {
  const provinces = new Set<string>();
  for (const id of unitIds) {
    const u = units.find((x) => x.id === id);
    if (u) provinces.add(provinceOf(u));
    const old = await cache.catalogue(id).catch(() => undefined);
    if (old && now.getTime() - old.at < REFRESH_MS) continue;
    try {
      const items = must(await api.GET('/api/procedures', { params: { query: { unitId: id, limit: 500 } } })).items;
      await cache.putCatalogue({ unitId: id, at: now.getTime(), items });
    } catch {
      // offline or refused: keep what we have
    }
  }
  const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(now));
  for (const provinceId of provinces)
    for (const y of [year, year + 1]) {
      try {
        const r = must(await api.GET('/api/calendar/years/{year}', { params: { path: { year: y }, query: { provinceId } } }));
        await cache.putYear(provinceId, { year: r.year, holidays: r.holidays, workingDays: r.workingDays, generated: r.generated });
      } catch {
        // keep the previous copy
      }
    }
}

/** Catalogue search on this device (diacritics folded, as the server does): name or code contains every word. */
export async function searchOffline(unitIds: string[], competentUnitId: string, q: string, limit = 8): Promise<ProcedureItem[]> {
  const words = foldVietnamese(q).toLowerCase().split(/\s+/).filter(Boolean);
  const seen = new Set<string>();
  const out: ProcedureItem[] = [];
  for (const id of new Set([competentUnitId, ...unitIds])) {
    const c = await cache.catalogue(id).catch(() => undefined);
    for (const p of c?.items ?? []) {
      if (seen.has(p.id) || !p.unitIds.includes(competentUnitId)) continue;
      const text = foldVietnamese(`${p.code} ${p.name}`).toLowerCase();
      if (words.every((w) => text.includes(w))) {
        seen.add(p.id);
        out.push(p);
      }
    }
  }
  return out.slice(0, limit);
}

/** The full catalogue entry of a procedure kept on this device. */
async function cachedProcedure(unitIds: string[], procedureId: string): Promise<ProcedureItem | undefined> {
  for (const id of unitIds) {
    const hit = (await cache.catalogue(id).catch(() => undefined))?.items.find((p) => p.id === procedureId);
    if (hit) return hit;
  }
  return undefined;
}

/** Keeps a scan on this device; the form lists it like an uploaded file (`local:` id) until the dossier is sent. */
export async function keepScan(file: File): Promise<{ id: string; name: string; pages: number; sizeBytes: number }> {
  const scanId = uuid();
  await scans.put(scanId, file.slice(0, file.size, file.type || 'application/octet-stream'));
  return { id: `local:${scanId}`, name: file.name, pages: 1, sizeBytes: file.size };
}

async function deviceId(): Promise<string> {
  const KEY = 'motcua.deviceId';
  let id = localStorage.getItem(KEY);
  if (!id || !/^[A-Z0-9]{6}$/.test(id)) {
    const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
    id = Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => alphabet[b % alphabet.length]).join('');
    localStorage.setItem(KEY, id);
  }
  return id;
}

/** The appointment of a dossier received now, on the calendar kept here; null when that calendar is not here. */
export async function provisionalDue(competent: Unit, proc: ProcedureItem, receivedAt: Date): Promise<Date | null> {
  const provinceId = provinceOf(competent);
  const y = receivedAt.getUTCFullYear();
  const years = (await Promise.all([y, y + 1].map((n) => cache.year(provinceId, n).catch(() => undefined)))).filter(
    (x): x is CalendarYear => !!x,
  );
  if (!years.some((x) => x.year === y)) return null;
  try {
    return computeDeadline({
      receivedAt,
      workingDays: proc.processingDays,
      schedule: {
        sessions: competent.officeSessions,
        weekdays: competent.workingWeekdays,
        cutoff: proc.cutoffTime || competent.cutoffTime,
      },
      calendar: new Calendar(years),
    }).dueAt;
  } catch {
    return null;
  }
}

export type OfflineIntakeInput = {
  body: IntakeBody;
  userId: string;
  unit: Unit;
  competent: Unit;
  /** The units whose catalogues this device keeps (the officer's). */
  unitIds: string[];
  procedureName: string;
  /** The procedure's components (names for the receipt). */
  procedureComponents: { id: string; name: string }[];
  citizenName: string;
  toVerify: boolean;
  /** The form's files per component (name and size of the scans kept here). */
  files: Record<string, { id: string; name: string; sizeBytes: number }[]>;
};

/** Puts a dossier received offline in the sync queue and answers what the provisional receipt shows. */
export async function receiveOffline(input: OfflineIntakeInput, now = new Date()): Promise<QueuedIntake> {
  const proc = await cachedProcedure([...input.unitIds, input.competent.id], input.body.procedureId);
  const scanRefs: ScanRef[] = [];
  for (const c of input.body.components)
    for (const f of c.fileIds ?? []) {
      if (!f.startsWith('local:')) continue;
      const meta = input.files[c.componentId]?.find((x) => x.id === f);
      const blob = await scans.get(f.slice('local:'.length));
      scanRefs.push({
        scanId: f.slice('local:'.length),
        componentId: c.componentId,
        name: meta?.name ?? 'scan',
        type: blob?.type || 'application/octet-stream',
        sizeBytes: meta?.sizeBytes ?? blob?.size ?? 0,
      });
    }
  const due = proc ? await provisionalDue(input.competent, proc, now) : null;
  const provisionalNo = `TAM-${await deviceId()}-${String(await cache.nextSeq()).padStart(4, '0')}`;
  const item: QueuedIntake = {
    id: uuid(),
    provisionalNo,
    userId: input.userId,
    unitId: input.unit.id,
    receivedAt: now.toISOString(),
    body: input.body,
    scans: scanRefs,
    procedureVersionId: proc?.versionId ?? null,
    procedureName: input.procedureName,
    componentLines: input.body.components.map((c) => ({
      name: input.procedureComponents.find((x) => x.id === c.componentId)?.name ?? c.componentId,
      scans: c.fileIds?.length ?? 0,
    })),
    citizenName: input.citizenName,
    toVerify: input.toVerify,
    provisionalDueAt: due ? due.toISOString() : null,
    state: 'waiting',
    attempts: 0,
  };
  await queue.put(item);
  return item;
}
