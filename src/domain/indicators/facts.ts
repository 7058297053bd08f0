// What one dossier contributes to the indicators, derived from its record and event history (pure).
// The same rules run in SQL for the rollups (migration 0016, indicator_fact_source); a test recomputes
// the indicators with these functions from raw rows and expects the rollups to match exactly.

export type FactEvent = { action: string; at: Date; data?: Record<string, unknown> };

export type DossierHistory = {
  id: string;
  unitId: string;
  procedureId: string;
  officerId: string | null;
  channel: 'in-person' | 'online' | 'postal';
  receivedAt: Date;
  countedFrom: Date;
  /** The due time the calendar engine keeps (citizen supplement time already left out; null while paused). */
  dueAt: Date | null;
  fee: number;
  paidOnline: boolean;
  registryUsed: boolean;
  verifiedVneid: boolean;
  /** Components: with files, taken from the registry, and whether the catalogue says the registry holds it. */
  components: readonly { fileCount: number; fromRegistry: boolean; registryHolds: boolean }[];
  /** The procedure's components that the population registry holds (catalogue `fromRegistry`). */
  registryComponentIds: readonly string[];
  /** Ordered by time (seq). */
  events: readonly FactEvent[];
  /** The create message reached the national portal. */
  synced: boolean;
  /** The result was pushed to the citizen's data store. */
  storeLinked: boolean;
  /** The citizen rated the handling "dislike", or filed feedback about this dossier. */
  complained: boolean;
};

export type Fact = {
  id: string;
  unitId: string;
  procedureId: string;
  officerId: string | null;
  receivedAt: Date;
  /** The end event (domain-2 §1.2, 2.1): result issued > returned > stopped/refused/withdrawn. */
  endAt: Date | null;
  /** While open, the dossier counts as late from this instant on (null: never while open). */
  lateFrom: Date | null;
  /** Finished: ended on or before its due (or has no due); null while open. */
  onTime: boolean | null;
  /** Finished on an earlier day (+07:00) than its due day (form 06 column 8). */
  early: boolean;
  /** Seconds from counting start to end, citizen supplement time left out; null while open. */
  processingSeconds: number | null;
  online: boolean;
  onlineWithEResult: boolean;
  feeBearing: boolean;
  paidOnline: boolean;
  reused: boolean;
  populationData: boolean;
  withResult: boolean;
  eResult: boolean;
  digitised: boolean;
  storeLinked: boolean;
  synced: boolean;
  complained: boolean;
  signals: Signal[];
};

export const SIGNAL_KINDS = [
  'late-result-update',
  'late-step',
  'registry-data-demanded',
  'notice-after-deadline',
  'unsigned-notice',
  'withdrawal-without-request',
  'not-digitised',
  'vague-answer',
] as const;
export type Signal = (typeof SIGNAL_KINDS)[number];

/** Actions that hand the citizen a notice (supplement request, refusal, apology with a new date, stop notice). */
export const NOTICE_ACTIONS: readonly string[] = ['request-supplement', 'refuse', 'apologize-and-extend', 'stop'];

/** The event names who signed it (data.signature.signerName); a notice without one went out unsigned. */
export function signedEvent(e: FactEvent): boolean {
  const sig = e.data?.signature;
  if (typeof sig !== 'object' || sig === null || Array.isArray(sig)) return false;
  const name = (sig as { signerName?: unknown }).signerName;
  return typeof name === 'string' && name.trim() !== '';
}

/** The event completed a processing step after that step's budget (data.step.late, recorded when it happened). */
export function lateStepEvent(e: FactEvent): boolean {
  const st = e.data?.step;
  return typeof st === 'object' && st !== null && (st as { late?: unknown }).late === true;
}

const END_PREFERENCE: readonly (readonly string[])[] = [['issue-result'], ['return-result'], ['stop', 'refuse']];
const RESULT_ACTIONS = ['issue-result', 'return-result'];

const DAY_MS = 86_400_000;
const VN_OFFSET_MS = 7 * 3_600_000;
/** Calendar day in Vietnam time (YYYY-MM-DD). */
export function vnDate(at: Date): string {
  return new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}
/** Midnight (+07:00) that starts a YYYY-MM-DD day. */
export function vnDayStart(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - VN_OFFSET_MS);
}
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

function resultFiles(e: FactEvent | undefined): number {
  const ids = e?.data?.resultFileIds;
  return Array.isArray(ids) ? ids.length : 0;
}

/** The supplement requests with when each ended (undefined while pending), in order. */
function supplements(events: readonly FactEvent[]): { from: Date; to?: Date; dueBefore: Date | null }[] {
  const out: { from: Date; to?: Date; dueBefore: Date | null }[] = [];
  for (const e of events) {
    if (e.action === 'request-supplement') {
      const due = typeof e.data?.dueAtBefore === 'string' ? new Date(e.data.dueAtBefore) : null;
      out.push({ from: e.at, dueBefore: due });
    } else if (e.action === 'receive-supplement') {
      const open = out.findLast((s) => !s.to);
      if (open) open.to = e.at;
    }
  }
  return out;
}

/**
 * The dossier's contribution. On-time rules (domain-2 §1.2, 2.1): the end event by preference; more than
 * one supplement request is late (from the second request on); a supplement still pending is measured at
 * its request date against the due time before it; otherwise the end is compared with the due time, which
 * already leaves the citizen's supplement time out. An open dossier is measured at the period's end.
 */
export function dossierFact(h: DossierHistory): Fact {
  const events = h.events;
  let end: FactEvent | undefined;
  for (const actions of END_PREFERENCE) {
    end = events.find((e) => actions.includes(e.action));
    if (end) break;
  }
  const endAt = end?.at ?? null;
  const sup = supplements(events.filter((e) => !endAt || e.at <= endAt));
  let lateFrom: Date | null;
  const pending = sup.length > 0 && !sup[sup.length - 1]!.to ? sup[sup.length - 1]! : undefined;
  if (sup.length > 1) lateFrom = sup[1]!.from;
  else if (pending) lateFrom = pending.dueBefore && pending.from > pending.dueBefore ? pending.from : null;
  else lateFrom = h.dueAt;
  const onTime = endAt ? lateFrom === null || endAt <= lateFrom : null;
  const due = pending ? pending.dueBefore : h.dueAt;
  const early = !!endAt && !!onTime && !!due && vnDate(endAt) < vnDate(due);
  let processingSeconds: number | null = null;
  if (endAt) {
    const paused = sup.reduce((t, s) => t + ((s.to ?? endAt).getTime() - s.from.getTime()), 0);
    processingSeconds = Math.max(0, Math.floor((endAt.getTime() - h.countedFrom.getTime() - paused) / 1000));
  }
  const issued = events.findLast((e) => e.action === 'issue-result');
  const withResult = events.some((e) => RESULT_ACTIONS.includes(e.action));
  const eResult = withResult && resultFiles(issued) > 0;
  const componentFiles = h.components.some((c) => c.fileCount > 0);
  const online = h.channel === 'online';

  const signals: Signal[] = [];
  const approve = events.find((e) => e.action === 'approve');
  if (approve && issued && h.dueAt && approve.at <= h.dueAt && issued.at > h.dueAt) signals.push('late-result-update');
  if (events.some(lateStepEvent)) signals.push('late-step');
  const demanded = events.some(
    (e) =>
      e.action === 'request-supplement' &&
      Array.isArray(e.data?.items) &&
      (e.data.items as { componentId?: string }[]).some((i) => !!i.componentId && h.registryComponentIds.includes(i.componentId)),
  );
  if (demanded || h.components.some((c) => c.registryHolds && !c.fromRegistry)) signals.push('registry-data-demanded');
  if (events.some((e) => e.action === 'apologize-and-extend' && (e.data?.afterDeadline === true || e.data?.lateNotice === true)))
    signals.push('notice-after-deadline');
  if ((issued && !approve && !issued.data?.signature) || events.some((e) => NOTICE_ACTIONS.includes(e.action) && !signedEvent(e)))
    signals.push('unsigned-notice');
  const stop = events.find((e) => e.action === 'stop');
  if (stop && !events.some((e) => e.action === 'record-withdrawal-request' && e.at <= stop.at)) signals.push('withdrawal-without-request');
  if (endAt && withResult && !(componentFiles && eResult)) signals.push('not-digitised');

  return {
    id: h.id,
    unitId: h.unitId,
    procedureId: h.procedureId,
    officerId: h.officerId,
    receivedAt: h.receivedAt,
    endAt,
    lateFrom,
    onTime,
    early,
    processingSeconds,
    online,
    onlineWithEResult: online && eResult,
    feeBearing: h.fee > 0,
    paidOnline: h.fee > 0 && h.paidOnline,
    reused: h.components.some((c) => c.fromRegistry),
    populationData: h.verifiedVneid || h.registryUsed,
    withResult,
    eResult,
    digitised: withResult && componentFiles && eResult,
    storeLinked: withResult && h.storeLinked,
    synced: h.synced,
    complained: h.complained,
    signals,
  };
}
