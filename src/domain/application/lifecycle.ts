// The online application's lifecycle as data: its statuses, the actions each status allows, who may take them and
// where each leads. An application is the citizen's side of a dossier before the dossier exists:
//
//   draft ─submit→ awaiting-otp ─confirm-otp→ (awaiting-payment ─payment-confirmed→) submitted
//   draft / awaiting-otp ─confirm-at-counter→ (awaiting-payment ─payment-confirmed→) submitted
//   draft / awaiting-otp ─discard→ cancelled;  awaiting-otp ─save→ draft (editing takes it back)
//
// Reaching `submitted` files the dossier in the same transaction (the application service does it; the table
// says so with `FILES_DOSSIER`). Only `ApplicationService` writes the status, through `transition` below.
import type { ProblemCode } from '../problems';

export const APPLICATION_STATUSES = ['draft', 'awaiting-otp', 'awaiting-payment', 'submitted', 'cancelled'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const APPLICATION_ACTIONS = [
  'save',
  'submit',
  'resend-otp',
  'confirm-otp',
  'confirm-at-counter',
  'start-payment',
  'payment-confirmed',
  'discard',
] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];

/**
 * Who acts: the signed-in citizen, a reception officer filing with the citizen at the counter (the citizen's
 * principal carries `assistedBy`), or the payment gateway's confirmation (callback or reconciliation).
 */
export type ApplicationActor = 'citizen' | 'officer' | 'payment';

/** Which actions each status allows. Finished applications allow nothing. */
export const APPLICATION_ALLOWED = {
  draft: ['save', 'submit', 'confirm-at-counter', 'discard'],
  'awaiting-otp': ['save', 'submit', 'resend-otp', 'confirm-otp', 'confirm-at-counter', 'discard'],
  'awaiting-payment': ['start-payment', 'payment-confirmed'],
  submitted: [],
  cancelled: [],
} as const satisfies Record<ApplicationStatus, readonly ApplicationAction[]>;

/**
 * Who may take each action. An officer at the counter confirms by checking the identity instead of asking for
 * the OTP; an application the citizen already submitted for its OTP may still be confirmed with that code.
 */
export const APPLICATION_ACTORS = {
  save: ['citizen', 'officer'],
  submit: ['citizen'],
  'resend-otp': ['citizen', 'officer'],
  'confirm-otp': ['citizen', 'officer'],
  'confirm-at-counter': ['officer'],
  'start-payment': ['citizen', 'officer'],
  'payment-confirmed': ['payment'],
  discard: ['citizen', 'officer'],
} as const satisfies Record<ApplicationAction, readonly ApplicationActor[]>;

/**
 * The problem a refused action answers with (the API's codes as they were before the table existed):
 * editing or submitting a finished application is `application-not-editable`, resending a code never asked
 * for is `otp-not-requested`, paying what needs no payment is `payment-not-required`, discarding what is no
 * longer a draft answers as if there were no such draft.
 */
export const APPLICATION_REFUSAL = {
  save: 'application-not-editable',
  submit: 'application-not-editable',
  'resend-otp': 'otp-not-requested',
  'confirm-otp': 'application-not-editable',
  'confirm-at-counter': 'application-not-editable',
  'start-payment': 'payment-not-required',
  'payment-confirmed': 'application-not-editable',
  discard: 'not-found',
} as const satisfies Record<ApplicationAction, ProblemCode>;

/** Confirming an application with a fee waits for the payment; without one it is filed at once. */
export function applicationNextStatus(action: ApplicationAction, from: ApplicationStatus, fee: number): ApplicationStatus {
  switch (action) {
    case 'save':
      return 'draft';
    case 'submit':
      return 'awaiting-otp';
    case 'resend-otp':
    case 'start-payment':
      return from;
    case 'confirm-otp':
    case 'confirm-at-counter':
      return fee > 0 ? 'awaiting-payment' : 'submitted';
    case 'payment-confirmed':
      return 'submitted';
    case 'discard':
      return 'cancelled';
  }
}

/** Reaching `submitted` creates the dossier, in the same transaction as the status write. */
export function filesDossier(to: ApplicationStatus): boolean {
  return to === 'submitted';
}

export function applicationAllows(status: ApplicationStatus, action: ApplicationAction): boolean {
  return (APPLICATION_ALLOWED[status] as readonly ApplicationAction[]).includes(action);
}

export function applicationActorMay(actor: ApplicationActor, action: ApplicationAction): boolean {
  return (APPLICATION_ACTORS[action] as readonly ApplicationActor[]).includes(actor);
}

export type ApplicationTransition =
  | { ok: true; from: ApplicationStatus; to: ApplicationStatus; filesDossier: boolean }
  | { ok: false; problem: ProblemCode; allowed: ApplicationAction[] };

/**
 * The one place that decides a move: the action must be allowed in the status and by the actor. A refused move
 * names the problem and the actions the status allows to this actor.
 */
export function transition(
  status: ApplicationStatus,
  action: ApplicationAction,
  actor: ApplicationActor,
  fee: number,
): ApplicationTransition {
  if (!applicationAllows(status, action) || !applicationActorMay(actor, action))
    return {
      ok: false,
      problem: APPLICATION_REFUSAL[action],
      allowed: (APPLICATION_ALLOWED[status] as readonly ApplicationAction[]).filter((a) => applicationActorMay(actor, a)),
    };
  const to = applicationNextStatus(action, status, fee);
  return { ok: true, from: status, to, filesDossier: filesDossier(to) && status !== to };
}

/** Statuses the citizen can still continue from any device ("continue anywhere"). */
export const OPEN_APPLICATION_STATUSES = ['draft', 'awaiting-otp', 'awaiting-payment'] as const satisfies readonly ApplicationStatus[];

/** Every (from, to) pair the table can produce: what a status write in the database may look like. */
export function applicationStatusMoves(): [ApplicationStatus, ApplicationStatus][] {
  const moves = new Set<string>();
  for (const from of APPLICATION_STATUSES)
    for (const action of APPLICATION_ALLOWED[from] as readonly ApplicationAction[])
      for (const fee of [0, 1]) moves.add(`${from}>${applicationNextStatus(action, from, fee)}`);
  return [...moves].map((m) => m.split('>') as [ApplicationStatus, ApplicationStatus]);
}
