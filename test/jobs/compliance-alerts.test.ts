// Compliance thresholds: a unit crossing its province's threshold for a kind of signal in a month is recorded
// once (reruns send nothing more), its director and the province admins are told by SMS and e-mail through the
// outbox, and the alert shows as open on the director's and the province's view until acknowledged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthOf, vnDate } from '../../src/domain/indicators';
import { runComplianceAlerts } from '../../src/jobs/compliance-alerts';
import { createTestApi, type TestApi } from '../support/api';

let t: TestApi;
beforeAll(async () => {
  t = await createTestApi();
}, 120_000);
afterAll(() => t.close());

describe('compliance alerts', () => {
  it('alerts once per crossing, to the director and the province, and stays open until acknowledged', async () => {
    const [province, director, other] = await Promise.all([
      t.login('tinh.province-admin'),
      t.login('dongtien.centre-director'),
      t.login('hacthanh.centre-director'),
    ]);
    // Thresholds: a ward director may read but not set them; a province admin sets vague-answer to 1 a month.
    const put = (as: typeof province, items: unknown[]) =>
      t.req(as, { method: 'PUT', url: '/api/compliance/thresholds', payload: { provinceId: t.units.tinh, items } });
    expect((await put(director, [{ kind: 'vague-answer', maxPerMonth: 1 }])).statusCode).toBe(403);
    const bad = await put(province, [{ kind: 'no-such-signal', maxPerMonth: 1 }]);
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'threshold-invalid']);
    const set = await put(province, [{ kind: 'vague-answer', maxPerMonth: 1 }]);
    expect(set.statusCode).toBe(200);
    expect(set.json().items.find((i: { kind: string }) => i.kind === 'vague-answer')).toEqual({
      kind: 'vague-answer',
      maxPerMonth: 1,
      isDefault: false,
    });

    // Two feedback of Đông Tiến this month whose answers failed the specific-answer checks: 2 > 1.
    const now = new Date();
    const month = monthOf(vnDate(now)).from;
    const alertRows = () =>
      t.database.db
        .selectFrom('compliance_alert')
        .selectAll()
        .where('unit_id', '=', t.units.dongtien)
        .where('kind', '=', 'vague-answer')
        .execute();
    const ids: string[] = [];
    for (const subject of ['Chờ lâu tại quầy', 'Trả lời chưa rõ']) {
      const r = await t.req(null, {
        method: 'POST',
        url: '/api/public/feedback',
        payload: {
          unitId: t.units.dongtien,
          kind: 'service',
          subject,
          content: 'Tôi đã hỏi về thủ tục nhưng câu trả lời không nêu rõ căn cứ và thời hạn giải quyết.',
          contact: { fullName: 'Vũ Thị Sen', phone: '0977111222' },
        },
      });
      expect(r.statusCode).toBe(201);
      ids.push(r.json().id);
    }
    await t.database.db
      .insertInto('feedback_check_failure')
      .values({ feedback_id: ids[0]!, unit_id: t.units.dongtien, stage: 'answer', checks: ['legal-basis'] })
      .execute();
    await runComplianceAlerts(t.app, now);
    expect(await alertRows()).toEqual([]); // 1 is not more than 1
    await t.database.db
      .insertInto('feedback_check_failure')
      .values({ feedback_id: ids[1]!, unit_id: t.units.dongtien, stage: 'approve', checks: ['outcome'] })
      .execute();
    await runComplianceAlerts(t.app, now);
    await runComplianceAlerts(t.app, now);
    const rows = await alertRows();
    expect(rows.map((a) => [a.month, a.count, a.threshold, a.acknowledged_at])).toEqual([[month, 2, 1, null]]);
    const roles = (rows[0]!.recipients as { role: string }[]).map((x) => x.role);
    expect(roles).toEqual(expect.arrayContaining(['centre-director', 'province-admin']));
    const msgs = await t.database.db
      .selectFrom('outbox')
      .select(['topic', 'idempotency_key', 'payload'])
      .where('idempotency_key', 'like', `compliance-alert%:${t.units.dongtien}:vague-answer:${month}:%`)
      .execute();
    // One SMS and one e-mail per recipient with a phone and an address, not repeated by the reruns.
    expect(msgs.length).toBeGreaterThanOrEqual(2);
    expect(new Set(msgs.map((m) => m.idempotency_key)).size).toBe(msgs.length);
    expect(JSON.stringify(msgs[0]!.payload)).toContain('trả lời phản ánh không cụ thể');

    // The director's and the province's views list it; another ward's director cannot read Đông Tiến's.
    const open = async (as: typeof province, unitId: string) =>
      (await t.req(as, { method: 'GET', url: `/api/compliance/alerts?unitId=${unitId}` })).json().items as {
        unitId: string;
        kind: string;
      }[];
    expect((await open(director, t.units.dongtien)).map((a) => a.kind)).toContain('vague-answer');
    expect((await open(province, t.units.tinh)).some((a) => a.unitId === t.units.dongtien && a.kind === 'vague-answer')).toBe(true);
    expect((await t.req(other, { method: 'GET', url: `/api/compliance/alerts?unitId=${t.units.dongtien}` })).statusCode).toBe(403);

    // The compliance view counts the signal with the feedback behind it.
    const c = (
      await t.req(director, {
        method: 'GET',
        url: `/api/compliance?unitId=${t.units.dongtien}&from=${month}&to=${vnDate(now)}`,
      })
    ).json();
    const vague = c.items.find((i: { kind: string }) => i.kind === 'vague-answer');
    expect(vague.count).toBeGreaterThanOrEqual(2);
    expect(vague.examples.map((e: { feedbackId: string }) => e.feedbackId)).toEqual(expect.arrayContaining(ids));

    // Acknowledged: no longer open, and a rerun in the same month does not raise it again.
    const ack = await t.req(director, {
      method: 'POST',
      url: '/api/compliance/alerts/acknowledge',
      payload: { unitId: t.units.dongtien, kind: 'vague-answer', month: month.slice(0, 7) },
    });
    expect(ack.statusCode).toBe(204);
    expect((await open(director, t.units.dongtien)).map((a) => a.kind)).not.toContain('vague-answer');
    await runComplianceAlerts(t.app, now);
    expect(await alertRows()).toHaveLength(1);
  }, 180_000);
});
