// Counter robustness on the real database: a draft ends with its dossier (and a late autosave does not bring it
// back), abandoned drafts are purged by age, and an intake retried after its first attempt died with the
// process is settled at once — while one whose first attempt is still running answers 409.
import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProcessLiveness } from '../../src/db/liveness';
import { canonicalJson } from '../../src/db/repositories/audit.repository';
import { draftPurgeJob } from '../../src/jobs/draft-purge';
import { SCHEDULED_JOBS } from '../../src/jobs/worker';
import { DraftService } from '../../src/services/draft.service';
import { citizen } from '../../src/simulators/citizens';
import { createTestApi, type Session, type TestApi } from '../support/api';

let t: TestApi;
let officer: Session;
type Proc = { id: string; components: { id: string; mandatory: boolean; fromRegistry: boolean }[] };
let marital: Proc;
let pointId: string;

beforeAll(async () => {
  t = await createTestApi();
  officer = await t.login('hacthanh.reception-officer');
  marital = ((await t.req(null, { method: 'GET', url: '/api/procedures?q=1.004873' })).json().items as Proc[])[0]!;
  const units = (await t.req(null, { method: 'GET', url: '/api/units' })).json().items as {
    slug: string;
    receptionPoints: { id: string }[];
  }[];
  pointId = units.find((u) => u.slug === 'hacthanh')!.receptionPoints[0]!.id;
});
afterAll(() => t.close());

const intakeBody = (n: number, over: Record<string, unknown> = {}) => ({
  procedureId: marital.id,
  competentUnitId: t.units.hacthanh,
  receptionPointId: pointId,
  channel: 'in-person',
  applicant: { idNumber: citizen(n).idNumber, fullName: 'x' },
  components: marital.components.filter((c) => c.mandatory && !c.fromRegistry).map((c) => ({ componentId: c.id, presented: true })),
  ...over,
});
const saveDraft = (id: string, revision: number, data: Record<string, unknown>) =>
  t.req(officer, { method: 'PUT', url: `/api/intake-drafts/${id}`, payload: { unitId: t.units.hacthanh, revision, data } });
const draftRow = (id: string) => t.database.db.selectFrom('intake_draft').selectAll().where('id', '=', id).executeTakeFirst();

describe('intake drafts end with their dossier', () => {
  it('deletes the draft in the creating transaction; a late autosave of it is ignored, not stored again', async () => {
    const draftId = randomUUID();
    expect((await saveDraft(draftId, 1, { name: 'Ng' })).statusCode).toBe(200);
    const created = await t.req(officer, { method: 'POST', url: '/api/dossiers', payload: intakeBody(11, { draftId }) });
    expect(created.statusCode).toBe(201);
    expect(await draftRow(draftId)).toBeUndefined();
    const dossier = await t.database.db
      .selectFrom('dossier')
      .select('intake_draft_id')
      .where('id', '=', created.json().id)
      .executeTakeFirstOrThrow();
    expect(dossier.intake_draft_id).toBe(draftId);

    // The browser's last autosave arrives after the submit: answered with the dossier, nothing written.
    const late = await saveDraft(draftId, 7, { name: 'Nguyễn' });
    expect(late.statusCode).toBe(200);
    expect(late.json().dossierId).toBe(created.json().id);
    expect(await draftRow(draftId)).toBeUndefined();
    const list = (await t.req(officer, { method: 'GET', url: '/api/intake-drafts' })).json().items as { id: string }[];
    expect(list.map((d) => d.id)).not.toContain(draftId);
  });

  it('ten intakes leave no drafts behind', async () => {
    const before = await t.database.db
      .selectFrom('intake_draft')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    for (let i = 0; i < 10; i++) {
      const draftId = randomUUID();
      await saveDraft(draftId, 1, { step: 1 });
      await saveDraft(draftId, 2, { step: 2 });
      expect((await t.req(officer, { method: 'POST', url: '/api/dossiers', payload: intakeBody(20 + i, { draftId }) })).statusCode).toBe(
        201,
      );
    }
    const after = await t.database.db
      .selectFrom('intake_draft')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it("DENY: naming another officer's draft does not delete it", async () => {
    const other = await t.login('hacthanh.centre-director');
    const theirs = randomUUID();
    await t.database.db
      .insertInto('intake_draft')
      .values({ id: theirs, user_id: other.userId, unit_id: t.units.hacthanh, data: JSON.stringify({ x: 1 }), revision: 1 })
      .execute();
    expect((await t.req(officer, { method: 'POST', url: '/api/dossiers', payload: intakeBody(40, { draftId: theirs }) })).statusCode).toBe(
      201,
    );
    expect(await draftRow(theirs)).toBeDefined();
  });

  it('purges drafts not saved for the configured age, keeps newer ones; the job is scheduled', async () => {
    const old = randomUUID();
    const fresh = randomUUID();
    await saveDraft(old, 1, { a: 1 });
    await saveDraft(fresh, 1, { a: 2 });
    const now = new Date();
    await t.database.db
      .updateTable('intake_draft')
      .set({ updated_at: new Date(now.getTime() - 31 * 86_400_000) })
      .where('id', '=', old)
      .execute();
    expect(await DraftService.purgeStale(t.database.db, 30, now)).toBe(1);
    expect(await draftRow(old)).toBeUndefined();
    expect(await draftRow(fresh)).toBeDefined();
    // The job reads the age from the configuration (MOTCUA_DRAFT_MAX_AGE_DAYS, default 30).
    expect(t.app.config.draftMaxAgeDays).toBe(30);
    await draftPurgeJob.run({ ...t.app, config: { ...t.app.config, draftMaxAgeDays: 1 } });
    expect(await draftRow(fresh)).toBeDefined();
    expect(SCHEDULED_JOBS.map((j) => j.name)).toContain('draft-purge');
  });
});

describe('a retried intake after a crash', () => {
  /** A placeholder as the idempotency hook writes it, held by the given session (a process's liveness session). */
  async function placeholder(key: string, body: Record<string, unknown>, holder: string | null, createdAt = new Date()) {
    const path = '/api/dossiers';
    await t.database.db
      .insertInto('idempotency_key')
      .values({
        actor: `user:${officer.userId}`,
        key,
        method: 'POST',
        path,
        body_hash: createHash('sha256')
          .update(`${path}\n${canonicalJson(body)}`)
          .digest('hex'),
        status_code: 0,
        response: 'null',
        holder,
        created_at: createdAt,
      })
      .execute();
  }
  async function session(): Promise<{ client: pg.Client; holder: string }> {
    const client = new pg.Client({ connectionString: t.database.url });
    await client.connect();
    const r = await client.query<{ holder: string }>(
      `SELECT pid || ':' || (extract(epoch FROM backend_start) * 1000000)::bigint AS holder FROM pg_stat_activity WHERE pid = pg_backend_pid()`,
    );
    return { client, holder: r.rows[0]!.holder };
  }
  /** PostgreSQL removes an ended session as its backend exits (immediately, but asynchronously to end()). */
  async function ended(holder: string) {
    await expect.poll(() => ProcessLiveness.alive(t.database.db, holder), { timeout: 10_000 }).toBe(false);
  }
  const retry = (key: string, body: Record<string, unknown>) =>
    t.req(officer, { method: 'POST', url: '/api/dossiers', payload: body, headers: { 'idempotency-key': key } });

  it('is settled at once when the process holding the key is gone (its session ended)', async () => {
    const body = intakeBody(50);
    const dead = await session();
    await dead.client.end(); // the process died: PostgreSQL ends its session
    await ended(dead.holder);
    await placeholder('crash-1', body, dead.holder);
    const r = await retry('crash-1', body);
    expect(r.statusCode).toBe(201);
    // …and from then on the key replays that answer.
    const again = await retry('crash-1', body);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(r.json().id);
  });

  it('answers 409 while the holder is alive, and runs once it is gone', async () => {
    const body = intakeBody(51);
    const live = await session();
    await placeholder('crash-2', body, live.holder);
    const r = await retry('crash-2', body);
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('conflict');
    await live.client.end();
    await ended(live.holder);
    expect((await retry('crash-2', body)).statusCode).toBe(201);
  });

  it('a placeholder written without a holder still waits out the minute (older rows)', async () => {
    const body = intakeBody(52);
    await placeholder('legacy-1', body, null);
    expect((await retry('legacy-1', body)).statusCode).toBe(409);
    const bodyOld = intakeBody(53);
    await placeholder('legacy-2', bodyOld, null, new Date(Date.now() - 120_000));
    expect((await retry('legacy-2', bodyOld)).statusCode).toBe(201);
  });

  it("this process's own placeholders carry its live holder", async () => {
    const holder = await t.app.liveness.holder();
    expect(holder).toMatch(/^\d+:\d+$/);
    const r = await retry('own-1', intakeBody(54));
    expect(r.statusCode).toBe(201);
    const row = await t.database.db
      .selectFrom('idempotency_key')
      .select(['holder', 'status_code'])
      .where('key', '=', 'own-1')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ holder, status_code: 201 });
  });
});
