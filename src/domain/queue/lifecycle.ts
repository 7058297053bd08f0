// A queue ticket's life as data. Every change appends a ticket event (arrived, called, started, finished…)
// whose times give the wait and service time per field, counter, officer and hour.
import { z } from 'zod';

export const TICKET_STATUSES = ['waiting', 'called', 'serving', 'finished', 'missed', 'cancelled'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_ACTIONS = ['call', 'recall', 'start', 'finish', 'miss', 'transfer', 'cancel'] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

/** Which actions each status allows, and where each leads. */
export const TICKET_LIFECYCLE = {
  waiting: { call: 'called', cancel: 'cancelled' },
  called: { recall: 'called', start: 'serving', miss: 'missed', transfer: 'waiting' },
  serving: { finish: 'finished', transfer: 'waiting' },
  finished: {},
  missed: {},
  cancelled: {},
} as const satisfies Record<TicketStatus, Partial<Record<TicketAction, TicketStatus>>>;

/** A ticket is missed only after this many calls (ZMS `callCountMax`). */
export const MAX_CALLS = 3;

export function allowedTicketActions(status: TicketStatus): TicketAction[] {
  return Object.keys(TICKET_LIFECYCLE[status]) as TicketAction[];
}

export function nextTicketStatus(status: TicketStatus, action: TicketAction): TicketStatus | null {
  return (TICKET_LIFECYCLE[status] as Partial<Record<TicketAction, TicketStatus>>)[action] ?? null;
}

export const PRIORITIES = ['elderly', 'disability', 'pregnant', 'young-child', 'veteran'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** The province's queue settings; every field has the default the brief names. */
export const QueueSettings = z
  .object({
    /** 'strict': priority tickets always first; 'interleaved': one priority ticket every `priorityEvery` calls. */
    ordering: z.enum(['strict', 'interleaved']).default('interleaved'),
    priorityEvery: z.number().int().min(1).max(50).default(3),
    /** Weight of each declared priority (0 = not honoured in this province). */
    priorityWeights: z
      .record(z.enum(PRIORITIES), z.number().int().min(0).max(9))
      .default({ elderly: 2, disability: 2, pregnant: 2, 'young-child': 1, veteran: 1 }),
    elderlyAge: z.number().int().min(60).max(100).default(75),
    /** "Your turn is near" SMS when this many tickets are ahead. */
    nearNoticeAhead: z.number().int().min(1).max(50).default(3),
    bookingDaysAhead: z.number().int().min(0).max(30).default(6),
    bookingsPerDay: z.number().int().min(1).max(10).default(2),
    bookingsPerField: z.number().int().min(1).max(10).default(1),
    slotMinutes: z.number().int().min(5).max(120).default(15),
    /** Bookable hours (Hanoi: 08:00–16:00). */
    bookingFrom: z
      .string()
      .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/)
      .default('08:00'),
    bookingTo: z
      .string()
      .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/)
      .default('16:00'),
    /** Share of each slot's counters that may be booked online (the rest stays for walk-ins). */
    bookableShare: z.number().min(0).max(1).default(0.5),
    /** Average handling time assumed before data exists, minutes. */
    defaultHandlingMinutes: z.number().min(1).max(120).default(15),
  })
  .strict();
export type QueueSettings = z.infer<typeof QueueSettings>;
export const DEFAULT_QUEUE_SETTINGS: QueueSettings = QueueSettings.parse({});

/**
 * Whether the next walk-in call should take a priority ticket first. Strict: always. Interleaved (1 every
 * N): when the counter has called N − 1 ordinary tickets since its last priority ticket. Either way an
 * ordinary ticket is taken when no priority ticket waits, and a priority ticket when no ordinary one does.
 */
export function priorityTurn(settings: Pick<QueueSettings, 'ordering' | 'priorityEvery'>, ordinarySinceLastPriority: number): boolean {
  if (settings.ordering === 'strict') return true;
  return ordinarySinceLastPriority >= settings.priorityEvery - 1;
}

export type Candidate = { id: string; arrivedAt: Date; weight: number; slotStart: Date | null };

/**
 * The order call-next takes: checked-in appointments whose slot has come (by slot time), then — on a
 * priority turn — priority tickets by weight then arrival, then everyone by arrival. The database query
 * (`claimNextTicket`) orders by the same keys; this is its specification, used by tests.
 */
export function pickNext(cands: readonly Candidate[], now: Date, isPriorityTurn: boolean): Candidate | null {
  const key = (c: Candidate): [number, number, number, number] => {
    const due = c.slotStart !== null && c.slotStart.getTime() <= now.getTime();
    return [due ? 0 : 1, due ? c.slotStart!.getTime() : 0, isPriorityTurn ? -c.weight : c.weight > 0 ? 1 : 0, c.arrivedAt.getTime()];
  };
  let best: Candidate | null = null;
  let bk: [number, number, number, number] | null = null;
  for (const c of cands) {
    const k = key(c);
    if (
      !bk ||
      k[0] < bk[0] ||
      (k[0] === bk[0] && (k[1] < bk[1] || (k[1] === bk[1] && (k[2] < bk[2] || (k[2] === bk[2] && k[3] < bk[3])))))
    ) {
      best = c;
      bk = k;
    }
  }
  return best;
}

/** Estimated wait for the n-th in line (0 ahead = next) with `open` counters serving the field. */
export function estimatedWaitMinutes(ahead: number, openCounters: number, handlingMinutes: number): number {
  if (ahead <= 0) return 0;
  return Math.round((ahead * handlingMinutes) / Math.max(1, openCounters));
}

/** The printed number: the field's prefix and the day's sequence, e.g. A012. */
export function ticketNumber(prefix: string, seq: number): string {
  return `${prefix}${String(seq).padStart(3, '0')}`;
}

/** Percentile (nearest rank) of a sample; 0 for an empty one. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}
