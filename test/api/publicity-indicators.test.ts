// Decision 766 group 1 (indicators 1.1–1.3) from the publication records of procedure versions (issue 17): the
// deciding document's dates and the publication time are fed in as records, and the oversight figures read them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertVersion } from '../../src/db/repositories/procedure.repository';
import type { ProcedureInput } from '../../src/domain/catalogue/procedure';
import { createTestApi, type Session, type TestApi } from '../support/api';

let t: TestApi;
let admin: Session;

type Record = { code: string; decisionDate: string; effectiveDate: string; publishedAt: string; drop?: 'legalBasis' };

/** A new version of a catalogue procedure, published with these dates (written directly: the dates are in the past). */
async function published(exported: ProcedureInput[], r: Record): Promise<void> {
  const input = exported.find((p) => p.code === r.code)!;
  const { id } = await t.database.db.selectFrom('procedure').select('id').where('code', '=', r.code).executeTakeFirstOrThrow();
  await t.database.db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom('procedure_version')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('procedure_id', '=', id)
      .executeTakeFirstOrThrow();
    const body = r.drop === 'legalBasis' ? { ...input, legalBasis: [] } : input;
    const versionId = await insertVersion(trx, id, Number(last.v) + 1, body, null);
    await trx
      .insertInto('procedure_publication')
      .values({
        version_id: versionId,
        procedure_id: id,
        status: 'published',
        reviewed_at: new Date(r.publishedAt),
        decision_number: `${r.code}/QĐ-UBND`,
        decision_date: r.decisionDate,
        effective_date: r.effectiveDate,
        published_at: new Date(r.publishedAt),
      })
      .execute();
  });
}

beforeAll(async () => {
  t = await createTestApi();
  admin = await t.login('tinh.province-admin');
  const exported = (await t.req(admin, { method: 'GET', url: '/api/procedures/export' })).json() as ProcedureInput[];
  // On time: decided 10 working days before effect, made public 2 working days after the decision.
  await published(exported, {
    code: '1.001193',
    decisionDate: '2026-03-02',
    effectiveDate: '2026-03-16',
    publishedAt: '2026-03-04T03:00:00Z',
  });
  // Late twice: decided 2 working days before effect; made public 11 working days after; no legal basis.
  await published(exported, {
    code: '1.004873',
    decisionDate: '2026-03-10',
    effectiveDate: '2026-03-12',
    publishedAt: '2026-03-25T03:00:00Z',
    drop: 'legalBasis',
  });
}, 120_000);
afterAll(() => t.close());

const indicators = async (unitId: string, from: string, to: string) => {
  const r = await t.req(admin, { method: 'GET', url: `/api/indicators?unitId=${unitId}&from=${from}&to=${to}` });
  expect(r.statusCode, r.body).toBe(200);
  const items = r.json().indicators as { id: string; numerator: number; denominator: number; value: number | null; score: number | null }[];
  return (id: string) => items.find((i) => i.id === id)!;
};

describe('indicators 1.1–1.3 from publication records', () => {
  it('March: one late decision makes 1.1 late for the period; 1.2 counts each; 1.3 the versions in force at the end', async () => {
    const i = await indicators(t.units.tinh, '2026-03-01', '2026-03-31');
    expect(i('1.1')).toMatchObject({ numerator: 0, denominator: 2, value: 0, score: 0 });
    expect(i('1.2')).toMatchObject({ numerator: 1, denominator: 2, value: 0.5, score: 2 });
    // In force on 31 March: only the two versions published then (the demo catalogue was made later).
    expect(i('1.3')).toMatchObject({ numerator: 1, denominator: 2, value: 0.5, score: 2 });
  });

  it('a period with only the on-time decision scores full marks on 1.1 and 1.2', async () => {
    const i = await indicators(t.units.tinh, '2026-03-01', '2026-03-05');
    expect(i('1.1')).toMatchObject({ numerator: 1, denominator: 1, value: 1, score: 4 });
    expect(i('1.2')).toMatchObject({ numerator: 1, denominator: 1, value: 1, score: 4 });
    expect(i('1.3')).toMatchObject({ numerator: 1, denominator: 1, value: 1 });
  });

  it('a period with no decision has no data for 1.1–1.2 (not 0 %)', async () => {
    const i = await indicators(t.units.tinh, '2026-01-01', '2026-01-31');
    expect(i('1.1')).toMatchObject({ denominator: 0, value: null, score: null });
    expect(i('1.2')).toMatchObject({ denominator: 0, value: null, score: null });
  });

  it('the group 1 score of the ranking reads them per unit', async () => {
    const r = await t.req(admin, { method: 'GET', url: `/api/indicators/ranking?unitId=${t.units.tinh}&from=2026-03-01&to=2026-03-31` });
    expect(r.statusCode, r.body).toBe(200);
    const items = r.json().items as { unitId: string; indicators: { id: string; denominator: number }[] }[];
    expect(items.length).toBeGreaterThan(0);
    for (const u of items) expect(u.indicators.map((x) => x.id)).toEqual(expect.arrayContaining(['1.1', '1.2', '1.3']));
  });
});
