// Who sees which unit's indicators, signals and reports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type Session, type TestApi } from '../support/api';

let t: TestApi;
let nvDirector: Session;
let htOfficer: Session;
let htDirector: Session;
beforeAll(async () => {
  t = await createTestApi();
  [nvDirector, htOfficer, htDirector] = await Promise.all([
    t.login('nguyetvien.centre-director'),
    t.login('hacthanh.reception-officer'),
    t.login('hacthanh.centre-director'),
  ]);
}, 120_000);
afterAll(() => t.close());

const period = 'from=2026-01-01&to=2026-01-31';
const urls = (u: string) => [
  `/api/indicators?unitId=${u}&${period}`,
  `/api/indicators/breakdown?unitId=${u}&${period}&by=officer`,
  `/api/indicators/ranking?unitId=${u}&${period}`,
  `/api/compliance?unitId=${u}&${period}`,
  `/api/reports/form-06?unitId=${u}&${period}`,
  `/api/reports/form-06?unitId=${u}&${period}&format=xlsx`,
];

describe('indicator scopes', () => {
  it("DENY: another ward's director, a reception officer, the province view by a ward director, and no session", async () => {
    for (const url of urls(t.units.hacthanh)) {
      expect((await t.req(nvDirector, { method: 'GET', url })).statusCode, url).toBe(403);
      expect((await t.req(htOfficer, { method: 'GET', url })).statusCode, url).toBe(403);
      expect((await t.req(null, { method: 'GET', url })).statusCode, url).toBe(401);
    }
    for (const url of urls(t.units.tinh)) expect((await t.req(htDirector, { method: 'GET', url })).statusCode, url).toBe(403);
  });
  it("a director sees their own unit's", async () => {
    for (const url of urls(t.units.hacthanh)) expect((await t.req(htDirector, { method: 'GET', url })).statusCode, url).toBe(200);
  });
});
