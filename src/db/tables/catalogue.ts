// Table types: the procedure catalogue (procedures, immutable versions, components, units handling them, publication,
// legal times, review).
import type { ColumnType, Generated } from 'kysely';
import type { Json, Timestamp } from './types';

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
