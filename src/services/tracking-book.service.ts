// The tracking book (sổ theo dõi hồ sơ, form 07) of a unit and year: every dossier the unit received or
// handles, numbered continuously by reception time. Numbers are derived from the order of reception,
// which never changes because dossiers are never deleted.
import ExcelJS from 'exceljs';
import { policies } from '../domain/access';
import { STATUS_LABELS, type Status } from '../domain/dossier/lifecycle';
import { Problem } from '../domain/problems';
import type { Db } from '../db/database';
import { trackingBookRows } from '../db/repositories/dossier-queries.repository';
import { listUnitTree, unitNameAndCode } from '../db/repositories/unit.repository';
import type { TrackingRow } from '../forms/index';
import { requireActor, type ServiceContext } from './context';

/** A row of the book: the form renderer's type, so the PDF and the XLSX show the same thing. */
export type BookRow = TrackingRow;

const vnTime = (d: Date | null) => (d ? new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : '');

export class TrackingBookService {
  constructor(private readonly db: Db) {}

  async rows(ctx: ServiceContext, unitId: string, year: number): Promise<{ unit: { name: string; code: string }; rows: BookRow[] }> {
    const actor = requireActor(ctx);
    const tree = await listUnitTree(this.db);
    if (!tree.some((u) => u.id === unitId)) throw new Problem('not-found', { what: 'unit' });
    if (!policies.readUnit(actor, tree, unitId)) throw new Problem('forbidden');
    const unit = await unitNameAndCode(this.db, unitId);
    // Year boundaries in Vietnam time.
    const from = new Date(Date.UTC(year, 0, 1) - 7 * 3_600_000);
    const to = new Date(Date.UTC(year + 1, 0, 1) - 7 * 3_600_000);
    const rows = await trackingBookRows(this.db, unitId, from, to);
    return {
      unit,
      rows: rows.map((r) => ({
        no: r.no,
        code: r.code,
        applicant: r.applicant_name,
        procedure: r.name,
        receivedAt: r.received_at,
        dueAt: r.due_at,
        finishedAt: r.finished_at,
        returnedAt: r.returned_at,
        status: STATUS_LABELS[r.status as Status]?.vi ?? r.status,
        note: [
          r.supplement_count ? 'Đã yêu cầu bổ sung' : '',
          r.extension_count ? 'Đã xin lỗi, hẹn lại' : '',
          r.received_unit_id !== unitId ? 'Tiếp nhận không phụ thuộc địa giới' : '',
        ]
          .filter(Boolean)
          .join('; '),
      })),
    };
  }

  async xlsx(ctx: ServiceContext, unitId: string, year: number): Promise<Buffer> {
    const { unit, rows } = await this.rows(ctx, unitId, year);
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Motcua';
    const ws = wb.addWorksheet(`So theo doi ${year}`, { pageSetup: { orientation: 'landscape', paperSize: 9 } });
    ws.addRow([`SỔ THEO DÕI HỒ SƠ NĂM ${year} — ${unit.name}`]);
    ws.mergeCells(1, 1, 1, 10);
    ws.getRow(1).font = { bold: true, size: 14 };
    const header = [
      'STT',
      'Mã hồ sơ',
      'Người nộp',
      'Thủ tục',
      'Ngày nhận',
      'Hẹn trả',
      'Hoàn thành',
      'Trả kết quả',
      'Trạng thái',
      'Ghi chú',
    ];
    ws.addRow(header).font = { bold: true };
    for (const r of rows)
      ws.addRow([
        r.no,
        r.code,
        r.applicant,
        r.procedure,
        vnTime(r.receivedAt),
        vnTime(r.dueAt),
        vnTime(r.finishedAt),
        vnTime(r.returnedAt),
        r.status,
        r.note ?? '',
      ]);
    [6, 28, 26, 50, 17, 17, 17, 17, 22, 30].forEach((w, i) => (ws.getColumn(i + 1).width = w));
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
}
