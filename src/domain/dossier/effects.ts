// The dossier's actions as a table of effects, beside the lifecycle table (lifecycle.ts). An action is taken in
// four steps (src/services/dossier/actions.service.ts):
//   load   the dossier, its history, deadline, procedure version, calendar, and what the action needs (NEEDS);
//   check  pure: the rules of the law and of the request (`checkAction`, then `checkLoaded` on what was loaded);
//   effect pure: what to write (`effectOf`): the status, the dossier's columns, the deadline's clock, the
//          components, the event, the audit entry, the citizen's documents and the outbox messages;
//   write  one repository call in one transaction (writeActionEffect in dossier-actions.repository.ts).
// The order of answers stays: 404 not visible, 409 not allowed now, 403 role (in the service), then 422 rules.
import type { Calendar } from '../calendar/calendar';
import { extendClock, pauseClock, resumeClock, type ClockChange, type StoredPause } from '../calendar/clock';
import { workingMillisBetween } from '../calendar/deadline';
import { vnDateTime } from '../calendar/display';
import type { UnitSchedule } from '../calendar/schedule';
import { Problem } from '../problems';
import { actionRule } from './availability';
import { NATIONAL_STATUS, nextStatus, type Action, type Status } from './lifecycle';
import { NOTICE_ACTIONS } from '../indicators/facts';
import { statusNotice } from './notices';
import { stepCompletedBy, type StepDef } from './steps';
import {
  componentsBeyondProcedure,
  handoverProblem,
  REGISTRY_FAILED_NOTE,
  registryComponentsAsked,
  supplementReceivedRule,
  withdrawalEvidenceRule,
  type Handover,
  type ProvidedComponent,
} from './rules';

export type ActionBody = {
  assigneeId?: string;
  reason?: string;
  items?: { componentId: string; reason: string }[];
  components?: ProvidedComponent[];
  channel?: 'in-person' | 'postal' | 'online';
  newDueAt?: string;
  resultFileIds?: string[];
  /** record-withdrawal-request: the scan of the citizen's signed request (in person or by post). */
  evidenceFileIds?: string[];
  /** return-result: how the result was handed over. */
  handover?: Handover;
  note?: string;
  toUnitId?: string;
};

/** The actions that end the processing: the clock closes and the dossier is finished. */
export const FINISHING: readonly Action[] = ['refuse', 'stop', 'issue-result'];

/** What the load step fetches for an action beyond the dossier itself. */
export type Need = 'assignee' | 'supplement-files' | 'result-files' | 'result-owner' | 'evidence-files' | 'transfer-target';

export const NEEDS = {
  accept: [],
  assign: ['assignee'],
  'request-supplement': [],
  'receive-supplement': ['supplement-files'],
  refuse: [],
  'submit-for-approval': [],
  approve: [],
  'return-to-specialist': [],
  'issue-result': ['result-files', 'result-owner'],
  'return-result': [],
  'record-withdrawal-request': ['evidence-files'],
  stop: [],
  'apologize-and-extend': [],
  transfer: ['transfer-target'],
} as const satisfies Record<Action, readonly Need[]>;

/** The dossier's columns an action reads. */
export type DossierFacts = {
  id: string;
  code: string;
  status: Status;
  unit_id: string;
  received_unit_id: string;
  procedure_id: string;
  applicant_id_number: string;
  channel: string;
  registry_used: boolean;
  paid_online: boolean;
  verified_vneid: boolean;
  citizen_id: string | null;
  applicant: { phone?: string };
  received_at: Date;
  due_at: Date | null;
  finished_at: Date | null;
  supplement_count: number;
  extension_count: number;
  event_count: number;
};

export type ComponentFacts = { id: string; name: string; fromRegistry: boolean };
export type StoredFileFacts = { id: string; sha256: string; mime: string; pages: number | null };
export type PastEvent = { action: string; at: Date; from_status: string | null; data: Record<string, unknown> };

/** Everything the pure steps see. */
export type ActInput = {
  action: Action;
  body: ActionBody;
  now: Date;
  dossier: DossierFacts;
  /** The history, oldest first. */
  events: readonly PastEvent[];
  /** The version's name, components, and processing steps with the legal time they share (for `late-step`). */
  procedure: { name: string; components: readonly ComponentFacts[]; steps: readonly StepDef[]; processingDays: number };
  deadline: {
    receivedAt: Date;
    workingDays: number;
    mode: 'pause' | 'restart';
    pauses: readonly StoredPause[];
    countedFrom: Date;
    dueAt: Date | null;
    overrideDueAt: Date | null;
  };
  schedule: UnitSchedule;
  calendar: Calendar;
  provinceId: string;
  /** Who acts, and in which role (a citizen on the portal acts as 'citizen'). */
  by: { id: string | null; name: string; username: string };
  role: string;
  byCitizen: boolean;
  /** The dossier's components now: how many files each has (the portal is told whether any is digitised). */
  componentFiles: ReadonlyMap<string, number>;
  /** The applicant's e-mail on the portal, when the dossier has a portal account that has one. */
  citizenEmail: string | null;
  /** Absolute base of links in SMS and e-mail. */
  publicBase: string;
  loaded: Loaded;
};

/** What the load step found for NEEDS. */
export type Loaded = {
  assignee?: { id: string; full_name: string };
  resultFiles?: StoredFileFacts[];
  resultOwner?: string | null;
  evidenceFiles?: StoredFileFacts[];
  /** The transfer's target unit, whether it handles the procedure; null when it does not exist. */
  target?: { id: string; provinceId: string; handles: boolean } | null;
};

export type OutboxMessage = { channel: 'portal' | 'sms' | 'email'; key: string; payload: Record<string, unknown> };

/** The dossier columns an action may change. */
export type DossierPatch = {
  assignee_id?: string | null;
  supplement_count?: number;
  due_at?: Date | null;
  counted_from?: Date;
  returned_at?: Date;
  withdrawal_requested?: boolean;
  extension_count?: number;
  unit_id?: string;
  finished_at?: Date;
};

/** What to write for one action, in one transaction. */
export type DossierEffect = {
  dossierId: string;
  from: Status;
  to: Status;
  seq: number;
  dossier: DossierPatch;
  deadline: ClockChange;
  components: { componentId: string; presented: boolean; fileIds: string[] }[];
  event: { action: Action; reason: string; data: Record<string, unknown>; unitId: string };
  audit: { action: string; unitId: string; details: Record<string, unknown> };
  citizenDocument: { citizenId: string; fileIds: string[]; titles: string } | null;
  messages: OutboxMessage[];
  /** The due time the answer reports. */
  dueAt: Date | null;
};

type Rows = { componentId: string; reason: string }[];

/** 422 when a request names a paper the population registry holds and the registry answered for this dossier. */
export function refuseRegistryHeld(components: readonly ComponentFacts[], items: readonly { componentId: string }[], registryOk: boolean) {
  const held = registryComponentsAsked(
    components,
    items.map((i) => i.componentId),
    registryOk,
  );
  if (held.length)
    throw new Problem(
      'registry-component-not-requestable',
      { names: held.map((c) => c.name).join('; ') },
      { components: held.map((c) => ({ componentId: c.id, name: c.name })) },
    );
}

/** The items of a request with their names; a registry-held paper (asked because the lookup failed) says why. */
function requestItems(components: readonly ComponentFacts[], items: Rows, registryOk: boolean) {
  return items.map((i) => {
    const c = components.find((x) => x.id === i.componentId)!;
    const failed = c.fromRegistry && !registryOk;
    return { ...i, name: c.name, ...(failed ? { registryFailed: true, reason: `${i.reason} (${REGISTRY_FAILED_NOTE})` } : {}) };
  });
}

function beyondProcedure(components: readonly ComponentFacts[], ids: string[]): void {
  const beyond = componentsBeyondProcedure(components, ids);
  if (beyond.length) throw new Problem('component-not-in-procedure', {}, { components: beyond });
}

/** The status a dossier had when the supplement was requested: it goes back there when the supplement arrives. */
export function statusBeforeSupplement(events: readonly { action: string; from_status: string | null }[]): Status | undefined {
  const last = [...events].reverse().find((e) => e.action === 'request-supplement');
  return (last?.from_status ?? undefined) as Status | undefined;
}

/**
 * The pure checks before anything action-specific is loaded: the rule of the law on the history, then the
 * request's own rules. Throws the rule's Problem.
 */
export function checkAction(c: ActInput): void {
  const { action, body, dossier: d, procedure: proc } = c;
  const broken = actionRule(
    action,
    c.events.map((e) => ({ action: e.action as Action | 'create', at: e.at })),
  );
  if (broken) throw new Problem(broken);
  switch (action) {
    case 'request-supplement': {
      const items = body.items ?? [];
      const beyond = componentsBeyondProcedure(
        proc.components,
        items.map((i) => i.componentId),
      );
      if (beyond.length || items.length === 0) throw new Problem('component-not-in-procedure', {}, { components: beyond });
      refuseRegistryHeld(proc.components, items, d.registry_used);
      return;
    }
    case 'receive-supplement': {
      const given = body.components ?? [];
      beyondProcedure(
        proc.components,
        given.map((x) => x.componentId),
      );
      const nothing = supplementReceivedRule(given);
      if (nothing) throw new Problem(nothing);
      return;
    }
    case 'refuse':
    case 'stop':
      if (!body.reason?.trim()) throw new Problem('validation-failed', { summary: 'reason: written reasons are required' });
      if (action === 'refuse' && body.items?.length) {
        beyondProcedure(
          proc.components,
          body.items.map((i) => i.componentId),
        );
        refuseRegistryHeld(proc.components, body.items, d.registry_used);
      }
      return;
    case 'issue-result':
      // Every procedure of the catalogue produces a document: the signed result is digitised (scan or generated file).
      if (!new Set(body.resultFileIds ?? []).size) throw new Problem('result-file-required');
      return;
    case 'return-result': {
      const missing = handoverProblem(body.handover);
      if (missing) throw new Problem('handover-details-required', { detail: `(${missing})` }, { field: `handover.${missing}` });
      return;
    }
    case 'record-withdrawal-request': {
      if (!body.channel || !body.reason?.trim())
        throw new Problem('validation-failed', { summary: 'channel and reason of the citizen’s request are required' });
      const missing = withdrawalEvidenceRule(body.channel, [...new Set(body.evidenceFileIds ?? [])], c.byCitizen);
      if (missing) throw new Problem(missing);
      return;
    }
    case 'apologize-and-extend': {
      const newDue = new Date(body.newDueAt ?? '');
      if (Number.isNaN(newDue.getTime()) || (d.due_at && newDue <= d.due_at) || newDue <= c.now)
        throw new Problem('extension-date-invalid');
      return;
    }
    case 'accept':
    case 'assign':
    case 'submit-for-approval':
    case 'approve':
    case 'return-to-specialist':
    case 'transfer':
      return;
  }
}

/** The pure checks on what the load step found (a transfer's target). */
export function checkLoaded(c: ActInput): void {
  if (c.action !== 'transfer') return;
  const t = c.loaded.target;
  if (!t || t.id === c.dossier.unit_id || t.provinceId !== c.provinceId || !t.handles) throw new Problem('transfer-target-invalid');
  if (!c.body.reason?.trim()) throw new Problem('validation-failed', { summary: 'reason: say why the dossier is transferred' });
}

type Part = { dossier?: DossierPatch; deadline?: ClockChange; data?: Record<string, unknown>; components?: DossierEffect['components'] };

const fileFacts = (files: readonly StoredFileFacts[] | undefined) =>
  (files ?? []).map((f) => ({ id: f.id, sha256: f.sha256, mime: f.mime, pages: f.pages }));

/** What each action writes beyond the status, the event and the messages every action writes. */
export const EFFECTS: { readonly [A in Action]: (c: ActInput) => Part } = {
  accept: () => ({}),
  assign: (c) => {
    const a = c.loaded.assignee!;
    return {
      dossier: { assignee_id: a.id },
      data: { assigneeId: a.id, assigneeName: a.full_name, how: c.body.assigneeId ? 'manual' : 'least-load' },
    };
  },
  'request-supplement': (c) => ({
    data: {
      items: requestItems(c.procedure.components, c.body.items ?? [], c.dossier.registry_used),
      clock: c.deadline.mode,
      // The due time the request interrupts: a supplement still pending is measured against it (Decision 766, 2.1).
      dueAtBefore: c.dossier.due_at?.toISOString() ?? null,
    },
    // The clock stops while the dossier waits for the citizen (restart or pause decides what happens after).
    dossier: { supplement_count: c.dossier.supplement_count + 1, due_at: null },
    deadline: pauseClock(c.deadline, c.now),
  }),
  'receive-supplement': (c) => {
    const given = c.body.components ?? [];
    const clock = resumeClock(c.deadline, c.now, c.schedule, c.calendar);
    return {
      components: given.map((g) => ({ componentId: g.componentId, presented: g.presented ?? false, fileIds: g.fileIds ?? [] })),
      deadline: clock,
      dossier: { due_at: clock.due_at, counted_from: clock.counted_from },
      data: {
        components: given.map((g) => g.componentId),
        received: given.map((g) => ({
          componentId: g.componentId,
          name: c.procedure.components.find((x) => x.id === g.componentId)!.name,
          presented: g.presented ?? false,
          fileIds: g.fileIds ?? [],
        })),
        clock: c.deadline.mode,
      },
    };
  },
  refuse: (c) =>
    c.body.items?.length ? { data: { items: requestItems(c.procedure.components, c.body.items, c.dossier.registry_used) } } : {},
  stop: () => ({}),
  'submit-for-approval': () => ({}),
  // The leader's approval is the signature the result is issued under.
  approve: (c) => ({ data: { signature: { signerId: c.by.id, signerName: c.by.name, role: c.role, at: c.now.toISOString() } } }),
  'return-to-specialist': () => ({}),
  'issue-result': (c) => ({
    data: { resultFileIds: [...new Set(c.body.resultFileIds ?? [])], resultFiles: fileFacts(c.loaded.resultFiles) },
  }),
  'return-result': (c) => ({ dossier: { returned_at: c.now }, data: { handover: c.body.handover } }),
  'record-withdrawal-request': (c) => ({
    dossier: { withdrawal_requested: true },
    data: { channel: c.body.channel, request: c.body.reason!.trim(), evidenceFiles: fileFacts(c.loaded.evidenceFiles) },
  }),
  'apologize-and-extend': (c) => {
    const newDue = new Date(c.body.newDueAt!);
    const current = c.dossier.due_at;
    // The law wants the apology at least one working day before the due time; later ones are flagged.
    const lateNotice = current ? workingMillisBetween(c.now, current, c.schedule, c.calendar) < 8 * 3_600_000 : false;
    return {
      data: {
        oldDueAt: current?.toISOString() ?? null,
        newDueAt: newDue.toISOString(),
        lateNotice,
        afterDeadline: !!current && c.now > current,
      },
      dossier: { due_at: newDue, extension_count: c.dossier.extension_count + 1 },
      deadline: extendClock(newDue),
    };
  },
  // Inter-agency (liên thông): another unit of the province that handles the procedure takes over; the citizen's
  // due time does not change with the hands it passes through.
  transfer: (c) => ({
    dossier: { unit_id: c.loaded.target!.id, assignee_id: null },
    deadline: { unit_id: c.loaded.target!.id },
    data: { fromUnitId: c.dossier.unit_id, toUnitId: c.loaded.target!.id },
  }),
};

/** The national portal's view of a dossier as of a change (see national-portal.adapter.ts). */
export function portalSnapshot(
  d: Pick<DossierFacts, 'registry_used' | 'paid_online' | 'verified_vneid'>,
  digitised: boolean,
  issued: Record<string, unknown> | undefined,
): Record<string, unknown> {
  return {
    registryUsed: d.registry_used,
    hasDigitisedComponents: digitised,
    paidOnline: d.paid_online,
    verifiedWithVNeID: d.verified_vneid,
    ...(Array.isArray(issued?.resultFileIds) && issued.resultFileIds.length
      ? { resultFileIds: issued.resultFileIds, ...(Array.isArray(issued.resultFiles) ? { resultFiles: issued.resultFiles } : {}) }
      : {}),
  };
}

/** The national portal hears of every status change, with an idempotency key per change. */
export function portalMessage(
  dossierId: string,
  code: string,
  seq: number,
  status: Status,
  snapshot: Record<string, unknown>,
  extra: Record<string, unknown>,
): OutboxMessage {
  return {
    channel: 'portal',
    key: `${dossierId}:${seq}`,
    payload: { code, nationalStatus: NATIONAL_STATUS[status], status, ...snapshot, ...extra },
  };
}

/** The citizen hears of each status change by SMS, and by e-mail when the portal knows their address. */
export function applicantNotices(
  d: { id: string; code: string; phone: string | undefined; email: string | null | undefined },
  procedureName: string,
  seq: number,
  to: Status,
  dueAt: Date | null,
  publicBase: string,
): OutboxMessage[] {
  // Links in SMS and e-mail are absolute: a phone cannot open "/tra-cuu".
  const notice = statusNotice({
    code: d.code,
    procedureName,
    status: to,
    dueAt: dueAt ? vnDateTime(dueAt) : null,
    trackUrl: `${publicBase}/tra-cuu?ma=${encodeURIComponent(d.code)}`,
  });
  const out: OutboxMessage[] = [];
  const phone = d.phone?.trim();
  if (phone)
    out.push({
      channel: 'sms',
      key: `status-sms:${d.id}:${seq}`,
      payload: { to: phone, text: notice.sms, dossierId: d.id, kind: 'status' },
    });
  if (d.email)
    out.push({
      channel: 'email',
      key: `status-email:${d.id}:${seq}`,
      payload: { to: d.email, subject: notice.subject, text: notice.text, dossierId: d.id, kind: 'status' },
    });
  return out;
}

/** The effect of an action that passed its checks: everything to write, nothing written. */
export function effectOf(c: ActInput): DossierEffect {
  const { action, dossier: d, now } = c;
  const part = EFFECTS[action](c);
  const before = action === 'receive-supplement' ? statusBeforeSupplement(c.events) : undefined;
  const to = nextStatus(action, d.status, before);
  const patch: DossierPatch = { ...part.dossier };
  const deadline: ClockChange = { ...part.deadline };
  if (FINISHING.includes(action)) {
    patch.finished_at = now;
    deadline.closed_at = now;
  }
  const seq = d.event_count + 1;
  const data = part.data ?? {};
  // Oversight: the processing step this action completes, with its budget (the `late-step` signal), and the
  // signer of a notice handed to the citizen (a notice without one is an `unsigned-notice`).
  const step = stepCompletedBy(
    c.procedure.steps,
    c.events.map((e) => ({ action: e.action, at: e.at, actorName: '' })),
    action,
    now,
    c.deadline.countedFrom,
    c.procedure.processingDays,
    d.due_at,
    c.schedule,
    c.calendar,
  );
  if (step) data.step = step;
  if (!c.byCitizen && NOTICE_ACTIONS.includes(action) && !data.signature)
    data.signature = { signerId: c.by.id, signerName: c.by.name, role: c.role, at: now.toISOString() };
  const dueAt = 'due_at' in patch ? (patch.due_at ?? null) : d.due_at;
  const messages: OutboxMessage[] = [];
  if (NATIONAL_STATUS[to] !== NATIONAL_STATUS[d.status] || action === 'apologize-and-extend') {
    const files = new Map(c.componentFiles);
    for (const x of part.components ?? []) files.set(x.componentId, x.fileIds.length);
    const issued =
      to === 'result-ready' || to === 'returned'
        ? action === 'issue-result'
          ? data
          : [...c.events].reverse().find((e) => e.action === 'issue-result')?.data
        : undefined;
    messages.push(
      portalMessage(
        d.id,
        d.code,
        seq,
        to,
        portalSnapshot(
          d,
          [...files.values()].some((n) => n > 0),
          issued,
        ),
        {
          receivedAt: d.received_at,
          dueAt: patch.due_at ?? d.due_at,
          finishedAt: patch.finished_at ?? d.finished_at,
          channel: d.channel,
        },
      ),
      ...applicantNotices(
        { id: d.id, code: d.code, phone: d.applicant.phone, email: c.citizenEmail },
        c.procedure.name,
        seq,
        to,
        dueAt,
        c.publicBase,
      ),
    );
  }
  const owner = action === 'issue-result' ? c.loaded.resultOwner : null;
  return {
    dossierId: d.id,
    from: d.status,
    to,
    seq,
    dossier: patch,
    deadline,
    components: part.components ?? [],
    event: { action, reason: c.body.reason ?? c.body.note ?? '', data, unitId: d.unit_id },
    audit: { action: `dossier.${action}`, unitId: d.unit_id, details: { code: d.code, from: d.status, to } },
    // An electronic result belongs in the citizen's data store (kho dữ liệu điện tử) from the moment it is issued.
    citizenDocument: owner
      ? { citizenId: owner, fileIds: [...new Set(c.body.resultFileIds ?? [])], titles: `Kết quả ${c.procedure.name}` }
      : null,
    messages,
    dueAt,
  };
}
