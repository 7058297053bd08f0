// Who may see and act on a unit's feedback: its feedback officer, leader and centre director, and the
// province; another ward's staff get 404 (existence does not leak), staff without a feedback role too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type Session, type TestApi } from '../support/api';

let t: TestApi;
let id: string;
const s: Record<string, Session> = {};

beforeAll(async () => {
  t = await createTestApi();
  for (const u of [
    'hacthanh.feedback-officer',
    'hacthanh.leader',
    'hacthanh.specialist',
    'hacthanh.reception-officer',
    'nguyetvien.feedback-officer',
    'nguyetvien.leader',
    'nguyetvien.centre-director',
    'tinh.province-admin',
  ])
    s[u] = await t.login(u);
  // The feedback the tests read; a test that acts on feedback or counts its reads sends its own.
  id = await send();
});
afterAll(() => t.close());

async function send(): Promise<string> {
  const r = await t.req(null, {
    method: 'POST',
    url: '/api/public/feedback',
    payload: {
      unitId: t.units.hacthanh,
      kind: 'conduct',
      subject: 'Thái độ cán bộ',
      content: 'Cán bộ tiếp nhận không hướng dẫn tôi điền tờ khai, yêu cầu về nhà tự tìm hiểu.',
      contact: { fullName: 'Lê Văn Cường', phone: '0911222333' },
    },
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as string;
}
const get = (u: string, of = id) => t.req(s[u]!, { method: 'GET', url: `/api/feedback/${of}` });
const act = (u: string, action: string, of = id) =>
  t.req(s[u]!, { method: 'POST', url: `/api/feedback/${of}/actions/${action}`, payload: {} });

describe('feedback scopes', () => {
  it('another ward’s officer, leader and director cannot see it, list it or act on it (404)', async () => {
    for (const u of ['nguyetvien.feedback-officer', 'nguyetvien.leader', 'nguyetvien.centre-director']) {
      expect((await get(u)).statusCode).toBe(404);
      expect((await act(u, 'accept')).statusCode).toBe(404);
      const list = (await t.req(s[u]!, { method: 'GET', url: '/api/feedback' })).json().items as { id: string }[];
      expect(list.map((x) => x.id)).not.toContain(id);
      expect((await t.req(s[u]!, { method: 'GET', url: `/api/feedback?unitId=${t.units.hacthanh}` })).statusCode).toBe(404);
    }
  });

  it('staff of the unit without a feedback role cannot read it', async () => {
    expect((await get('hacthanh.specialist')).statusCode).toBe(404);
    expect((await get('hacthanh.reception-officer')).statusCode).toBe(404);
  });

  it('the unit’s officer and leader and the province see it; the leader cannot accept, the officer can', async () => {
    const mine = await send();
    expect((await get('hacthanh.feedback-officer', mine)).statusCode).toBe(200);
    expect((await get('hacthanh.leader', mine)).statusCode).toBe(200);
    expect((await get('tinh.province-admin', mine)).statusCode).toBe(200);
    expect((await act('hacthanh.leader', 'accept', mine)).statusCode).toBe(403);
    expect((await act('tinh.province-admin', 'accept', mine)).statusCode).toBe(403);
    expect((await act('hacthanh.feedback-officer', 'accept', mine)).statusCode).toBe(200);
  });

  it('the personal-data read is logged', async () => {
    const mine = await send();
    const logged = () =>
      t.database.db
        .selectFrom('personal_data_access')
        .selectAll()
        .where('subject_type', '=', 'feedback')
        .where('subject_id', '=', mine)
        .execute();
    expect(await logged()).toHaveLength(0);
    expect((await get('hacthanh.feedback-officer', mine)).statusCode).toBe(200);
    const rows = await logged();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.actor_id === s['hacthanh.feedback-officer']!.userId)).toBe(true);
  });

  it('the overview of another ward is not found; the province sees every unit', async () => {
    expect(
      (await t.req(s['nguyetvien.centre-director']!, { method: 'GET', url: `/api/feedback/overview?unitId=${t.units.hacthanh}` }))
        .statusCode,
    ).toBe(404);
    const all = (await t.req(s['tinh.province-admin']!, { method: 'GET', url: '/api/feedback/overview' })).json().items as {
      unitId: string;
    }[];
    expect(all.map((x) => x.unitId)).toEqual(expect.arrayContaining([t.units.hacthanh, t.units.nguyetvien]));
  });

  it('the sender view needs the phone given; a wrong phone is not found', async () => {
    const code = (await t.app.db.selectFrom('feedback').select('code').where('id', '=', id).executeTakeFirstOrThrow()).code;
    expect((await t.req(null, { method: 'GET', url: `/api/public/feedback/${code}?phone=0999999999` })).statusCode).toBe(404);
    expect((await t.req(null, { method: 'GET', url: `/api/public/feedback/${code}` })).statusCode).toBe(404);
    expect((await t.req(null, { method: 'GET', url: `/api/public/feedback/${code}?phone=0911222333` })).statusCode).toBe(200);
  });
});
