// A simulated month at Hạc Thành: 4,750 citizens over the working days of March 2026 with a realistic
// hourly arrival profile and handling times, run through the real queue services (tickets, call-next,
// start, finish; appointments booked and checked in) on a real PostgreSQL, with simulated time: every
// call gets its `now` from the simulation clock, never the wall clock. Counters serve all fields (pooled),
// call from 07:30 to 11:30 and 13:00 to 17:00 and finish the day's line after 17:00 (overtime is reported).
// Scenarios: 9, 12 and the Erlang C recommendation for the peak hour; each without and with 30 % booking online.
// Run: nice -n 19 npx tsx bench/queue-month.ts [citizens=4750] [scenarios, e.g. 9:0,rec:0.3] [first N working days]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createDb, type Db } from '../src/db/database';
import { startEmbedded } from '../src/db/embedded';
import { migrateToLatest } from '../src/db/migrate';
import { seedDemo } from '../src/seed/demo';
import { daySlots, vnInstant } from '../src/domain/queue/booking';
import { countersNeeded } from '../src/domain/queue/erlang-c';
import { DEFAULT_QUEUE_SETTINGS, percentile } from '../src/domain/queue/lifecycle';
import { DEFAULT_SCHEDULE, OFFICIAL_YEARS, Calendar } from '../src/domain/calendar/index';
import { AppointmentService } from '../src/services/appointment.service';
import { CalendarService } from '../src/services/calendar.service';
import type { ServiceContext } from '../src/services/context';
import { QueueService } from '../src/services/queue.service';
import { QueueStatsService } from '../src/services/queue-stats.service';

const CITIZENS = Number(process.argv[2] ?? 4750);
/** Optional scenarios "counters:bookedShare,…" (e.g. 12:0,12:0.3; "rec" for the recommendation); all six when absent. They run side by side. */
const ONLY = process.argv[3];
/** Optional: only the first N working days (with `citizens` scaled to match), when a loaded machine cannot run a month per scenario. */
const DAYS = process.argv[4] ? Number(process.argv[4]) : undefined;
const MONTH = '2026-03';
/** Mean handling time (minutes) and its spread: lognormal, the worked example's 15 minutes on average. */
const AHT = 15;
const AHT_CV = 0.6;
/** Arrivals by hour of the day (Vietnam time), relative weights: a morning peak and a smaller afternoon one. */
const PROFILE: Record<number, number> = { 7: 0.6, 8: 1.5, 9: 1.6, 10: 1.3, 11: 0.5, 12: 0.15, 13: 0.7, 14: 1.2, 15: 1.1, 16: 0.6 };

// Deterministic randomness (mulberry32), so every scenario sees the same citizens.
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const lognormal = (r: () => number, mean: number, cv: number) => {
  const s2 = Math.log(1 + cv * cv);
  const z = Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  return Math.exp(Math.log(mean) - s2 / 2 + Math.sqrt(s2) * z);
};

type Visit = { day: string; arrive: number; handling: number; field: number; booked: boolean; slot: number | null };

/** The month's citizens: minutes after midnight (Vietnam time), handling minutes, field index, booked or not. */
function citizens(days: string[], bookedShare: number): Visit[] {
  const r = rng(20260301);
  const hours = Object.entries(PROFILE).map(([h, w]) => [Number(h), w] as const);
  const total = hours.reduce((a, [, w]) => a + w, 0);
  const slots = daySlots(days[0]!, DEFAULT_SCHEDULE.sessions, DEFAULT_QUEUE_SETTINGS).map((d) => {
    const vn = new Date(d.getTime() + 7 * 3_600_000);
    return vn.getUTCHours() * 60 + vn.getUTCMinutes();
  });
  const out: Visit[] = [];
  for (let i = 0; i < CITIZENS; i++) {
    const day = days[Math.floor(r() * days.length)]!;
    let x = r() * total;
    let hour = 7;
    for (const [h, w] of hours) {
      if ((x -= w) <= 0) {
        hour = h;
        break;
      }
    }
    let arrive = hour * 60 + r() * 60;
    if (arrive < 7 * 60 + 30) arrive = 7 * 60 + 30 + r() * 30;
    const handling = Math.min(90, Math.max(2, lognormal(r, AHT, AHT_CV)));
    const field = r() < 0.5 ? 0 : r() < 0.5 ? 1 : 2 + Math.floor(r() * 3);
    const booked = r() < bookedShare;
    let slot: number | null = null;
    if (booked) {
      // The citizen books the slot nearest the time they would have come, and arrives 0–10 minutes early.
      slot = slots.reduce((best, s) => (Math.abs(s - arrive) < Math.abs(best - arrive) ? s : best), slots[0]!);
      arrive = slot - r() * 10;
    }
    out.push({ day, arrive, handling, field, booked, slot });
  }
  return out;
}

async function scenario(db: Db, label: string, counters: number, bookedShare: number, days: string[]) {
  const calendar = new CalendarService(db);
  const queue = new QueueService(db);
  const appointments = new AppointmentService(db, calendar, queue);
  const stats = new QueueStatsService(db);
  const province = (await db.selectFrom('unit').select('id').where('slug', '=', 'tinh').executeTakeFirstOrThrow()).id;
  const slug = `sim-${counters}-${Math.round(bookedShare * 100)}`;
  const unit = await db
    .insertInto('unit')
    .values({
      slug,
      code: `SIM.${counters}.${Math.round(bookedShare * 100)}`,
      name: `Mô phỏng Hạc Thành ${label}`,
      type: 'ward',
      parent_id: province,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const point = await db
    .insertInto('reception_point')
    .values({ unit_id: unit.id, host_unit_id: unit.id, name: 'Trụ sở' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const fields = await db.selectFrom('service_field').select('id').where('province_id', '=', province).orderBy('position').execute();
  const ctxs: { counterId: string; ctx: ServiceContext }[] = [];
  for (let n = 1; n <= counters; n++) {
    const c = await db
      .insertInto('counter')
      .values({ unit_id: unit.id, reception_point_id: point.id, number: n, name: `Quầy ${n}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('counter_field')
      .values(fields.map((f) => ({ counter_id: c.id, field_id: f.id })))
      .execute();
    const u = await db
      .insertInto('staff_user')
      .values({ username: `${slug}.o${n}`, full_name: `Cán bộ ${n}`, password_hash: 'x' } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('user_role').values({ user_id: u.id, unit_id: unit.id, role: 'reception-officer' }).execute();
    ctxs.push({
      counterId: c.id,
      ctx: {
        actor: {
          userId: u.id,
          username: `${slug}.o${n}`,
          fullName: `Cán bộ ${n}`,
          roles: [{ unitId: unit.id, role: 'reception-officer' }],
        },
        requestId: 'sim',
        lang: 'vi',
        ip: '',
      },
    });
  }
  const visits = citizens(days, bookedShare);
  // Citizens who book: a pool large enough that nobody books twice a day.
  const pool: string[] = [];
  const bookers = visits.filter((v) => v.booked).length;
  const perDay = Math.ceil((bookers / days.length) * 2) + 10;
  for (let i = 0; i < perDay; i++)
    pool.push(
      (
        await db
          .insertInto('citizen')
          .values({
            id_number: `9${String(counters).padStart(2, '0')}${String(Math.round(bookedShare * 100)).padStart(2, '0')}${String(i).padStart(7, '0')}`,
            full_name: `Công dân ${i}`,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
  let overtimeMinutes = 0;
  let refusedBookings = 0;
  const t0 = performance.now();
  for (const day of days) {
    const today = visits.filter((v) => v.day === day).sort((a, b) => a.arrive - b.arrive);
    const at = (m: number) => vnInstant(day, m);
    // Bookings are made the evening before.
    const codes = new Map<Visit, string>();
    let k = 0;
    for (const v of today.filter((x) => x.booked)) {
      const cctx: ServiceContext = {
        actor: null,
        citizen: { citizenId: pool[k++ % pool.length]!, idNumber: '', fullName: '', loa: 2, sessionId: '' },
        requestId: 'sim',
        lang: 'vi',
        ip: '',
      };
      try {
        const a = await appointments.book(cctx, { unitId: unit.id, fieldId: fields[v.field]!.id, slotStart: at(v.slot!) }, at(-6 * 60));
        codes.set(v, a.code);
      } catch {
        refusedBookings++; // slot full: the citizen comes as a walk-in at the same time
      }
    }
    for (const c of ctxs) await queue.open(c.ctx, c.counterId, at(7 * 60 + 30));
    const free = ctxs.map(() => 7 * 60 + 30);
    let waiting = 0;
    let i = 0;
    let clock = 0;
    const sessionStart = (m: number) => (m >= 11 * 60 + 30 && m < 13 * 60 ? 13 * 60 : m);
    for (;;) {
      const nextArrival = i < today.length ? today[i]!.arrive : Infinity;
      // The counter that can call first: free, within office sessions (lunch pauses calls).
      let ci = -1;
      let when = Infinity;
      if (waiting > 0)
        for (const [j, f] of free.entries()) {
          const m = sessionStart(Math.max(f, clock));
          if (m < when) [ci, when] = [j, m];
        }
      if (nextArrival === Infinity && ci < 0) break;
      if (nextArrival <= when) {
        const v = today[i++]!;
        clock = v.arrive;
        const code = codes.get(v);
        const r = code
          ? await appointments.checkIn(unit.id, code, at(v.arrive))
          : await queue.issue(unit.id, { fieldId: fields[v.field]!.id }, at(v.arrive));
        handlingOf.set(r.ticket.id, v.handling);
        waiting++;
        continue;
      }
      const c = ctxs[ci]!;
      clock = when;
      const t = await queue.callNext(c.ctx, c.counterId, at(when));
      waiting--;
      const handling = handlingOf.get(t.id)!;
      await queue.act(c.ctx, c.counterId, 'start', at(when + 0.5));
      await queue.act(c.ctx, c.counterId, 'finish', at(when + 0.5 + handling));
      free[ci] = when + 0.5 + handling;
    }
    overtimeMinutes += free.reduce((a, f) => a + Math.max(0, f - 17 * 60), 0);
    for (const c of ctxs) await queue.close(c.ctx, c.counterId, at(Math.max(17 * 60, ...free)));
  }
  const first = days[0]!;
  const last = days[days.length - 1]!;
  const all = await stats.waits(unit.id, first, last);
  const walkIns = await stats.waits(unit.id, first, last, false);
  const booked = await stats.waits(unit.id, first, last, true);
  const within15 = all.filter((w) => w <= 15).length / all.length;
  return {
    label,
    counters,
    bookedShare,
    tickets: all.length,
    p50: percentile(all, 50),
    p90: percentile(all, 90),
    max: Math.max(...all),
    within15,
    walkInP90: percentile(walkIns, 90),
    bookedP90: booked.length ? percentile(booked, 90) : null,
    overtimePerCounterDay: overtimeMinutes / counters / days.length,
    refusedBookings,
    seconds: (performance.now() - t0) / 1000,
  };
}

/** Each ticket's handling time: the visit's own. */
const handlingOf = new Map<string, number>();

const cal = new Calendar(OFFICIAL_YEARS);
const days: string[] = [];
for (let d = 1; d <= 31; d++) {
  const date = `${MONTH}-${String(d).padStart(2, '0')}`;
  if (cal.isWorkingDay(date, DEFAULT_SCHEDULE)) days.push(date);
}
if (DAYS) days.splice(DAYS);
// The recommendation: Erlang C for the profile's peak hour (80 % within 15 minutes, occupancy ≤ 85 %).
const totalWeight = Object.values(PROFILE).reduce((a, b) => a + b, 0);
const peakPerHour = (CITIZENS / days.length) * (Math.max(...Object.values(PROFILE)) / totalWeight);
const recommended = countersNeeded({ arrivalsPerHour: peakPerHour, ahtMinutes: AHT, targetWaitMinutes: 15, serviceLevel: 0.8 });

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-'));
fs.chmodSync(dir, 0o755);
const pg = await startEmbedded({ dataDir: dir, log: () => {} });
let db = createDb(pg.url('postgres'));
try {
  await migrateToLatest(db);
  await seedDemo(db, 'BenchPass2026x');
  // Commits without waiting for the disk: the simulation measures waits in simulated time, not the disk.
  await sql`ALTER DATABASE postgres SET synchronous_commit = off`.execute(db);
  await db.destroy();
  db = createDb(pg.url('postgres'));
  console.log(
    `${CITIZENS} citizens over ${days.length} working days of ${MONTH} (${(CITIZENS / days.length).toFixed(0)} a day); AHT ${AHT} min (lognormal, CV ${AHT_CV}); ` +
      `peak hour ${peakPerHour.toFixed(1)} arrivals → Erlang C recommends ${recommended.counters} counters (SL ${(recommended.serviceLevel * 100).toFixed(0)} %)`,
  );
  const rows = [];
  const f = (x: number | null) => (x === null ? '—' : x.toFixed(1));
  console.log(
    '\n| counters | booked online | tickets | wait p50 | wait p90 | wait max | ≤ 15 min | walk-in p90 | booked p90 (from slot) | overtime / counter-day |',
  );
  console.log(
    '| -------: | ------------: | ------: | -------: | -------: | -------: | -------: | ----------: | ---------------------: | ---------------------: |',
  );
  const scenarios = ONLY
    ? ONLY.split(',').map((x) => {
        const [n, share] = x.split(':');
        return [n === 'rec' ? recommended.counters : Number(n), Number(share ?? 0)] as const;
      })
    : [9, recommended.counters, 12].flatMap((n) => [0, 0.3].map((share) => [n, share] as const));
  // The scenarios run side by side, each in its own ward with its own counters and citizens: each one is a
  // chain of short transactions whose time is mostly round trips to PostgreSQL, so running them together keeps
  // the database busy instead of waiting on one chain (profiled: ~25 queries per citizen at 2–3 ms each on a
  // loaded machine, none dominant). The simulated clock is per scenario; nothing depends on the wall clock.
  const t0 = performance.now();
  const results = await Promise.all(
    scenarios.map(async ([n, share]) => {
      const r = await scenario(db, `${n} quầy, ${share * 100}% đặt hẹn`, n, share, days);
      console.error(`${r.label}: ${r.tickets} tickets, finished after ${r.seconds.toFixed(0)} s`);
      return r;
    }),
  );
  console.error(`all scenarios: ${((performance.now() - t0) / 1000).toFixed(0)} s of wall time`);
  for (const r of results) {
    rows.push(r);
    console.log(
      `| ${r.counters}${r.counters === recommended.counters ? ' (recommended)' : ''} | ${r.bookedShare * 100} % | ${r.tickets} | ${f(r.p50)} min | ${f(r.p90)} min | ${f(r.max)} min | ${(r.within15 * 100).toFixed(0)} % | ${f(r.walkInP90)} min | ${r.bookedP90 === null ? '—' : f(r.bookedP90) + ' min'} | ${f(r.overtimePerCounterDay)} min |`,
    );
  }
  console.log(
    `\nBookings refused (slot full → came as walk-ins): ${rows.map((r) => `${r.counters}/${r.bookedShare * 100}%: ${r.refusedBookings}`).join(', ')}`,
  );
} finally {
  await db.destroy();
  await pg.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
