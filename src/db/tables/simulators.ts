// Table types: what the simulators of outside systems recorded (demo and tests).
import type { Generated } from 'kysely';
import type { Json, Timestamp } from './types';

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
