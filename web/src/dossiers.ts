// Dossier texts and helpers shared by the work queues and the dossier page.
import { STATUS_LABELS, type Action, type Status } from '@domain/dossier/lifecycle';
import type { Role } from '@domain/roles';
import type { Ok, paths } from './api/client';
import type { MessageKey } from './i18n';
import type { Lang } from './prefs';

export type Dossier = Ok<'/api/dossiers/{id}', 'get'>;
export type DossierListItem = Ok<'/api/dossiers', 'get'>['items'][number];
export type Queue = NonNullable<NonNullable<paths['/api/dossiers']['get']['parameters']['query']>['queue']>;

export function statusLabel(s: Status, lang: Lang): string {
  return STATUS_LABELS[s][lang];
}

export const ACTION_KEYS = {
  accept: 'act.accept',
  assign: 'act.assign',
  'request-supplement': 'act.request-supplement',
  'receive-supplement': 'act.receive-supplement',
  refuse: 'act.refuse',
  'submit-for-approval': 'act.submit-for-approval',
  approve: 'act.approve',
  'return-to-specialist': 'act.return-to-specialist',
  'issue-result': 'act.issue-result',
  'return-result': 'act.return-result',
  'record-withdrawal-request': 'act.record-withdrawal-request',
  stop: 'act.stop',
  'apologize-and-extend': 'act.apologize-and-extend',
  transfer: 'act.transfer',
} as const satisfies Record<Action, MessageKey>;

/** History entries: the actions plus the creation event. */
export function eventKey(action: string): MessageKey {
  if (action === 'create') return 'act.create';
  // Own keys only: an action named like an Object method (`toString`) is not one of ours.
  return Object.hasOwn(ACTION_KEYS, action) ? (ACTION_KEYS as Record<string, MessageKey>)[action]! : 'act.other';
}

/** Which queues a role works from (the tabs shown are the union over the user's roles in the unit). */
const QUEUES_BY_ROLE: Partial<Record<Role, Queue[]>> = {
  'reception-officer': ['to-receive', 'to-assign', 'awaiting-citizen', 'to-return'],
  specialist: ['mine', 'to-process', 'awaiting-citizen', 'to-issue'],
  leader: ['to-approve', 'to-assign', 'to-issue'],
  'centre-director': ['to-assign', 'to-process', 'to-approve', 'awaiting-citizen', 'to-return'],
};
export const QUEUE_ORDER: Queue[] = [
  'to-receive',
  'to-assign',
  'mine',
  'to-process',
  'to-approve',
  'to-issue',
  'awaiting-citizen',
  'to-return',
  'due-soon',
  'overdue',
];

export function queuesFor(roles: readonly Role[]): Queue[] {
  const set = new Set<Queue>();
  for (const r of roles) for (const q of QUEUES_BY_ROLE[r] ?? []) set.add(q);
  if (set.size > 0 || roles.includes('province-admin') || roles.includes('system-admin')) {
    set.add('due-soon');
    set.add('overdue');
  }
  return QUEUE_ORDER.filter((q) => set.has(q));
}

/** Due-time urgency: late, within a working day, or fine. */
export function dueTone(dueAt: string | null, finishedAt: string | null, overdue: boolean): 'late' | 'soon' | 'ok' | 'none' {
  if (!dueAt) return 'none';
  if (overdue) return 'late';
  if (finishedAt) return 'ok';
  const left = Date.parse(dueAt) - Date.now();
  return left < 24 * 3_600_000 ? 'soon' : 'ok';
}

export const FORMS = ['receipt', 'supplement-request', 'refusal', 'apology', 'stop-notice', 'control-slip'] as const;
export type FormName = (typeof FORMS)[number];

/** The forms that exist for this dossier, from its history. */
export function formsFor(d: Pick<Dossier, 'events'>): FormName[] {
  const did = (a: string) => d.events.some((e) => e.action === a);
  return FORMS.filter((f) => {
    switch (f) {
      case 'receipt':
      case 'control-slip':
        return true;
      case 'supplement-request':
        return did('request-supplement');
      case 'refusal':
        return did('refuse');
      case 'apology':
        return did('apologize-and-extend');
      case 'stop-notice':
        return did('stop') && did('record-withdrawal-request');
    }
  });
}
