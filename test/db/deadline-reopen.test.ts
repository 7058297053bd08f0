// A subject's clock opened again (a feedback approved a second time opens its publish clock again) starts a
// clean run: the unit and working days of this call, no pause and no apology date from the run before.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeDeadline, openDeadline } from '../../src/db/repositories/deadline.repository';
import { freshDatabase, type TestDb } from '../support/db';

let t: TestDb;
beforeAll(async () => {
  t = await freshDatabase();
}, 120_000);
afterAll(() => t?.drop());

it('openDeadline on a clock that ran before resets its unit, working days, pauses and apology date', async () => {
  const [a, b] = (await t.db.selectFrom('unit').select('id').where('type', '!=', 'province').orderBy('code').limit(2).execute()).map(
    (u) => u.id,
  );
  const subject = { subjectType: 'feedback-publish', subjectId: '71000000-0000-4000-8000-000000000001' };
  const first = new Date('2026-11-02T02:00:00Z');
  await t.db.transaction().execute((trx) =>
    openDeadline(trx, {
      ...subject,
      unitId: a!,
      receivedAt: first,
      workingDays: 2,
      countedFrom: first,
      dueAt: new Date('2026-11-04T10:00:00Z'),
    }),
  );
  // The first run was paused once and given a new date, then closed.
  await t.db
    .updateTable('deadline')
    .set({
      pauses: JSON.stringify([{ from: '2026-11-03T02:00:00Z', to: '2026-11-03T04:00:00Z' }]),
      override_due_at: new Date('2026-11-20T10:00:00Z'),
    })
    .where('subject_id', '=', subject.subjectId)
    .execute();
  await t.db.transaction().execute((trx) => closeDeadline(trx, subject.subjectType, subject.subjectId, new Date('2026-11-04T03:00:00Z')));
  const again = new Date('2026-12-01T02:00:00Z');
  const due = new Date('2026-12-03T10:00:00Z');
  await t.db
    .transaction()
    .execute((trx) => openDeadline(trx, { ...subject, unitId: b!, receivedAt: again, workingDays: 1, countedFrom: again, dueAt: due }));
  const row = await t.db.selectFrom('deadline').selectAll().where('subject_id', '=', subject.subjectId).executeTakeFirstOrThrow();
  expect(row).toMatchObject({
    unit_id: b,
    working_days: '1.00',
    pauses: [],
    override_due_at: null,
    closed_at: null,
    due_at: due,
    received_at: again,
  });
});
