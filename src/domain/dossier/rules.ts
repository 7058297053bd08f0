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
