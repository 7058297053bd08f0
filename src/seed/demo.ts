// The demo province, modelled on Thanh Hóa: the provincial centre, wards Hạc Thành and Nguyệt Viên and a
// commune, each with reception points (Hạc Thành also receives at the provincial centre), and demo staff
// `admin` (the one system administrator) and `<unit slug>.<role>` for every role of every unit, province-admin only
// in the province unit. Seeded once; later runs change nothing
// but the demo password when it was changed. Agency codes are illustrative, not the official ones.
import { verify as argonVerify } from '@node-rs/argon2';
import { OFFICIAL_YEARS } from '../domain/calendar/index';
import { ProcedureInput } from '../domain/catalogue/procedure';
import { ROLES, type Role } from '../domain/roles';
import { seedDemoFeedback } from './demo-feedback';
import { hashPassword } from '../services/auth.service';
import type { Db } from '../db/database';
import { appendAudit } from '../db/repositories/audit.repository';
import { insertVersion } from '../db/repositories/procedure.repository';
import demoProcedures from './demo-procedures.json' with { type: 'json' };
import { seedDemoQueue } from './demo-queue';

export const DEMO_UNITS = [
  {
    slug: 'tinh',
    code: '000.00.00.H56',
    name: 'Trung tâm Phục vụ hành chính công tỉnh Thanh Hóa',
    type: 'province' as const,
    address: '28 Đại lộ Lê Lợi, phường Hạc Thành, tỉnh Thanh Hóa',
    phone: '0237 3900 900',
    points: [{ name: 'Trung tâm Phục vụ hành chính công tỉnh', host: 'tinh' }],
  },
  {
    slug: 'hacthanh',
    code: '000.01.00.H56',
    name: 'Trung tâm Phục vụ hành chính công phường Hạc Thành',
    type: 'ward' as const,
    address: '35 Nguyễn Trãi, phường Hạc Thành, tỉnh Thanh Hóa',
    phone: '0237 3852 111',
    points: [
      { name: 'Trụ sở Trung tâm phường Hạc Thành', host: 'hacthanh' },
      { name: 'Điểm tiếp nhận tại Trung tâm Phục vụ hành chính công tỉnh', host: 'tinh' },
    ],
  },
  {
    slug: 'nguyetvien',
    code: '000.02.00.H56',
    name: 'Trung tâm Phục vụ hành chính công phường Nguyệt Viên',
    type: 'ward' as const,
    address: 'Trụ sở UBND phường Hoằng Quang (cũ), phường Nguyệt Viên, tỉnh Thanh Hóa',
    phone: '0237 3868 222',
    points: [
      { name: 'Trụ sở Trung tâm phường Nguyệt Viên', host: 'nguyetvien' },
      { name: 'Điểm tiếp nhận Hoằng Đại', host: 'nguyetvien' },
    ],
  },
  {
    slug: 'dongtien',
    code: '000.03.00.H56',
    name: 'Trung tâm Phục vụ hành chính công xã Đông Tiến',
    type: 'commune' as const,
    address: 'Thôn 3, xã Đông Tiến, tỉnh Thanh Hóa',
    phone: '0237 3700 333',
    points: [{ name: 'Trụ sở Trung tâm xã Đông Tiến', host: 'dongtien' }],
  },
];

const FAMILY = ['Nguyễn', 'Lê', 'Trần', 'Phạm', 'Hoàng', 'Vũ', 'Đỗ', 'Bùi', 'Ngô', 'Đặng'];
const GIVEN = ['Thị Lan', 'Văn Hùng', 'Thị Hương', 'Minh Tuấn', 'Thu Trang', 'Đức Anh', 'Thị Mai', 'Quang Huy', 'Thanh Hà', 'Văn Nam'];
const TITLES: Record<string, string> = {
  'system-admin': 'Quản trị hệ thống',
  'province-admin': 'Chuyên viên quản trị',
  'centre-director': 'Giám đốc Trung tâm',
  'reception-officer': 'Công chức tiếp nhận',
  specialist: 'Chuyên viên',
  leader: 'Phó Chủ tịch UBND',
  'feedback-officer': 'Công chức xử lý phản ánh',
};

/** The roles a demo unit's staff get: province roles only in the province unit, and one system administrator
 * (`admin`) for the whole system — the real shape, where a ward's staff never hold a province-wide role. */
export function demoRoles(unitType: 'province' | 'ward' | 'commune'): Role[] {
  return ROLES.filter((r) => r !== 'system-admin' && (unitType === 'province' || r !== 'province-admin'));
}

export function demoUsernames(): string[] {
  return ['admin', ...DEMO_UNITS.flatMap((u) => demoRoles(u.type).map((r) => `${u.slug}.${r}`))];
}

/** Seeds the demo province once (each part once, so a database seeded by an older release gains the new parts). Returns true when it seeded now. */
export async function seedDemo(db: Db, password: string): Promise<boolean> {
  const done = await db.selectFrom('app_meta').select('key').where('key', '=', 'demo-seeded').executeTakeFirst();
  if (done) await syncDemoPassword(db, password);
  else await seedDemoPeople(db, password);
  await seedDemoCatalogue(db);
  await seedDemoFeedback(db);
  await seedDemoQueue(db);
  return !done;
}

/**
 * The official 2025 and 2026 calendars and the demo catalogue of real commune-level procedures
 * (sources in demo-procedures.sources.md), enabled at every ward and commune.
 */
async function seedDemoCatalogue(db: Db): Promise<void> {
  const done = await db.selectFrom('app_meta').select('key').where('key', '=', 'demo-catalogue-seeded').executeTakeFirst();
  const province = await db.selectFrom('unit').select('id').where('slug', '=', 'tinh').executeTakeFirst();
  if (done || !province) return;
  const procedures = demoProcedures.map((p) => ProcedureInput.parse(p));
  await db.transaction().execute(async (trx) => {
    for (const y of OFFICIAL_YEARS)
      await trx
        .insertInto('calendar_year')
        .values({
          province_id: province.id,
          year: y.year,
          holidays: [...y.holidays],
          working_days: [...y.workingDays],
          generated: false,
          source: 'Lịch nghỉ lễ, Tết chính thức của cán bộ, công chức (dữ liệu mẫu)',
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
    const local = await trx.selectFrom('unit').select('id').where('parent_id', '=', province.id).execute();
    for (const input of procedures) {
      const p = await trx
        .insertInto('procedure')
        .values({ province_id: province.id, code: input.code })
        .returning('id')
        .executeTakeFirstOrThrow();
      await insertVersion(trx, p.id, 1, input, null);
      if (local.length)
        await trx
          .insertInto('unit_procedure')
          .values(local.map((u) => ({ unit_id: u.id, procedure_id: p.id })))
          .execute();
    }
    await trx
      .insertInto('app_meta')
      .values({ key: 'demo-catalogue-seeded', value: JSON.stringify({ procedures: procedures.length }) })
      .execute();
  });
}

async function seedDemoPeople(db: Db, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    const ids = new Map<string, string>();
    const province = DEMO_UNITS[0]!;
    for (const u of DEMO_UNITS) {
      const row = await trx
        .insertInto('unit')
        .values({
          slug: u.slug,
          code: u.code,
          name: u.name,
          type: u.type,
          parent_id: u.type === 'province' ? null : ids.get(province.slug)!,
          address: u.address,
          phone: u.phone,
          email: `${u.slug}@thanhhoa.demo.motcua.vn`,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.set(u.slug, row.id);
    }
    for (const u of DEMO_UNITS)
      for (const p of u.points)
        await trx
          .insertInto('reception_point')
          .values({ unit_id: ids.get(u.slug)!, host_unit_id: ids.get(p.host)!, name: p.name })
          .execute();

    let n = 0;
    const addUser = async (username: string, unitSlug: string, role: string) => {
      const fullName = `${FAMILY[n % FAMILY.length]} ${GIVEN[(n * 7) % GIVEN.length]}`;
      const publish = role !== 'system-admin' && n % 2 === 0;
      n++;
      const row = await trx
        .insertInto('staff_user')
        .values({
          username,
          full_name: fullName,
          title: TITLES[role] ?? '',
          email: `${username}@demo.motcua.vn`,
          phone: `0912${String(100000 + n).slice(-6)}`,
          password_hash: passwordHash,
          publish_email: publish,
          publish_phone: publish,
          public_phone: publish ? `0237 38${String(10000 + n).slice(-5)}` : '',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('user_role')
        .values({ user_id: row.id, unit_id: ids.get(unitSlug)!, role })
        .execute();
    };
    await addUser('admin', 'tinh', 'system-admin');
    for (const u of DEMO_UNITS) for (const r of demoRoles(u.type)) await addUser(`${u.slug}.${r}`, u.slug, r);

    await trx
      .insertInto('app_meta')
      .values({ key: 'demo-seeded', value: JSON.stringify({ at: new Date().toISOString() }) })
      .execute();
    await appendAudit(trx, {
      actorId: null,
      actorName: 'motcua',
      actorRole: 'system',
      unitId: null,
      action: 'demo.seed',
      subjectType: 'system',
      subjectId: 'demo',
      requestId: 'seed',
      details: { units: DEMO_UNITS.length, users: n },
    });
  });
}

/** A changed MOTCUA_DEMO_PASSWORD applies to every demo account at the next start. */
async function syncDemoPassword(db: Db, password: string): Promise<void> {
  const admin = await db.selectFrom('staff_user').select('password_hash').where('username', '=', 'admin').executeTakeFirst();
  if (!admin || (await argonVerify(admin.password_hash, password).catch(() => false))) return;
  const passwordHash = await hashPassword(password);
  await db.updateTable('staff_user').set({ password_hash: passwordHash }).where('username', 'in', demoUsernames()).execute();
}
