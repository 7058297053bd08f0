// Table types: staff accounts, roles, sessions, the audit chain, Idempotency-Key placeholders, training attempts.
import type { Generated } from 'kysely';
import type { Json, Timestamp } from './types';

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
  // 0024 machine clients of the API (issue 18).
  /** 'client': the acting identity of an API client; never signs in with a password. */
  kind: Generated<'person' | 'client'>;
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
  /** "<backend pid>:<backend start µs>" of the holding process's liveness session while the first request runs. */
  holder: string | null;
}

export interface AppMetaTable {
  key: string;
  value: Json<unknown>;
  updated_at: Timestamp;
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
