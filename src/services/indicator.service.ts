// Oversight: Decision 766 indicators, drill-downs, compliance signals, form 06 and the public figures.
// Every number comes from the rollups (migration 0016); nothing here scans the dossiers of a period.
import ExcelJS from 'exceljs';
import { unitsWhere, type UnitNode } from '../domain/access';
import {
  addTallies,
  checkPeriod,
  computeIndicators,
  counterValue,
  DEFAULT_SET_ID,
  effectiveThresholds,
  emptyTally,
  indicatorSet,
  INDICATOR_SETS,
  MAX_PERIOD_YEARS,
  monthOf,
  previousMonth,
  round2,
  SIGNAL_KINDS,
  vnDate,
  publicityTally,
  type IndicatorSet,
  type PublicityTally,
  type Signal,
  type Tally,
} from '../domain/indicators';
import type { Calendar } from '../domain/calendar/index';
import { missingElements } from '../domain/catalogue/publication';
import { findProcedures, publicationRecordsIn, versionsInForceAt } from '../db/repositories/procedure.repository';
import { Problem } from '../domain/problems';
import type { Form06Numbers } from '../forms/types';
import type { Db } from '../db/database';
import {
  names,
  procedureFields,
  signalExamples,
  stepHandOffs,
  tallies,
  unsyncedDossiers,
  vagueAnswerExamples,
  type Dimension,
} from '../db/repositories/indicator.repository';
import {
  acknowledgeComplianceAlert,
  listThresholds,
  openComplianceAlerts,
  upsertThresholds,
} from '../db/repositories/compliance.repository';
import { listUnitTree, unitNameAndCode } from '../db/repositories/unit.repository';
import { requireActor, type ServiceContext } from './context';
import type { FormsService } from './forms.service';

/** The notice each notice-bearing action hands the citizen (TT 01/2018 forms). */
const NOTICE_NAMES: Record<string, string> = {
  'request-supplement': 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
  refuse: 'Phiếu từ chối tiếp nhận, giải quyết hồ sơ',
  'apologize-and-extend': 'Phiếu xin lỗi và hẹn lại ngày trả kết quả',
  stop: 'Thông báo dừng giải quyết hồ sơ',
};

/** Who sees a unit's indicators, signals and reports: its director and leaders, the province's roles. */
export const OVERSIGHT_ROLES = ['centre-director', 'leader', 'province-admin', 'system-admin'] as const;
export const BREAKDOWNS = ['unit', 'procedure', 'officer', 'step'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

export type PeriodQuery = { unitId: string; from: string; to: string; set?: string };

export type Form06Row = { fieldId: string; field: string } & Form06Cols;
export type Form06Cols = Record<'c3' | 'c4' | 'c5' | 'c6' | 'c7' | 'c8' | 'c9' | 'c10' | 'c11' | 'c12' | 'c13', number>;

/** Form 06 (TT 01/2020/TT-VPCP, II.06a) columns 3–13 from a period's counters (domain-2 §4). */
export function form06Columns(t: Tally): Form06Cols {
  const c4 = t.receivedOnline;
  const c5 = t.received - t.receivedOnline;
  const c6 = t.openBefore;
  return {
    c3: c4 + c5 + c6,
    c4,
    c5,
    c6,
    c7: t.finished,
    c8: t.finishedEarly,
    c9: t.finishedOnTime - t.finishedEarly,
    c10: t.finished - t.finishedOnTime,
    c11: t.openAtEnd,
    c12: t.openAtEnd - t.lateAtEnd,
    c13: t.lateAtEnd,
  };
}

const STEP_NAMES: Record<string, { vi: string; en: string }> = {
  accept: { vi: 'Tiếp nhận', en: 'Reception' },
  assign: { vi: 'Phân công', en: 'Assignment' },
  'submit-for-approval': { vi: 'Thẩm định, trình ký', en: 'Review, submitted for signature' },
  approve: { vi: 'Phê duyệt, ký', en: 'Approval, signature' },
  'issue-result': { vi: 'Cập nhật kết quả', en: 'Result recorded' },
  'return-result': { vi: 'Trả kết quả', en: 'Result returned' },
};

export class IndicatorService {
  constructor(
    private readonly db: Db,
    private readonly forms?: FormsService,
    /** The province's working-day calendar (indicators 1.1–1.2 count working days); Mon–Fri without it. */
    private readonly calendarFor?: (provinceId: string) => Promise<Calendar>,
  ) {}

  /**
   * Group 1's counters (indicators 1.1–1.3) for the procedures these units handle (all of a province's when the
   * province is among them): the decisions dated in the period, and the versions in force at its end.
   */
  async publicity(unitIds: readonly string[], tree: readonly UnitNode[], from: string, to: string): Promise<PublicityTally> {
    const records = await publicationRecordsIn(this.db, { unitIds, from, to });
    const versionIds = await versionsInForceAt(this.db, { unitIds, day: to });
    const views = versionIds.length ? await findProcedures(this.db, { versionIds, limit: versionIds.length }) : [];
    const first = tree.find((u) => u.id === unitIds[0]);
    const provinceId = first?.parentId ?? first?.id;
    const calendar = provinceId && this.calendarFor ? await this.calendarFor(provinceId) : null;
    const isWorkingDay = (day: string) => {
      if (calendar) return calendar.isWorkingDay(day);
      const wd = new Date(`${day}T00:00:00Z`).getUTCDay();
      return wd !== 0 && wd !== 6;
    };
    return publicityTally(
      records,
      views.map((v) => ({ procedureId: v.id, missing: missingElements(v) })),
      isWorkingDay,
    );
  }

  /** The units a query covers (the province and its units for a province), after the scope check. */
  async scope(ctx: ServiceContext, unitId: string): Promise<{ unit: UnitNode; unitIds: string[]; tree: UnitNode[] }> {
    const actor = requireActor(ctx);
    const tree = await listUnitTree(this.db);
    const unit = tree.find((u) => u.id === unitId);
    if (!unit) throw new Problem('not-found', { what: 'unit' });
    if (!unitsWhere(actor, tree, OVERSIGHT_ROLES).has(unitId)) throw new Problem('forbidden');
    // A real province's figures never include its training units (src/domain/training.ts).
    const unitIds =
      unit.type === 'province'
        ? [unit.id, ...tree.filter((u) => u.parentId === unit.id && !!u.training === !!unit.training).map((u) => u.id)]
        : [unit.id];
    return { unit, unitIds, tree };
  }

  static period(from: string, to: string): void {
    const bad = checkPeriod(from, to);
    if (bad) throw new Problem(bad, { years: MAX_PERIOD_YEARS });
  }

  static set(id: string | undefined): IndicatorSet {
    const s = indicatorSet(id ?? DEFAULT_SET_ID);
    if (!s) throw new Problem('indicator-set-unknown', { set: id, known: Object.keys(INDICATOR_SETS).join(', ') });
    return s;
  }

  async indicators(ctx: ServiceContext, q: PeriodQuery) {
    IndicatorService.period(q.from, q.to);
    const set = IndicatorService.set(q.set);
    const { unitIds, tree } = await this.scope(ctx, q.unitId);
    const t = (await tallies(this.db, { unitIds, from: q.from, to: q.to })).get('') ?? emptyTally();
    const p = await this.publicity(unitIds, tree, q.from, q.to);
    return { unitId: q.unitId, from: q.from, to: q.to, ...computeIndicators(set, t, p) };
  }

  /** Indicators of each unit of a province (or of the unit), for rankings. */
  async ranking(ctx: ServiceContext, q: PeriodQuery) {
    IndicatorService.period(q.from, q.to);
    const set = IndicatorService.set(q.set);
    const { unitIds, tree } = await this.scope(ctx, q.unitId);
    const ids = unitIds.filter((id) => tree.find((u) => u.id === id)?.type !== 'province' || unitIds.length === 1);
    const byUnit = await tallies(this.db, { unitIds: ids, from: q.from, to: q.to, by: 'unit' });
    const unitNames = await names(this.db, 'unit', ids);
    const pubs = new Map<string, PublicityTally>();
    for (const id of ids) pubs.set(id, await this.publicity([id], tree, q.from, q.to));
    const items = ids.map((id) => {
      const r = computeIndicators(set, byUnit.get(id) ?? emptyTally(), pubs.get(id));
      return {
        unitId: id,
        name: unitNames.get(id) ?? id,
        total: r.total,
        available: r.available,
        groups: r.groups,
        indicators: r.indicators,
      };
    });
    items.sort((a, b) => b.total - a.total || a.name.localeCompare(b.name, 'vi'));
    return { from: q.from, to: q.to, items };
  }

  async breakdown(ctx: ServiceContext, q: PeriodQuery & { by: string; key?: string; limit?: number }) {
    IndicatorService.period(q.from, q.to);
    const set = IndicatorService.set(q.set);
    const key = q.key ?? 'on-time-rate';
    const def = set.indicators.find((i) => i.key === key);
    if (!(BREAKDOWNS as readonly string[]).includes(q.by) || !def)
      throw new Problem('breakdown-unknown', { by: q.by, key, keys: set.indicators.map((i) => i.key).join(', ') });
    const { unitIds } = await this.scope(ctx, q.unitId);
    if (q.by === 'step') return { by: q.by, key, items: await this.steps(unitIds, q.from, q.to) };
    const by = q.by as Dimension;
    const got = await tallies(this.db, { unitIds, from: q.from, to: q.to, by });
    const labels = await names(this.db, by, [...got.keys()]);
    const items = [...got.entries()].map(([id, t]) => {
      const r = computeIndicators(set, t).indicators.find((i) => i.key === key)!;
      return {
        id,
        name: labels.get(id) ?? (by === 'officer' ? '(chưa phân công)' : id),
        numerator: r.numerator,
        denominator: r.denominator,
        value: r.value,
      };
    });
    items.sort((a, b) => (a.value ?? 2) - (b.value ?? 2) || b.denominator - a.denominator || a.name.localeCompare(b.name, 'vi'));
    return { by: q.by, key, items: items.slice(0, q.limit ?? 500) };
  }

  /** Hand-offs of dossiers ended in the period, per processing step: how many came by the dossier's due time. */
  private async steps(unitIds: string[], from: string, to: string) {
    const r = { rows: await stepHandOffs(this.db, unitIds, from, to, Object.keys(STEP_NAMES)) };
    const order = Object.keys(STEP_NAMES);
    return r.rows
      .sort((a, b) => order.indexOf(a.action) - order.indexOf(b.action))
      .map((x) => {
        const denominator = Number(x.done);
        const numerator = Number(x.on_time);
        return {
          id: x.action,
          name: STEP_NAMES[x.action]!.vi,
          numerator,
          denominator,
          value: denominator ? numerator / denominator : null,
        };
      });
  }

  async compliance(ctx: ServiceContext, q: PeriodQuery & { examples?: number }) {
    IndicatorService.period(q.from, q.to);
    const { unitIds } = await this.scope(ctx, q.unitId);
    const t = (await tallies(this.db, { unitIds, from: q.from, to: q.to })).get('') ?? emptyTally();
    const ex = await signalExamples(this.db, { unitIds, from: q.from, to: q.to, perKind: q.examples ?? 5 });
    const vague = await vagueAnswerExamples(this.db, { unitIds, from: q.from, to: q.to, limit: q.examples ?? 5 });
    const detail = (kind: Signal, e: (typeof ex)[number]) => {
      const who = e.officerName ? ` — ${e.officerName}` : '';
      switch (kind) {
        case 'late-step': {
          // The step past its own budget and the officer who did it (not the dossier's assignee).
          const st = e.event;
          if (!st) return `Bước xử lý quá hạn${who}`;
          const due = st.stepDueAt ? ` (hạn bước ${vnDate(new Date(st.stepDueAt))})` : '';
          return `Bước "${st.step ?? st.action}" quá hạn${due}, hoàn thành ${vnDate(st.at)} — ${st.actorName}`;
        }
        case 'late-result-update':
          return `Đã ký duyệt trong hạn nhưng cập nhật kết quả sau hạn${who}`;
        case 'registry-data-demanded':
          return 'Yêu cầu giấy tờ đã có trong CSDL quốc gia về dân cư';
        case 'notice-after-deadline':
          return 'Thư xin lỗi, hẹn lại gửi sau hạn hoặc sát hạn';
        case 'unsigned-notice': {
          const n = e.event;
          if (!n) return `Kết quả cập nhật không có bước ký duyệt${who}`;
          return `${NOTICE_NAMES[n.action] ?? n.action} ngày ${vnDate(n.at)} không có người ký, đóng dấu — ${n.actorName}`;
        }
        case 'withdrawal-without-request':
          return 'Dừng xử lý khi không có yêu cầu rút hồ sơ';
        case 'not-digitised':
          return 'Thành phần hồ sơ hoặc kết quả không có bản điện tử';
        case 'vague-answer':
          return 'Trả lời phản ánh, kiến nghị không cụ thể';
      }
    };
    const items = SIGNAL_KINDS.map((kind) => ({
      kind,
      count: t.signals[kind],
      available: true,
      examples:
        kind === 'vague-answer'
          ? vague.map((v) => ({
              dossierId: v.dossier_id,
              feedbackId: v.id,
              code: v.code,
              detail:
                [
                  v.check_failures ? `${v.check_failures} lần không đạt kiểm tra câu trả lời` : '',
                  v.answer_returns ? `${v.answer_returns} lần lãnh đạo trả lại` : '',
                  v.reopen_count ? `xử lý lại ${v.reopen_count} lần` : '',
                ]
                  .filter(Boolean)
                  .join('; ') || 'Trả lời phản ánh, kiến nghị không cụ thể',
            }))
          : ex
              .filter((e) => e.kind === kind)
              .map((e) => ({
                dossierId: e.dossierId as string | null,
                code: e.code,
                detail: detail(kind, e),
                ...(e.event?.actorName ? { officer: e.event.actorName } : {}),
              })),
    }));
    items.sort((a, b) => b.count - a.count);
    return { unitId: q.unitId, from: q.from, to: q.to, items };
  }

  async form06(ctx: ServiceContext, q: PeriodQuery) {
    IndicatorService.period(q.from, q.to);
    const { unitIds } = await this.scope(ctx, q.unitId);
    const byProc = await tallies(this.db, { unitIds, from: q.from, to: q.to, by: 'procedure' });
    const fields = await procedureFields(this.db, [...byProc.keys()]);
    const perField = new Map<string, Tally>();
    for (const [pid, t] of byProc) {
      const f = fields.get(pid) ?? '—';
      perField.set(f, addTallies(perField.get(f) ?? emptyTally(), t));
    }
    const rows: Form06Row[] = [...perField.entries()]
      .sort(([a], [b]) => a.localeCompare(b, 'vi'))
      .map(([field, t]) => ({ fieldId: field, field, ...form06Columns(t) }));
    const all = [...perField.values()].reduce(addTallies, emptyTally());
    const total = form06Columns(all);
    // Reconciliation with the national portal (indicator 1.4): received here vs accepted by the portal.
    const unsynced = { rows: await unsyncedDossiers(this.db, unitIds, q.from, q.to, 200) };
    return {
      unitId: q.unitId,
      from: q.from,
      to: q.to,
      rows,
      total,
      reconciliation: {
        received: all.received,
        syncedToPortal: all.synced,
        difference: all.received - all.synced,
        unsynced: unsynced.rows.map((r) => ({ dossierId: r.id, code: r.code, receivedAt: r.received_at })),
      },
    };
  }

  async form06Xlsx(ctx: ServiceContext, q: PeriodQuery): Promise<Buffer> {
    const r = await this.form06(ctx, q);
    const unit = await unitNameAndCode(this.db, q.unitId);
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Motcua';
    const ws = wb.addWorksheet('Biểu II.06a');
    ws.addRow([`TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC TẠI ${unit.name.toUpperCase()}`]);
    ws.addRow([`Kỳ báo cáo: từ ${q.from} đến ${q.to} (Biểu số II.06a, Thông tư 01/2020/TT-VPCP). Đơn vị tính: hồ sơ.`]);
    ws.addRow([
      'STT',
      'Lĩnh vực',
      'Tổng số tiếp nhận',
      'Trực tuyến',
      'Trực tiếp, dịch vụ bưu chính',
      'Từ kỳ trước',
      'Tổng số đã giải quyết',
      'Trước hạn',
      'Đúng hạn',
      'Quá hạn',
      'Tổng số đang giải quyết',
      'Trong hạn',
      'Quá hạn',
    ]);
    ws.addRow(['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)', '(9)', '(10)', '(11)', '(12)', '(13)']);
    const cols = (c: Form06Cols) => [c.c3, c.c4, c.c5, c.c6, c.c7, c.c8, c.c9, c.c10, c.c11, c.c12, c.c13];
    r.rows.forEach((row, i) => ws.addRow([i + 1, row.field, ...cols(row)]));
    ws.addRow(['', 'Tổng cộng', ...cols(r.total)]).font = { bold: true };
    ws.addRow([]);
    ws.addRow([
      `Đối chiếu Cổng DVC quốc gia: tiếp nhận ${r.reconciliation.received}, đã đồng bộ ${r.reconciliation.syncedToPortal}, chênh lệch ${r.reconciliation.difference}.`,
    ]);
    for (const u of r.reconciliation.unsynced) ws.addRow(['', `Chưa đồng bộ: ${u.code}`]);
    ws.getRow(3).font = { bold: true };
    ws.getColumn(2).width = 40;
    for (let c = 3; c <= 13; c++) ws.getColumn(c).width = 12;
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  /** A province's compliance thresholds (its own rows over the built-in defaults), per unit and month. */
  async thresholds(ctx: ServiceContext, provinceId: string) {
    const { unit } = await this.scope(ctx, provinceId);
    if (unit.type !== 'province') throw new Problem('threshold-invalid', { kinds: SIGNAL_KINDS.join(', '), detail: 'not a province' });
    const own = await listThresholds(this.db, provinceId);
    const mine = new Set(own.map((r) => r.kind));
    return {
      provinceId,
      items: effectiveThresholds(own.map((r) => ({ kind: r.kind as Signal, maxPerMonth: r.max_per_month }))).map((x) => ({
        ...x,
        isDefault: !mine.has(x.kind),
      })),
    };
  }

  /** Sets some of a province's thresholds (province admin); the others keep their value. */
  async setThresholds(ctx: ServiceContext, provinceId: string, items: { kind: string; maxPerMonth: number }[], now = new Date()) {
    const actor = requireActor(ctx);
    const tree = await listUnitTree(this.db);
    const unit = tree.find((u) => u.id === provinceId);
    if (!unit) throw new Problem('not-found', { what: 'unit' });
    if (!unitsWhere(actor, tree, ['province-admin', 'system-admin']).has(provinceId)) throw new Problem('forbidden');
    const kinds = SIGNAL_KINDS.join(', ');
    if (unit.type !== 'province') throw new Problem('threshold-invalid', { kinds, detail: 'not a province' });
    const seen = new Set<string>();
    for (const i of items) {
      if (!(SIGNAL_KINDS as readonly string[]).includes(i.kind) || seen.has(i.kind))
        throw new Problem('threshold-invalid', { kinds, detail: i.kind });
      if (!Number.isInteger(i.maxPerMonth) || i.maxPerMonth < 0 || i.maxPerMonth > 10_000)
        throw new Problem('threshold-invalid', { kinds, detail: `${i.kind}=${i.maxPerMonth}` });
      seen.add(i.kind);
    }
    await upsertThresholds(this.db, provinceId, items, now);
    return this.thresholds(ctx, provinceId);
  }

  /** Open (unacknowledged) threshold crossings of a unit, or of every unit of a province, newest first. */
  async alerts(ctx: ServiceContext, unitId: string) {
    const { unitIds } = await this.scope(ctx, unitId);
    const rows = await openComplianceAlerts(this.db, unitIds);
    return {
      items: rows.map((r) => ({
        unitId: r.unit_id,
        unitName: r.name,
        kind: r.kind,
        month: String(r.month).slice(0, 7),
        count: r.count,
        threshold: r.threshold,
        at: r.at,
      })),
    };
  }

  /** Closes an alert: the director of the unit or the province saw it. */
  async acknowledge(ctx: ServiceContext, q: { unitId: string; kind: string; month: string }, now = new Date()) {
    const actor = requireActor(ctx);
    await this.scope(ctx, q.unitId);
    // A month that is not YYYY-MM names no alert.
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(q.month)) throw new Problem('not-found', { what: 'alert' });
    const closed = await acknowledgeComplianceAlert(this.db, { ...q, month: `${q.month}-01` }, actor.userId, now);
    if (!closed) throw new Problem('not-found', { what: 'alert' });
  }

  /** Form 06 as a PDF signed with the unit's key, the reconciliation with the national portal below the table. */
  async form06Pdf(ctx: ServiceContext, q: PeriodQuery, now = new Date()): Promise<Buffer> {
    if (!this.forms) throw new Error('IndicatorService: no forms service to sign with');
    const r = await this.form06(ctx, q);
    const cols = (c: Form06Cols): Form06Numbers => [c.c3, c.c4, c.c5, c.c6, c.c7, c.c8, c.c9, c.c10, c.c11, c.c12, c.c13];
    return this.forms.form06(q.unitId, {
      from: q.from,
      to: q.to,
      issuedAt: now,
      rows: r.rows.map((row) => ({ field: row.field, cols: cols(row) })),
      total: cols(r.total),
      reconciliation: {
        received: r.reconciliation.received,
        synced: r.reconciliation.syncedToPortal,
        unsynced: r.reconciliation.unsynced.map((u) => u.code),
      },
    });
  }

  /** The transparency page: per unit, this month and last month; counts and rates only, no personal data. */
  async publicFigures(unitId: string | undefined, now = new Date()) {
    const tree = await listUnitTree(this.db);
    // Training units are not public: the transparency page neither lists nor counts them.
    if (unitId && !tree.some((u) => u.id === unitId && !u.training)) throw new Problem('not-found', { what: 'unit' });
    const ids = unitId ? [unitId] : tree.filter((u) => u.type !== 'province' && !u.training).map((u) => u.id);
    const today = vnDate(now);
    const current = { from: monthOf(today).from, to: today };
    const last = previousMonth(today);
    const set = IndicatorService.set(undefined);
    const labels = await names(this.db, 'unit', ids);
    const figures = async (p: { from: string; to: string }) => {
      const m = await tallies(this.db, { unitIds: ids, from: p.from, to: p.to, by: 'unit' });
      return (id: string) => {
        const t = m.get(id) ?? emptyTally();
        const r = computeIndicators(set, t);
        const v = (k: string) => r.indicators.find((i) => i.key === k)!.value;
        return {
          received: t.received,
          finished: t.finished,
          onTimeRate: v('on-time-rate'),
          onlineRate: t.received ? round2(t.receivedOnline / t.received) : null,
          satisfactionRate: v('service-satisfaction-rate'),
          averageDays: v('average-processing-days'),
          score: r.total,
          measured: counterValue(t, 'measured'),
        };
      };
    };
    const [cur, prev] = await Promise.all([figures(current), figures(last)]);
    return {
      current,
      last,
      items: ids.map((id) => ({ unitId: id, name: labels.get(id) ?? '', current: cur(id), last: prev(id) })),
    };
  }
}
