// The dossier every effects test starts from (pure, no database): a birth registration received on Friday
// 27 February 2026, assigned, due Monday 9 March, acted on Monday 2 March at 09:00 in Vietnam. Shared by
// effects.test.ts and effects.details.test.ts; not a mutation target (stryker/domain.config.mjs).
import { Calendar } from '../calendar/calendar';
import { DEFAULT_SCHEDULE } from '../calendar/schedule';
import { OFFICIAL_YEARS } from '../calendar/official';
import type { ActInput, PastEvent } from './effects';
import type { Action, Status } from './lifecycle';

export const calendar = new Calendar(OFFICIAL_YEARS);
// Monday 2 March 2026, 09:00 in Vietnam.
export const NOW = new Date('2026-03-02T02:00:00.000Z');
export const DUE = new Date('2026-03-09T10:00:00.000Z');
export const ev = (action: string, from: string | null = null, data: Record<string, unknown> = {}): PastEvent => ({
  action,
  at: new Date('2026-02-27T02:00:00.000Z'),
  from_status: from,
  data,
});

export function input(action: Action, status: Status, over: Partial<ActInput> = {}): ActInput {
  return {
    action,
    body: {},
    now: NOW,
    dossier: {
      id: 'd1',
      code: 'X-260227-0001',
      status,
      unit_id: 'u1',
      received_unit_id: 'u1',
      procedure_id: 'p1',
      applicant_id_number: '001234567890',
      channel: 'in-person',
      registry_used: true,
      paid_online: false,
      verified_vneid: false,
      citizen_id: null,
      applicant: { phone: '0900000000' },
      received_at: new Date('2026-02-27T02:00:00.000Z'),
      due_at: DUE,
      finished_at: null,
      supplement_count: 0,
      extension_count: 0,
      event_count: 3,
    },
    events: [ev('create'), ev('accept', 'submitted'), ev('assign', 'received')],
    procedure: {
      name: 'Đăng ký khai sinh',
      components: [
        { id: 'c1', name: 'Tờ khai', fromRegistry: false },
        { id: 'c2', name: 'Giấy chứng sinh', fromRegistry: false },
        { id: 'c3', name: 'Giấy tờ cư trú', fromRegistry: true },
      ],
      steps: [],
      processingDays: 5,
    },
    deadline: {
      receivedAt: new Date('2026-02-27T02:00:00.000Z'),
      workingDays: 5,
      mode: 'pause',
      pauses: [],
      countedFrom: new Date('2026-02-27T02:00:00.000Z'),
      dueAt: DUE,
      overrideDueAt: null,
    },
    schedule: DEFAULT_SCHEDULE,
    calendar,
    provinceId: 'prov',
    by: { id: 'officer', name: 'Lê Thị B', username: 'ltb' },
    role: 'specialist',
    byCitizen: false,
    componentFiles: new Map([['c1', 1]]),
    citizenEmail: null,
    publicBase: 'https://motcua.example',
    loaded: {},
    ...over,
  };
}
