// An integrator's view: the typed client generated from the OpenAPI document (openapi-fetch over web/src/api/schema.d.ts,
// as the web app uses) gets a token with the client-credentials grant, performs a counter intake with the bearer token
// and reads the dossier back. The HTTP goes through the in-process server (fetch → inject), nothing else is stubbed.
import createClient from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizen } from '../../src/simulators/citizens';
import type { paths } from '../../web/src/api/schema';
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

    const api = createClient<paths>({ baseUrl: 'http://motcua.test', fetch: inProcessFetch });
    const tok = await api.POST('/api/oauth/token', {
      body: { grant_type: 'client_credentials' },
      bodySerializer: (b) => new URLSearchParams(b as Record<string, string>).toString(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
      },
    });
    expect(tok.response.status).toBe(200);
    const bearer = { authorization: `Bearer ${tok.data!.access_token}` };

    const procs = await api.GET('/api/procedures', { params: { query: { q: '1.004873' } }, headers: bearer });
    const proc = procs.data!.items[0]!;
    const full = await api.GET('/api/procedures/{id}', { params: { path: { id: proc.id } }, headers: bearer });
    const units = await api.GET('/api/units', { headers: bearer });
    const point = units.data!.items.find((u) => u.slug === 'hacthanh')!.receptionPoints[0]!;
    const created = await api.POST('/api/dossiers', {
      headers: { ...bearer, 'idempotency-key': 'typed-client-1' },
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
    const read = await api.GET('/api/dossiers/{id}', { params: { path: { id: created.data!.id } }, headers: bearer });
    expect(read.response.status).toBe(200);
    expect(read.data!.code).toBe(created.data!.code);
    expect(read.data!.applicant.idNumber).toBe(citizen(44).idNumber);
    const today = await api.GET('/api/dossiers', { params: { query: { unitId: t.units.hacthanh } }, headers: bearer });
    expect(today.data!.items.map((d) => d.id)).toContain(created.data!.id);
  });
});
