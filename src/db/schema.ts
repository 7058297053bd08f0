// Kysely table types. One interface per table; the migrations in ./migrations are the source of truth.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, T | string, T | string>;

export type OfficeSession = { start: string; end: string };

export interface UnitTable {
  id: Generated<string>;
  slug: string;
  code: string;
  name: string;
  type: 'province' | 'ward' | 'commune';
  parent_id: string | null;
  address: Generated<string>;
  phone: Generated<string>;
  email: Generated<string>;
  office_sessions: ColumnType<OfficeSession[], string | undefined, string>;
  working_weekdays: ColumnType<number[], number[] | undefined, number[]>;
  cutoff_time: Generated<string>;
  saturday_reception: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ReceptionPointTable {
  id: Generated<string>;
  unit_id: string;
  host_unit_id: string;
  name: string;
  address: Generated<string>;
  active: Generated<boolean>;
  created_at: Timestamp;
}

export interface StaffUserTable {
  id: Generated<string>;
  username: string;
  full_name: string;
  title: Generated<string>;
  email: Generated<string>;
  phone: Generated<string>;
  password_hash: string;
  password_changed_at: Timestamp;
  must_change_password: Generated<boolean>;
  active: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  publish_email: Generated<boolean>;
  publish_phone: Generated<boolean>;
  public_phone: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UserRoleTable {
  user_id: string;
  unit_id: string;
  role: string;
  granted_at: Timestamp;
}

export interface SessionTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Date;
  revoked_at: Date | null;
  ip: Generated<string>;
  user_agent: Generated<string>;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Timestamp;
  actor_id: string | null;
  actor_name: string;
  actor_role: string;
  unit_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  request_id: string;
  details: Json<Record<string, unknown>>;
  prev_hash: string;
  hash: string;
}

export interface IdempotencyKeyTable {
  actor: string;
  key: string;
  method: string;
  path: string;
  body_hash: string;
  status_code: number;
  response: Json<unknown>;
  created_at: Timestamp;
}

export interface AppMetaTable {
  key: string;
  value: Json<unknown>;
  updated_at: Timestamp;
}

export interface ProcedureTable {
  id: Generated<string>;
  province_id: string;
  code: string;
  current_version_id: string | null;
  published: Generated<boolean>;
  created_at: Timestamp;
}

export interface ProcedureVersionTable {
  id: Generated<string>;
  procedure_id: string;
  version: number;
  name: string;
  name_folded: Generated<string>;
  field: string;
  level: 'commune' | 'province';
  legal_basis: Json<unknown[]>;
  /** numeric comes back from pg as a string. */
  processing_days: ColumnType<string, number, number>;
  cutoff_time: string;
  fee: Json<unknown>;
  steps: Json<unknown[]>;
  result_type: string;
  channels: string[];
  online_level: 'full' | 'partial' | 'none';
  boundary_free: boolean;
  form_schema: Json<Record<string, unknown>> | null;
  effective_from: string | null;
  effective_to: string | null;
  notes: Generated<string>;
  created_at: Timestamp;
  created_by: string | null;
}

export interface ProcedureComponentTable {
  id: Generated<string>;
  version_id: string;
  position: number;
  name: string;
  mandatory: boolean;
  originals: number;
  copies: number;
  accepted: string[];
  from_registry: boolean;
}

export interface UnitProcedureTable {
  unit_id: string;
  procedure_id: string;
  enabled_at: Timestamp;
}

export interface CalendarYearTable {
  province_id: string;
  year: number;
  holidays: string[];
  working_days: string[];
  generated: boolean;
  source: Generated<string>;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface DeadlineTable {
  id: Generated<string>;
  unit_id: string;
  subject_type: string;
  subject_id: string;
  received_at: Date;
  working_days: ColumnType<string, number, number>;
  mode: ColumnType<'pause' | 'restart', 'pause' | 'restart' | undefined, 'pause' | 'restart'>;
  pauses: ColumnType<{ from: string; to?: string }[], string | undefined, string>;
  counted_from: Date;
  due_at: Date | null;
  closed_at: Date | null;
  updated_at: Timestamp;
}

export interface DeadlineChangeTable {
  id: Generated<string>;
  deadline_id: string;
  at: Timestamp;
  old_counted_from: Date;
  new_counted_from: Date;
  old_due_at: Date | null;
  new_due_at: Date | null;
  reason: string;
  actor_id: string | null;
}

export interface Database {
  unit: UnitTable;
  reception_point: ReceptionPointTable;
  staff_user: StaffUserTable;
  user_role: UserRoleTable;
  session: SessionTable;
  audit_log: AuditLogTable;
  idempotency_key: IdempotencyKeyTable;
  app_meta: AppMetaTable;
  procedure: ProcedureTable;
  procedure_version: ProcedureVersionTable;
  procedure_component: ProcedureComponentTable;
  unit_procedure: UnitProcedureTable;
  calendar_year: CalendarYearTable;
  deadline: DeadlineTable;
  deadline_change: DeadlineChangeTable;
}

export type UnitRow = Selectable<UnitTable>;
export type NewUnit = Insertable<UnitTable>;
export type UnitUpdate = Updateable<UnitTable>;
export type ReceptionPointRow = Selectable<ReceptionPointTable>;
export type StaffUserRow = Selectable<StaffUserTable>;
