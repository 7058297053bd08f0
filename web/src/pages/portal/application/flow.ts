// The online application page's state, pure: which step the page shows (loading, the form, the code, the fee,
// waiting for the bank, done, or why it cannot go on), the e-form's data, and which copy of the draft to continue
// from (this device's or the server's). The hook (useApplicationFlow.ts) loads and dispatches; the step components
// beside this file only render.
import { CONCERNED_CHOICE, concernedKey, concernedValues, type RegistryPerson } from '@domain/portal/form';
import type { Ok } from '../../../api/client';
import { draftFromServer, sameContent, type Application, type LocalDraft } from '../../../portal/draft';
import { withValue, type FormValues, type SchemaNode } from '../../../portal/schema';
import type { Confirmed, OtpInfo } from '../OtpStep';

export type FormInfo = Ok<'/api/portal/procedures/{id}/form', 'get'>;
export type ProcedureInfo = {
  id: string;
  code: string;
  name: string;
  formSchema: SchemaNode | null;
  components: { id: string; name: string; mandatory: boolean; fromRegistry: boolean }[];
};
export type Payment = Ok<'/api/portal/payments/{id}', 'get'>;

export type Phase =
  | { kind: 'loading' }
  | { kind: 'error'; text: string; retry: boolean }
  | { kind: 'not-found' }
  | { kind: 'level'; detail: string; procedureId: string }
  | { kind: 'form' }
  | { kind: 'otp'; otp: OtpInfo | null; skew: number }
  | { kind: 'pay'; fee: number; redirectUrl: string | null; cancelled: boolean }
  | { kind: 'waiting' }
  | { kind: 'done'; app: Application; payment: Payment | null };

export type FlowState = {
  phase: Phase;
  info: FormInfo | null;
  /** A line above the form (e.g. "the copy from your other device was newer"). */
  notice: string | null;
  /** Bumped to load the application again (retry, or it changed on another device). */
  attempt: number;
};

export type FlowAction =
  | { type: 'load' }
  | { type: 'reload' }
  | { type: 'info'; info: FormInfo }
  | { type: 'notice'; text: string }
  | { type: 'failed'; text: string; retry: boolean }
  | { type: 'not-found' }
  | { type: 'level-required'; detail: string; procedureId: string }
  | { type: 'edit' }
  | { type: 'otp-sent'; otp: OtpInfo | null; skew: number }
  | { type: 'payment-due'; fee: number; redirectUrl: string | null; cancelled: boolean }
  | { type: 'payment-waiting' }
  | { type: 'filed'; app: Application; payment: Payment | null };

export const INITIAL_FLOW: FlowState = { phase: { kind: 'loading' }, info: null, notice: null, attempt: 0 };

export function flowReducer(s: FlowState, a: FlowAction): FlowState {
  switch (a.type) {
    case 'load':
      return { ...s, phase: { kind: 'loading' } };
    case 'reload':
      return { ...s, attempt: s.attempt + 1 };
    case 'info':
      return { ...s, info: a.info };
    case 'notice':
      return { ...s, notice: a.text };
    case 'failed':
      return { ...s, phase: { kind: 'error', text: a.text, retry: a.retry } };
    case 'not-found':
      return { ...s, phase: { kind: 'not-found' } };
    case 'level-required':
      return { ...s, phase: { kind: 'level', detail: a.detail, procedureId: a.procedureId } };
    case 'edit':
      return { ...s, phase: { kind: 'form' } };
    case 'otp-sent':
      return { ...s, phase: { kind: 'otp', otp: a.otp, skew: a.skew } };
    case 'payment-due':
      return { ...s, phase: { kind: 'pay', fee: a.fee, redirectUrl: a.redirectUrl, cancelled: a.cancelled } };
    case 'payment-waiting':
      return { ...s, phase: { kind: 'waiting' } };
    case 'filed':
      return { ...s, phase: { kind: 'done', app: a.app, payment: a.payment } };
  }
}

/** After the code was confirmed: done when filed (no fee), otherwise to the fee. */
export function afterConfirm(r: Confirmed): FlowAction | null {
  if (r.application.status === 'submitted') return { type: 'filed', app: r.application, payment: null };
  if (r.payment) return { type: 'payment-due', fee: r.application.fee, redirectUrl: r.payment.redirectUrl, cancelled: false };
  return null;
}

/** After an officer at the counter submitted with the citizen (identity checked, no code): done, or to the fee. */
export function afterAssisted(app: Application): FlowAction {
  if (app.status === 'submitted') return { type: 'filed', app, payment: null };
  return { type: 'payment-due', fee: app.fee, redirectUrl: null, cancelled: false };
}

/** The registry's data of the signed-in applicant, as the form's answer gives it. */
export function registryPerson(info: FormInfo): RegistryPerson | null {
  const a = info.applicant;
  if (!a) return null;
  return { idNumber: a.idNumber, fullName: a.fullName, dateOfBirth: a.dateOfBirth ?? undefined, address: a.address ?? undefined };
}

/**
 * "The applicant is the person concerned": that person's name, birth date, ID and address become the applicant's
 * registry data (shown, not typed; the server takes them from the registry again). Unticked, they are emptied for
 * the citizen to type the other person's.
 */
export function withConcerned(schema: SchemaNode, form: FormValues, person: RegistryPerson | null, chosen: boolean): FormValues {
  const key = concernedKey(schema);
  if (!key) return form;
  const values = concernedValues(schema, withValue(form, `${key}.${CONCERNED_CHOICE}`, true), person);
  let out = form;
  for (const [path, v] of Object.entries(values)) out = withValue(out, path, chosen ? v : undefined);
  return out;
}

/**
 * Which copy of the draft to continue from: this device's, or the server's when it is newer (another device).
 * When both changed, this device's: the first send answers 409 and the citizen chooses. Then the registry's
 * values are put back (they always win; the server puts them back anyway) and, when the applicant is the person
 * concerned, that person's data too.
 */
export function chooseDraft(p: {
  id: string;
  citizenId: string;
  procedureId: string;
  local: LocalDraft | null | undefined;
  server: Application | null;
  form: FormInfo;
  now: number;
}): { draft: LocalDraft; persist: boolean; tookServer: boolean } {
  const { local, server, form } = p;
  let draft: LocalDraft;
  let persist = false;
  let tookServer = false;
  if (local && server) {
    if (sameContent(local, server)) draft = { ...local, serverRevision: server.revision, syncedRev: local.localRev };
    else if (local.serverRevision === server.revision) draft = local;
    else if (local.syncedRev >= local.localRev) {
      draft = draftFromServer(server, p.citizenId, local.files);
      persist = true;
      tookServer = true;
    } else draft = local;
  } else if (server) {
    draft = draftFromServer(server, p.citizenId);
  } else if (local) {
    draft = local;
  } else {
    const unit = form.units[0];
    draft = {
      id: p.id,
      citizenId: p.citizenId,
      procedureId: p.procedureId,
      procedureName: (form.procedure as ProcedureInfo).name,
      unitId: unit?.id ?? '',
      returnPointId: unit?.returnPoints[0]?.id ?? null,
      form: form.prefill,
      files: {},
      localRev: 0,
      syncedRev: 0,
      serverRevision: null,
      updatedAt: p.now,
    };
  }
  for (const path of form.registryPaths) {
    const v = path
      .split('.')
      .reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), form.prefill);
    if (v !== undefined) draft = { ...draft, form: withValue(draft.form, path, v) };
  }
  const schema = ((form.procedure as ProcedureInfo).formSchema ?? {}) as SchemaNode;
  if (Object.keys(concernedValues(schema, draft.form, registryPerson(form))).length)
    draft = { ...draft, form: withConcerned(schema, draft.form, registryPerson(form), true) };
  return { draft, persist, tookServer };
}
