// The online application has one owner: ApplicationService is the only writer of its status, and every status
// write follows the lifecycle table (src/domain/application/lifecycle.ts).
//
// Two checks. The source: only application.repository.ts writes the `application` table, and only
// application.service.ts calls its writers. The database: a trigger (installed by this test on its own fresh
// database) records every status write while the portal is driven through the API — draft, edit, discard,
// submission with its OTP, payment confirmed (twice, as a callback racing its reconciliation) — and each
// recorded move must be one the table can produce, and `submitted` always names its dossier.
// Blind spot of the source check: a write through a dynamic table name or a SQL string built elsewhere.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationStatusMoves } from '../../src/domain/application/lifecycle';
import { sweepOutbox } from '../../src/jobs/outbox';
import { createTestApi, type Session, type TestApi } from '../support/api';
import { citizenSession, type CitizenSession } from '../support/citizen';

const SRC = path.resolve(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

describe('the source: one writer of the application table', () => {
  const files = sourceFiles(SRC).map((f) => ({ rel: path.relative(SRC, f), text: fs.readFileSync(f, 'utf8') }));

  it('only the application repository writes the application table', () => {
    const writes = /(updateTable|insertInto|deleteFrom)\(\s*['"]application['"]|\b(UPDATE|INSERT INTO|DELETE FROM)\s+application\b/;
    const writers = files.filter((f) => !f.rel.startsWith('db/migrations/') && writes.test(f.text)).map((f) => f.rel);
    expect(writers).toEqual(['db/repositories/application.repository.ts']);
  });

  it('only the application service calls the repository’s writers', () => {
    const callers = files
      .filter((f) => f.rel !== 'db/repositories/application.repository.ts' && /\b(writeApplication|insertDraft)\b/.test(f.text))
      .map((f) => f.rel);
    expect(callers).toEqual(['services/application.service.ts']);
  });
});

describe('the database: every status write is a move of the lifecycle table', () => {
  let t: TestApi;
  let admin: Session;
  let alice: CitizenSession;
  let bob: CitizenSession;
  let marital: { id: string };

  beforeAll(async () => {
    t = await createTestApi();
    admin = await t.login('admin');
    alice = await citizenSession(t, 21);
    bob = await citizenSession(t, 22);
    marital = (await t.req(null, { method: 'GET', url: '/api/procedures?q=1.004873' })).json().items[0];
    await sql`CREATE TABLE application_status_write (application_id uuid, from_status text, to_status text, dossier_id uuid)`.execute(
      t.database.db,
    );
    await sql`
      CREATE FUNCTION record_application_status() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO application_status_write
          VALUES (NEW.id, CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE OLD.status END, NEW.status, NEW.dossier_id);
        RETURN NEW;
      END $$`.execute(t.database.db);
    await sql`
      CREATE TRIGGER application_status_write AFTER INSERT OR UPDATE OF status ON application
      FOR EACH ROW EXECUTE FUNCTION record_application_status()`.execute(t.database.db);
  });
  afterAll(() => t.close());

  const as = (c: CitizenSession) => ({ cookie: c.cookie, 'x-csrf-token': c.csrf });
  const callAs = (c: CitizenSession, method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, payload?: object) =>
    t.server.inject({ method, url, headers: as(c), ...(payload ? { payload } : {}) });

  async function draft(c: CitizenSession): Promise<{ id: string; body: Record<string, unknown> }> {
    const call = callAs.bind(null, c);
    const form = (await call('GET', `/api/portal/procedures/${marital.id}/form`)).json();
    const id = randomUUID();
    const body = {
      procedureId: marital.id,
      unitId: t.units.hacthanh,
      returnPointId: form.units.find((u: { id: string }) => u.id === t.units.hacthanh).returnPoints[0].id,
      form: {
        ...form.prefill,
        nguoiDuocXacNhan: { hoTen: 'Lê Văn An', ngaySinh: '1990-01-02', soDinhDanh: '038090000001', noiCuTru: 'Thanh Hóa' },
        tinhTrangHonNhan: 'Chưa kết hôn',
        mucDichSuDung: 'Đăng ký kết hôn',
      },
      components: [],
    };
    const saved = await call('PUT', `/api/portal/applications/${id}`, body);
    expect(saved.statusCode, saved.body).toBe(200);
    return { id, body };
  }

  async function latestCode(phone: string): Promise<string> {
    await sweepOutbox(t.app, { now: new Date(Date.now() + 1000) });
    const items = (await t.req(admin, { method: 'GET', url: `/api/sim/sms/messages?to=${encodeURIComponent(phone)}` })).json().items as {
      text: string;
    }[];
    const m = items.map((i) => i.text.match(/\b([A-Z]{2})-(\d{6})\b/)).find(Boolean);
    if (!m) throw new Error(`no code in ${JSON.stringify(items)}`);
    return `${m[1]}-${m[2]}`;
  }

  it('draft, edit, discard, OTP, payment: each write follows the table', { timeout: 120_000 }, async () => {
    // Bob's draft: submitted, edited while its OTP waits (back to draft), then discarded.
    const dropped = await draft(bob);
    const sent = await callAs(bob, 'POST', `/api/portal/applications/${dropped.id}/submit`, {});
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json().application.status).toBe('awaiting-otp');
    const edited = await callAs(bob, 'PUT', `/api/portal/applications/${dropped.id}`, {
      ...dropped.body,
      revision: sent.json().application.revision,
    });
    expect(edited.json().status).toBe('draft');
    expect((await callAs(bob, 'DELETE', `/api/portal/applications/${dropped.id}`)).statusCode).toBe(204);
    expect((await callAs(bob, 'DELETE', `/api/portal/applications/${dropped.id}`)).json().code).toBe('not-found');

    // Alice's: submitted, confirmed by the OTP, paid.
    const call = callAs.bind(null, alice);
    const { id, body } = await draft(alice);
    const again = await call('POST', `/api/portal/applications/${id}/submit`, {});
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().application.status).toBe('awaiting-otp');
    const phone = (await t.database.db.selectFrom('citizen').select('phone').where('id', '=', alice.citizenId).executeTakeFirstOrThrow())
      .phone;
    const confirmed = await call('POST', `/api/portal/applications/${id}/confirm`, { code: await latestCode(phone) });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().application.status).toBe('awaiting-payment');
    // A submitted-for-payment application is no longer editable, and the refusal names the status.
    const late = await call('PUT', `/api/portal/applications/${id}`, body);
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('application-not-editable');

    // The gateway's callback and the reconciliation both confirm the payment: one dossier.
    const confirm = () =>
      t.database.db
        .transaction()
        .execute((trx) => t.app.services.applications.paymentConfirmed(trx, id, { paidOnline: true, requestId: 'test' }));
    const [a, b] = await Promise.all([confirm(), confirm()]);
    expect(b).toEqual(a);

    const writes = (
      await sql<{
        application_id: string;
        from_status: string | null;
        to_status: string;
        dossier_id: string | null;
      }>`SELECT * FROM application_status_write`.execute(t.database.db)
    ).rows;
    const allowed = new Set(applicationStatusMoves().map(([f, to]) => `${f}>${to}`));
    const moves = writes.filter((w) => w.from_status !== null && w.from_status !== w.to_status);
    for (const w of moves) expect(allowed.has(`${w.from_status}>${w.to_status}`), `${w.from_status} → ${w.to_status}`).toBe(true);
    // New rows start as drafts; submitted always names its dossier.
    expect(writes.filter((w) => w.from_status === null).every((w) => w.to_status === 'draft')).toBe(true);
    expect(writes.filter((w) => w.to_status === 'submitted').every((w) => w.dossier_id === a.id)).toBe(true);
    expect(moves.map((w) => `${w.from_status}>${w.to_status}`)).toEqual([
      'draft>awaiting-otp',
      'awaiting-otp>draft',
      'draft>cancelled',
      'draft>awaiting-otp',
      'awaiting-otp>awaiting-payment',
      'awaiting-payment>submitted',
    ]);
  });
});
