// An integrator's view: the repository's client package (clients/typescript, `@motcua/client`, which the web app uses
// too) gets a token with the client-credentials grant, performs a counter intake with the bearer token and reads the
// dossier back. The HTTP goes through the in-process server (fetch → inject), nothing else is stubbed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMachineClient, fetchToken, MotcuaError } from '../../clients/typescript/src/index';
import { citizen } from '../../src/simulators/citizens';
import { createTestApi, type TestApi } from '../support/api';

let t: TestApi;
beforeAll(async () => {
  t = await createTestApi();
});
afterAll(() => t.close());

/** A standard fetch answered by the server in this process. */
const inProcessFetch = async (input: Request): Promise<Response> => {
  const u = new URL(input.url);
  const body = input.method === 'GET' ? undefined : await input.text();
  const res = await t.server.inject({
    method: input.method as 'GET',
    url: u.pathname + u.search,
    headers: Object.fromEntries(input.headers.entries()),
    ...(body ? { payload: body } : {}),
  });
  const headers = new Headers();
  for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : String(v));
  return new Response(res.statusCode === 204 ? null : res.rawPayload, { status: res.statusCode, headers });
};

describe('the generated client with a bearer token', () => {
  it('gets a token, performs a counter intake and reads it back', async () => {
    const director = await t.login('hacthanh.centre-director');
    const reg = await t.req(director, {
      method: 'POST',
      url: '/api/api-clients',
      payload: { unitId: t.units.hacthanh, name: 'Hệ thống một cửa ngành', scopes: ['catalogue:read', 'dossiers:read', 'dossiers:write'] },
    });
    const { clientId, clientSecret } = reg.json() as { clientId: string; clientSecret: string };

    // The package's token helper, then a client that adds (and renews) the bearer token on every call.
    const creds = { baseUrl: 'http://motcua.test', clientId, clientSecret, fetch: inProcessFetch };
    const tok = await fetchToken(creds);
    expect(tok.scope.split(' ').sort()).toEqual(['catalogue:read', 'dossiers:read', 'dossiers:write']);
    const api = createMachineClient(creds);

    const procs = await api.GET('/api/procedures', { params: { query: { q: '1.004873' } } });
    const proc = procs.data!.items[0]!;
    const full = await api.GET('/api/procedures/{id}', { params: { path: { id: proc.id } } });
    const units = await api.GET('/api/units');
    const point = units.data!.items.find((u) => u.slug === 'hacthanh')!.receptionPoints[0]!;
    const created = await api.POST('/api/dossiers', {
      headers: { 'idempotency-key': 'typed-client-1' },
      body: {
        procedureId: proc.id,
        competentUnitId: t.units.hacthanh,
        receptionPointId: point.id,
        channel: 'in-person',
        applicant: { idNumber: citizen(44).idNumber, fullName: 'Công dân qua hệ thống ngành' },
        components: full
          .data!.components.filter((c) => c.mandatory && !c.fromRegistry)
          .map((c) => ({ componentId: c.id, presented: true })),
      },
    });
    expect(created.response.status, JSON.stringify(created.error)).toBe(201);
    const read = await api.GET('/api/dossiers/{id}', { params: { path: { id: created.data!.id } } });
    expect(read.response.status).toBe(200);
    expect(read.data!.code).toBe(created.data!.code);
    expect(read.data!.applicant.idNumber).toBe(citizen(44).idNumber);
    const today = await api.GET('/api/dossiers', { params: { query: { unitId: t.units.hacthanh } } });
    expect(today.data!.items.map((d) => d.id)).toContain(created.data!.id);
  });

  it('a wrong secret is a MotcuaError carrying the problem', async () => {
    const err = await fetchToken({
      baseUrl: 'http://motcua.test',
      clientId: crypto.randomUUID(),
      clientSecret: 'nope',
      fetch: inProcessFetch,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MotcuaError);
    expect((err as MotcuaError).status).toBe(401);
    expect((err as MotcuaError).problem?.code).toBe('invalid-client');
  });
});
