// What the deadline watch and the portal sync show people: the alerts of one's units, the director's view
// of a unit (due soon, overdue, breaches), and the unit's national portal sync rate.
import type { Config } from '../config';
import { unitScope, unitsWhere } from '../domain/access';
import { addWorkingMillis, workingMillisBetween } from '../domain/calendar/index';
import { Problem } from '../domain/problems';
import type { Db } from '../db/database';
import { listAlerts } from '../db/repositories/alert.repository';
import { findDueDossiersWithNames } from '../db/repositories/deadline.repository';
import { portalSyncRate } from '../db/repositories/outbox.repository';
import { listUnitTree } from '../db/repositories/unit.repository';
import type { CalendarService } from './calendar.service';
import { requireActor, type ServiceContext } from './context';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Who sees the director's view of a unit: its centre director and leaders, and the province's roles. */
const WATCH_ROLES = ['centre-director', 'leader', 'province-admin', 'system-admin'] as const;

export class WatchService {
  constructor(
    private readonly db: Db,
    private readonly config: Pick<Config, 'watch'>,
    private readonly calendar: CalendarService,
  ) {}

  /** The alerts of the units the user may see (or of one of them), newest first. */
  async alerts(ctx: ServiceContext, f: { unitId?: string; limit: number; cursor?: string }) {
    const actor = requireActor(ctx);
    const tree = await listUnitTree(this.db);
    const scope = unitScope(actor, tree);
    if (f.unitId && !scope.has(f.unitId))
      throw new Problem(tree.some((u) => u.id === f.unitId) ? 'forbidden' : 'not-found', { what: 'unit' });
    const rows = await listAlerts(this.db, f.unitId ? [f.unitId] : [...scope], f.limit + 1, f.cursor);
    const items = rows.slice(0, f.limit).map((r) => ({
      id: String(r.id),
      dossierId: r.dossier_id,
      code: r.code,
      status: r.status,
      unitId: r.unit_id,
      kind: r.kind,
      at: r.at,
      dueAt: r.due_at,
      forMe: r.recipients.some((x) => x.userId === actor.userId),
      recipients: r.recipients.filter((x) => x.channel === 'in-app').map((x) => ({ name: x.name, role: x.role })),
    }));
    return { items, nextCursor: rows.length > f.limit ? items[items.length - 1]!.id : null };
  }

  /** The director's view: open dossiers due soon, overdue, and overdue with no apology (breaches). */
  async watch(ctx: ServiceContext, unitId: string, now = new Date()) {
    const actor = requireActor(ctx);
    const tree = await listUnitTree(this.db);
    if (!tree.some((u) => u.id === unitId)) throw new Problem('not-found', { what: 'unit' });
    if (!unitsWhere(actor, tree, WATCH_ROLES).has(unitId)) throw new Problem('forbidden');
    const { schedule, provinceId } = await this.calendar.unitSchedule(unitId);
    const calendar = await this.calendar.calendarFor(provinceId);
    const horizon = addWorkingMillis(now, Math.max(...this.config.watch.dueSoonHours) * HOUR, schedule, calendar);
    const rows = await findDueDossiersWithNames(this.db, unitId, horizon);
    const item = (r: (typeof rows)[number]) => ({
      id: r.id,
      code: r.code,
      status: r.status,
      procedureName: r.procedure_name,
      applicantName: r.applicant_name,
      assigneeName: r.assignee_name,
      dueAt: r.due_at!,
      workingHoursLeft: Math.round((workingMillisBetween(now, r.due_at!, schedule, calendar) / HOUR) * 100) / 100,
      extended: r.extension_count > 0,
    });
    const overdue = rows.filter((r) => r.due_at! <= now);
    return {
      dueSoon: rows.filter((r) => r.due_at! > now).map(item),
      overdue: overdue.map(item),
      breaches: overdue.filter((r) => r.extension_count === 0).map(item),
    };
  }

  /** Dossiers received in [from, to) and how many the national portal has heard every change of. */
  async syncRate(ctx: ServiceContext, unitId: string, period: { from?: Date; to?: Date }, now = new Date()) {
    const actor = requireActor(ctx);
    const tree = await listUnitTree(this.db);
    if (!tree.some((u) => u.id === unitId)) throw new Problem('not-found', { what: 'unit' });
    if (!unitScope(actor, tree).has(unitId)) throw new Problem('forbidden');
    const to = period.to ?? now;
    const from = period.from ?? new Date(to.getTime() - 30 * DAY);
    if (!(from < to)) throw new Problem('period-invalid');
    const r = await portalSyncRate(this.db, unitId, from, to);
    return {
      unitId,
      from,
      to,
      dossiers: r.dossiers,
      synced: r.synced,
      rate: r.dossiers ? Math.round((r.synced / r.dossiers) * 10_000) / 10_000 : null,
    };
  }
}
