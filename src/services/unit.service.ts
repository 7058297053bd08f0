// Units (province, communes, wards) and their reception points.
import { policies, type UnitNode } from '../domain/access';
import { Problem } from '../domain/problems';
import { worldOf } from '../domain/training';
import type { Db } from '../db/database';
import { appendAudit } from '../db/repositories/audit.repository';
import {
  findReceptionPoint,
  findUnit,
  forgetUnitTree,
  insertReceptionPoint,
  insertUnit,
  listUnits,
  listUnitTree,
  updateReceptionPoint,
  updateUnit,
  type UnitView,
} from '../db/repositories/unit.repository';
import { requireActor, roleIn, type ServiceContext } from './context';

export type OfficeSession = { start: string; end: string };

export type UnitInput = {
  slug: string;
  code: string;
  name: string;
  type: 'province' | 'ward' | 'commune';
  parentId: string | null;
  address?: string;
  phone?: string;
  email?: string;
  officeSessions?: OfficeSession[];
  workingWeekdays?: number[];
  cutoffTime?: string;
  saturdayReception?: boolean;
};

export type UnitPatch = Partial<Omit<UnitInput, 'slug' | 'type' | 'parentId'>>;

export type ReceptionPointInput = { name: string; address?: string; hostUnitId?: string; active?: boolean };

function sessionsValid(sessions: OfficeSession[]): boolean {
  // Sessions must be ordered and not overlap; HH:MM strings compare correctly as text.
  return sessions.every((s, i) => s.start < s.end && (i === 0 || sessions[i - 1]!.end <= s.start));
}

/** A reception point sits in its own unit's premises or another unit's of the same province (never another province's). */
function hostAllowed(tree: readonly UnitNode[], unitId: string, hostId: string): boolean {
  const province = (id: string) => {
    const u = tree.find((x) => x.id === id);
    return u ? (u.parentId ?? u.id) : null;
  };
  return province(hostId) !== null && province(hostId) === province(unitId);
}

export class UnitService {
  constructor(private readonly db: Db) {}

  /** Public: every unit with its reception points (names and codes are public information). */
  /**
   * Every unit the caller may see listed. Training units (issue 16) exist only for those who work in them: the
   * public, citizens and real staff never see them, and a trainee sees only the training world.
   */
  async list(ctx: Pick<ServiceContext, 'actor'> = { actor: null }): Promise<UnitView[]> {
    const training = await this.seesTraining(ctx);
    return (await listUnits(this.db)).filter((u) => u.training === training);
  }

  async get(id: string, ctx: Pick<ServiceContext, 'actor'> = { actor: null }): Promise<UnitView> {
    const u = await findUnit(this.db, id);
    if (!u || (u.training && !(await this.seesTraining(ctx)))) throw new Problem('not-found', { what: 'unit' });
    return u;
  }

  private async seesTraining(ctx: Pick<ServiceContext, 'actor'>): Promise<boolean> {
    return !!ctx.actor && worldOf(ctx.actor, await listUnitTree(this.db)) === 'training';
  }

  async create(ctx: ServiceContext, input: UnitInput): Promise<UnitView> {
    const actor = requireActor(ctx);
    const tree = await listUnitTree(this.db);
    if (!policies.createUnit(actor, tree, input.parentId)) throw new Problem('forbidden');
    const parent = input.parentId ? tree.find((u) => u.id === input.parentId) : undefined;
    if ((input.type === 'province') !== (input.parentId === null) || (input.parentId && parent?.type !== 'province'))
      throw new Problem('unit-parent-invalid');
    if (input.officeSessions && !sessionsValid(input.officeSessions)) throw new Problem('validation-failed', { summary: 'officeSessions' });
    const id = await this.db.transaction().execute(async (trx) => {
      const row = {
        id: await insertUnit(trx, {
          slug: input.slug,
          code: input.code,
          name: input.name,
          type: input.type,
          parent_id: input.parentId,
          address: input.address ?? '',
          phone: input.phone ?? '',
          email: input.email ?? '',
          ...(input.officeSessions ? { office_sessions: JSON.stringify(input.officeSessions) } : {}),
          ...(input.workingWeekdays ? { working_weekdays: input.workingWeekdays } : {}),
          ...(input.cutoffTime ? { cutoff_time: input.cutoffTime } : {}),
          saturday_reception: input.saturdayReception ?? false,
        }),
      };
      await appendAudit(trx, {
        actorId: actor.userId,
        actorName: actor.username,
        actorRole: roleIn(actor, input.parentId),
        unitId: row.id,
        action: 'unit.create',
        subjectType: 'unit',
        subjectId: row.id,
        requestId: ctx.requestId,
        details: { slug: input.slug, code: input.code, name: input.name },
      });
      return row.id;
    });
    forgetUnitTree(this.db);
    return this.get(id);
  }

  async update(ctx: ServiceContext, id: string, patch: UnitPatch): Promise<UnitView> {
    const actor = requireActor(ctx);
    const tree = await listUnitTree(this.db);
    if (!tree.some((u) => u.id === id)) throw new Problem('not-found', { what: 'unit' });
    if (!policies.administerUnit(actor, tree, id)) throw new Problem('forbidden');
    if (patch.officeSessions && !sessionsValid(patch.officeSessions)) throw new Problem('validation-failed', { summary: 'officeSessions' });
    await this.db.transaction().execute(async (trx) => {
      await updateUnit(trx, id, {
        ...(patch.code !== undefined ? { code: patch.code } : {}),
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.address !== undefined ? { address: patch.address } : {}),
        ...(patch.phone !== undefined ? { phone: patch.phone } : {}),
        ...(patch.email !== undefined ? { email: patch.email } : {}),
        ...(patch.officeSessions ? { office_sessions: JSON.stringify(patch.officeSessions) } : {}),
        ...(patch.workingWeekdays ? { working_weekdays: patch.workingWeekdays } : {}),
        ...(patch.cutoffTime !== undefined ? { cutoff_time: patch.cutoffTime } : {}),
        ...(patch.saturdayReception !== undefined ? { saturday_reception: patch.saturdayReception } : {}),
        updated_at: new Date(),
      });
      await appendAudit(trx, {
        actorId: actor.userId,
        actorName: actor.username,
        actorRole: roleIn(actor, id),
        unitId: id,
        action: 'unit.update',
        subjectType: 'unit',
        subjectId: id,
        requestId: ctx.requestId,
        details: { changes: patch },
      });
    });
    forgetUnitTree(this.db);
    return this.get(id);
  }

  async addReceptionPoint(ctx: ServiceContext, unitId: string, input: ReceptionPointInput): Promise<UnitView> {
    const actor = requireActor(ctx);
    const tree = await listUnitTree(this.db);
    if (!tree.some((u) => u.id === unitId)) throw new Problem('not-found', { what: 'unit' });
    if (!policies.administerUnit(actor, tree, unitId)) throw new Problem('forbidden');
    const host = input.hostUnitId ?? unitId;
    if (!hostAllowed(tree, unitId, host)) throw new Problem('not-found', { what: 'host unit' });
    await this.db.transaction().execute(async (trx) => {
      const row = {
        id: await insertReceptionPoint(trx, {
          unit_id: unitId,
          host_unit_id: host,
          name: input.name,
          address: input.address ?? '',
          active: input.active ?? true,
        }),
      };
      await appendAudit(trx, {
        actorId: actor.userId,
        actorName: actor.username,
        actorRole: roleIn(actor, unitId),
        unitId,
        action: 'reception-point.create',
        subjectType: 'reception-point',
        subjectId: row.id,
        requestId: ctx.requestId,
        details: { name: input.name, hostUnitId: host },
      });
    });
    return this.get(unitId);
  }

  async updateReceptionPoint(ctx: ServiceContext, pointId: string, patch: Partial<ReceptionPointInput>): Promise<UnitView> {
    const actor = requireActor(ctx);
    const point = await findReceptionPoint(this.db, pointId);
    const tree = await listUnitTree(this.db);
    // A point of a unit the actor cannot administer is "not found" for a reader outside it, "forbidden" otherwise.
    if (!point) throw new Problem('not-found', { what: 'reception point' });
    if (!policies.administerUnit(actor, tree, point.unit_id)) throw new Problem('forbidden');
    if (patch.hostUnitId && !hostAllowed(tree, point.unit_id, patch.hostUnitId)) throw new Problem('not-found', { what: 'host unit' });
    const changes = {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.address !== undefined ? { address: patch.address } : {}),
      ...(patch.hostUnitId !== undefined ? { host_unit_id: patch.hostUnitId } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
    };
    // An empty patch changes nothing (and an UPDATE without SET is no SQL at all).
    if (Object.keys(changes).length === 0) return this.get(point.unit_id);
    await this.db.transaction().execute(async (trx) => {
      await updateReceptionPoint(trx, pointId, changes);
      await appendAudit(trx, {
        actorId: actor.userId,
        actorName: actor.username,
        actorRole: roleIn(actor, point.unit_id),
        unitId: point.unit_id,
        action: 'reception-point.update',
        subjectType: 'reception-point',
        subjectId: pointId,
        requestId: ctx.requestId,
        details: { changes: patch },
      });
    });
    return this.get(point.unit_id);
  }
}
