// Kysely table types. One interface per table; the migrations in ./migrations are the source of truth.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { ApplicationStatus } from '../domain/application/lifecycle';
import type { Status } from '../domain/dossier/lifecycle';

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
  /** A training unit (migration 0027): inherited from the parent, fixed at creation. */
  training: Generated<boolean>;
  /** The real province administering this training unit (null for a real unit). */
  training_owner_id: Generated<string | null>;
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
  override_due_at: Date | null;
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

export interface StoredFileTable {
  id: Generated<string>;
  sha256: string;
  mime: 'application/pdf' | 'image/jpeg' | 'image/png';
  size_bytes: number;
  pages: number;
  original_name: Generated<string>;
  storage_key: string;
  unit_id: string | null;
  citizen_id: string | null;
  uploaded_by: string | null;
  uploaded_at: Timestamp;
  officer_signature: string;
}

export interface DossierCodeCounterTable {
  unit_id: string;
  day: string;
  last: number;
}

export type Applicant = { idNumber: string; fullName: string; dateOfBirth?: string; phone?: string; address?: string };

export interface DossierTable {
  id: Generated<string>;
  code: string;
  unit_id: string;
  received_unit_id: string;
  reception_point_id: string;
  return_point_id: string;
  procedure_id: string;
  procedure_version_id: string;
  channel: 'in-person' | 'online' | 'postal';
  /** The lifecycle's status (src/domain/dossier/lifecycle.ts). */
  status: Status;
  applicant_id_number: string;
  applicant_name: string;
  applicant: Json<Applicant>;
  registry_used: Generated<boolean>;
  fee: Generated<number>;
  fee_receipt_no: string | null;
  assignee_id: string | null;
  received_by: string | null;
  received_at: Date;
  counted_from: Date;
  due_at: Date | null;
  finished_at: Date | null;
  returned_at: Date | null;
  supplement_count: Generated<number>;
  extension_count: Generated<number>;
  withdrawal_requested: Generated<boolean>;
  event_count: Generated<number>;
  intake_key: string | null;
  citizen_id: string | null;
  assisted_by: string | null;
  paid_online: Generated<boolean>;
  verified_vneid: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DossierEventTable {
  id: Generated<string>;
  dossier_id: string;
  seq: number;
  at: Timestamp;
  action: string;
  from_status: string | null;
  to_status: string;
  actor_id: string | null;
  actor_name: string;
  actor_role: string;
  unit_id: string | null;
  reason: Generated<string>;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
}

export interface DossierComponentTable {
  dossier_id: string;
  component_id: string;
  presented: Generated<boolean>;
  from_registry: Generated<boolean>;
  file_ids: ColumnType<string[], string[] | undefined, string[]>;
  added_at: Timestamp;
}

export interface PersonalDataAccessTable {
  id: Generated<string>;
  at: Timestamp;
  actor_id: string | null;
  actor_name: string;
  unit_id: string | null;
  id_number: Generated<string>;
  subject_type: string;
  subject_id: Generated<string>;
  purpose: string;
  outcome: Generated<string>;
  request_id: Generated<string>;
}

export interface OutboxTable {
  id: Generated<string>;
  topic: string;
  idempotency_key: string;
  payload: Json<Record<string, unknown>>;
  created_at: Timestamp;
  available_at: Timestamp;
  attempts: Generated<number>;
  last_error: string | null;
  delivered_at: Date | null;
  dead_at: Date | null;
  /** Set by trigger (migration 0027) when the message comes from a training unit: simulators only. */
  training_unit_id: Generated<string | null>;
}

export interface TrainingAttemptTable {
  id: Generated<string>;
  user_id: string;
  unit_id: string;
  exercise: string;
  subject_id: string | null;
  started_at: Date;
  checked_at: Date | null;
  passed: boolean | null;
  findings: Json<unknown[]>;
}

export interface IntakeDraftTable {
  id: string;
  user_id: string;
  unit_id: string;
  data: Json<Record<string, unknown>>;
  revision: Generated<number>;
  dossier_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UnitSigningKeyTable {
  unit_id: string;
  p12: Buffer;
  certificate_pem: string;
  fingerprint: string;
  demo: boolean;
  created_at: Timestamp;
}

export interface DossierAlertTable {
  id: Generated<string>;
  dossier_id: string;
  unit_id: string;
  kind: string;
  at: Timestamp;
  due_at: Date | null;
  recipients: Json<{ userId: string | null; role: string; name: string; channel: 'in-app' | 'sms' | 'email'; to?: string }[]>;
  data: Json<Record<string, unknown>>;
}

/** Simulator data (demo and tests): what the simulated national portal accepted. */
export interface SimPortalRecordTable {
  id: Generated<string>;
  idempotency_key: string;
  code: string;
  payload: Json<Record<string, unknown>>;
  at: Timestamp;
}

/** Simulator data (demo and tests): what the simulated SMS gateway accepted. */
export interface SimEmailMessageTable {
  id: Generated<string>;
  idempotency_key: string;
  to_address: string;
  subject: string;
  text: string;
  at: Timestamp;
}

export interface SimSmsMessageTable {
  id: Generated<string>;
  idempotency_key: string;
  to_number: string;
  text: string;
  at: Timestamp;
}

export interface CitizenTable {
  id: Generated<string>;
  id_number: string;
  vneid_sub: string | null;
  full_name: string;
  date_of_birth: Generated<string>;
  address: Generated<string>;
  phone: Generated<string>;
  email: Generated<string>;
  loa: Generated<1 | 2>;
  large_text: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  last_login_at: Date | null;
}

export interface CitizenSessionTable {
  id: string;
  citizen_id: string;
  csrf_token: string;
  loa: 1 | 2;
  id_token_hint: Generated<string>;
  assisted_by: string | null;
  verification: Json<Record<string, unknown>> | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Date;
  revoked_at: Date | null;
  ip: Generated<string>;
  user_agent: Generated<string>;
}

export interface AssistedVerificationTable {
  id: Generated<string>;
  staff_id: string;
  unit_id: string;
  citizen_id: string;
  method: 'chip-id' | 'vneid-qr' | 'otp';
  evidence: Generated<string>;
  created_at: Timestamp;
  verified_at: Date | null;
}

export interface OidcLoginTable {
  state: string;
  nonce: string;
  code_verifier: string;
  acr: string;
  return_to: Generated<string>;
  created_at: Timestamp;
  used_at: Date | null;
  outcome: string | null;
}

export type ApplicationComponent = { componentId: string; fileIds?: string[] };
export type { ApplicationStatus };

export interface ApplicationTable {
  id: string;
  citizen_id: string;
  procedure_id: string;
  procedure_version_id: string;
  unit_id: string;
  return_point_id: string | null;
  form: Json<Record<string, unknown>>;
  components: Json<ApplicationComponent[]>;
  status: Generated<ApplicationStatus>;
  revision: Generated<number>;
  fee: Generated<number>;
  dossier_id: string | null;
  assisted_by: string | null;
  verification: Json<Record<string, unknown>> | null;
  confirmed_at: Date | null;
  submitted_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OtpChallengeTable {
  id: Generated<string>;
  purpose: string;
  subject_id: string;
  phone: Generated<string>;
  email: Generated<string>;
  /** Personal ID number, for the VNeID app push channel ('' when not given). */
  id_number: Generated<string>;
  /** Language of the messages (resends keep it). */
  lang: Generated<'vi' | 'en'>;
  /** What the code confirms, named in the message (e.g. an application's reference); '' for none. */
  reference: Generated<string>;
  prefix: string;
  code_hash: string;
  channel: Generated<'sms' | 'email' | 'vneid-push'>;
  sends: Generated<number>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  expires_at: Date;
  next_send_at: Date;
  verified_at: Date | null;
  superseded_at: Date | null;
  created_at: Timestamp;
}

export type PaymentStatus = 'pending' | 'paid' | 'failed' | 'expired';

export interface PaymentTable {
  id: Generated<string>;
  subject_type: string;
  subject_id: string;
  citizen_id: string | null;
  amount: number;
  description: string;
  status: Generated<PaymentStatus>;
  gateway_ref: string | null;
  redirect_url: string | null;
  receipt_no: string | null;
  paid_at: Date | null;
  paid_via: 'callback' | 'reconciliation' | null;
  last_checked_at: Date | null;
  checks: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UploadTable {
  id: Generated<string>;
  citizen_id: string | null;
  staff_id: string | null;
  unit_id: string | null;
  file_name: string;
  size_bytes: number;
  sha256: string;
  chunk_size: number;
  received_bytes: Generated<number>;
  status: Generated<'open' | 'complete' | 'failed'>;
  stored_file_id: string | null;
  /** The problem code a failed upload answered. */
  failure: string | null;
  created_at: Timestamp;
  expires_at: Date;
}

export interface UploadChunkTable {
  upload_id: string;
  index: number;
  data: Buffer;
}

export interface CitizenDocumentTable {
  id: Generated<string>;
  citizen_id: string;
  stored_file_id: string;
  kind: 'component' | 'result' | 'receipt';
  title: string;
  dossier_id: string | null;
  created_at: Timestamp;
}

export interface DossierRatingTable {
  dossier_id: string;
  citizen_id: string;
  value: 'like' | 'dislike';
  reason: Generated<string>;
  at: Timestamp;
}

export interface SimPaymentTable {
  id: string;
  merchant_id: Generated<string>;
  merchant_ref: string;
  amount: number;
  description: string;
  return_url: string;
  callback_url: string;
  status: Generated<'pending' | 'paid' | 'cancelled'>;
  drop_callback: Generated<boolean>;
  callback_status: 'delivered' | 'refused' | 'unreachable' | 'dropped' | null;
  callback_at: Date | null;
  created_at: Timestamp;
  paid_at: Date | null;
}

export interface SimVneidPushTable {
  id: Generated<string>;
  idempotency_key: string;
  id_number: string;
  text: string;
  at: Timestamp;
}

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
  stored_file: StoredFileTable;
  dossier_code_counter: DossierCodeCounterTable;
  dossier: DossierTable;
  dossier_event: DossierEventTable;
  dossier_component: DossierComponentTable;
  personal_data_access: PersonalDataAccessTable;
  outbox: OutboxTable;
  training_attempt: TrainingAttemptTable;
  intake_draft: IntakeDraftTable;
  unit_signing_key: UnitSigningKeyTable;
  dossier_alert: DossierAlertTable;
  sim_portal_record: SimPortalRecordTable;
  sim_sms_message: SimSmsMessageTable;
  sim_email_message: SimEmailMessageTable;
  citizen: CitizenTable;
  citizen_session: CitizenSessionTable;
  oidc_login: OidcLoginTable;
  assisted_verification: AssistedVerificationTable;
  application: ApplicationTable;
  otp_challenge: OtpChallengeTable;
  payment: PaymentTable;
  upload: UploadTable;
  upload_chunk: UploadChunkTable;
  citizen_document: CitizenDocumentTable;
  dossier_rating: DossierRatingTable;
  sim_payment: SimPaymentTable;
  sim_vneid_push: SimVneidPushTable;
  feedback_setting: FeedbackSettingTable;
  feedback_code_counter: FeedbackCodeCounterTable;
  feedback: FeedbackTable;
  feedback_event: FeedbackEventTable;
  feedback_check_failure: FeedbackCheckFailureTable;
  feedback_alert: FeedbackAlertTable;
  service_field: ServiceFieldTable;
  queue_settings: QueueSettingsTable;
  counter: CounterTable;
  counter_field: CounterFieldTable;
  counter_session: CounterSessionTable;
  appointment: AppointmentTable;
  queue_number_counter: QueueNumberCounterTable;
  queue_ticket: QueueTicketTable;
  queue_ticket_event: QueueTicketEventTable;
  counter_rating: CounterRatingTable;
}

export type UnitRow = Selectable<UnitTable>;
export type NewUnit = Insertable<UnitTable>;
export type UnitUpdate = Updateable<UnitTable>;
export type ReceptionPointRow = Selectable<ReceptionPointTable>;
export type StaffUserRow = Selectable<StaffUserTable>;

// Feedback (migration 0014).
export interface FeedbackSettingTable {
  province_id: string;
  refuse_days: ColumnType<string, number | undefined, number>;
  info_days: ColumnType<string, number | undefined, number>;
  answer_days: ColumnType<string, number | undefined, number>;
  publish_days: ColumnType<string, number | undefined, number>;
  boilerplate: string[] | null;
  min_answer_chars: Generated<number>;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface FeedbackCodeCounterTable {
  unit_id: string;
  day: string;
  last: number;
}

export type FeedbackAnswerJson = {
  outcome: 'accepted' | 'explained' | 'will-be-fixed' | 'not-competent';
  legalBasis: { document: string; article: string }[];
  points: { point: string; response: string }[];
  actions: { what: string; responsibleUnitId: string; dueDate: string }[];
};

export interface FeedbackTable {
  id: Generated<string>;
  code: string;
  unit_id: string;
  received_unit_id: string;
  kind: 'regulation' | 'conduct' | 'service';
  channel: 'web' | 'portal' | 'counter' | 'phone' | 'letter' | 'dossier-rating';
  subject: string;
  content: string;
  points: ColumnType<string[], string[] | undefined, string[]>;
  dossier_id: string | null;
  procedure_id: string | null;
  contact_name: string;
  contact_phone: Generated<string>;
  contact_email: Generated<string>;
  contact_address: Generated<string>;
  citizen_id: string | null;
  file_ids: ColumnType<string[], string[] | undefined, string[]>;
  status: string;
  reopened: Generated<boolean>;
  received_at: Date;
  due_at: Date | null;
  question: string | null;
  refusal_reason: string | null;
  answer: Json<FeedbackAnswerJson> | null;
  answer_returns: Generated<number>;
  reopen_count: Generated<number>;
  transfer_count: Generated<number>;
  approved_at: Date | null;
  approved_by: string | null;
  published_at: Date | null;
  public_text: string | null;
  public_folded: string | null;
  rating_satisfied: boolean | null;
  rating_reason: string | null;
  rated_at: Date | null;
  event_count: Generated<number>;
  created_by: string | null;
  intake_key: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FeedbackEventTable {
  id: Generated<string>;
  feedback_id: string;
  seq: number;
  at: Timestamp;
  action: string;
  from_status: string | null;
  to_status: string;
  actor_id: string | null;
  actor_name: string;
  actor_role: string;
  unit_id: string | null;
  reason: Generated<string>;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
}

export interface FeedbackCheckFailureTable {
  id: Generated<string>;
  feedback_id: string;
  unit_id: string;
  at: Timestamp;
  actor_id: string | null;
  stage: 'answer' | 'approve';
  checks: string[];
}

export interface FeedbackAlertTable {
  id: Generated<string>;
  feedback_id: string;
  unit_id: string;
  kind: string;
  deadline_kind: string;
  at: Date;
  due_at: Date | null;
  recipients: ColumnType<unknown[], string | undefined, string>;
}

// 0016_indicators: Decision 766 facts and rollups, compliance thresholds and alerts.
type IndicatorCounters = {
  received: number;
  received_online: number;
  synced: number;
  online_eresult: number;
  fee_bearing: number;
  paid_online: number;
  reused: number;
  population_data: number;
  finished_from_received: number;
  processing_seconds: ColumnType<string, number, number>;
  finished: number;
  finished_on_time: number;
  finished_early: number;
  with_result: number;
  e_result: number;
  digitised: number;
  store_linked: number;
  service_satisfied: number;
  open_delta: number;
  late_delta: number;
  sig_late_result_update: number;
  sig_late_step: number;
  sig_registry_data_demanded: number;
  sig_notice_after_deadline: number;
  sig_unsigned_notice: number;
  sig_withdrawal_without_request: number;
  sig_not_digitised: number;
};

export interface IndicatorFactTable {
  dossier_id: string;
  unit_id: string;
  procedure_id: string;
  officer_id: string;
  received_day: string;
  end_day: string | null;
  late_day: string | null;
  end_at: Date | null;
  late_from: Date | null;
  on_time: boolean | null;
  early: boolean;
  processing_seconds: string | null;
  online: boolean;
  online_eresult: boolean;
  fee_bearing: boolean;
  paid_online: boolean;
  reused: boolean;
  population_data: boolean;
  with_result: boolean;
  e_result: boolean;
  digitised: boolean;
  store_linked: boolean;
  synced: boolean;
  complained: boolean;
  signals: string[];
}

export type IndicatorRollupTable = IndicatorCounters & { unit_id: string; procedure_id: string; officer_id: string; day: string };
export type IndicatorUnitDayTable = IndicatorCounters & { unit_id: string; day: string };
/** Monthly sums of indicator_rollup / indicator_unit_day (migration 0029); `month` is the month's first day. */
export type IndicatorMonthTable = IndicatorCounters & { unit_id: string; procedure_id: string; officer_id: string; month: string };
export type IndicatorUnitMonthTable = IndicatorCounters & { unit_id: string; month: string };

export interface ComplianceThresholdTable {
  province_id: string;
  kind: string;
  max_per_month: number;
  updated_at: Timestamp;
}

export interface ComplianceAlertTable {
  unit_id: string;
  kind: string;
  month: string;
  count: number;
  threshold: number;
  at: Timestamp;
  // 0019
  recipients: ColumnType<unknown[], string | undefined, string>;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
}

// 0019_feedback_indicators: group 5 facts and rollups from the feedback records.
export interface IndicatorFeedbackFactTable {
  feedback_id: string;
  unit_id: string;
  received_day: string;
  late_day: string;
  regulation: boolean;
  ok: boolean;
  vague: boolean;
}
export interface IndicatorFeedbackDayTable {
  unit_id: string;
  day: string;
  late_day: string;
  feedback: number;
  regulation: number;
  ok: number;
  vague: number;
}

export interface Database {
  indicator_fact: IndicatorFactTable;
  indicator_rollup: IndicatorRollupTable;
  indicator_unit_day: IndicatorUnitDayTable;
  indicator_month: IndicatorMonthTable;
  indicator_unit_month: IndicatorUnitMonthTable;
  compliance_threshold: ComplianceThresholdTable;
  compliance_alert: ComplianceAlertTable;
  indicator_feedback_fact: IndicatorFeedbackFactTable;
  indicator_feedback_day: IndicatorFeedbackDayTable;
}

// 0012: the e-form answers of an online application, kept with the dossier (declaration merging keeps this
// migration's column next to its own comment).
export interface DossierTable {
  form_answers: Json<Record<string, unknown>> | null;
}

// 0013 counter robustness (declaration merging adds the columns to the tables above).
export interface DossierTable {
  /** The counter draft the dossier was created from; the draft is deleted, a late save of it is ignored. */
  intake_draft_id: string | null;
}
export interface IdempotencyKeyTable {
  /** "<backend pid>:<backend start µs>" of the holding process's liveness session while the first request runs. */
  holder: string | null;
}

// 0024 machine clients of the API (issue 18).
export interface StaffUserTable {
  /** 'client': the acting identity of an API client; never signs in with a password. */
  kind: Generated<'person' | 'client'>;
}
export interface ApiClientTable {
  id: Generated<string>;
  user_id: string;
  unit_id: string;
  name: string;
  scopes: string[];
  unit_ids: string[];
  ip_allow: Generated<string[]>;
  rate_per_minute: Generated<number>;
  created_by: string | null;
  created_at: Generated<Date>;
  revoked_at: Date | null;
}
export interface ApiClientSecretTable {
  id: Generated<string>;
  client_id: string;
  secret_hash: string;
  created_at: Generated<Date>;
  expires_at: Date | null;
}
export interface ApiTokenTable {
  id: string;
  client_id: string;
  scopes: string[];
  created_at: Generated<Date>;
  expires_at: Date;
  revoked_at: Date | null;
}
export interface Database {
  api_client: ApiClientTable;
  api_client_secret: ApiClientSecretTable;
  api_token: ApiTokenTable;
}

// 0023: the publication of procedure versions (draft → reviewed → published, with the deciding document).
export interface ProcedurePublicationTable {
  version_id: string;
  procedure_id: string;
  status: Generated<'draft' | 'reviewed' | 'published' | 'withdrawn'>;
  created_at: Timestamp;
  created_by: string | null;
  reviewed_at: Date | null;
  reviewed_by: string | null;
  decision_number: string | null;
  decision_date: string | null;
  effective_date: string | null;
  published_at: Date | null;
  published_by: string | null;
}

export interface Database {
  procedure_publication: ProcedurePublicationTable;
}

export interface ProcedureLegalTimeTable {
  procedure_id: string;
  /** numeric comes back from pg as a string. */
  legal_days: ColumnType<string, number, number>;
  source: string;
  set_by: string | null;
  set_at: Timestamp;
}

export interface CatalogueReviewTable {
  id: Generated<string>;
  procedure_id: string;
  version_id: string;
  signed_by: string;
  signed_at: Timestamp;
  note: Generated<string>;
  findings: Json<Record<string, unknown>>;
}

export interface Database {
  procedure_legal_time: ProcedureLegalTimeTable;
  catalogue_review: CatalogueReviewTable;
}

// 0028: webhooks of API clients, their delivery attempts, and the per-client call counter shared by all processes.
export interface WebhookSubscriptionTable {
  id: Generated<string>;
  client_id: string;
  url: string;
  events: string[];
  unit_ids: string[];
  secret: string;
  created_by: string;
  created_at: Generated<Date>;
  disabled_at: Date | null;
}
export interface WebhookAttemptTable {
  id: Generated<string>;
  outbox_id: string;
  subscription_id: string;
  at: Date;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
}
export interface ApiClientRateTable {
  client_id: string;
  minute: string | number;
  calls: number;
}
export interface Database {
  webhook_subscription: WebhookSubscriptionTable;
  webhook_attempt: WebhookAttemptTable;
  api_client_rate: ApiClientRateTable;
}
