// Rules of the law on a dossier, pure: each returns the rule's problem code when broken, or null.
// Sources: Decree 118/2025 Art. 11 (supplement at most once), TT 03/2025 Art. 7 (stop only on the
// citizen's withdrawal request), Decree 61/2018 as still applied (apology with one new date, at least
// one working day before the due time), Decree 104/2022 and 224/2026 Art. 18(4) (registry data is not
// asked from the citizen).
import type { Action } from './lifecycle';

export type HistoryEvent = { action: Action | 'create'; at: Date };

export function supplementRule(history: readonly HistoryEvent[]): 'supplement-already-requested' | null {
  return history.some((e) => e.action === 'request-supplement') ? 'supplement-already-requested' : null;
}

export function stopRule(history: readonly HistoryEvent[]): 'withdrawal-request-missing' | null {
  return history.some((e) => e.action === 'record-withdrawal-request') ? null : 'withdrawal-request-missing';
}

export function extensionRule(history: readonly HistoryEvent[]): 'extension-already-used' | null {
  return history.some((e) => e.action === 'apologize-and-extend') ? 'extension-already-used' : null;
}

/**
 * A result is issued only over the signature of the approving leader: there must be an approval after
 * the last time the leader sent the dossier back.
 */
export function resultSignatureRule(history: readonly HistoryEvent[]): 'signature-required' | null {
  let approved = false;
  for (const e of history) {
    if (e.action === 'approve') approved = true;
    if (e.action === 'return-to-specialist') approved = false;
  }
  return approved ? null : 'signature-required';
}

export type ComponentRule = { id: string; name: string; mandatory: boolean; fromRegistry: boolean };
export type ProvidedComponent = { componentId: string; fileIds?: string[]; presented?: boolean };

/**
 * Mandatory components the citizen has not provided. A component whose data the population registry
 * holds is never demanded on paper — unless the registry lookup failed (recorded first), when the
 * citizen must show it.
 */
export function missingComponents(
  required: readonly ComponentRule[],
  provided: readonly ProvidedComponent[],
  registryOk: boolean,
): ComponentRule[] {
  const given = new Set(provided.filter((p) => p.presented || (p.fileIds?.length ?? 0) > 0).map((p) => p.componentId));
  return required.filter((c) => c.mandatory && !given.has(c.id) && !(c.fromRegistry && registryOk));
}

/** Components named in a request that the procedure does not list: an officer may not ask for them (Decree 118 Art. 5). */
export function componentsBeyondProcedure(required: readonly { id: string }[], asked: readonly string[]): string[] {
  const known = new Set(required.map((c) => c.id));
  return asked.filter((id) => !known.has(id));
}

/** Personal ID number: 12 digits (số định danh cá nhân). */
export function validIdNumber(v: string): boolean {
  return /^[0-9]{12}$/.test(v);
}

/**
 * Components of a request (supplement, refusal, checklist) whose data the population registry holds: they
 * may not be asked from the citizen when the registry answered for this dossier (Decree 104/2022, Decree
 * 224/2026 Art. 18(4)). When the lookup failed they may be asked, and the request says so.
 */
export function registryComponentsAsked<C extends { id: string; fromRegistry: boolean }>(
  components: readonly C[],
  askedIds: readonly string[],
  registryOk: boolean,
): C[] {
  if (!registryOk) return [];
  const asked = new Set(askedIds);
  return components.filter((c) => c.fromRegistry && asked.has(c.id));
}

/** The sentence a request carries when it asks for a registry-held paper because the lookup failed. */
export const REGISTRY_FAILED_NOTE = 'Tra cứu Cơ sở dữ liệu quốc gia về dân cư không thành công nên đề nghị cung cấp giấy tờ này';

/** A supplement is received only with at least one component, each with its files or presented in the original. */
export function supplementReceivedRule(given: readonly ProvidedComponent[]): 'supplement-nothing-received' | null {
  if (!given.length) return 'supplement-nothing-received';
  return given.every((c) => c.presented === true || (c.fileIds?.length ?? 0) > 0) ? null : 'supplement-nothing-received';
}

export type WithdrawalChannel = 'in-person' | 'postal' | 'online';

/**
 * The evidence behind "withdrawn at the citizen's request" (TT 03/2025 Art. 7): a request taken at the counter
 * or by post needs the scan of the citizen's signed request; an online request is the citizen's own action on
 * the portal, never typed in by an officer.
 */
export function withdrawalEvidenceRule(
  channel: WithdrawalChannel,
  evidenceFileIds: readonly string[],
  byCitizen: boolean,
): 'withdrawal-evidence-required' | null {
  if (channel === 'online') return byCitizen ? null : 'withdrawal-evidence-required';
  return evidenceFileIds.length > 0 ? null : 'withdrawal-evidence-required';
}

/** How a result was handed over (return-result). */
export type Handover =
  | { method: 'in-person'; receiverName: string; receiverIdNumber: string }
  | { method: 'postal'; trackingNumber: string }
  | { method: 'electronic' };

/** What is missing from a handover record, or null when it is complete. */
export function handoverProblem(h: Partial<Record<string, unknown>> | undefined): string | null {
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  if (!h || typeof h.method !== 'string') return 'method';
  if (h.method === 'in-person') {
    if (!text(h.receiverName)) return 'receiverName';
    if (!/^[0-9]{9,12}$/.test(text(h.receiverIdNumber))) return 'receiverIdNumber';
    return null;
  }
  if (h.method === 'postal') return text(h.trackingNumber) ? null : 'trackingNumber';
  return h.method === 'electronic' ? null : 'method';
}

/**
 * The component an online e-form replaces: the procedure's declaration (tờ khai) when the procedure has an
 * e-form. A citizen who filled the e-form is not asked for a scan of the same declaration.
 */
export function declarationComponent<C extends { id: string; name: string; fromRegistry: boolean }>(
  components: readonly C[],
  hasEForm: boolean,
): C | undefined {
  if (!hasEForm) return undefined;
  return components.find((c) => !c.fromRegistry && /^\s*tờ khai/iu.test(c.name));
}
