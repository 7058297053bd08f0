// Shared by the background-work tests: intake through the API, the simulators' views, time in working hours.
import { citizen } from '../../src/simulators/citizens';
import type { Session, TestApi } from '../support/api';

export type Proc = { id: string; code: string; components: { id: string; name: string; mandatory: boolean; fromRegistry: boolean }[] };

export async function dossierKit(t: TestApi) {
  const [officer, admin] = await Promise.all([t.login('hacthanh.reception-officer'), t.login('admin')]);
  const marital = ((await t.req(null, { method: 'GET', url: '/api/procedures?q=1.004873' })).json().items as Proc[])[0]!;
  const units = (await t.req(null, { method: 'GET', url: '/api/units' })).json().items as {
    slug: string;
    receptionPoints: { id: string }[];
  }[];
  const point = units.find((u) => u.slug === 'hacthanh')!.receptionPoints[0]!.id;
  let n = 100;
  const intake = async (over: Record<string, unknown> = {}): Promise<{ id: string; code: string }> => {
    const person = citizen(n++);
    const r = await t.req(officer, {
      method: 'POST',
      url: '/api/dossiers',
      payload: {
        procedureId: marital.id,
        competentUnitId: t.units.hacthanh,
        receptionPointId: point,
        channel: 'in-person',
        applicant: { idNumber: person.idNumber, fullName: person.fullName },
        components: marital.components.filter((c) => c.mandatory && !c.fromRegistry).map((c) => ({ componentId: c.id, presented: true })),
        ...over,
      },
    });
    if (r.statusCode !== 201) throw new Error(`intake: ${r.statusCode} ${r.body}`);
    return r.json();
  };
  const act = (as: Session, id: string, action: string, payload: Record<string, unknown> = {}) =>
    t.req(as, { method: 'POST', url: `/api/dossiers/${id}/actions/${action}`, payload });
  const mode = (system: string, m: 'up' | 'down' | 'slow') =>
    t.req(admin, { method: 'PUT', url: `/api/sim/${system}/mode`, payload: { mode: m } });
  const portalRecords = async (code: string) =>
    (await t.req(admin, { method: 'GET', url: `/api/sim/national-portal/records?code=${encodeURIComponent(code)}` })).json().items as {
      code: string;
      nationalStatus: number;
      idempotencyKey: string;
      receivedAt: string;
      appointmentAt: string | null;
      finishedAt?: string;
      channel: number;
      at: string;
    }[];
  const sms = async (to?: string) =>
    (await t.req(admin, { method: 'GET', url: `/api/sim/sms/messages${to ? `?to=${encodeURIComponent(to)}` : '?limit=500'}` })).json()
      .items as {
      to: string;
      text: string;
      at: string;
    }[];
  return { officer, admin, marital, point, intake, act, mode, portalRecords, sms };
}

export const HOUR = 3_600_000;
export const later = (d: Date, ms: number) => new Date(d.getTime() + ms);
