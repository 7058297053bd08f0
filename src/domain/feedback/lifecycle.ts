// The feedback (phản ánh, kiến nghị) lifecycle as data, like the dossier's: which actions each status allows
// and which roles may take them. The status is a projection of the append-only `feedback_event` history
// (`replay`), kept on the row for queries. A refused action answers 409 with the allowed ones; where a rule
// decides (answer checks, the rating window) the action is listed and the rule answers 422.
//
// received → accepted | transferred | refused
// accepted → awaiting-information (one question, the clock paused) → accepted (the answer to it)
// accepted → answered (draft) → approved (leader or centre director) | accepted (returned with a comment)
// approved → published → closed (satisfied rating, or the rating window over)
// published | closed | refused → reopened (the sender's unsatisfied rating, or the province) → answered …
import type { Role } from '../roles';

export const FEEDBACK_STATUSES = [
  'received',
  'transferred',
  'accepted',
  'refused',
  'awaiting-information',
  'answered',
  'approved',
  'published',
  'closed',
  'reopened',
] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

/** Staff actions (the contract's `POST /api/feedback/{id}/actions/{action}`). */
export const FEEDBACK_ACTIONS = [
  'accept',
  'transfer',
  'refuse',
  'request-information',
  'receive-information',
  'answer',
  'return',
  'approve',
  'publish',
  'close',
  'reopen',
] as const;
export type FeedbackAction = (typeof FEEDBACK_ACTIONS)[number];

/** Events that are not staff actions: the sender's rating. */
export type FeedbackEventAction = FeedbackAction | 'create' | 'rate-satisfied' | 'rate-unsatisfied';

export const FEEDBACK_ALLOWED = {
  received: ['accept', 'transfer', 'refuse'],
  transferred: ['accept', 'transfer', 'refuse'],
  accepted: ['request-information', 'answer', 'transfer'],
  'awaiting-information': ['receive-information'],
  answered: ['approve', 'return', 'answer'],
  approved: ['publish', 'return'],
  published: ['close', 'reopen'],
  closed: ['reopen'],
  refused: ['reopen'],
  reopened: ['answer', 'request-information', 'transfer'],
} as const satisfies Record<FeedbackStatus, readonly FeedbackAction[]>;

/** Roles held in the feedback's unit (province roles reach every unit of the province). */
export const FEEDBACK_ACTION_ROLES = {
  accept: ['feedback-officer', 'centre-director'],
  transfer: ['feedback-officer', 'centre-director', 'leader'],
  refuse: ['feedback-officer', 'centre-director'],
  'request-information': ['feedback-officer'],
  'receive-information': ['feedback-officer'],
  answer: ['feedback-officer'],
  return: ['leader', 'centre-director'],
  approve: ['leader', 'centre-director'],
  publish: ['feedback-officer', 'centre-director'],
  close: ['feedback-officer', 'centre-director'],
  reopen: ['province-admin', 'system-admin'],
} as const satisfies Record<FeedbackAction, readonly Role[]>;

/** Statuses in which the centre still owes the sender something. */
export const FEEDBACK_OPEN: readonly FeedbackStatus[] = [
  'received',
  'transferred',
  'accepted',
  'awaiting-information',
  'answered',
  'approved',
  'reopened',
];

/**
 * The status an event leads to. `reopened` says whether the feedback is being handled again after a reopen
 * (then a returned draft or an answered question goes back to `reopened`, not `accepted`).
 */
export function feedbackNext(action: FeedbackEventAction, from: FeedbackStatus, reopened = from === 'reopened'): FeedbackStatus {
  switch (action) {
    case 'create':
      return 'received';
    case 'accept':
      return 'accepted';
    case 'receive-information':
    case 'return':
      return reopened ? 'reopened' : 'accepted';
    case 'transfer':
      return 'transferred';
    case 'refuse':
      return 'refused';
    case 'request-information':
      return 'awaiting-information';
    case 'answer':
      return 'answered';
    case 'approve':
      return 'approved';
    case 'publish':
      return 'published';
    case 'close':
    case 'rate-satisfied':
      return 'closed';
    case 'reopen':
    case 'rate-unsatisfied':
      return 'reopened';
  }
}

export function feedbackAllowedActions(status: FeedbackStatus, roles: readonly Role[]): FeedbackAction[] {
  return (FEEDBACK_ALLOWED[status] as readonly FeedbackAction[]).filter((a) =>
    (FEEDBACK_ACTION_ROLES[a] as readonly Role[]).some((r) => roles.includes(r)),
  );
}

export function isFeedbackOpen(s: FeedbackStatus): boolean {
  return FEEDBACK_OPEN.includes(s);
}

/** The status after a history of events (the first creates). */
export function replayFeedback(events: readonly { action: FeedbackEventAction }[]): FeedbackStatus {
  return replayFeedbackState(events).status;
}

/** The status and whether the feedback is in a reopened round (between a reopen and the next publication). */
export function replayFeedbackState(events: readonly { action: FeedbackEventAction }[]): { status: FeedbackStatus; reopened: boolean } {
  let status: FeedbackStatus | undefined;
  let reopened = false;
  for (const e of events) {
    if (e.action === 'create') {
      status = 'received';
      continue;
    }
    if (!status) throw new Error('history does not start with create');
    status = feedbackNext(e.action, status, reopened);
    if (e.action === 'reopen' || e.action === 'rate-unsatisfied') reopened = true;
    if (e.action === 'publish' || e.action === 'transfer') reopened = false;
  }
  if (!status) throw new Error('empty history');
  return { status, reopened };
}

export const FEEDBACK_STATUS_LABELS = {
  received: { vi: 'Mới tiếp nhận', en: 'Received' },
  transferred: { vi: 'Đã chuyển đơn vị có thẩm quyền', en: 'Transferred' },
  accepted: { vi: 'Đang xử lý', en: 'Being handled' },
  refused: { vi: 'Từ chối xử lý', en: 'Refused' },
  'awaiting-information': { vi: 'Chờ người gửi bổ sung thông tin', en: 'Awaiting information' },
  answered: { vi: 'Đã có dự thảo trả lời, chờ duyệt', en: 'Answer drafted, awaiting approval' },
  approved: { vi: 'Đã duyệt, chờ công khai', en: 'Approved, awaiting publication' },
  published: { vi: 'Đã công khai kết quả', en: 'Answer published' },
  closed: { vi: 'Đã kết thúc', en: 'Closed' },
  reopened: { vi: 'Xử lý lại', en: 'Reopened' },
} as const satisfies Record<FeedbackStatus, { vi: string; en: string }>;

export const FEEDBACK_KINDS = ['regulation', 'conduct', 'service'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];
export const FEEDBACK_KIND_LABELS = {
  regulation: { vi: 'Quy định, thủ tục hành chính', en: 'Regulation or procedure' },
  conduct: { vi: 'Hành vi, thái độ của cán bộ', en: "An officer's conduct" },
  service: { vi: 'Chất lượng phục vụ', en: 'Service' },
} as const satisfies Record<FeedbackKind, { vi: string; en: string }>;

export const FEEDBACK_CHANNELS = ['web', 'portal', 'counter', 'phone', 'letter', 'dossier-rating'] as const;
export type FeedbackChannel = (typeof FEEDBACK_CHANNELS)[number];
