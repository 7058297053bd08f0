// Table types: units and their reception points, signing keys, calendar years.
import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from './types';

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

export interface UnitSigningKeyTable {
  unit_id: string;
  p12: Buffer;
  certificate_pem: string;
  fingerprint: string;
  demo: boolean;
  created_at: Timestamp;
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
