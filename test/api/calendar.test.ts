// The contract's calendar calls on the demo province (official 2025/2026 days), and recomputation.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../support/api';

let t: TestApi;
beforeAll(async () => {
  t = await createTestApi();
});
afterAll(() => t.close());

const deadline = (body: Record<string, unknown>) => t.req(null, { method: 'POST', url: '/api/calendar/deadline', payload: body });

describe('POST /api/calendar/deadline', () => {
  it('counts a morning receipt from the receipt and adds 8 working hours a day', async () => {
    const r = await deadline({ receivedAt: '2026-03-02T09:00:00+07:00', workingDays: 1 });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ countedFrom: '2026-03-02T09:00:00+07:00', dueAt: '2026-03-03T09:00:00+07:00' });
  });
  it('a receipt after the 15:00 cut-off counts from the next working session', async () => {
    const r = await deadline({ receivedAt: '2026-03-02T15:30:00+07:00', workingDays: 0.5 });
    expect(r.json()).toEqual({ countedFrom: '2026-03-03T07:30:00+07:00', dueAt: '2026-03-03T11:30:00+07:00' });
  });
  it('skips Tết 2026 (14–22 Feb) and the weekend', async () => {
    const r = await deadline({ receivedAt: '2026-02-13T10:00:00+07:00', workingDays: 1 });
    expect(r.json()).toEqual({ countedFrom: '2026-02-13T10:00:00+07:00', dueAt: '2026-02-23T10:00:00+07:00' });
  });
  it('counts the swapped working Saturday 10 Jan 2026', async () => {
    const r = await deadline({ receivedAt: '2026-01-09T16:00:00+07:00', workingDays: 1 });
    expect(r.json().countedFrom).toBe('2026-01-10T07:30:00+07:00');
  });
  it('same-day procedures (0 days) are due at the end of the day counting starts in', async () => {
    const r = await deadline({ receivedAt: '2026-03-02T16:00:00+07:00', workingDays: 0 });
    expect(r.json()).toEqual({ countedFrom: '2026-03-03T07:30:00+07:00', dueAt: '2026-03-03T17:00:00+07:00' });
  });
  it("uses the unit's own office sessions and cut-off", async () => {
    const director = await t.login('dongtien.centre-director');
    await t.req(director, {
      method: 'PATCH',
      url: `/api/units/${t.units.dongtien}`,
      payload: {
        officeSessions: [
          { start: '07:00', end: '11:00' },
          { start: '13:30', end: '17:30' },
        ],
        cutoffTime: '16:00',
      },
    });
    const r = await deadline({ receivedAt: '2026-03-02T15:30:00+07:00', workingDays: 1, unitId: t.units.dongtien });
    expect(r.json()).toEqual({ countedFrom: '2026-03-02T15:30:00+07:00', dueAt: '2026-03-03T15:30:00+07:00' });
  });
  it('refuses a time without offset and negative days with 400', async () => {
    expect((await deadline({ receivedAt: '2026-03-02 09:00', workingDays: 1 })).statusCode).toBe(400);
    expect((await deadline({ receivedAt: '2026-03-02T09:00:00+07:00', workingDays: -1 })).statusCode).toBe(400);
  });
});

describe('calendar years', () => {
  it('GET gives the official 2026 days and a generated 2027', async () => {
    const y26 = (await t.req(null, { method: 'GET', url: '/api/calendar/years/2026' })).json();
    expect(y26.generated).toBe(false);
    expect(y26.holidays).toEqual(expect.arrayContaining(['2026-02-17', '2026-04-27', '2026-09-02']));
    expect(y26.workingDays).toEqual(expect.arrayContaining(['2026-01-10', '2026-08-22']));
    const y27 = (await t.req(null, { method: 'GET', url: '/api/calendar/years/2027' })).json();
    expect(y27.generated).toBe(true);
    expect(y27.holidays).toEqual(expect.arrayContaining(['2027-02-06', '2027-04-16', '2027-05-03']));
  });

  it('DENY: a centre director cannot replace a year; anonymous neither', async () => {
    const d = await t.login('hacthanh.centre-director');
    const body = { holidays: ['2027-01-01'], workingDays: [] };
    expect((await t.req(d, { method: 'PUT', url: '/api/calendar/years/2027', payload: body })).statusCode).toBe(403);
    expect((await t.req(null, { method: 'PUT', url: '/api/calendar/years/2027', payload: body })).statusCode).toBe(401);
  });

  it('refuses dates of another year and a day both off and worked (422 naming the rule)', async () => {
    const a = await t.login('tinh.province-admin');
    const outside = await t.req(a, {
      method: 'PUT',
      url: '/api/calendar/years/2027',
      payload: { holidays: ['2028-01-01'], workingDays: [] },
    });
    expect(outside.json().code).toBe('calendar-date-outside-year');
    const both = await t.req(a, {
      method: 'PUT',
      url: '/api/calendar/years/2027',
      payload: { holidays: ['2027-01-02'], workingDays: ['2027-01-02'] },
    });
    expect(both.json().code).toBe('calendar-date-conflict');
  });

  it('replacing a year recomputes open deadlines in one transaction and records each change', async () => {
    const a = await t.login('tinh.province-admin');
    const db = t.database.db;
    const subject = '11111111-1111-4111-8111-111111111111';
    const closedSubject = '22222222-2222-4222-8222-222222222222';
    // Received Fri 2028-03-03 10:00 with 2 working days: due Tue 2028-03-07 10:00. (2028: another test reads
    // 2027 as generated, and the tests run in any order.)
    for (const [s, closed] of [
      [subject, null],
      [closedSubject, new Date()],
    ] as const)
      await db
        .insertInto('deadline')
        .values({
          unit_id: t.units.hacthanh,
          subject_type: 'test',
          subject_id: s,
          received_at: new Date('2028-03-03T03:00:00Z'),
          working_days: 2,
          counted_from: new Date('2028-03-03T03:00:00Z'),
          due_at: new Date('2028-03-07T03:00:00Z'),
          closed_at: closed,
        })
        .execute();
    const y = (await t.req(null, { method: 'GET', url: '/api/calendar/years/2028' })).json();
    // The government declares Mon 6 March 2028 a day off.
    const r = await t.req(a, {
      method: 'PUT',
      url: '/api/calendar/years/2028',
      payload: { holidays: [...y.holidays, '2028-03-06'], workingDays: y.workingDays, source: 'Quyết định giả định số 1/2028' },
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ generated: false, recomputed: 1, source: 'Quyết định giả định số 1/2028' });
    const d = await db.selectFrom('deadline').selectAll().where('subject_id', '=', subject).executeTakeFirstOrThrow();
    expect(d.due_at!.toISOString()).toBe('2028-03-08T03:00:00.000Z');
    const changes = await db.selectFrom('deadline_change').selectAll().where('deadline_id', '=', d.id).execute();
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ reason: expect.stringContaining('calendar 2028 changed'), actor_id: a.userId });
    expect(changes[0]!.old_due_at!.toISOString()).toBe('2028-03-07T03:00:00.000Z');
    const closed = await db.selectFrom('deadline').select('due_at').where('subject_id', '=', closedSubject).executeTakeFirstOrThrow();
    expect(closed.due_at!.toISOString()).toBe('2028-03-07T03:00:00.000Z');
    // The deadline answer now skips the new day off too.
    const after = await deadline({ receivedAt: '2028-03-03T10:00:00+07:00', workingDays: 2 });
    expect(after.json().dueAt).toBe('2028-03-08T10:00:00+07:00');
    const audit = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE action = 'calendar.year-replaced'`.execute(db);
    expect(audit.rows[0]!.n).toBe(1);
  });
});
