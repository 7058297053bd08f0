// The dossier lifecycle as data: which actions each status allows and which roles may take them.
// The status itself is derived from the append-only event history (see `replay`). A refused action
// answers with the allowed ones; a rule of the law answers with the rule's own code (see rules.ts).
import type { Role } from '../roles';

/** Internal statuses; each maps to exactly one national portal status code (1–10). */
export const STATUSES = [
  'submitted',
  'received',
  'in-progress',
  'awaiting-approval',
  'approved',
  'awaiting-supplement',
  'awaiting-payment',
  'withdrawal-requested',
  'refused',
  'stopped',
  'result-ready',
  'returned',
] as const;
export type Status = (typeof STATUSES)[number];

export const NATIONAL_STATUS = {
  submitted: 1,
  received: 2,
  refused: 3,
  'in-progress': 4,
  'awaiting-approval': 4,
  approved: 4,
  'awaiting-supplement': 5,
  'awaiting-payment': 6,
  'withdrawal-requested': 7,
  stopped: 8,
  'result-ready': 9,
  returned: 10,
} as const satisfies Record<Status, number>;

export const ACTIONS = [
  'accept',
  'assign',
  'request-supplement',
  'receive-supplement',
  'refuse',
  'submit-for-approval',
  'approve',
  'return-to-specialist',
  'issue-result',
  'return-result',
  'record-withdrawal-request',
  'stop',
  'apologize-and-extend',
  'transfer',
] as const;
export type Action = (typeof ACTIONS)[number];

/** Statuses in which the dossier is still being worked on (the clock runs or is paused). */
export const OPEN_STATUSES: readonly Status[] = [
  'submitted',
  'received',
  'in-progress',
  'awaiting-approval',
  'approved',
  'awaiting-supplement',
  'awaiting-payment',
  'withdrawal-requested',
];

/**
 * Which actions each status allows. `stop`, a second `request-supplement` and a second
 * `apologize-and-extend` are listed where the law's rule (not the status) decides, so that breaking the
 * rule answers 422 with the rule's code rather than 409.
 */
export const ALLOWED = {
  submitted: ['accept', 'refuse', 'request-supplement', 'record-withdrawal-request'],
  received: ['assign', 'request-supplement', 'refuse', 'record-withdrawal-request', 'stop', 'apologize-and-extend', 'transfer'],
  'in-progress': [
    'assign',
    'request-supplement',
    'refuse',
    'submit-for-approval',
    'issue-result',
    'record-withdrawal-request',
    'stop',
    'apologize-and-extend',
    'transfer',
  ],
  'awaiting-approval': ['approve', 'return-to-specialist', 'refuse', 'record-withdrawal-request', 'stop', 'apologize-and-extend'],
  approved: ['issue-result', 'record-withdrawal-request', 'stop', 'apologize-and-extend'],
  'awaiting-supplement': ['receive-supplement', 'request-supplement', 'record-withdrawal-request', 'stop', 'apologize-and-extend'],
  'awaiting-payment': ['record-withdrawal-request', 'stop', 'apologize-and-extend'],
  'withdrawal-requested': ['stop'],
  refused: [],
  stopped: [],
  'result-ready': ['return-result'],
  returned: [],
} as const satisfies Record<Status, readonly Action[]>;

/** Who may take each action (roles held in the dossier's competent unit, or the receiving unit for intake-side actions). */
export const ACTION_ROLES = {
  accept: ['reception-officer'],
  assign: ['centre-director', 'leader', 'reception-officer'],
  'request-supplement': ['reception-officer', 'specialist'],
  'receive-supplement': ['reception-officer', 'specialist'],
  refuse: ['reception-officer', 'specialist', 'leader'],
  'submit-for-approval': ['specialist'],
  approve: ['leader'],
  'return-to-specialist': ['leader'],
  'issue-result': ['specialist', 'leader', 'reception-officer'],
  'return-result': ['reception-officer'],
  'record-withdrawal-request': ['reception-officer'],
  stop: ['leader', 'centre-director'],
  'apologize-and-extend': ['leader', 'centre-director'],
  transfer: ['leader', 'centre-director'],
} as const satisfies Record<Action, readonly Role[]>;

/** The status an action leads to (receive-supplement returns to where the dossier was). */
export function nextStatus(action: Action, from: Status, before?: Status): Status {
  switch (action) {
    case 'accept':
      return 'received';
    case 'assign':
      return 'in-progress';
    case 'request-supplement':
      return 'awaiting-supplement';
    case 'receive-supplement':
      return before && before !== 'awaiting-supplement' ? before : 'received';
    case 'refuse':
      return 'refused';
    case 'submit-for-approval':
      return 'awaiting-approval';
    case 'approve':
      return 'approved';
    case 'return-to-specialist':
      return 'in-progress';
    case 'issue-result':
      return 'result-ready';
    case 'return-result':
      return 'returned';
    case 'record-withdrawal-request':
      return 'withdrawal-requested';
    case 'stop':
      return 'stopped';
    case 'apologize-and-extend':
      return from;
    case 'transfer':
      // The receiving agency assigns it anew; the legal due time does not restart.
      return 'received';
  }
}

export function allowedActions(status: Status, roles: readonly Role[]): Action[] {
  return (ALLOWED[status] as readonly Action[]).filter((a) => (ACTION_ROLES[a] as readonly Role[]).some((r) => roles.includes(r)));
}

export function isOpen(status: Status): boolean {
  return OPEN_STATUSES.includes(status);
}

export const STATUS_LABELS = {
  submitted: { vi: 'Mới đăng ký', en: 'Submitted' },
  received: { vi: 'Đã tiếp nhận', en: 'Received' },
  'in-progress': { vi: 'Đang xử lý', en: 'In progress' },
  'awaiting-approval': { vi: 'Chờ phê duyệt', en: 'Awaiting approval' },
  approved: { vi: 'Đã phê duyệt', en: 'Approved' },
  'awaiting-supplement': { vi: 'Chờ bổ sung giấy tờ', en: 'Awaiting supplement' },
  'awaiting-payment': { vi: 'Chờ thực hiện nghĩa vụ tài chính', en: 'Awaiting payment' },
  'withdrawal-requested': { vi: 'Công dân yêu cầu rút hồ sơ', en: 'Withdrawal requested' },
  refused: { vi: 'Từ chối', en: 'Refused' },
  stopped: { vi: 'Dừng xử lý', en: 'Stopped' },
  'result-ready': { vi: 'Đã có kết quả', en: 'Result ready' },
  returned: { vi: 'Đã trả kết quả', en: 'Result returned' },
} as const satisfies Record<Status, { vi: string; en: string }>;

/** An event of the append-only history, reduced to what the status derivation needs. */
export type LifecycleEvent = { action: Action | 'create'; status?: Status };

/** The status after a history of events: the first event creates (with its status), each later one moves it. */
export function replay(events: readonly LifecycleEvent[]): Status {
  let status: Status | undefined;
  const stack: Status[] = [];
  for (const e of events) {
    if (e.action === 'create') {
      status = e.status ?? 'received';
      continue;
    }
    if (!status) throw new Error('history does not start with create');
    const before = e.action === 'receive-supplement' ? stack.pop() : undefined;
    if (e.action === 'request-supplement') stack.push(status);
    status = nextStatus(e.action, status, before);
  }
  if (!status) throw new Error('empty history');
  return status;
}
