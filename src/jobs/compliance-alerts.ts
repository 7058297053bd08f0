// Compliance thresholds: every 10 minutes (pg-boss cron) each unit's signals of the current calendar month
// (+07:00) are compared with its province's thresholds (compliance_threshold over the built-in defaults).
// A crossing is recorded once per unit, kind and month (compliance_alert's primary key; a rerun or a
// second worker finds the row and sends nothing), with SMS and e-mail to the unit's centre director and
// the province admins through the outbox, in the same transaction.
import type { App } from '../app';
import { EMAIL_TOPIC } from '../adapters/email.adapter';
import { SMS_TOPIC } from '../adapters/sms.adapter';
import { crossings, effectiveThresholds, monthOf, vnDate, type Signal } from '../domain/indicators';
import { staffWithRoles } from '../db/repositories/alert.repository';
import { insertCrossingOnce, listThresholds, recordedCrossings } from '../db/repositories/compliance.repository';
import { realUnits } from '../db/repositories/unit.repository';
import { enqueueOutbox } from '../db/repositories/dossier.repository';
import { emitWebhookEvent } from '../db/repositories/webhook.repository';
import { EVENT_SCOPES } from '../domain/webhooks';
import { monthlySignals } from '../db/repositories/indicator.repository';

export const SIGNAL_NAMES: Record<Signal, string> = {
  'late-result-update': 'cập nhật kết quả muộn',
  'late-step': 'xử lý quá hạn',
  'registry-data-demanded': 'yêu cầu giấy tờ đã có trong CSDL',
  'notice-after-deadline': 'thông báo sau hạn',
  'unsigned-notice': 'kết quả không ký duyệt',
  'withdrawal-without-request': 'dừng xử lý không có yêu cầu rút',
  'not-digitised': 'không số hóa',
  'vague-answer': 'trả lời phản ánh không cụ thể',
};

export async function runComplianceAlerts(app: App, now = new Date()): Promise<{ raised: number }> {
  const month = monthOf(vnDate(now)).from;
  // Training units raise no compliance alerts (src/domain/training.ts).
  const units = await realUnits(app.db);
  const rows = await listThresholds(app.db);
  let raised = 0;
  for (const province of units.filter((u) => u.type === 'province')) {
    const members = units.filter((u) => u.parent_id === province.id);
    if (!members.length) continue;
    const thresholds = effectiveThresholds(
      rows.filter((r) => r.province_id === province.id).map((r) => ({ kind: r.kind as Signal, maxPerMonth: r.max_per_month })),
    );
    const over = crossings(
      await monthlySignals(
        app.db,
        members.map((u) => u.id),
        month,
      ),
      thresholds,
    );
    if (!over.length) continue;
    const have = await recordedCrossings(
      app.db,
      members.map((u) => u.id),
      month,
    );
    const admins = await staffWithRoles(app.db, [province.id], ['province-admin']);
    for (const c of over) {
      if (have.has(`${c.unitId}|${c.kind}`)) continue;
      const unit = members.find((u) => u.id === c.unitId)!;
      const directors = await staffWithRoles(app.db, [unit.id], ['centre-director']);
      const people = [...directors, ...admins.filter((a) => !directors.some((d) => d.userId === a.userId))];
      const text = `[Motcua] ${unit.name}: ${c.count} trường hợp ${SIGNAL_NAMES[c.kind]} trong tháng ${month.slice(5, 7)}/${month.slice(0, 4)} (ngưỡng ${c.threshold}).`;
      const inserted = await app.db.transaction().execute(async (trx) => {
        const recorded = await insertCrossingOnce(trx, {
          unitId: unit.id,
          kind: c.kind,
          month,
          count: c.count,
          threshold: c.threshold,
          at: now,
          recipients: people.map((p) => ({ userId: p.userId, name: p.name, role: p.role })),
        });
        if (!recorded) return false;
        // API clients' webhooks of the unit (indicators:read).
        await emitWebhookEvent(trx, {
          type: 'indicator.threshold-crossed',
          scope: EVENT_SCOPES['indicator.threshold-crossed'],
          unitId: unit.id,
          eventKey: `compliance-alert:${unit.id}:${c.kind}:${month}`,
          at: now,
          data: { unitId: unit.id, kind: c.kind, month, count: c.count, threshold: c.threshold },
        });
        for (const p of people) {
          const key = `${unit.id}:${c.kind}:${month}:${p.userId}`;
          if (p.phone.trim()) await enqueueOutbox(trx, SMS_TOPIC, `compliance-alert:${key}`, { to: p.phone.trim(), text, unitId: unit.id });
          if (p.email.trim())
            await enqueueOutbox(trx, EMAIL_TOPIC, `compliance-alert-email:${key}`, {
              to: p.email.trim(),
              subject: `[Motcua] Cảnh báo tuân thủ: ${unit.name} — ${SIGNAL_NAMES[c.kind]}`,
              text,
              unitId: unit.id,
            });
        }
        return true;
      });
      if (inserted) raised++;
    }
  }
  return { raised };
}

export const complianceAlertJob = {
  name: 'compliance-alerts',
  cron: '*/10 * * * *',
  /** A failed run is retried; the next run catches up anyway (crossings are recorded once). */
  retry: { retryLimit: 2, retryDelay: 30, retryBackoff: true },
  expireInSeconds: 600,
  run: async (app: App) => {
    await runComplianceAlerts(app);
  },
} as const;
