// What the counter screen (web/src/pages/staff/Intake.tsx) calls when the server cannot be reached: each is a
// fallback taken only after the online call failed with a network error. The engine (catalogue, calendar,
// provisional receipts) loads on first use.
import type { StoredFile } from '../api/upload';
import type { Unit } from '../units';
import type { ProcedureItem } from '../catalogue';
import type { IntakeBody, QueuedIntake } from './store';
import { markReachable, refreshQueue, syncNow } from './sync';

/** A failed fetch (no network, server down) rather than an answer from the server. */
export const isUnreachable = (e: unknown): boolean => e instanceof TypeError;

/** Catalogue search on the copy kept on this device. */
export async function offlineSearch(unitIds: string[], competentUnitId: string, q: string): Promise<ProcedureItem[]> {
  markReachable(false);
  const { searchOffline } = await import('./receive');
  return searchOffline(unitIds, competentUnitId, q);
}

/** The upload failed for want of a server: keep the scan here instead (rethrows any other error). */
export async function scanOffline(e: unknown, file: File): Promise<Pick<StoredFile, 'id' | 'originalName' | 'pages' | 'sizeBytes'>> {
  if (!isUnreachable(e)) throw e;
  markReachable(false);
  const { keepScan } = await import('./receive');
  const f = await keepScan(file);
  return { id: f.id, originalName: f.name, pages: f.pages, sizeBytes: f.sizeBytes };
}

export type OfflineSubmit = {
  body: IntakeBody;
  userId: string;
  unit: Unit;
  competent: Unit;
  unitIds: string[];
  procedure: { name: string; components: { id: string; name: string }[] };
  toVerify: boolean;
  files: Record<string, { id: string; name: string; sizeBytes: number }[]>;
};

/** Queues an intake the server could not receive and answers what its provisional receipt shows. */
export async function submitOffline(s: OfflineSubmit): Promise<QueuedIntake> {
  markReachable(false);
  const { receiveOffline } = await import('./receive');
  const item = await receiveOffline({
    body: s.body,
    userId: s.userId,
    unit: s.unit,
    competent: s.competent,
    unitIds: s.unitIds,
    procedureName: s.procedure.name,
    procedureComponents: s.procedure.components,
    citizenName: s.body.applicant.fullName,
    toVerify: s.toVerify,
    files: s.files,
  });
  await refreshQueue();
  void syncNow();
  return item;
}
