// Training mode (issue 16): a province administrator creates a seeded training ward, gives a trainee an account
// there; the trainee's work never reaches a real system nor an indicator, training and real data never meet
// (lists and 403 `training-boundary` both ways), guided exercises are checked against the law, and one reset
// brings the seeded state back.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverers, sweepOutbox, type Deliver } from '../../src/jobs/outbox';
import { citizen } from '../../src/simulators/citizens';
import { trainingCitizen } from '../../src/simulators/training-citizens';
import { SMS_TOPIC } from '../../src/adapters/sms.adapter';
import { SEEDED_FEEDBACK_PER_WARD, SEEDED_PER_WARD } from '../../src/services/training.service';
import { createTestApi, type Session, type TestApi } from '../support/api';
import { citizenSession } from '../support/citizen';

let t: TestApi;
let admin: Session;
let trainee: Session;
let realOfficer: Session;
let wardId: string;
let seeded: Record<string, number>;
const TRAINEE_PASSWORD = 'Hoc-vien-2026';

const counts = async (unitId: string) =>
  Object.fromEntries(
    (
      await t.database.db
        .selectFrom('dossier')
        .select(['status', sql<number>`count(*)::int`.as('n')])
        .where('unit_id', '=', unitId)
        .groupBy('status')
        .execute()
    ).map((r) => [r.status, r.n]),
  );

beforeAll(async () => {
  t = await createTestApi();
  admin = await t.login('tinh.province-admin');
  realOfficer = await t.login('hacthanh.reception-officer');
  const r = await t.req(admin, {
    method: 'POST',
    url: '/api/training/units',
    payload: { provinceId: t.units.tinh, kind: 'ward', name: 'Phường Tập huấn' },
  });
  expect(r.statusCode, r.body).toBe(201);
  wardId = r.json().items[0].id;
  const made = await t.req(admin, {
    method: 'POST',
    url: `/api/training/units/${wardId}/trainees`,
    payload: {
      username: 'hv.nguyen-an',
      fullName: 'Nguyễn An (học viên)',
      password: TRAINEE_PASSWORD,
      roles: ['reception-officer', 'specialist', 'leader'],
    },
  });
  expect(made.statusCode, made.body).toBe(201);
  trainee = await t.login('hv.nguyen-an', TRAINEE_PASSWORD);
  seeded = await counts(wardId);
}, 120_000);
afterAll(() => t.close());

/** A real dossier received at Hạc Thành by its own officer. */
async function realIntake(): Promise<{ id: string; procedureId: string; point: string }> {
  const procs = (await t.req(null, { method: 'GET', url: '/api/procedures?q=1.004873' })).json().items as {
    id: string;
    components: { id: string; mandatory: boolean; fromRegistry: boolean }[];
  }[];
  const units = (await t.req(null, { method: 'GET', url: '/api/units' })).json().items as {
    id: string;
    receptionPoints: { id: string }[];
  }[];
  const point = units.find((u) => u.id === t.units.hacthanh)!.receptionPoints[0]!.id;
  const real = await t.req(realOfficer, {
    method: 'POST',
    url: '/api/dossiers',
    payload: {
      procedureId: procs[0]!.id,
      competentUnitId: t.units.hacthanh,
      receptionPointId: point,
      channel: 'in-person',
      applicant: { idNumber: citizen(7).idNumber, fullName: 'x' },
      components: procs[0]!.components.filter((c) => c.mandatory && !c.fromRegistry).map((c) => ({ componentId: c.id, presented: true })),
    },
  });
  expect(real.statusCode, real.body).toBe(201);
  return { id: real.json().id as string, procedureId: procs[0]!.id, point };
}

describe('a training ward', () => {
  it('is seeded with synthetic citizens and dossiers in every state a counter meets, and flagged everywhere', async () => {
    expect(Object.keys(seeded).sort()).toEqual(
      [
        'approved',
        'awaiting-approval',
        'awaiting-supplement',
        'in-progress',
        'received',
        'refused',
        'result-ready',
        'returned',
        'stopped',
        'withdrawal-requested',
      ].sort(),
    );
    expect(Object.values(seeded).reduce((a, b) => a + b, 0)).toBe(SEEDED_PER_WARD);
    const ids = await t.database.db.selectFrom('dossier').select('applicant_id_number').where('unit_id', '=', wardId).execute();
    expect(ids.every((d) => d.applicant_id_number.startsWith('000'))).toBe(true);
    // The trainee sees the training world only, flagged; the public, citizens and real staff never see it.
    const unit = (await t.req(trainee, { method: 'GET', url: `/api/units/${wardId}` })).json();
    expect(unit.training).toBe(true);
    const traineeList = (await t.req(trainee, { method: 'GET', url: '/api/units' })).json().items as { id: string; training: boolean }[];
    expect(traineeList.map((u) => u.id)).toContain(wardId);
    expect(traineeList.every((u) => u.training)).toBe(true);
    for (const who of [null, realOfficer, admin]) {
      // Anonymous: no such unit (404); real staff: the boundary's 403.
      expect([403, 404]).toContain((await t.req(who, { method: 'GET', url: `/api/units/${wardId}` })).statusCode);
      const list = (await t.req(who, { method: 'GET', url: '/api/units' })).json().items as { id: string; training: boolean }[];
      expect(list.some((u) => u.id === wardId || u.training)).toBe(false);
      expect(list.map((u) => u.id)).toContain(t.units.hacthanh);
    }
    expect((await t.req(null, { method: 'GET', url: `/api/units/${t.units.hacthanh}` })).json().training).toBe(false);
  });

  it('a real ID number is never looked up in the real registry from a training unit; no citizen files online to one', async () => {
    const real = citizen(7).idNumber;
    const lookup = await t.req(trainee, { method: 'GET', url: `/api/registry/citizens/${real}?unitId=${wardId}&purpose=intake` });
    expect(lookup.statusCode, lookup.body).toBe(422);
    expect(lookup.json().code).toBe('training-id-number-required');
    const fake = trainingCitizen(1).idNumber;
    const ok = await t.req(trainee, { method: 'GET', url: `/api/registry/citizens/${fake}?unitId=${wardId}&purpose=intake` });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().status).toBe('found');
    const logged = await t.database.db
      .selectFrom('personal_data_access')
      .select('id_number')
      .where('id_number', '=', real)
      .where('unit_id', '=', wardId)
      .execute();
    expect(logged).toEqual([]);
    // A citizen's application naming the training ward: the unit does not exist for them.
    const session = await citizenSession(t, 9);
    // A procedure filed online (else the answer would be procedure-not-online, whatever the unit).
    const proc = await t.database.db
      .selectFrom('unit_procedure as up')
      .innerJoin('procedure_version as v', 'v.procedure_id', 'up.procedure_id')
      .select('up.procedure_id')
      .where('up.unit_id', '=', wardId)
      .where(sql<boolean>`'online' = ANY(v.channels)`)
      .where('v.online_level', '!=', 'none')
      .orderBy('up.procedure_id')
      .executeTakeFirstOrThrow();
    const put = await t.req(
      { cookie: session.cookie, csrf: session.csrf, userId: '' },
      {
        method: 'PUT',
        url: `/api/portal/applications/${crypto.randomUUID()}`,
        payload: { procedureId: proc.procedure_id, unitId: wardId, form: {}, components: [] },
      },
    );
    expect(put.statusCode, put.body).toBe(404);
  });

  it('bad input: a trainee may hold no administrator role; reset is for training units; a ward director creates none', async () => {
    const r = await t.req(admin, {
      method: 'POST',
      url: `/api/training/units/${wardId}/trainees`,
      payload: { username: 'hv.bad', fullName: 'x', password: TRAINEE_PASSWORD, roles: ['province-admin'] },
    });
    expect(r.statusCode).toBe(422);
    expect(r.json().code).toBe('training-role-invalid');
    const real = await t.req(admin, { method: 'POST', url: `/api/training/units/${t.units.hacthanh}/reset` });
    expect(real.statusCode).toBe(422);
    expect(real.json().code).toBe('training-unit-required');
    const director = await t.login('hacthanh.centre-director');
    const no = await t.req(director, {
      method: 'POST',
      url: '/api/training/units',
      payload: { provinceId: t.units.tinh, kind: 'ward', name: 'x' },
    });
    expect(no.statusCode).toBe(403);
    // An account never holds roles in both worlds (migration 0027).
    const traineeId = await t.userId('hv.nguyen-an');
    await expect(
      t.database.db.insertInto('user_role').values({ user_id: traineeId, unit_id: t.units.hacthanh, role: 'specialist' }).execute(),
    ).rejects.toThrow(/training units or in real units/);
  });
});

describe('the boundary between training and real data', () => {
  it('lists: the trainee sees only training dossiers; real staff and the province never see them', async () => {
    const training = new Set(
      (await t.database.db.selectFrom('dossier').select('id').where('unit_id', '=', wardId).execute()).map((d) => d.id),
    );
    const mine = (await t.req(trainee, { method: 'GET', url: '/api/dossiers?limit=500' })).json().items as { id: string }[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((d) => training.has(d.id))).toBe(true);
    for (const who of [realOfficer, admin]) {
      const items = (await t.req(who, { method: 'GET', url: '/api/dossiers?limit=500' })).json().items as { id: string }[];
      expect(items.some((d) => training.has(d.id))).toBe(false);
    }
  });

  it('403 training-boundary: a trainee reaching a real unit or dossier, and a real officer reaching a training dossier', async () => {
    // A real dossier at Hạc Thành.
    const { id: realId, procedureId, point } = await realIntake();
    const trainingId = (await t.database.db.selectFrom('dossier').select('id').where('unit_id', '=', wardId).executeTakeFirstOrThrow()).id;

    for (const [who, url, lang] of [
      [trainee, `/api/dossiers/${realId}`, 'vi'],
      [trainee, `/api/dossiers?unitId=${t.units.hacthanh}`, 'en'],
      [trainee, `/api/units/${t.units.hacthanh}/assignees`, 'vi'],
      [realOfficer, `/api/dossiers/${trainingId}`, 'en'],
    ] as const) {
      const r = await t.req(who, { method: 'GET', url, headers: { 'accept-language': lang } });
      expect(r.statusCode, url).toBe(403);
      expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(r.json().code).toBe('training-boundary');
      expect(r.json().detail).toMatch(lang === 'vi' ? /ĐÀO TẠO/ : /TRAINING/);
      expect(r.json().direction).toBe(who === trainee ? 'training-to-real' : 'real-to-training');
    }
    const act = await t.req(trainee, { method: 'POST', url: `/api/dossiers/${realId}/actions/refuse`, payload: { reason: 'x' } });
    expect(act.statusCode).toBe(403);
    expect(act.json().code).toBe('training-boundary');
    const intake = await t.req(trainee, {
      method: 'POST',
      url: '/api/dossiers',
      payload: {
        procedureId,
        competentUnitId: t.units.hacthanh,
        receptionPointId: point,
        channel: 'in-person',
        applicant: { idNumber: trainingCitizen(1).idNumber, fullName: 'x' },
        components: [],
      },
    });
    expect(intake.statusCode).toBe(403);
    expect(intake.json().code).toBe('training-boundary');
  });
});

describe("a training unit's actions", () => {
  it('produce no message to a real system and change no indicator; texts reach the SMS simulator only, marked', async () => {
    // Deliver what is pending now (the seed's and the real dossier's messages), then watch only what training does.
    const real: string[] = [];
    const recording =
      (topic: string): Deliver =>
      async (_p, k) => {
        real.push(`${topic}:${k}`);
        return { ok: true, duplicate: false };
      };
    const deliver = Object.fromEntries(Object.keys(deliverers(t.app)).map((topic) => [topic, recording(topic)]));
    await sweepOutbox(t.app, { deliver });
    const seededTraining = await t.database.db.selectFrom('outbox').select('id').where('training_unit_id', '=', wardId).execute();
    expect(seededTraining.length).toBeGreaterThan(0);
    expect(real.some((k) => seededTraining.length && k.includes(wardId))).toBe(false);
    const indicators = async () => ({
      unitDay: (
        await sql<{ s: string }>`SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS s FROM indicator_unit_day t`.execute(
          t.database.db,
        )
      ).rows[0]!.s,
      rollup: (
        await sql<{ s: string }>`SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS s FROM indicator_rollup t`.execute(t.database.db)
      ).rows[0]!.s,
      facts: (await t.database.db.selectFrom('indicator_fact').select('dossier_id').where('unit_id', '=', wardId).execute()).length,
    });
    const before = await indicators();
    real.length = 0;
    const since = (await sql<{ m: string }>`SELECT COALESCE(max(id), 0) AS m FROM outbox`.execute(t.database.db)).rows[0]!.m;

    // The trainee works: intake of a training citizen, then assign, issue and return.
    const unit = (await t.req(trainee, { method: 'GET', url: `/api/units/${wardId}` })).json() as { receptionPoints: { id: string }[] };
    const procs = (await t.req(null, { method: 'GET', url: '/api/procedures?q=1.004873' })).json().items as {
      id: string;
      components: { id: string; mandatory: boolean; fromRegistry: boolean }[];
    }[];
    const c = trainingCitizen(150);
    const r = await t.req(trainee, {
      method: 'POST',
      url: '/api/dossiers',
      payload: {
        procedureId: procs[0]!.id,
        competentUnitId: wardId,
        receptionPointId: unit.receptionPoints[0]!.id,
        channel: 'in-person',
        applicant: { idNumber: c.idNumber, fullName: c.fullName, phone: '0912345678' },
        components: procs[0]!.components.filter((x) => x.mandatory && !x.fromRegistry).map((x) => ({ componentId: x.id, presented: true })),
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().code).toMatch(/^000\.DT\./);
    const id = r.json().id as string;
    expect((await t.req(trainee, { method: 'POST', url: `/api/dossiers/${id}/actions/assign`, payload: {} })).statusCode).toBe(200);
    expect(
      (
        await t.req(trainee, {
          method: 'POST',
          url: `/api/dossiers/${id}/actions/refuse`,
          payload: { reason: 'Hồ sơ không đủ điều kiện (bài tập)' },
        })
      ).statusCode,
    ).toBe(200);

    const made = await t.database.db.selectFrom('outbox').select(['topic', 'training_unit_id']).where('id', '>', since).execute();
    expect(made.length).toBeGreaterThan(0);
    expect(made.every((m) => m.training_unit_id === wardId)).toBe(true);
    expect(made.map((m) => m.topic)).toEqual(expect.arrayContaining(['national-portal.status', SMS_TOPIC]));
    await sweepOutbox(t.app, { deliver });
    expect(real).toEqual([]);
    const pending = await t.database.db
      .selectFrom('outbox')
      .select('id')
      .where('training_unit_id', '=', wardId)
      .where('delivered_at', 'is', null)
      .execute();
    expect(pending).toEqual([]);
    const sms = await t.database.db.selectFrom('sim_sms_message').select('text').where('to_number', '=', '0912345678').execute();
    expect(sms.length).toBeGreaterThan(0);
    expect(sms.every((m) => m.text.startsWith('[ĐÀO TẠO]'))).toBe(true);
    expect(await indicators()).toEqual({ ...before, facts: 0 });
    // A rebuild of the rollups leaves them out too.
    await sql`SELECT indicator_rebuild()`.execute(t.database.db);
    expect((await indicators()).facts).toBe(0);
  });
});

type Attempt = {
  id: string;
  dossierId: string | null;
  scenario: string;
  passed: boolean | null;
  findings: { rule: string; ok: boolean; law: string | null }[];
};
const start = async (exercise: string) => {
  const r = await t.req(trainee, { method: 'POST', url: '/api/training/attempts', payload: { exercise } });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as Attempt;
};
/** The trainee starts the routine intake exercise and receives its citizen's dossier at the counter. */
const routineIntake = async () => {
  const a = await start('routine-intake');
  const idNumber = /\b(000[0-9]{9})\b/.exec(a.scenario)![1]!;
  const unit = (await t.req(trainee, { method: 'GET', url: `/api/units/${wardId}` })).json() as { receptionPoints: { id: string }[] };
  const procs = (await t.req(null, { method: 'GET', url: '/api/procedures?q=1.004873' })).json().items as {
    id: string;
    components: { id: string; mandatory: boolean; fromRegistry: boolean }[];
  }[];
  const r = await t.req(trainee, {
    method: 'POST',
    url: '/api/dossiers',
    payload: {
      procedureId: procs[0]!.id,
      competentUnitId: wardId,
      receptionPointId: unit.receptionPoints[0]!.id,
      channel: 'in-person',
      applicant: { idNumber, fullName: 'x' },
      components: procs[0]!.components.filter((x) => x.mandatory && !x.fromRegistry).map((x) => ({ componentId: x.id, presented: true })),
    },
  });
  expect(r.statusCode, r.body).toBe(201);
  return a;
};

describe('guided exercises', () => {
  const check = async (id: string, lang = 'vi') =>
    (
      await t.req(trainee, { method: 'POST', url: `/api/training/attempts/${id}/check`, headers: { 'accept-language': lang } })
    ).json() as Attempt;

  it('supplement request: once, with a written list, passes; the scenario names the dossier', async () => {
    const a = await start('supplement-request');
    expect(a.dossierId).toBeTruthy();
    const page = (await t.req(trainee, { method: 'GET', url: `/api/dossiers/${a.dossierId}` })).json() as { code: string };
    expect(a.scenario).toContain(page.code);
    const optional = (await t.database.db
      .selectFrom('dossier as d')
      .innerJoin('procedure_component as c', 'c.version_id', 'd.procedure_version_id')
      .select('c.id')
      .where('d.id', '=', a.dossierId!)
      .where('c.mandatory', '=', false)
      .where('c.from_registry', '=', false)
      .executeTakeFirstOrThrow())!.id;
    const r = await t.req(trainee, {
      method: 'POST',
      url: `/api/dossiers/${a.dossierId}/actions/request-supplement`,
      payload: { reason: 'Thiếu giấy tờ', items: [{ componentId: optional, reason: 'Bản sao chưa chứng thực' }] },
    });
    expect(r.statusCode, r.body).toBe(200);
    const done = await check(a.id);
    expect(done.passed).toBe(true);
    expect(done.findings.every((f) => f.ok && f.law === null)).toBe(true);
  });

  it('withdrawal without recording the request fails, and says what the law says (TT 03/2025 Art. 7)', async () => {
    const a = await start('withdrawal-on-request');
    const vi = await check(a.id, 'vi');
    expect(vi.passed).toBe(false);
    expect(vi.findings[0]!.law).toMatch(/Điều 7/);
    const en = await check(a.id, 'en');
    expect(en.findings[0]!.law).toMatch(/only at the citizen’s request/);
  });

  it('routine intake: the scenario citizen received at the counter passes', async () => {
    const a = await routineIntake();
    expect((await check(a.id)).passed).toBe(true);
  });

  it('feedback answer: a vague answer fails with the rule on specific answers; a specific one, approved and published, passes', async () => {
    const made = await t.req(admin, {
      method: 'POST',
      url: `/api/training/units/${wardId}/trainees`,
      payload: {
        username: 'hv.tran-binh',
        fullName: 'Trần Bình (học viên)',
        password: TRAINEE_PASSWORD,
        roles: ['feedback-officer', 'leader'],
      },
    });
    expect(made.statusCode, made.body).toBe(201);
    const officer = await t.login('hv.tran-binh', TRAINEE_PASSWORD);
    const list = (await t.req(officer, { method: 'GET', url: '/api/training/exercises' })).json() as {
      exercises: { key: string; screen: string }[];
    };
    expect(list.exercises).toContainEqual(expect.objectContaining({ key: 'feedback-answer', screen: 'feedback' }));
    const r = await t.req(officer, { method: 'POST', url: '/api/training/attempts', payload: { exercise: 'feedback-answer' } });
    expect(r.statusCode, r.body).toBe(201);
    const a = r.json() as Attempt & { feedbackId: string; screen: string };
    expect(a.screen).toBe('feedback');
    expect(a.dossierId).toBeNull();
    const fb = (await t.req(officer, { method: 'GET', url: `/api/feedback/${a.feedbackId}` })).json() as {
      code: string;
      status: string;
      points: string[];
    };
    expect(fb.status).toBe('accepted');
    expect(a.scenario).toContain(fb.code);
    const act = (action: string, payload: Record<string, unknown> = {}) =>
      t.req(officer, { method: 'POST', url: `/api/feedback/${a.feedbackId}/actions/${action}`, payload });
    const checkAs = async (lang: string) =>
      (
        await t.req(officer, { method: 'POST', url: `/api/training/attempts/${a.id}/check`, headers: { 'accept-language': lang } })
      ).json() as Attempt & { findings: { rule: string; ok: boolean; message: string; law: string | null }[] };

    // Vague: the feedback service refuses it (422), and the check fails quoting the rule.
    const vague = await act('answer', {
      outcome: 'explained',
      legalBasis: [],
      points: fb.points.map((point) => ({ point, response: 'Đã tiếp nhận, sẽ xem xét theo quy định.' })),
      actions: [],
    });
    expect(vague.statusCode, vague.body).toBe(422);
    const failed = await checkAs('vi');
    expect(failed.passed).toBe(false);
    expect(failed.findings[0]!.rule).toBe('feedback-answer-specific');
    expect(failed.findings[0]!.law).toContain('căn cứ pháp lý (văn bản và điều khoản)');
    expect((await checkAs('en')).findings[0]!.law).toMatch(/Decree 61 Art\. 31\(1\)\(g\)/);

    // Specific, then approved by a leader and published.
    const specific = await act('answer', {
      outcome: 'accepted',
      legalBasis: [{ document: 'Nghị định 118/2025/NĐ-CP', article: 'Điều 19' }],
      points: fb.points.map((point, i) => ({
        point,
        response:
          i === 0
            ? 'Hồ sơ trả chậm hai ngày do bộ phận chuyên môn chưa chuyển kết quả; Trung tâm đã xin lỗi bằng văn bản và trả kết quả ngày 2/12.'
            : 'Cán bộ tiếp nhận được nhắc nhở vì không thông báo lý do chậm; từ nay phiếu xin lỗi được gửi trước ngày hẹn.',
      })),
      actions: [],
    });
    expect(specific.statusCode, specific.body).toBe(200);
    const notYet = await checkAs('vi');
    expect(notYet.passed).toBe(false);
    expect(notYet.findings.find((f) => f.rule === 'feedback-published')!.law).toContain('15 ngày làm việc');
    expect((await act('approve')).statusCode).toBe(200);
    expect((await act('publish')).statusCode).toBe(200);
    const passed = await checkAs('vi');
    expect(passed.passed, JSON.stringify(passed.findings)).toBe(true);
    expect(passed.findings.every((f) => f.ok && f.law === null)).toBe(true);
    // Never counted, never sent to a real system: no feedback indicator rows; every message marked training.
    const facts = await t.database.db.selectFrom('indicator_feedback_fact').select('feedback_id').where('unit_id', '=', wardId).execute();
    expect(facts).toEqual([]);
    const days = await t.database.db.selectFrom('indicator_feedback_day').select('unit_id').where('unit_id', '=', wardId).execute();
    expect(days).toEqual([]);
    const msgs = await t.database.db
      .selectFrom('outbox')
      .select('training_unit_id')
      .where(sql<boolean>`payload->>'feedbackId' = ${a.feedbackId} OR idempotency_key LIKE ${`feedback:${a.feedbackId}%`}`)
      .execute();
    expect(msgs.length).toBeGreaterThan(0);
    expect(msgs.every((m) => m.training_unit_id === wardId)).toBe(true);
  });

  it('a real officer has no exercises: 403 training-boundary', async () => {
    const r = await t.req(realOfficer, { method: 'GET', url: '/api/training/exercises' });
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('training-boundary');
  });
});

describe('reset', () => {
  it('one action brings the seeded state back: the trainee’s dossiers, attempts and messages go, the seed returns', async () => {
    // The trainee's own work first: an attempt and a dossier received; and a real dossier at Hạc Thành.
    await routineIntake();
    const { id: realId } = await realIntake();
    const realBefore = (await t.database.db.selectFrom('dossier').select('id').where('unit_id', '=', t.units.hacthanh).execute())
      .map((d) => d.id)
      .sort();
    expect(await counts(wardId)).not.toEqual(seeded);
    const r = await t.req(admin, { method: 'POST', url: `/api/training/units/${wardId}/reset` });
    expect(r.statusCode, r.body).toBe(200);
    expect(await counts(wardId)).toEqual(seeded);
    expect(r.json().items[0].dossiers).toEqual(seeded);
    // The sample feedback is back: accepted, awaiting an answer, from synthetic citizens.
    const feedback = await t.database.db.selectFrom('feedback').select(['status', 'contact_phone']).where('unit_id', '=', wardId).execute();
    expect(feedback.length).toBe(SEEDED_FEEDBACK_PER_WARD);
    expect(feedback.every((f) => f.status === 'accepted' && f.contact_phone.startsWith('0900'))).toBe(true);
    const attempts = await t.database.db.selectFrom('training_attempt').select('id').where('unit_id', '=', wardId).execute();
    expect(attempts).toEqual([]);
    const byTrainee = await t.database.db
      .selectFrom('dossier')
      .select('id')
      .where('received_by', '=', await t.userId('hv.nguyen-an'))
      .execute();
    expect(byTrainee).toEqual([]);
    // Real data untouched: Hạc Thành still has its dossiers, its history still append-only.
    const realAfter = await t.database.db.selectFrom('dossier').select('id').where('unit_id', '=', t.units.hacthanh).execute();
    expect(realAfter.map((d) => d.id).sort()).toEqual(realBefore);
    expect(realAfter.map((d) => d.id)).toContain(realId);
    await expect(sql`SELECT training_purge(ARRAY[${t.units.hacthanh}]::uuid[])`.execute(t.database.db)).rejects.toThrow(/real unit/);
    // The trainee signs in and works again.
    const again = await t.req(trainee, { method: 'GET', url: '/api/training/exercises' });
    expect(again.statusCode).toBe(200);
  });
});
