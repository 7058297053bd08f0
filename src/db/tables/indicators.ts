// Table types: Decision 766 indicator facts and rollups (day and month), compliance thresholds and alerts.
import type { ColumnType } from 'kysely';
import type { Timestamp } from './types';

// 0016_indicators: Decision 766 facts and rollups, compliance thresholds and alerts.
export type IndicatorCounters = {
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
