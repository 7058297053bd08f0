// Table types: API clients, their secrets, tokens and rate counters, webhook subscriptions and attempts.
import type { Generated } from 'kysely';

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

export interface ApiClientRateTable {
  client_id: string;
  minute: string | number;
  calls: number;
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
