// Table types: dossiers and what hangs on them (events, components, codes, deadlines, files, access records, outbox,
// drafts, alerts).
import type { ColumnType, Generated } from 'kysely';
import type { Status } from '../../domain/dossier/lifecycle';
import type { Json, Timestamp } from './types';

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
  // 0012: the e-form answers of an online application, kept with the dossier.
  form_answers: Json<Record<string, unknown>> | null;
  // 0013 counter robustness.
  /** The counter draft the dossier was created from; the draft is deleted, a late save of it is ignored. */
  intake_draft_id: string | null;
}

/** Each folded applicant name once (migration 0032): what a search by a fragment of a name reads first. */
export interface ApplicantNameTable {
  folded: string;
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
