// The demo history: a year of dossiers generated set-based, with the differences the dashboards should show.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeIndicators, indicatorSet } from '../../src/domain/indicators';
import { tallies } from '../../src/db/repositories/indicator.repository';
import { seedDemoHistory } from '../../src/seed/history';
import { freshDatabase, type TestDb } from '../support/db';

let t: TestDb;
beforeAll(async () => {
  t = await freshDatabase();
}, 60_000);
afterAll(async () => t?.drop());

const NOW = new Date('2026-11-20T10:00:00+07:00');

describe('demo history', () => {
  it('seeds a year once, with a late field at Hạc Thành and poor digitisation at Đông Tiến', async () => {
    const n = await seedDemoHistory(t.db, NOW);
    expect(n).toBeGreaterThan(10_000);
    expect(await seedDemoHistory(t.db, NOW)).toBe(0);
    const units = Object.fromEntries((await t.db.selectFrom('unit').select(['id', 'slug']).execute()).map((u) => [u.slug, u.id]));
    const set = indicatorSet()!;
    const year = { from: '2025-11-20', to: '2026-11-19' };
    const byUnit = await tallies(t.db, { unitIds: [units.hacthanh!, units.nguyetvien!, units.dongtien!], ...year, by: 'unit' });
    const ind = (slug: string, key: string) =>
      computeIndicators(set, byUnit.get(units[slug]!)!).indicators.find((i) => i.key === key)!.value!;
    expect(ind('nguyetvien', 'on-time-rate')).toBeGreaterThan(ind('hacthanh', 'on-time-rate'));
    expect(ind('dongtien', 'digitised-rate')).toBeLessThan(0.4);
    expect(ind('hacthanh', 'digitised-rate')).toBeGreaterThan(0.6);
    // Hạc Thành's social protection field is the late one.
    const byProc = await tallies(t.db, { unitIds: [units.hacthanh!], ...year, by: 'procedure' });
    const fields = new Map(
      (
        await t.db
          .selectFrom('procedure as p')
          .innerJoin('procedure_version as v', 'v.id', 'p.current_version_id')
          .select(['p.id', 'v.field'])
          .execute()
      ).map((r) => [r.id, r.field]),
    );
    const late = (field: string) => {
      let finished = 0;
      let onTime = 0;
      for (const [pid, x] of byProc) {
        if (fields.get(pid) !== field) continue;
        finished += x.finished;
        onTime += x.finishedOnTime;
      }
      return 1 - onTime / finished;
    };
    expect(late('Bảo trợ xã hội')).toBeGreaterThan(0.3);
    expect(late('Hộ tịch')).toBeLessThan(0.1);
  }, 180_000);
});
