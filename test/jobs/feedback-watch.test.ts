// The deadline watch on feedback: the officer is warned before a step's deadline, the director told once it
// has passed; each once per feedback, step and kind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDeadlineWatch } from '../../src/jobs/deadline-watch';
import { createTestApi, type TestApi } from '../support/api';

let t: TestApi;
beforeAll(async () => {
  t = await createTestApi();
});
afterAll(() => t.close());

describe('feedback deadline watch', () => {
  it('warns the feedback officer before, escalates to the director after, once each', async () => {
    const r = await t.req(null, {
      method: 'POST',
      url: '/api/public/feedback',
      payload: {
        unitId: t.units.dongtien,
        kind: 'service',
        subject: 'Chờ lâu tại quầy',
        content: 'Tôi phải chờ hơn hai giờ tại quầy tiếp nhận mà không có số thứ tự.',
        contact: { fullName: 'Vũ Thị Sen', phone: '0977111222' },
      },
    });
    const f = r.json();
    const refuse = await t.database.db
      .selectFrom('deadline')
      .selectAll()
      .where('subject_id', '=', f.id)
      .where('subject_type', '=', 'feedback-refuse')
      .executeTakeFirstOrThrow();
    const alerts = () => t.database.db.selectFrom('feedback_alert').selectAll().where('feedback_id', '=', f.id).orderBy('id').execute();
    await runDeadlineWatch(t.app, new Date(refuse.due_at!.getTime() - 60_000));
    const soon = await alerts();
    expect(soon.map((a) => [a.deadline_kind, a.kind])).toEqual([['feedback-refuse', 'due-soon']]);
    expect(JSON.stringify(soon[0]!.recipients)).toContain('feedback-officer');
    expect(JSON.stringify(soon[0]!.recipients)).not.toContain('centre-director');
    const after = new Date(refuse.due_at!.getTime() + 60_000);
    await runDeadlineWatch(t.app, after);
    await runDeadlineWatch(t.app, after);
    const all = await alerts();
    const overdue = all.filter((a) => a.deadline_kind === 'feedback-refuse' && a.kind === 'overdue');
    expect(overdue).toHaveLength(1);
    expect(JSON.stringify(overdue[0]!.recipients)).toContain('centre-director');
    const sms = await t.database.db
      .selectFrom('outbox')
      .select('payload')
      .where('idempotency_key', 'like', `feedback-alert:${f.id}:feedback-refuse:overdue:%`)
      .execute();
    expect(sms.length).toBeGreaterThanOrEqual(2);
    expect((sms[0]!.payload as { text: string }).text).toContain(f.code);
  });
});
