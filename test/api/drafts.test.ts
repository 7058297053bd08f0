// Intake drafts survive a lost network: saved by id and revision, listed until the dossier is created.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type Session, type TestApi } from '../support/api';

let t: TestApi;
let officer: Session;
beforeAll(async () => {
  t = await createTestApi();
  officer = await t.login('hacthanh.reception-officer');
});
afterAll(() => t.close());

const save = (as: Session, id: string, revision: number, data: Record<string, unknown>) =>
  t.req(as, { method: 'PUT', url: `/api/intake-drafts/${id}`, payload: { unitId: t.units.hacthanh, revision, data } });

describe('intake drafts', () => {
  it('saves, keeps the newest revision when an older retry arrives late, and lists unfinished drafts', async () => {
    const id = randomUUID();
    expect((await save(officer, id, 1, { name: 'Ng' })).statusCode).toBe(200);
    expect((await save(officer, id, 3, { name: 'Nguyễn Văn A' })).json().revision).toBe(3);
    const late = await save(officer, id, 2, { name: 'Nguy' });
    expect(late.json()).toMatchObject({ revision: 3, data: { name: 'Nguyễn Văn A' } });
    const list = (await t.req(officer, { method: 'GET', url: '/api/intake-drafts' })).json().items;
    expect(list.map((d: { id: string }) => d.id)).toContain(id);
  });
  it("DENY: another officer cannot read or overwrite someone's draft; another unit cannot save here", async () => {
    const id = randomUUID();
    await save(officer, id, 1, { name: 'mine' });
    const other = await t.login('nguyetvien.reception-officer');
    expect((await save(other, id, 5, { name: 'theirs' })).statusCode).toBe(403);
    const row = await t.database.db.selectFrom('intake_draft').select('data').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.data).toEqual({ name: 'mine' });
    expect((await t.req(other, { method: 'GET', url: '/api/intake-drafts' })).json().items).toEqual([]);
  });
});
