// Table types: the waiting room (service fields, counters, sessions, appointments, tickets and their events,
// ratings).
import type { ColumnType, Generated } from 'kysely';
import type { Json, Timestamp } from './types';

// Queue, appointments and the rating at the counter (migration 0015).
export interface ServiceFieldTable {
  id: Generated<string>;
  province_id: string;
  name: string;
  prefix: string;
  position: Generated<number>;
}

export interface QueueSettingsTable {
  province_id: string;
  settings: Json<Record<string, unknown>>;
  updated_at: Timestamp;
}

export interface CounterTable {
  id: Generated<string>;
  unit_id: string;
  reception_point_id: string;
  number: number;
  name: string;
  active: Generated<boolean>;
  ordinary_since_priority: Generated<number>;
}

export interface CounterFieldTable {
  counter_id: string;
  field_id: string;
}

export interface CounterSessionTable {
  id: Generated<string>;
  counter_id: string;
  officer_id: string;
  opened_at: Timestamp;
  closed_at: Timestamp | null;
}

export interface AppointmentTable {
  id: Generated<string>;
  unit_id: string;
  reception_point_id: string;
  field_id: string;
  citizen_id: string;
  day: ColumnType<string, string, string>;
  slot_start: Timestamp;
  slot_end: Timestamp;
  status: Generated<'booked' | 'checked-in' | 'cancelled'>;
  code: string;
  created_at: Timestamp;
  cancelled_at: Timestamp | null;
  reminded_at: Timestamp | null;
}

export interface QueueNumberCounterTable {
  unit_id: string;
  day: ColumnType<string, string, string>;
  prefix: string;
  last: number;
}

export interface QueueTicketTable {
  id: Generated<string>;
  unit_id: string;
  reception_point_id: string;
  field_id: string;
  day: ColumnType<string, string, string>;
  number: string;
  status: Generated<'waiting' | 'called' | 'serving' | 'finished' | 'missed' | 'cancelled'>;
  priority: 'elderly' | 'disability' | 'pregnant' | 'young-child' | 'veteran' | null;
  weight: Generated<number>;
  phone: string | null;
  call_count: Generated<number>;
  counter_id: string | null;
  target_counter_id: string | null;
  officer_id: string | null;
  appointment_id: string | null;
  slot_start: Timestamp | null;
  dossier_id: string | null;
  arrived_at: Timestamp;
  called_at: Timestamp | null;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  near_notified: Generated<boolean>;
}

export interface QueueTicketEventTable {
  id: Generated<string>;
  ticket_id: string;
  at: Timestamp;
  action: string;
  from_status: string | null;
  to_status: string;
  counter_id: string | null;
  officer_id: string | null;
  details: Json<Record<string, unknown>>;
}

export interface CounterRatingTable {
  id: Generated<string>;
  unit_id: string;
  ticket_id: string | null;
  dossier_id: string | null;
  officer_id: string | null;
  counter_id: string | null;
  contacts: number | null;
  bodies: number | null;
  publicity: number | null;
  attitude: number | null;
  comment: Generated<string>;
  low: boolean;
  feedback_id: string | null;
  at: Timestamp;
}
