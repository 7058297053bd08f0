// The citizen-rating report of TT 01/2018/TT-VPCP: officer and unit scores per quarter (or year), for a unit
// or every unit of the province, as JSON and XLSX. Rules in src/domain/indicators/citizen-rating.ts; the
// rows it reads in src/db/repositories/citizen-rating.repository.ts; who may see it as for the indicators.
import ExcelJS from 'exceljs';
import type { Db } from '../db/database';
import { ratingMarks, reportNames, unitRecords } from '../db/repositories/citizen-rating.repository';
import { unitNameAndCode } from '../db/repositories/unit.repository';
import {
  citizenRatingReport,
  OFFICER_BAND_NAMES,
  OFFICER_KEYS,
  OFFICER_MAX,
  ratingPeriod,
  UNIT_BAND_NAMES,
  UNIT_KEYS,
  UNIT_MAX,
  type Levels,
} from '../domain/indicators/citizen-rating';
import { Problem } from '../domain/problems';
import { INDICATORS, type IndicatorKey } from '../domain/queue/rating';
import type { ServiceContext } from './context';
import type { IndicatorService } from './indicator.service';

export type RatingReportQuery = { unitId: string; year: number; quarter?: 1 | 2 | 3 | 4 };

export class CitizenRatingService {
  constructor(
    private readonly db: Db,
    private readonly indicators: Pick<IndicatorService, 'scope'>,
  ) {}

  async report(ctx: ServiceContext, q: RatingReportQuery, now = new Date()) {
    const { unitIds } = await this.indicators.scope(ctx, q.unitId);
    const p = ratingPeriod(q.year, q.quarter);
    if (p.from > now) throw new Problem('period-invalid');
    const [marks, records] = await Promise.all([
      ratingMarks(this.db, { unitIds, from: p.from, to: p.to }),
      unitRecords(this.db, { unitIds, ...p }),
    ]);
    const r = citizenRatingReport(marks, records);
    const names = await reportNames(
      this.db,
      unitIds,
      r.officers.map((o) => o.officerId),
    );
    const units = r.units
      .map((u) => ({
        unitId: u.unitId,
        name: names.units.get(u.unitId) ?? u.unitId,
        ratings: u.ratings,
        levels: u.levels,
        likes: u.likes,
        dislikes: u.dislikes,
        feedbackSatisfied: u.records.feedbackSatisfied,
        feedbackUnsatisfied: u.records.feedbackUnsatisfied,
        scores: u.scores,
        total: u.total,
        band: u.band,
      }))
      .sort((a, b) => (b.total ?? -1) - (a.total ?? -1) || a.name.localeCompare(b.name, 'vi'));
    const officers = r.officers
      .map((o) => ({
        officerId: o.officerId,
        name: names.officers.get(o.officerId) ?? o.officerId,
        unitId: o.unitId,
        unitName: names.units.get(o.unitId) ?? o.unitId,
        ratings: o.ratings,
        levels: o.levels,
        likes: o.likes,
        dislikes: o.dislikes,
        scores: o.scores,
        total: o.total,
        band: o.band,
      }))
      .sort(
        (a, b) => a.unitName.localeCompare(b.unitName, 'vi') || (b.total ?? -1) - (a.total ?? -1) || a.name.localeCompare(b.name, 'vi'),
      );
    return {
      unitId: q.unitId,
      year: q.year,
      quarter: q.quarter ?? null,
      from: p.fromDay,
      to: p.toDay,
      indicators: INDICATORS.map((i) => ({ n: i.n, key: i.key, name: i.vi, officer: OFFICER_KEYS.includes(i.key) })),
      maxima: { officer: OFFICER_MAX, unit: UNIT_MAX },
      units,
      officers,
    };
  }

  async xlsx(ctx: ServiceContext, q: RatingReportQuery): Promise<Buffer> {
    const r = await this.report(ctx, q);
    const unit = await unitNameAndCode(this.db, q.unitId);
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Motcua';
    const period = r.quarter ? `Quý ${r.quarter} năm ${r.year}` : `Năm ${r.year}`;
    const key = (k: IndicatorKey) => INDICATORS.find((i) => i.key === k)!;
    const levelCols = (l: Levels) => [l['2'], l['1'], l['0']];
    const sc = (s: Partial<Record<IndicatorKey, number>>, keys: readonly IndicatorKey[]) => keys.map((k) => s[k] ?? null);

    const wu = wb.addWorksheet('Đơn vị');
    wu.addRow([`KẾT QUẢ ĐÁNH GIÁ VIỆC GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH — ${unit.name.toUpperCase()}`]);
    wu.addRow([`${period} (từ ${r.from} đến ${r.to}). Thông tư 01/2018/TT-VPCP, Điều 13–15. Chỉ số không có dữ liệu để trống.`]);
    wu.addRow([
      'STT',
      'Đơn vị',
      'Lượt đánh giá',
      'Số điểm 2',
      'Số điểm 1',
      'Số điểm 0',
      'Hài lòng (Cổng)',
      'Không hài lòng (Cổng)',
      'PAKN hài lòng',
      'PAKN không hài lòng',
      ...UNIT_KEYS.map((k) => `Chỉ số ${key(k).n}`),
      `Tổng điểm (tối đa ${UNIT_MAX})`,
      'Xếp loại',
    ]);
    r.units.forEach((u, i) =>
      wu.addRow([
        i + 1,
        u.name,
        u.ratings,
        ...levelCols(u.levels),
        u.likes,
        u.dislikes,
        u.feedbackSatisfied,
        u.feedbackUnsatisfied,
        ...sc(u.scores, UNIT_KEYS),
        u.total ?? null,
        u.band ? UNIT_BAND_NAMES[u.band].vi : 'Chưa có dữ liệu',
      ]),
    );
    wu.addRow([]);
    for (const i of INDICATORS) wu.addRow(['', `Chỉ số ${i.n}: ${i.vi}`]);

    const wo = wb.addWorksheet('Cán bộ, công chức');
    wo.addRow([`KẾT QUẢ ĐÁNH GIÁ CÁN BỘ, CÔNG CHỨC — ${unit.name.toUpperCase()}`]);
    wo.addRow([`${period} (từ ${r.from} đến ${r.to}). Chỉ số 1, 2, 3, 4 và 7 (Điều 14).`]);
    wo.addRow([
      'STT',
      'Cán bộ, công chức',
      'Đơn vị',
      'Lượt đánh giá',
      'Số điểm 2',
      'Số điểm 1',
      'Số điểm 0',
      'Hài lòng (Cổng)',
      'Không hài lòng (Cổng)',
      ...OFFICER_KEYS.map((k) => `Chỉ số ${key(k).n}`),
      `Tổng điểm (tối đa ${OFFICER_MAX})`,
      'Mức hoàn thành nhiệm vụ',
    ]);
    r.officers.forEach((o, i) =>
      wo.addRow([
        i + 1,
        o.name,
        o.unitName,
        o.ratings,
        ...levelCols(o.levels),
        o.likes,
        o.dislikes,
        ...sc(o.scores, OFFICER_KEYS),
        o.total ?? null,
        o.band ? OFFICER_BAND_NAMES[o.band].vi : 'Chưa có dữ liệu',
      ]),
    );
    for (const ws of [wu, wo]) {
      ws.getRow(1).font = { bold: true };
      ws.getRow(3).font = { bold: true };
      ws.getColumn(2).width = 40;
    }
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
}
