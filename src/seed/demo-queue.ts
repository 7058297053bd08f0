// The demo waiting rooms: the catalogue's fields (lĩnh vực) with ticket prefixes, and counters at each
// reception point serving them (every field served at every point; Hộ tịch, the busiest, at every counter).
import { sql } from 'kysely';
import type { Db } from '../db/database';

const PREFIXES = 'ABCDEFGHKLMNPQRSTUVXY';
/** Counters per reception point, by unit slug and point order. */
const COUNTERS: Record<string, number[]> = { hacthanh: [6, 2], nguyetvien: [3, 2], dongtien: [3], tinh: [4] };

export async function seedDemoQueue(db: Db): Promise<void> {
  const done = await db.selectFrom('app_meta').select('key').where('key', '=', 'demo-queue-seeded').executeTakeFirst();
  const province = await db.selectFrom('unit').select('id').where('slug', '=', 'tinh').executeTakeFirst();
  if (done || !province) return;
  await db.transaction().execute(async (trx) => {
    const names = await trx
      .selectFrom('procedure_version as v')
      .innerJoin('procedure as p', 'p.current_version_id', 'v.id')
      .where('p.province_id', '=', province.id)
      .select('v.field')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .groupBy('v.field')
      .orderBy('n', 'desc')
      .orderBy('v.field')
      .execute();
    const fields: { id: string; name: string }[] = [];
    for (const [i, f] of names.entries())
      fields.push(
        await trx
          .insertInto('service_field')
          .values({ province_id: province.id, name: f.field, prefix: PREFIXES[i % PREFIXES.length]!, position: i })
          .returning(['id', 'name'])
          .executeTakeFirstOrThrow(),
      );
    const units = await trx.selectFrom('unit').select(['id', 'slug']).execute();
    for (const u of units) {
      const points = await trx
        .selectFrom('reception_point')
        .select('id')
        .where('unit_id', '=', u.id)
        .orderBy(sql`host_unit_id = unit_id`, 'desc')
        .orderBy('name')
        .execute();
      for (const [pi, p] of points.entries()) {
        const k = COUNTERS[u.slug]?.[pi] ?? 2;
        for (let n = 1; n <= k; n++) {
          const c = await trx
            .insertInto('counter')
            .values({ unit_id: u.id, reception_point_id: p.id, number: n, name: `Quầy ${n}` })
            .returning('id')
            .executeTakeFirstOrThrow();
          const serves = fields.filter((_f, j) => j === 0 || j % k === (n - 1) % k);
          if (serves.length)
            await trx
              .insertInto('counter_field')
              .values(serves.map((f) => ({ counter_id: c.id, field_id: f.id })))
              .execute();
        }
      }
    }
    await trx
      .insertInto('app_meta')
      .values({ key: 'demo-queue-seeded', value: JSON.stringify({ fields: fields.length }) })
      .execute();
  });
}
