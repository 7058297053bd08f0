// Dossier helpers of the work queues and the dossier page: labels, queues per role, urgency, forms from the history.
import { afterEach, beforeEach, describe, expect, it, vi as mock } from 'vitest';
import { ACTION_KEYS, dueTone, eventKey, formsFor, queuesFor, statusLabel } from './dossiers';
import { en } from './i18n/en';
import { vi } from './i18n/vi';

describe('labels', () => {
  it('status in both languages, every action with a message in both dictionaries', () => {
    expect(statusLabel('awaiting-supplement', 'vi')).toBe('Chờ bổ sung giấy tờ');
    expect(statusLabel('awaiting-supplement', 'en')).toBe('Awaiting supplement');
    for (const key of Object.values(ACTION_KEYS)) {
      expect(vi[key].length).toBeGreaterThan(0);
      expect(en[key].length).toBeGreaterThan(0);
    }
  });

  it('history entries: creation, known actions, anything else', () => {
    expect(eventKey('create')).toBe('act.create');
    expect(eventKey('approve')).toBe('act.approve');
    expect(eventKey('transfer')).toBe('act.transfer');
    expect(eventKey('something-new')).toBe('act.other');
    expect(eventKey('toString')).toBe('act.other');
  });
});

describe('queues per role', () => {
  it('each role its tabs, in one order, with due-soon and overdue for anyone who has a queue', () => {
    expect(queuesFor(['reception-officer'])).toEqual(['to-receive', 'to-assign', 'awaiting-citizen', 'to-return', 'due-soon', 'overdue']);
    expect(queuesFor(['specialist'])).toEqual(['mine', 'to-process', 'to-issue', 'awaiting-citizen', 'due-soon', 'overdue']);
    expect(queuesFor(['leader', 'specialist'])).toEqual([
      'to-assign',
      'mine',
      'to-process',
      'to-approve',
      'to-issue',
      'awaiting-citizen',
      'due-soon',
      'overdue',
    ]);
  });

  it('province and system administrators see only the due-time queues; others without a queue see none', () => {
    expect(queuesFor(['province-admin'])).toEqual(['due-soon', 'overdue']);
    expect(queuesFor(['system-admin'])).toEqual(['due-soon', 'overdue']);
    expect(queuesFor(['feedback-officer'])).toEqual([]);
    expect(queuesFor([])).toEqual([]);
  });
});

describe('due-time urgency', () => {
  beforeEach(() => {
    mock.useFakeTimers();
    mock.setSystemTime(new Date('2026-03-02T01:00:00Z'));
  });
  afterEach(() => {
    mock.useRealTimers();
  });

  it('none without a due time; late when the server says overdue; ok when finished', () => {
    expect(dueTone(null, null, true)).toBe('none');
    expect(dueTone('2026-03-01T10:00:00Z', null, true)).toBe('late');
    expect(dueTone('2026-03-01T10:00:00Z', '2026-03-01T09:00:00Z', false)).toBe('ok');
  });

  it('soon within 24 hours of now, ok beyond', () => {
    expect(dueTone('2026-03-03T00:59:59Z', null, false)).toBe('soon');
    expect(dueTone('2026-03-03T01:00:00Z', null, false)).toBe('ok');
    expect(dueTone('2026-03-02T00:00:00Z', null, false)).toBe('soon');
  });
});

describe('forms from the history', () => {
  const d = (...actions: string[]) => ({ events: actions.map((action) => ({ action })) }) as unknown as Parameters<typeof formsFor>[0];

  it('receipt and control slip always; each notice only after its action', () => {
    expect(formsFor(d('create'))).toEqual(['receipt', 'control-slip']);
    expect(formsFor(d('create', 'request-supplement', 'refuse', 'apologize-and-extend'))).toEqual([
      'receipt',
      'supplement-request',
      'refusal',
      'apology',
      'control-slip',
    ]);
  });

  it('a stop notice only with the citizen’s withdrawal request on record', () => {
    expect(formsFor(d('create', 'stop'))).toEqual(['receipt', 'control-slip']);
    expect(formsFor(d('create', 'record-withdrawal-request'))).toEqual(['receipt', 'control-slip']);
    expect(formsFor(d('create', 'record-withdrawal-request', 'stop'))).toEqual(['receipt', 'stop-notice', 'control-slip']);
  });
});
