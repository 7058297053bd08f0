// Decision 766 group 1 (publicity), indicators 1.1–1.3, from the publication records of procedure versions.
// 1.1 TTHC published on time: the decision date is at least 5 working days before the effective date; one late
//     decision makes the whole period late.
// 1.2 Made public on time: published (the "Công khai" act) at most 5 working days after the decision.
// 1.3 Complete elements: share of the published procedures that state all 7 elements of Decree 63/2010 Art. 8(2).
// Pure: working days come from the caller's calendar.
import { round2 } from './formulas';

export type PublicationRecord = {
  procedureId: string;
  decisionDate: string; // YYYY-MM-DD
  effectiveDate: string; // YYYY-MM-DD
  publishedOn: string; // YYYY-MM-DD (Vietnam time) of the publication
};

export const PUBLICITY_WORKING_DAYS = 5;

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Working days strictly after `from` up to and including `to` (0 when `to` ≤ `from`). */
export function workingDaysAfter(from: string, to: string, isWorkingDay: (day: string) => boolean): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d)) n++;
  return n;
}

export type PublicityValue = { rate: number; onTime: number; count: number; late: string[] };

/** 1.1: every decision of the period at least 5 working days before its effective date; else the period is late. */
export function indicator11(records: PublicationRecord[], isWorkingDay: (day: string) => boolean): PublicityValue {
  const late = records
    .filter((r) => workingDaysAfter(r.decisionDate, r.effectiveDate, isWorkingDay) < PUBLICITY_WORKING_DAYS)
    .map((r) => r.procedureId);
  return { rate: records.length && late.length === 0 ? 1 : 0, onTime: records.length - late.length, count: records.length, late };
}

/** 1.2: share of the period's decisions made public at most 5 working days after the decision. */
export function indicator12(records: PublicationRecord[], isWorkingDay: (day: string) => boolean): PublicityValue {
  const late = records
    .filter((r) => r.publishedOn < r.decisionDate || workingDaysAfter(r.decisionDate, r.publishedOn, isWorkingDay) > PUBLICITY_WORKING_DAYS)
    .map((r) => r.procedureId);
  const onTime = records.length - late.length;
  return { rate: records.length ? round2(onTime / records.length) : 0, onTime, count: records.length, late };
}

/** 1.3: share of published procedures with no missing element (`missing` from catalogue/publication.ts). */
export function indicator13(procedures: { procedureId: string; missing: readonly string[] }[]): PublicityValue {
  const late = procedures.filter((p) => p.missing.length > 0).map((p) => p.procedureId);
  const onTime = procedures.length - late.length;
  return { rate: procedures.length ? round2(onTime / procedures.length) : 0, onTime, count: procedures.length, late };
}

/** The counters of group 1 (publicity) for a period, as the indicator set reads them (sets.ts `Counter`). */
export type PublicityTally = {
  /** Decisions of the period (procedure versions whose deciding document is dated in it). */
  decisions: number;
  /** All of `decisions` when none was late (1.1 is all or nothing), else 0. */
  decisionsAllOnTime: number;
  /** Decisions made public at most 5 working days after the decision (1.2). */
  publishedOnTime: number;
  /** Procedures in force at the end of the period (1.3's denominator). */
  proceduresInForce: number;
  /** Of those, the ones stating every element (1.3's numerator). */
  proceduresComplete: number;
};

export function emptyPublicityTally(): PublicityTally {
  return { decisions: 0, decisionsAllOnTime: 0, publishedOnTime: 0, proceduresInForce: 0, proceduresComplete: 0 };
}

/** Group 1's counters from the period's publication records and the procedures in force at its end. */
export function publicityTally(
  records: PublicationRecord[],
  inForce: { procedureId: string; missing: readonly string[] }[],
  isWorkingDay: (day: string) => boolean,
): PublicityTally {
  const i11 = indicator11(records, isWorkingDay);
  const i12 = indicator12(records, isWorkingDay);
  const i13 = indicator13(inForce);
  return {
    decisions: records.length,
    decisionsAllOnTime: i11.rate === 1 ? records.length : 0,
    publishedOnTime: i12.onTime,
    proceduresInForce: i13.count,
    proceduresComplete: i13.onTime,
  };
}
