// Feedback through the contract's calls: receiving with Decree 20/2008 Art. 7 checks, the lifecycle with the
// specific-answer checks, deadlines (a transfer restarts the clock, a question pauses it), publication,
// the sender's rating (unsatisfied reopens), the dossier's "dislike" as feedback, and the national portal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/access';
import { citizen } from '../../src/simulators/citizens';
import { createTestApi, type Session, type TestApi } from '../support/api';

let t: TestApi;
let officer: Session; // hacthanh.feedback-officer
let leader: Session;
let director: Session;
let reception: Session;
let nvOfficer: Session;
let province: Session;
let dossier: { id: string; code: string };
const person = citizen(77);

type Proc = { id: string; components: { id: string; mandatory: boolean; fromRegistry: boolean }[] };

beforeAll(async () => {
  t = await createTestApi();
  [officer, leader, director, reception, nvOfficer, province] = await Promise.all([
    t.login('hacthanh.feedback-officer'),
    t.login('hacthanh.leader'),
    t.login('hacthanh.centre-director'),
    t.login('hacthanh.reception-officer'),
    t.login('nguyetvien.feedback-officer'),
    t.login('tinh.province-admin'),
  ]);
  const proc = ((await t.req(null, { method: 'GET', url: '/api/procedures?q=1.004873' })).json().items as Proc[])[0]!;
  const units = (await t.req(null, { method: 'GET', url: '/api/units' })).json().items as {
    slug: string;
    receptionPoints: { id: string }[];
  }[];
  const r = await t.req(reception, {
    method: 'POST',
    url: '/api/dossiers',
    payload: {
      procedureId: proc.id,
      competentUnitId: t.units.hacthanh,
      receptionPointId: units.find((u) => u.slug === 'hacthanh')!.receptionPoints[0]!.id,
      channel: 'in-person',
      applicant: { idNumber: person.idNumber, fullName: person.fullName, phone: '0912000111' },
      components: proc.components.filter((c) => c.mandatory && !c.fromRegistry).map((c) => ({ componentId: c.id, presented: true })),
    },
  });
  expect(r.statusCode).toBe(201);
  dossier = r.json();
});
afterAll(() => t.close());

const PHONE = '0987 654 321';
const body = (over: Record<string, unknown> = {}) => ({
  unitId: t.units.hacthanh,
  kind: 'service',
  subject: 'Hẹn trả kết quả nhiều lần',
  content: 'Tôi nộp hồ sơ đăng ký kết hôn, cán bộ hẹn lại ba lần mà không nói lý do. Đề nghị trả lời cụ thể.',
  points: ['Vì sao hẹn lại ba lần', 'Khi nào có kết quả'],
  contact: { fullName: 'Trần Thị Bình', phone: PHONE },
  ...over,
});
// Each test builds its own feedback, so the file sends more than the route's 20 a minute from one address: each
// sender writes from an address of its own, as different citizens do (the limit itself is tested below, from one address).
let senders = 0;
const send = (payload: Record<string, unknown>, as: Session | null = null, headers: Record<string, string> = {}) => {
  senders++;
  return t.req(as, {
    method: 'POST',
    url: '/api/public/feedback',
    payload,
    headers,
    remoteAddress: `127.0.${Math.floor(senders / 250)}.${(senders % 250) + 1}`,
  });
};
const act = (as: Session, id: string, action: string, payload: Record<string, unknown> = {}) =>
  t.req(as, { method: 'POST', url: `/api/feedback/${id}/actions/${action}`, payload });
const count = async (table: 'feedback' | 'feedback_event') => (await t.database.db.selectFrom(table).select('id').execute()).length;
const deadlines = (id: string) =>
  t.database.db.selectFrom('deadline').selectAll().where('subject_id', '=', id).orderBy('subject_type').execute();

/** A specific answer (the unit's own action promised), built anew for each use. */
const specificAnswer = () => ({
  outcome: 'explained',
  legalBasis: [{ document: 'Nghị định 123/2015/NĐ-CP', article: 'Điều 18' }],
  points: [
    {
      point: 'Vì sao hẹn lại ba lần',
      response:
        'Hồ sơ phải xác minh tình trạng hôn nhân tại nơi cư trú trước đây; cán bộ đã không ghi lý do vào phiếu hẹn, Trung tâm đã nhắc nhở cán bộ.',
    },
    { point: 'Khi nào có kết quả', response: 'Kết quả được trả ngày 15/12/2026 tại quầy số 2 của Trung tâm, không cần mang thêm giấy tờ.' },
  ],
  actions: [{ what: 'Ghi rõ lý do vào mọi phiếu hẹn lại', responsibleUnitId: t.units.hacthanh as string | null, dueDate: '2026-12-31' }],
});
const vagueAnswer = () => ({
  outcome: 'explained',
  legalBasis: [],
  points: [{ point: 'Vì sao hẹn lại ba lần', response: 'Đã tiếp nhận, sẽ xem xét theo quy định.' }],
  actions: [{ what: 'Chấn chỉnh cán bộ tiếp nhận hồ sơ', responsibleUnitId: null, dueDate: null }],
});
const OUTSIDE_UNIT = '00000000-0000-4000-8000-000000000001';

// Each test below builds its own feedback and takes it as far as it needs (no test acts on another's feedback).
type Fb = { id: string; code: string };
/** A new feedback at Hạc Thành, received. */
async function received(): Promise<Fb> {
  const r = await send(body());
  expect(r.statusCode).toBe(201);
  return r.json();
}
async function accepted(): Promise<Fb> {
  const f = await received();
  expect((await act(officer, f.id, 'accept')).json().status).toBe('accepted');
  return f;
}
/** Three answers refused by the checks (vague, no outcome, a unit outside the province): each writes a failed check. */
async function refuseThreeAnswers(f: Fb): Promise<void> {
  for (const payload of [vagueAnswer(), { ...specificAnswer(), outcome: null }, withOutsideUnit()])
    expect((await act(officer, f.id, 'answer', payload)).json().code).toBe('answer-not-specific');
}
const withOutsideUnit = () => {
  const a = specificAnswer();
  return { ...a, actions: [{ ...a.actions[0]!, responsibleUnitId: OUTSIDE_UNIT }] };
};
/** Answered specifically and approved by the leader (after refused answers and one return when `story`). */
async function approved(story = false): Promise<Fb> {
  const f = await accepted();
  if (story) await refuseThreeAnswers(f);
  expect((await act(officer, f.id, 'answer', specificAnswer())).json().status).toBe('answered');
  if (story) {
    expect((await act(leader, f.id, 'return', { comment: 'Nêu rõ tên quầy và giờ trả.' })).json().status).toBe('accepted');
    expect((await act(officer, f.id, 'answer', specificAnswer())).json().status).toBe('answered');
  }
  expect((await act(leader, f.id, 'approve')).json().status).toBe('approved');
  return f;
}
async function published(story = false): Promise<Fb> {
  const f = await approved(story);
  expect((await act(officer, f.id, 'publish')).json().status).toBe('published');
  return f;
}
/** The whole story: refused answers, a return, approval, publication, and a sender not satisfied (reopened). */
async function reopenedStory(): Promise<Fb> {
  const f = await published(true);
  const r = await t.req(null, {
    method: 'POST',
    url: `/api/public/feedback/${f.code}/rating`,
    payload: { phone: PHONE, satisfied: false, reason: 'Đến ngày hẹn vẫn chưa có kết quả.' },
  });
  expect(r.json()).toEqual({ status: 'reopened', satisfied: false });
  return f;
}

describe('receiving feedback', () => {
  it('creates a feedback with a code, three deadlines on the calendar and an SMS receipt with the due date', async () => {
    const r = await send(body({ dossierCode: dossier.code, idNumber: person.idNumber }));
    expect(r.statusCode).toBe(201);
    const f = r.json();
    expect(f.code).toMatch(/^PA-.+-\d{6}-\d{4}$/);
    expect(f.status).toBe('received');
    expect(f.dueAt).toMatch(/\+07:00$/);
    const dl = await deadlines(f.id);
    expect(dl.map((d) => [d.subject_type, Number(d.working_days)])).toEqual([
      ['feedback', 15],
      ['feedback-info', 5],
      ['feedback-refuse', 2],
    ]);
    const sms = await t.database.db
      .selectFrom('outbox')
      .select('payload')
      .where('idempotency_key', '=', `feedback-sms:${f.id}:receipt`)
      .executeTakeFirstOrThrow();
    expect((sms.payload as { text: string }).text).toContain(f.code);
    expect((sms.payload as { text: string }).text).toContain('Hạn trả lời');
    // Shown on the dossier's page.
    const onDossier = (await t.req(reception, { method: 'GET', url: `/api/dossiers/${dossier.id}/feedback` })).json().items;
    expect(onDossier.map((x: { code: string }) => x.code)).toContain(f.code);
  });

  it('refuses bad input with a clear problem and writes nothing', async () => {
    const before = [await count('feedback'), await count('feedback_event')];
    const cases: [Record<string, unknown>, number, string, string?][] = [
      [body({ contact: { fullName: '', phone: '' } }), 422, 'feedback-invalid', 'contact.fullName'],
      [body({ contact: { fullName: 'An' } }), 422, 'feedback-invalid', 'contact.phone'],
      [body({ content: '' }), 422, 'feedback-invalid', 'content'],
      [body({ content: 'á'.repeat(20_000) }), 422, 'feedback-invalid', 'content'],
      [body({ dossierCode: 'KHONG-CO-MA-NAY' }), 422, 'feedback-dossier-not-found'],
      // Someone else's dossier: the same answer as an unknown code.
      [body({ dossierCode: dossier.code, idNumber: citizen(78).idNumber }), 422, 'feedback-dossier-not-found'],
      [body({ dossierCode: dossier.code }), 422, 'feedback-dossier-not-found'],
    ];
    for (const [payload, status, code, field] of cases) {
      const r = await send(payload);
      expect(r.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(status);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json().code).toBe(code);
      if (field) expect(r.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(r0(await send(body({ dossierCode: dossier.code, idNumber: citizen(78).idNumber })))).not.toContain(person.fullName);
    expect([await count('feedback'), await count('feedback_event')]).toEqual(before);
  });

  it('one address may send 20 a minute; the 21st is refused with 429', async () => {
    const from = { remoteAddress: '127.9.9.9', method: 'POST' as const, url: '/api/public/feedback', payload: body({ content: '' }) };
    const codes: number[] = [];
    for (let i = 0; i < 21; i++) codes.push((await t.req(null, from)).statusCode);
    expect(codes.slice(0, 20)).toEqual(Array(20).fill(422));
    expect(codes[20]).toBe(429);
  });

  it('an Idempotency-Key retry returns the same feedback', async () => {
    const a = await send(body(), null, { 'idempotency-key': 'fb-retry-1' });
    const b = await send(body(), null, { 'idempotency-key': 'fb-retry-1' });
    expect(a.statusCode).toBe(201);
    expect(b.json().code).toBe(a.json().code);
  });
});

const r0 = (r: { body: string }) => r.body;

describe('handling, specific answers, publication and the verdict', () => {
  it('publish before approval is refused with the allowed actions', async () => {
    const { id } = await received();
    const r = await act(officer, id, 'publish');
    expect(r.statusCode).toBe(409);
    expect(r.json()).toMatchObject({ code: 'action-not-allowed', allowedActions: ['accept', 'transfer', 'refuse'] });
  });

  it('a vague answer is refused with the failed checks and the fields; nothing changes on the feedback', async () => {
    const { id } = await accepted();
    const before = await count('feedback_event');
    const r = await act(officer, id, 'answer', vagueAnswer());
    expect(r.statusCode).toBe(422);
    const p = r.json();
    expect(p.code).toBe('answer-not-specific');
    expect(p.failedChecks).toEqual(['no-legal-basis', 'point-unanswered', 'boilerplate', 'no-responsible-unit-or-date', 'too-short']);
    expect(p.failures.map((f: { field: string }) => f.field)).toEqual(
      expect.arrayContaining(['legalBasis', 'points', 'points[0].response', 'actions[0]']),
    );
    expect(await count('feedback_event')).toBe(before);
    const page = (await t.req(officer, { method: 'GET', url: `/api/feedback/${id}` })).json();
    expect(page.status).toBe('accepted');
    expect(page.answer).toBeNull();
    expect(page.failedChecks[0].checks).toContain('boilerplate');
  });

  it('no outcome is refused too', async () => {
    const { id } = await accepted();
    const r = await act(officer, id, 'answer', { ...specificAnswer(), outcome: null });
    expect(r.statusCode).toBe(422);
    expect(r.json().failedChecks).toEqual(['no-outcome']);
  });

  it('a responsible unit outside the province fails the check', async () => {
    const { id } = await accepted();
    const r = await act(officer, id, 'answer', withOutsideUnit());
    expect(r.statusCode).toBe(422);
    expect(r.json().failedChecks).toEqual(['no-responsible-unit-or-date']);
  });

  it('a specific answer is stored; only a leader or director approves; the leader may return it with a comment', async () => {
    const { id } = await accepted();
    expect((await act(officer, id, 'answer', specificAnswer())).json().status).toBe('answered');
    expect((await act(officer, id, 'approve')).statusCode).toBe(403); // the officer may only redraft
    expect((await act(leader, id, 'return', { comment: 'Nêu rõ tên quầy và giờ trả.' })).json().status).toBe('accepted');
    expect((await act(officer, id, 'answer', specificAnswer())).json().status).toBe('answered');
    const ap = await act(leader, id, 'approve');
    expect(ap.json().status).toBe('approved');
    const dl = await deadlines(id);
    expect(dl.find((d) => d.subject_type === 'feedback')!.closed_at).not.toBeNull();
    expect(dl.find((d) => d.subject_type === 'feedback-publish')!.closed_at).toBeNull();
  });

  it('publication: public page without personal data, searchable without diacritics; the sender gets a link', async () => {
    const { id, code } = await approved();
    expect((await act(officer, id, 'publish')).json().status).toBe('published');
    const list = (await t.req(null, { method: 'GET', url: `/api/public/feedback?unitId=${t.units.hacthanh}&q=hen lai ba lan` })).json()
      .items;
    const item = list.find((x: { code: string }) => x.code === code);
    expect(item).toBeTruthy();
    expect(JSON.stringify(item)).not.toContain('Trần Thị Bình');
    expect(JSON.stringify(item)).not.toContain('0987');
    const sms = await t.database.db
      .selectFrom('outbox')
      .select('payload')
      .where('idempotency_key', 'like', `feedback-sms:${id}:published:%`)
      .executeTakeFirstOrThrow();
    expect((sms.payload as { text: string }).text).toContain(`/phan-anh/${code}`);
    // The sender's view needs the phone given at submission.
    expect((await t.req(null, { method: 'GET', url: `/api/public/feedback/${code}?phone=0900000000` })).statusCode).toBe(404);
    const view = (await t.req(null, { method: 'GET', url: `/api/public/feedback/${code}?phone=${encodeURIComponent(PHONE)}` })).json();
    expect(view).toMatchObject({ status: 'published', canRate: true });
    expect(view.answer.points).toHaveLength(2);
  });

  it('not satisfied without a reason is refused; with a reason it reopens to the director; a second rating is refused', async () => {
    const { id, code } = await published(true);
    const rate = (payload: Record<string, unknown>) => t.req(null, { method: 'POST', url: `/api/public/feedback/${code}/rating`, payload });
    expect((await rate({ phone: '0900000000', satisfied: true })).statusCode).toBe(404);
    expect((await rate({ phone: PHONE, satisfied: false })).json().code).toBe('feedback-rating-reason-required');
    const r = await rate({ phone: PHONE, satisfied: false, reason: 'Đến ngày hẹn vẫn chưa có kết quả.' });
    expect(r.json()).toEqual({ status: 'reopened', satisfied: false });
    const again = await rate({ phone: PHONE, satisfied: true });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('feedback-already-rated');
    const row = await t.database.db.selectFrom('feedback').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'reopened', reopen_count: 1, reopened: true });
    const alert = await t.database.db.selectFrom('feedback_alert').selectAll().where('feedback_id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.stringify(alert.recipients)).toContain('centre-director');
    const dirSms = await t.database.db
      .selectFrom('outbox')
      .select('payload')
      .where('idempotency_key', 'like', `feedback-reopen:${id}:%`)
      .execute();
    expect(dirSms.length).toBeGreaterThan(0);
    // A new answer clock, and the director sees it in the overview (with this feedback's three refused answers).
    expect((await deadlines(id)).find((d) => d.subject_type === 'feedback')!.closed_at).toBeNull();
    const ov = (await t.req(director, { method: 'GET', url: '/api/feedback/overview' })).json().items;
    expect(ov.find((u: { unitId: string }) => u.unitId === t.units.hacthanh)).toMatchObject({ reopened: expect.any(Number) });
    expect(ov.find((u: { unitId: string }) => u.unitId === t.units.hacthanh).reopened).toBeGreaterThanOrEqual(1);
    expect(ov.find((u: { unitId: string }) => u.unitId === t.units.hacthanh).failedChecks).toBeGreaterThanOrEqual(3);
  });

  it('the vague-answer signal lists it (returned, failed checks, reopened)', async () => {
    const { code } = await reopenedStory();
    const s = await t.app.services.feedback.vagueAnswerSignal(
      { actor: null, requestId: 't', lang: 'vi', ip: '' },
      { unitIds: [t.units.hacthanh], from: new Date(0), to: new Date(Date.now() + 60_000) },
    );
    const ex = s.examples.find((e) => e.code === code)!;
    expect(ex).toBeTruthy();
    expect(ex.detail).toContain('trả lại');
    expect(ex.detail).toContain('xử lý lại');
  });

  it('the national portal hears each change once per key', async () => {
    const { id, code } = await reopenedStory();
    const msgs = await t.database.db
      .selectFrom('outbox')
      .selectAll()
      .where('topic', '=', 'national-portal.feedback')
      .where('idempotency_key', 'like', `feedback:${id}:%`)
      .orderBy('id')
      .execute();
    expect(msgs.length).toBeGreaterThanOrEqual(7);
    expect(new Set(msgs.map((m) => m.idempotency_key)).size).toBe(msgs.length);
    const published = msgs.find((m) => (m.payload as { status: string }).status === 'published')!;
    expect(JSON.stringify(published.payload)).not.toContain('0987');
    const a = await t.app.adapters.portal.sendFeedback(published.payload as Record<string, unknown>, published.idempotency_key);
    const b = await t.app.adapters.portal.sendFeedback(published.payload as Record<string, unknown>, published.idempotency_key);
    expect(a.ok && b.ok).toBe(true);
    const admin = await t.login('admin');
    const seen = (await t.req(admin, { method: 'GET', url: `/api/sim/national-portal/feedback?code=${code}` })).json().items;
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ status: 'published', answered: true });
  });
});

describe('deadlines: a transfer restarts the clock, a question pauses it, the rating window is 14 days', () => {
  it('transfers within the province only, restarting every clock in the new unit and telling the sender', async () => {
    const f = (await send(body())).json();
    const before = await deadlines(f.id);
    const later = new Date(Date.now() + 3 * 86_400_000);
    const suffix = String(Date.now() % 1_000_000);
    const other = await t.database.db
      .insertInto('unit')
      .values({
        // Unique per run, so the test may run again on the same database.
        slug: `ngoai-tinh-${suffix}`,
        code: `X${suffix}`,
        name: 'Tỉnh khác',
        type: 'province',
        parent_id: null,
        office_sessions: JSON.stringify([{ start: '08:00', end: '17:00' }]),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const n = await count('feedback_event');
    const out = await act(officer, f.id, 'transfer', { toUnitId: other.id, reason: 'Không thuộc thẩm quyền' });
    expect(out.statusCode).toBe(422);
    expect(out.json().code).toBe('feedback-transfer-outside-province');
    expect(await count('feedback_event')).toBe(n);
    const resolved = (await t.app.services.auth.resolve(officer.cookie.split('=')[1]!)) as { actor: Actor };
    const ctx = { actor: resolved.actor, requestId: 't', lang: 'vi' as const, ip: '' };
    const r = await t.app.services.feedback.act(
      ctx,
      f.id,
      'transfer',
      { toUnitId: t.units.nguyetvien, reason: 'Thuộc thẩm quyền phường Nguyệt Viên' },
      later,
    );
    expect(r.status).toBe('transferred');
    const after = await deadlines(f.id);
    const ans0 = before.find((d) => d.subject_type === 'feedback')!;
    const ans1 = after.find((d) => d.subject_type === 'feedback')!;
    expect(ans1.unit_id).toBe(t.units.nguyetvien);
    expect(ans1.received_at.getTime()).toBe(later.getTime());
    expect(ans1.due_at!.getTime()).toBeGreaterThan(ans0.due_at!.getTime());
    const changes = await t.database.db.selectFrom('deadline_change').selectAll().where('deadline_id', '=', ans1.id).execute();
    expect(changes[0]!.reason).toContain('transfer');
    const sms = await t.database.db
      .selectFrom('outbox')
      .select('payload')
      .where('idempotency_key', 'like', `feedback-sms:${f.id}:transfer:%`)
      .executeTakeFirstOrThrow();
    expect((sms.payload as { text: string }).text).toContain('Nguyệt Viên');
    // Now the new unit's officer handles it; the old one no longer sees it.
    expect((await t.req(officer, { method: 'GET', url: `/api/feedback/${f.id}` })).statusCode).toBe(404);
    expect((await act(nvOfficer, f.id, 'accept')).json().status).toBe('accepted');
  });

  it('one question pauses the answer clock; the answer to it resumes it later', async () => {
    const f = (await send(body())).json();
    await act(officer, f.id, 'accept');
    const q = await act(officer, f.id, 'request-information', { question: 'Ông/Bà cho biết ngày hẹn ghi trên phiếu?' });
    expect(q.json()).toEqual({ status: 'awaiting-information', dueAt: null });
    const paused = (await deadlines(f.id)).find((d) => d.subject_type === 'feedback')!;
    expect(paused.due_at).toBeNull();
    expect((await deadlines(f.id)).find((d) => d.subject_type === 'feedback-info')!.closed_at).not.toBeNull();
    const back = await act(officer, f.id, 'receive-information', { information: 'Phiếu hẹn ngày 02/12/2026.' });
    expect(back.json().status).toBe('accepted');
    expect(new Date(back.json().dueAt).getTime()).toBeGreaterThanOrEqual(new Date(f.dueAt).getTime());
    const again = await act(officer, f.id, 'request-information', { question: 'Lần hai?' });
    expect(again.json().code).toBe('feedback-question-asked');
  });

  it('a rating after 14 days is refused', async () => {
    const f = await accepted();
    expect((await act(officer, f.id, 'answer', specificAnswer())).json().status).toBe('answered');
    expect((await act(director, f.id, 'approve')).json().status).toBe('approved');
    expect((await act(officer, f.id, 'publish')).json().status).toBe('published');
    const late = new Date(Date.now() + 15 * 86_400_000);
    await expect(
      t.app.services.feedback.rate({ actor: null, requestId: 't', lang: 'vi', ip: '' }, f.code, { phone: PHONE, satisfied: true }, late),
    ).rejects.toMatchObject({
      code: 'feedback-rating-closed',
    });
    // And the officer cannot close it while the sender may still rate.
    expect((await act(officer, f.id, 'close')).json().code).toBe('feedback-rating-window-open');
    // The province may reopen a published feedback.
    const re = await act(province, f.id, 'reopen', { reason: 'Kiểm tra lại theo phản ánh trên báo' });
    expect(re.json().status, re.body).toBe('reopened');
  });
});
