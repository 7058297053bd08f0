// The counter intake's state machine, pure: what the form holds (kept as a draft in the browser and on the
// server), the changes an officer makes (one action each) and what follows from them (which papers the registry
// stands for, what is sent). The screen (Intake.tsx and the step components beside this file) only dispatches.
import type { Ok } from '../../../api/client';
import type { ProcedureItem } from '../../../catalogue';
import type { Envelope } from '../../../staff/intakeDraft';
import { newIdempotencyKey, uuid } from '../../../ui/random';
import type { Unit } from '../../../units';

export type Citizen = { fullName: string; dateOfBirth: string; address: string; phone: string };
export type UploadedFile = { id: string; name: string; pages: number; sizeBytes: number };
export type ProcSnap = Pick<
  ProcedureItem,
  'id' | 'code' | 'name' | 'processingDays' | 'fee' | 'feeFrom' | 'components' | 'boundaryFree' | 'channels' | 'unitIds'
>;
export type ProcComponent = ProcSnap['components'][number];
export type IntakeResult = Ok<'/api/dossiers', 'post'>;
export type LookupState = 'none' | 'found' | 'not-found' | 'unavailable';

export type IntakeData = {
  idNumber: string;
  lookup: LookupState;
  citizen: Citizen;
  competentUnitId: string;
  receptionPointId: string;
  /** '' = the reception point */
  returnPointId: string;
  procedure: ProcSnap | null;
  checked: Record<string, boolean>;
  files: Record<string, UploadedFile[]>;
  pages: number;
  copies: number;
  receiptNo: string;
  idempotencyKey: string;
  result: IntakeResult | null;
};

export const EMPTY_CITIZEN: Citizen = { fullName: '', dateOfBirth: '', address: '', phone: '' };

export function emptyData(receptionPointId: string, unitId: string): IntakeData {
  return {
    idNumber: '',
    lookup: 'none',
    citizen: EMPTY_CITIZEN,
    competentUnitId: unitId,
    receptionPointId,
    returnPointId: '',
    procedure: null,
    checked: {},
    files: {},
    pages: 1,
    copies: 1,
    receiptNo: '',
    idempotencyKey: newIdempotencyKey(),
    result: null,
  };
}

export function newEnvelope(receptionPointId: string, unit: Pick<Unit, 'id'>): Envelope<IntakeData> {
  return { id: uuid(), unitId: unit.id, revision: 0, syncedRevision: 0, updatedAt: Date.now(), data: emptyData(receptionPointId, unit.id) };
}

export const hasContent = (d: IntakeData) => d.idNumber !== '' || d.procedure !== null || d.citizen.fullName !== '';

export function snap(p: ProcedureItem): ProcSnap {
  const { id, code, name, processingDays, fee, feeFrom, components, boundaryFree, channels, unitIds } = p;
  return { id, code, name, processingDays, fee, feeFrom, components, boundaryFree, channels, unitIds };
}

/** A draft's data as the server returns it (`Record<string, unknown>`), checked just enough to resume it. */
export function asIntakeData(d: Record<string, unknown>, fallback: IntakeData): IntakeData {
  if (typeof d.idNumber !== 'string' || typeof d.idempotencyKey !== 'string') return fallback;
  return { ...fallback, ...(d as Partial<IntakeData>) } as IntakeData;
}

export type IntakeAction =
  | { type: 'replace'; data: IntakeData }
  | { type: 'id-typed'; idNumber: string }
  | { type: 'lookup-found'; citizen: Citizen }
  | { type: 'lookup-failed'; status: 'not-found' | 'unavailable' }
  | { type: 'citizen-edited'; patch: Partial<Citizen> }
  /** Keys typed before the page was ready that belong to the name: appended in order. */
  | { type: 'name-appended'; text: string }
  | { type: 'procedure-picked'; procedure: ProcSnap }
  | { type: 'competent-unit-chosen'; unitId: string; ownUnitId: string }
  | { type: 'reception-point-chosen'; pointId: string }
  | { type: 'return-point-chosen'; pointId: string }
  | { type: 'component-checked'; componentId: string; checked: boolean }
  | { type: 'file-added'; componentId: string; file: UploadedFile }
  | { type: 'file-removed'; componentId: string; fileId: string }
  | { type: 'pages-set'; pages: number }
  | { type: 'copies-set'; copies: number }
  | { type: 'receipt-no-set'; receiptNo: string }
  | { type: 'created'; result: IntakeResult };

export function intakeReducer(d: IntakeData, a: IntakeAction): IntakeData {
  switch (a.type) {
    case 'replace':
      return a.data;
    case 'id-typed':
      return { ...d, idNumber: a.idNumber };
    case 'lookup-found':
      return { ...d, lookup: 'found', citizen: a.citizen };
    case 'lookup-failed':
      // The registry's data of an earlier number is not kept for a number it does not answer for.
      return { ...d, lookup: a.status, citizen: d.lookup === 'found' ? EMPTY_CITIZEN : d.citizen };
    case 'citizen-edited':
      return { ...d, citizen: { ...d.citizen, ...a.patch } };
    case 'name-appended':
      return { ...d, citizen: { ...d.citizen, fullName: d.citizen.fullName + a.text } };
    case 'procedure-picked':
      return { ...d, procedure: a.procedure, checked: {}, files: {}, pages: 1, copies: 1 };
    case 'competent-unit-chosen': {
      // Another unit's procedure stays only if that unit handles it and it is received across boundaries.
      const p = d.procedure;
      const keep = p && p.unitIds.includes(a.unitId) && (a.unitId === a.ownUnitId || p.boundaryFree);
      return { ...d, competentUnitId: a.unitId, returnPointId: '', procedure: keep ? p : null };
    }
    case 'reception-point-chosen':
      return { ...d, receptionPointId: a.pointId };
    case 'return-point-chosen':
      return { ...d, returnPointId: a.pointId };
    case 'component-checked':
      return { ...d, checked: { ...d.checked, [a.componentId]: a.checked } };
    case 'file-added':
      return {
        ...d,
        files: { ...d.files, [a.componentId]: [...(d.files[a.componentId] ?? []), a.file] },
        checked: { ...d.checked, [a.componentId]: true },
      };
    case 'file-removed':
      return { ...d, files: { ...d.files, [a.componentId]: (d.files[a.componentId] ?? []).filter((x) => x.id !== a.fileId) } };
    case 'pages-set':
      return { ...d, pages: Math.max(1, a.pages || 1) };
    case 'copies-set':
      return { ...d, copies: Math.max(1, a.copies || 1) };
    case 'receipt-no-set':
      return { ...d, receiptNo: a.receiptNo };
    case 'created':
      return { ...d, result: a.result };
  }
}

/** The registry lookup for this citizen failed: only then may a paper it holds be taken (Decree 224 Art. 18(4)). */
export const registryFailed = (lookup: LookupState) => lookup === 'not-found' || lookup === 'unavailable';

/**
 * A paper the registry holds is shown as "from the registry" and cannot be ticked, unless the lookup failed; before
 * the lookup it is not offered either (the server refuses it once the registry answers).
 */
export const lockedFromRegistry = (c: Pick<ProcComponent, 'fromRegistry'>, lookup: LookupState) =>
  c.fromRegistry && !registryFailed(lookup);

/** The first paper the officer has to tick: where focus goes once a procedure is chosen (none: the submit button). */
export function firstToTick(p: Pick<ProcSnap, 'components'>, lookup: LookupState): ProcComponent | undefined {
  return p.components.find((c) => c.mandatory && !lockedFromRegistry(c, lookup));
}

/** The components sent with the dossier: each ticked or scanned paper, with its files or as "presented". */
export function componentsToSend(d: IntakeData): ({ componentId: string; fileIds: string[] } | { componentId: string; presented: true })[] {
  const p = d.procedure;
  if (!p) return [];
  return p.components
    .filter((c) => !lockedFromRegistry(c, d.lookup) && (d.checked[c.id] || (d.files[c.id]?.length ?? 0) > 0))
    .map((c) => {
      const fileIds = (d.files[c.id] ?? []).map((f) => f.id);
      return fileIds.length ? { componentId: c.id, fileIds } : { componentId: c.id, presented: true as const };
    });
}
