// Table types: feedback (settings, codes, the feedback, its events, failed answer checks, alerts).
import type { ColumnType, Generated } from 'kysely';
import type { Json, Timestamp } from './types';

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
