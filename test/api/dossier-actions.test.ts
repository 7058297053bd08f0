// The dossier page says what may be done now and, for what a rule of the law forbids, which rule: the very
// code the action answers with when taken anyway (the page and the server cannot disagree).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizen } from '../../src/simulators/citizens';
import { createTestApi, type Session, type TestApi } from '../support/api';

let t: TestApi;
let officer: Session;
let leader: Session;
let director: Session;
type Proc = { id: string; components: { id: string; mandatory: boolean; fromRegistry: boolean }[] };
let marital: Proc;
let pointId: string;

beforeAll(async () => {
  t = await createTestApi();
  [officer, leader, director] = await Promise.all([
    t.login('hacthanh.reception-officer'),
    t.login('hacthanh.leader'),
    t.login('hacthanh.centre-director'),
  ]);
  marital = ((await t.req(null, { method: 'GET', url: '/api/procedures?q=1.004873' })).json().items as Proc[])[0]!;
  const units = (await t.req(null, { method: 'GET', url: '/api/units' })).json().items as {
    slug: string;
    receptionPoints: { id: string }[];
  }[];
  pointId = units.find((u) => u.slug === 'hacthanh')!.receptionPoints[0]!.id;
});
afterAll(() => t.close());

type Availability = { action: string; available: boolean; reason: { code: string; message: string } | null };
const newDossier = async (): Promise<string> => {
  const r = await t.req(officer, {
    method: 'POST',
    url: '/api/dossiers',
    payload: {
      procedureId: marital.id,
      competentUnitId: t.units.hacthanh,
      receptionPointId: pointId,
      channel: 'in-person',
      applicant: { idNumber: citizen(7).idNumber, fullName: 'x' },
      components: marital.components.filter((c) => c.mandatory && !c.fromRegistry).map((c) => ({ componentId: c.id, presented: true })),
    },
  });
  expect(r.statusCode).toBe(201);
  return r.json().id as string;
};
const page = async (as: Session, id: string, lang = 'vi') =>
  (await t.req(as, { method: 'GET', url: `/api/dossiers/${id}`, headers: { 'accept-language': lang } })).json() as {
    allowedActions: string[];
    actions: Availability[];
  };
const act = (as: Session, id: string, action: string, payload: Record<string, unknown>) =>
  t.req(as, { method: 'POST', url: `/api/dossiers/${id}/actions/${action}`, payload });

describe('what the dossier page offers', () => {
  it('stop without a withdrawal request and issue without approval are listed as forbidden, with the rule in Vietnamese or English', async () => {
    const id = await newDossier();
    const vi = await page(leader, id);
    expect(vi.actions.find((a) => a.action === 'stop')).toEqual({
      action: 'stop',
      available: false,
      reason: { code: 'withdrawal-request-missing', message: expect.stringContaining('Điều 7') },
    });
    expect(vi.allowedActions).not.toContain('stop');
    expect(vi.allowedActions).toContain('apologize-and-extend');
    const en = await page(leader, id, 'en');
    expect(en.actions.find((a) => a.action === 'stop')!.reason!.message).toMatch(/withdrawal request/);
  });

  it('a second supplement and a second extension are forbidden once used; what the page forbids the action refuses with the same code', async () => {
    const id = await newDossier();
    const optional = marital.components.find((c) => !c.mandatory)!;
    expect(
      (await act(officer, id, 'request-supplement', { reason: 'x', items: [{ componentId: optional.id, reason: 'x' }] })).statusCode,
    ).toBe(200);
    const due = new Date(Date.now() + 30 * 86_400_000).toISOString();
    expect((await act(leader, id, 'apologize-and-extend', { reason: 'Chờ xác minh', newDueAt: due })).statusCode).toBe(200);

    const asOfficer = await page(officer, id);
    expect(asOfficer.actions.find((a) => a.action === 'request-supplement')).toMatchObject({
      available: false,
      reason: { code: 'supplement-already-requested' },
    });
    expect(asOfficer.actions.find((a) => a.action === 'receive-supplement')).toMatchObject({ available: true, reason: null });
    const asDirector = await page(director, id);
    expect(asDirector.actions.find((a) => a.action === 'apologize-and-extend')).toMatchObject({
      available: false,
      reason: { code: 'extension-already-used' },
    });

    // Agreement: each forbidden action, taken anyway, is refused with the rule the page named.
    const bodies: Record<string, Record<string, unknown>> = {
      'request-supplement': { reason: 'y', items: [{ componentId: optional.id, reason: 'y' }] },
      'apologize-and-extend': { reason: 'y', newDueAt: new Date(Date.now() + 60 * 86_400_000).toISOString() },
      stop: { reason: 'y' },
    };
    for (const [who, view] of [
      [officer, asOfficer],
      [director, asDirector],
    ] as const)
      for (const a of view.actions.filter((x) => !x.available)) {
        const r = await act(who, id, a.action, bodies[a.action] ?? {});
        expect(r.statusCode, a.action).toBe(422);
        expect(r.json().code).toBe(a.reason!.code);
      }
  });

  it('actions the status does not list or the role may not take are not offered at all', async () => {
    const id = await newDossier();
    const v = await page(officer, id);
    const listed = v.actions.map((a) => a.action);
    expect(listed).not.toContain('approve'); // a leader's action
    expect(listed).not.toContain('accept'); // already received
    expect(v.allowedActions).toEqual(v.actions.filter((a) => a.available).map((a) => a.action));
  });
});
