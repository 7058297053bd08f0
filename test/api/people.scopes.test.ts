// Authorization with people as they are: staff holding roles in two units, a province role plus a ward role,
// a citizen who is also staff, and population-registry lookups only for a unit the caller handles dossiers in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizen } from '../../src/simulators/citizens';
import { createTestApi, type Session, type TestApi } from '../support/api';
import { citizenSession } from '../support/citizen';
import { staffWithRoles } from '../support/people';

let t: TestApi;
let htOfficer: Session;
let nvOfficer: Session;
let htDirector: Session;
type Proc = { id: string; components: { id: string; mandatory: boolean; fromRegistry: boolean }[] };
let marital: Proc;
let points: Record<string, { id: string; hostUnitId: string }[]>;

beforeAll(async () => {
  t = await createTestApi();
  [htOfficer, nvOfficer, htDirector] = await Promise.all([
    t.login('hacthanh.reception-officer'),
    t.login('nguyetvien.reception-officer'),
    t.login('hacthanh.centre-director'),
  ]);
  marital = ((await t.req(null, { method: 'GET', url: '/api/procedures?q=1.004873' })).json().items as Proc[])[0]!;
  const units = (await t.req(null, { method: 'GET', url: '/api/units' })).json().items as {
    slug: string;
    receptionPoints: { id: string; hostUnitId: string }[];
  }[];
  points = Object.fromEntries(units.map((u) => [u.slug, u.receptionPoints]));
});
afterAll(() => t.close());

/** A dossier received at the unit's own point, for synthetic citizen `n`. */
async function dossierAt(as: Session, slug: 'hacthanh' | 'nguyetvien', n = 50): Promise<string> {
  const person = citizen(n);
  const r = await t.req(as, {
    method: 'POST',
    url: '/api/dossiers',
    payload: {
      procedureId: marital.id,
      competentUnitId: t.units[slug],
      receptionPointId: points[slug]!.find((p) => p.hostUnitId === t.units[slug])!.id,
      channel: 'in-person',
      applicant: { idNumber: person.idNumber, fullName: person.fullName },
      components: marital.components.filter((c) => c.mandatory && !c.fromRegistry).map((c) => ({ componentId: c.id, presented: true })),
    },
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as string;
}
const act = (as: Session, id: string, action: string, payload: Record<string, unknown> = {}) =>
  t.req(as, { method: 'POST', url: `/api/dossiers/${id}/actions/${action}`, payload });
const page = async (as: Session, id: string) => (await t.req(as, { method: 'GET', url: `/api/dossiers/${id}` })).json();
const later = (iso: string, days: number) => new Date(new Date(iso).getTime() + days * 86_400_000).toISOString();

describe('a staff member with roles in two units acts in each only with the role held there', () => {
  it('reception officer at Hạc Thành and leader at Nguyệt Viên: no leader action on a Hạc Thành dossier, no counter action at Nguyệt Viên', async () => {
    const two = await staffWithRoles(t, 'hai.don.vi', [
      { unitId: t.units.hacthanh, role: 'reception-officer' },
      { unitId: t.units.nguyetvien, role: 'leader' },
    ]);
    const ht = await dossierAt(two, 'hacthanh');
    const nv = await dossierAt(nvOfficer, 'nguyetvien');

    // Hạc Thành: the counter's actions, none of a leader's.
    const htPage = await page(two, ht);
    expect(htPage.allowedActions).toContain('record-withdrawal-request');
    expect(htPage.allowedActions).not.toContain('apologize-and-extend');
    const extend = await act(two, ht, 'apologize-and-extend', { reason: 'Chờ xác minh', newDueAt: later(htPage.dueAt, 3) });
    expect(extend.statusCode).toBe(403);
    expect(extend.json().code).toBe('forbidden');

    // Nguyệt Viên: a leader's actions, none of the counter's.
    const nvPage = await page(two, nv);
    expect(nvPage.allowedActions).toContain('apologize-and-extend');
    expect(nvPage.allowedActions).not.toContain('record-withdrawal-request');
    const withdraw = await act(two, nv, 'record-withdrawal-request', { channel: 'in-person', reason: 'Công dân xin rút' });
    expect(withdraw.statusCode).toBe(403);
    const ok = await act(two, nv, 'apologize-and-extend', { reason: 'Chờ xác minh nơi cư trú', newDueAt: later(nvPage.dueAt, 3) });
    expect(ok.statusCode, ok.body).toBe(200);

    // Neither dossier changed by the refused actions.
    expect((await page(htOfficer, ht)).events.map((e: { action: string }) => e.action)).toEqual(['create']);
    expect((await page(nvOfficer, nv)).events.map((e: { action: string }) => e.action)).toEqual(['create', 'apologize-and-extend']);
  });

  it('a province role plus a ward role: reads every unit, acts only where the ward role is held', async () => {
    const both = await staffWithRoles(t, 'tinh.va.phuong', [
      { unitId: t.units.tinh, role: 'province-admin' },
      { unitId: t.units.hacthanh, role: 'specialist' },
    ]);
    const ht = await dossierAt(htOfficer, 'hacthanh');
    const nv = await dossierAt(nvOfficer, 'nguyetvien');
    // The province role reads Nguyệt Viên's dossier, but a specialist's action there is not theirs to take.
    const nvPage = await page(both, nv);
    expect(nvPage.id).toBe(nv);
    expect(nvPage.allowedActions).toEqual([]);
    const refuse = await act(both, nv, 'refuse', { reason: 'Không thuộc thẩm quyền' });
    expect(refuse.statusCode).toBe(403);
    expect((await page(nvOfficer, nv)).status).toBe('received');
    // At Hạc Thành, where the specialist role is held, the specialist's work goes through.
    const userId = await t.userId('tinh.va.phuong');
    expect((await act(htDirector, ht, 'assign', { assigneeId: userId })).json().status).toBe('in-progress');
    const submitted = await act(both, ht, 'submit-for-approval');
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().status).toBe('awaiting-approval');
    // Registry lookups of the applicant (citizen 50, with a dossier at each unit): for Hạc Thành (a desk there), not
    // for Nguyệt Viên (only the province role reaches it).
    const look = (unitId: string) =>
      t.req(both, {
        method: 'GET',
        url: `/api/registry/citizens/${citizen(50).idNumber}?purpose=${encodeURIComponent('xử lý hồ sơ')}&unitId=${unitId}`,
      });
    expect((await look(t.units.hacthanh)).statusCode).toBe(200);
    expect((await look(t.units.nguyetvien)).statusCode).toBe(403);
  });
});

describe('a citizen who is also staff', () => {
  it('the citizen sees their own dossier at another unit in the portal; their staff session sees nothing of it', async () => {
    // nguyetvien.reception-officer is also synthetic citizen 77, whose dossier Hạc Thành received.
    const idx = 77;
    const mine = await dossierAt(htOfficer, 'hacthanh', idx);
    const asCitizen = await citizenSession(t, idx);
    const both = { cookie: `${nvOfficer.cookie}; ${asCitizen.cookie}`, csrf: nvOfficer.csrf, userId: nvOfficer.userId };

    const portalList = (s: Session) => t.req(s, { method: 'GET', url: '/api/portal/dossiers' });
    const citizenOnly = { cookie: asCitizen.cookie, csrf: asCitizen.csrf, userId: '' };
    const listed = await portalList(citizenOnly);
    expect(listed.statusCode).toBe(200);
    expect((listed.json().items as { id: string }[]).map((d) => d.id)).toContain(mine);
    // The citizen session opens no staff view.
    expect((await t.req(citizenOnly, { method: 'GET', url: `/api/dossiers/${mine}` })).statusCode).toBe(401);
    // The staff session opens no portal view, and no staff view of another unit's dossier.
    expect((await portalList(nvOfficer)).statusCode).toBe(401);
    expect((await t.req(nvOfficer, { method: 'GET', url: `/api/dossiers/${mine}` })).statusCode).toBe(404);
    // Both sessions together: being its applicant does not widen the staff scope.
    expect((await t.req(both, { method: 'GET', url: `/api/dossiers/${mine}` })).statusCode).toBe(404);
    const refuse = await act(both, mine, 'refuse', { reason: 'Tự xử lý hồ sơ của mình' });
    expect(refuse.statusCode).toBe(404);
    expect((await page(htOfficer, mine)).status).toBe('received');
    const stillListed = await portalList(both);
    expect((stillListed.json().items as { id: string }[]).map((d) => d.id)).toContain(mine);
  });
});

describe('population registry lookups: at a counter the caller works, or a desk whose unit has the citizen’s dossier; logged under that unit', () => {
  const idNumber = citizen(60).idNumber;
  const lookup = (as: Session | null, q: Record<string, string>) =>
    t.req(as, { method: 'GET', url: `/api/registry/citizens/${idNumber}?${new URLSearchParams(q).toString()}` });
  const logs = (actorName: string) =>
    t.database.db
      .selectFrom('personal_data_access')
      .selectAll()
      .where('id_number', '=', idNumber)
      .where('subject_type', '=', 'population-registry')
      .where('actor_name', '=', actorName)
      .execute();

  it('a Hạc Thành officer looks a citizen up for Hạc Thành: found, logged with the unit and the purpose', async () => {
    const r = await lookup(htOfficer, { purpose: 'tiếp nhận hồ sơ', unitId: t.units.hacthanh });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'found', citizen: { idNumber, fullName: citizen(60).fullName } });
    const rows = await logs('hacthanh.reception-officer');
    expect(rows.map((x) => [x.unit_id, x.purpose, x.outcome])).toContainEqual([t.units.hacthanh, 'tiếp nhận hồ sơ', 'found']);
  });

  it("DENY: Nguyệt Viên's specialist cannot look up under Hạc Thành's name; without a unit it is logged under Nguyệt Viên", async () => {
    await dossierAt(nvOfficer, 'nguyetvien', 60);
    const nvSpecialist = await t.login('nguyetvien.specialist');
    const denied = await lookup(nvSpecialist, { purpose: 'xác minh', unitId: t.units.hacthanh });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe('forbidden');
    expect(denied.json().citizen).toBeUndefined();
    expect(await logs('nguyetvien.specialist')).toEqual([]);
    const own = await lookup(nvSpecialist, { purpose: 'xác minh hồ sơ' });
    expect(own.statusCode).toBe(200);
    expect((await logs('nguyetvien.specialist')).map((x) => [x.unit_id, x.purpose])).toEqual([[t.units.nguyetvien, 'xác minh hồ sơ']]);
  });

  it('DENY: a desk (specialist, leader, director) looks up only citizens whose dossiers its unit has; the counter anyone', async () => {
    const stranger = citizen(62).idNumber; // no dossier anywhere
    const elsewhere = citizen(63).idNumber; // a dossier at Hạc Thành only
    await dossierAt(htOfficer, 'hacthanh', 63);
    const at = (as: Session, id: string) =>
      t.req(as, { method: 'GET', url: `/api/registry/citizens/${id}?purpose=${encodeURIComponent('xác minh')}` });
    const pda = (id: string, actorName: string) =>
      t.database.db
        .selectFrom('personal_data_access')
        .select('id')
        .where('id_number', '=', id)
        .where('actor_name', '=', actorName)
        .execute();
    for (const username of ['nguyetvien.specialist', 'nguyetvien.leader', 'nguyetvien.centre-director']) {
      const s = await t.login(username);
      for (const id of [stranger, elsewhere]) {
        const r = await at(s, id);
        expect(r.statusCode, `${username} ${id}`).toBe(403);
        expect(r.json().code).toBe('forbidden');
        expect(await pda(id, username), username).toEqual([]);
      }
    }
    // Hạc Thành's desk has citizen 63's dossier; Nguyệt Viên's counter may receive either citizen.
    expect((await at(await t.login('hacthanh.specialist'), elsewhere)).statusCode).toBe(200);
    expect((await at(await t.login('hacthanh.specialist'), stranger)).statusCode).toBe(403);
    for (const id of [stranger, elsewhere]) expect((await at(nvOfficer, id)).statusCode).toBe(200);
    expect((await pda(stranger, 'nguyetvien.reception-officer')).length).toBe(1);
  });

  it('DENY: province-wide and administrative roles handle no dossiers, so look nobody up', async () => {
    for (const username of ['tinh.province-admin', 'admin']) {
      const s = await t.login(username);
      const r = await lookup(s, { purpose: 'tra cứu', unitId: t.units.hacthanh });
      expect(r.statusCode, username).toBe(403);
      expect((await lookup(s, { purpose: 'tra cứu' })).statusCode, username).toBe(403);
      expect(await logs(username), username).toEqual([]);
    }
    expect((await lookup(null, { purpose: 'tra cứu', unitId: t.units.hacthanh })).statusCode).toBe(401);
  });

  it('a member of two units must say for which one; the access is logged under the unit named', async () => {
    await dossierAt(nvOfficer, 'nguyetvien', 60);
    const two = await staffWithRoles(t, 'tra.cuu.hai.don.vi', [
      { unitId: t.units.hacthanh, role: 'reception-officer' },
      { unitId: t.units.nguyetvien, role: 'specialist' },
    ]);
    const unsaid = await lookup(two, { purpose: 'tiếp nhận' });
    expect(unsaid.statusCode).toBe(400);
    expect(unsaid.json().code).toBe('validation-failed');
    expect((await lookup(two, { purpose: 'tiếp nhận', unitId: t.units.dongtien })).statusCode).toBe(403);
    expect((await lookup(two, { purpose: 'xử lý', unitId: t.units.nguyetvien })).statusCode).toBe(200);
    expect((await logs(two.username)).map((x) => [x.unit_id, x.purpose])).toEqual([[t.units.nguyetvien, 'xử lý']]);
  });
});
