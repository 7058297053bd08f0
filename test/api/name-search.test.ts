// Name search in the work queues (issue 14): a name typed from its start is looked up on the unit's own names
// (the B-tree of unit and folded name, migration 0030), with and without diacritics; only when no dossier of the
// queue has a name starting with the term are names containing it anywhere listed; the pages of one search
// never mix the two. The dossiers are made at the counter and renamed through SQL, so their names are known.
// Fragments go through the name dictionary (migration 0032), which the dossier triggers keep; a fragment
// contained in more names than the dictionary path takes is answered by the queue read with a filter, alike.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRAGMENT_NAMES_MAX } from '../../src/db/repositories/dossier-queries.repository';
import { foldVietnamese } from '../../src/domain/catalogue/fee';
import { citizen } from '../../src/simulators/citizens';
import { createTestApi, type Session, type TestApi } from '../support/api';

let t: TestApi;
let officer: Session;
type Proc = { id: string; components: { id: string; mandatory: boolean; fromRegistry: boolean }[] };
const ids: Record<'lam' | 'lamAnh' | 'mai', string> = { lam: '', lamAnh: '', mai: '' };

beforeAll(async () => {
  t = await createTestApi();
  officer = await t.login('hacthanh.reception-officer');
  const marital = ((await t.req(null, { method: 'GET', url: '/api/procedures?q=1.004873' })).json().items as Proc[])[0]!;
  const units = (await t.req(null, { method: 'GET', url: '/api/units' })).json().items as {
    slug: string;
    receptionPoints: { id: string; hostUnitId: string }[];
  }[];
  const point = units.find((u) => u.slug === 'hacthanh')!.receptionPoints.find((p) => p.hostUnitId === t.units.hacthanh)!.id;
  // Names no generated citizen has; the fragment "tuoc" starts none of them; due dates fix the order.
  const named = [
    ['mai', 'Mai Khổng Tước', '2031-01-01T01:00:00Z'],
    ['lam', 'Khổng Tước Lam', '2031-01-02T01:00:00Z'],
    ['lamAnh', 'Khổng Tước Lâm Anh', '2031-01-03T01:00:00Z'],
  ] as const;
  for (const [key, name, due] of named) {
    const r = await t.req(officer, {
      method: 'POST',
      url: '/api/dossiers',
      payload: {
        procedureId: marital.id,
        competentUnitId: t.units.hacthanh,
        receptionPointId: point,
        channel: 'in-person',
        applicant: { idNumber: citizen(4301).idNumber, fullName: 'x' },
        components: marital.components.filter((c) => c.mandatory && !c.fromRegistry).map((c) => ({ componentId: c.id, presented: true })),
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    ids[key] = r.json().id as string;
    await t.database.db
      .updateTable('dossier')
      .set({ applicant_name: name, due_at: new Date(due) })
      .where('id', '=', ids[key])
      .execute();
  }
}, 60_000);
afterAll(() => t.close());

type Page = { items: { id: string }[]; nextCursor: string | null };
const search = async (q: string, limit = 50, cursor?: string): Promise<Page> => {
  const url = `/api/dossiers?unitId=${t.units.hacthanh}&q=${encodeURIComponent(q)}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
  const r = await t.req(officer, { method: 'GET', url });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as Page;
};
const found = async (q: string) => (await search(q)).items.map((d) => d.id);

describe('name search: from the start first, fragments when no name starts with the term', () => {
  it('a name typed from its start lists the names starting with it, due first, with or without diacritics', async () => {
    // "Mai Khổng Tước" contains the term too, but not at its start: not listed while names start with it.
    for (const q of ['Khổng Tước', 'khong tuoc', 'KHONG TUOC', '  khổng tước  ']) expect(await found(q), q).toEqual([ids.lam, ids.lamAnh]);
    // Folded, "Lâm" and "Lam" are one name.
    expect(await found('Khổng Tước Lâm')).toEqual([ids.lam, ids.lamAnh]);
    expect(await found('khong tuoc lam anh')).toEqual([ids.lamAnh]);
    expect(await found('mai khong tuoc')).toEqual([ids.mai]);
  });

  it('a fragment that starts no name lists every name containing it, due first', async () => {
    for (const q of ['tuoc', 'Tước', 'ng tuo']) expect(await found(q), q).toEqual([ids.mai, ids.lam, ids.lamAnh]);
    expect(await found('tuoc lam')).toEqual([ids.lam, ids.lamAnh]);
    expect(await found('Tước Lâm')).toEqual([ids.lam, ids.lamAnh]);
  });

  it('pages of one search stay with the kind of match its first page had', async () => {
    const first = await search('khong tuoc', 1);
    expect(first.items.map((d) => d.id)).toEqual([ids.lam]);
    const second = await search('khong tuoc', 1, first.nextCursor!);
    expect(second.items.map((d) => d.id)).toEqual([ids.lamAnh]);
    // After the last name starting with the term, no fragment match follows.
    expect(second.nextCursor === null || (await search('khong tuoc', 1, second.nextCursor)).items.length === 0).toBe(true);
    const f1 = await search('tuoc', 2);
    expect(f1.items.map((d) => d.id)).toEqual([ids.mai, ids.lam]);
    expect((await search('tuoc', 2, f1.nextCursor!)).items.map((d) => d.id)).toEqual([ids.lamAnh]);
  });

  it('LIKE wildcards typed by the user are literal', async () => {
    expect(await found('khong%')).toEqual([]);
    expect(await found('_hong tuoc')).toEqual([]);
  });

  it('the dictionary holds every applicant name, folded, from intake and from a change of name', async () => {
    const has = async (name: string) =>
      (await t.database.db.selectFrom('applicant_name').select('folded').where('folded', '=', foldVietnamese(name)).executeTakeFirst()) !==
      undefined;
    for (const name of ['Mai Khổng Tước', 'Khổng Tước Lam', 'Khổng Tước Lâm Anh']) expect(await has(name), name).toBe(true);
    // The name an intake wrote (from the registry), before any rename.
    const intake = await t.database.db
      .selectFrom('dossier')
      .select('applicant_name')
      .where('applicant_name', '!=', 'x')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(await has(intake.applicant_name)).toBe(true);
    // A name lost from the dictionary (a load with triggers off) comes back with the rebuild.
    await t.database.db.deleteFrom('applicant_name').where('folded', '=', foldVietnamese('Khổng Tước Lam')).execute();
    const added = await sql<{ n: number }>`SELECT applicant_name_rebuild() AS n`.execute(t.database.db);
    expect(Number(added.rows[0]!.n)).toBeGreaterThanOrEqual(1);
    expect(await has('Khổng Tước Lam')).toBe(true);
  });

  it('a fragment in more names than the dictionary path takes gives the same answer, read with a filter', async () => {
    const before = await found('tuoc');
    expect(before).toEqual([ids.mai, ids.lam, ids.lamAnh]);
    // Names nobody has, all containing "tuoc": the fragment now matches more than FRAGMENT_NAMES_MAX names.
    await t.database.db
      .insertInto('applicant_name')
      .values(Array.from({ length: FRAGMENT_NAMES_MAX + 1 }, (_, i) => ({ folded: `zz tuoc ${i}` })))
      .onConflict((oc) => oc.doNothing())
      .execute();
    try {
      expect(await found('tuoc')).toEqual(before);
      expect(await found('Tước Lâm')).toEqual([ids.lam, ids.lamAnh]);
      const f1 = await search('tuoc', 2);
      expect(f1.items.map((d) => d.id)).toEqual([ids.mai, ids.lam]);
      expect((await search('tuoc', 2, f1.nextCursor!)).items.map((d) => d.id)).toEqual([ids.lamAnh]);
    } finally {
      await t.database.db.deleteFrom('applicant_name').where('folded', 'like', 'zz tuoc %').execute();
    }
  });
});
