// Table types: the citizen portal (citizens, sessions, VNeID sign-in, applications, OTP, payments, uploads, the data
// store, ratings).
import type { Generated } from 'kysely';
import type { ApplicationStatus } from '../../domain/application/lifecycle';
import type { Json, Timestamp } from './types';

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

export type { ApplicationStatus } from '../../domain/application/lifecycle';

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
