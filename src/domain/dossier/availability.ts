// What may be done on a dossier now, and why not: one pure answer shared by the action checks (the service
// refuses with the same rule code) and the dossier page (which disables the action and shows the rule), so the
// screen and the server can never disagree.
import type { Role } from '../roles';
import { ALLOWED, allowedActions, type Action, type Status } from './lifecycle';
import { extensionRule, resultSignatureRule, stopRule, supplementRule, type HistoryEvent } from './rules';

/** The rule codes that can forbid an action the status and the role would allow. */
export type ActionRuleCode =
  'supplement-already-requested' | 'withdrawal-request-missing' | 'extension-already-used' | 'signature-required';

/** The rule of the law (not the status) that forbids `action` after this history, or null. */
export function actionRule(action: Action, history: readonly HistoryEvent[]): ActionRuleCode | null {
  switch (action) {
    case 'request-supplement':
      return supplementRule(history);
    case 'stop':
      return stopRule(history);
    case 'apologize-and-extend':
      return extensionRule(history);
    case 'issue-result':
      return resultSignatureRule(history);
    case 'accept':
    case 'assign':
    case 'receive-supplement':
    case 'refuse':
    case 'submit-for-approval':
    case 'approve':
    case 'return-to-specialist':
    case 'return-result':
    case 'record-withdrawal-request':
    case 'transfer':
      return null;
  }
}

export type ActionAvailability = { action: Action; available: boolean; rule: ActionRuleCode | null };

/**
 * Every action the status lists and the user's roles may take, each either available or forbidden by a named
 * rule. Actions the status does not list or the roles may not take are left out (they are not offered at all).
 */
export function actionAvailability(status: Status, roles: readonly Role[], history: readonly HistoryEvent[]): ActionAvailability[] {
  if (!(ALLOWED[status] as readonly Action[]).length) return [];
  return allowedActions(status, roles).map((action) => {
    const rule = actionRule(action, history);
    return { action, available: rule === null, rule };
  });
}
