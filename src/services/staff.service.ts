// Staff accounts, their roles in units, and the public directory of officials.
import { sql, type Transaction } from 'kysely';
import { policies, unitScope, type Actor, type UnitNode } from '../domain/access';
import { passwordAcceptable } from '../domain/password';
import { Problem } from '../domain/problems';
import { isRole, type Role, type RoleGrant } from '../domain/roles';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { appendAudit } from '../db/repositories/audit.repository';
import { listUnitTree } from '../db/repositories/unit.repository';
import { hashPassword } from './auth.service';
import { requireActor, roleIn, type ServiceContext } from './context';

export type StaffView = {
  id: string;
  username: string;
  fullName: string;
  title: string;
  email: string;
  phone: string;
  active: boolean;
  publishEmail: boolean;
  publishPhone: boolean;
  publicPhone: string;
  mustChangePassword: boolean;
  roles: RoleGrant[];
};

/** The audit row of an act on someone's account (reset, sessions ended), filed under the account's first unit. */
async function auditOnAccount(
  trx: Transaction<Database>,
  ctx: ServiceContext,
  actor: Actor,
  roles: readonly RoleGrant[],
  userId: string,
  action: string,
): Promise<void> {
  const unitId = roles[0]?.unitId ?? null;
  await appendAudit(trx, {
    actorId: actor.userId,
    actorName: actor.username,
    actorRole: roleIn(actor, unitId),
    unitId,
    action,
    subjectType: 'staff-user',
    subjectId: userId,
    requestId: ctx.requestId,
  });
}

export type StaffInput = {
  username: string;
  fullName: string;
  title?: string;
  email?: string;
  phone?: string;
  password: string;
  roles: RoleGrant[];
};

export type StaffPatch = { fullName?: string; title?: string; email?: string; phone?: string; active?: boolean };
export type ContactChoice = { publishEmail?: boolean; publishPhone?: boolean; publicPhone?: string };

export type DirectoryEntry = {
  unitId: string;
  unitName: string;
  officials: { id: string; fullName: string; title: string; roles: Role[]; email?: string; phone?: string }[];
};

/** Ends every open session of a user at once (deactivation, password reset), not when they time out. */
async function revokeAllSessions(trx: Transaction<Database>, userId: string): Promise<void> {
  await trx.updateTable('session').set({ revoked_at: new Date() }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
}

export class StaffService {
  constructor(private readonly db: Db) {}

  private async rows(userIds?: string[]): Promise<StaffView[]> {
    if (userIds && userIds.length === 0) return [];
    // API clients' acting identities are not staff (src/services/api-client.service.ts).
    let q = this.db.selectFrom('staff_user').selectAll().where('kind', '=', 'person').orderBy('full_name');
    if (userIds) q = q.where('id', 'in', userIds);
    const users = await q.execute();
    const roles = users.length
      ? await this.db
          .selectFrom('user_role')
          .select(['user_id', 'unit_id', 'role'])
          .where(
            'user_id',
            'in',
            users.map((u) => u.id),
          )
          .execute()
      : [];
    return users.map((u) => ({
      id: u.id,
      username: u.username,
      fullName: u.full_name,
      title: u.title,
      email: u.email,
      phone: u.phone,
      active: u.active,
      publishEmail: u.publish_email,
      publishPhone: u.publish_phone,
      publicPhone: u.public_phone,
      mustChangePassword: u.must_change_password,
      roles: roles.filter((r) => r.user_id === u.id).flatMap((r) => (isRole(r.role) ? [{ unitId: r.unit_id, role: r.role }] : [])),
    }));
  }

  /** Staff holding a role in the units the actor may manage (optionally one unit). Others' staff are invisible. */
  async list(ctx: ServiceContext, unitId?: string): Promise<StaffView[]> {
    const actor = requireActor(ctx);
    const tree = await listUnitTree(this.db);
    const manageable = tree.filter((u) => policies.manageStaff(actor, tree, u.id)).map((u) => u.id);
    const units = unitId ? manageable.filter((id) => id === unitId) : manageable;
    if (unitId && units.length === 0) throw new Problem(tree.some((u) => u.id === unitId) ? 'forbidden' : 'not-found', { what: 'unit' });
    if (units.length === 0) return [];
    const ids = await this.db.selectFrom('user_role').select('user_id').distinct().where('unit_id', 'in', units).execute();
    return this.rows(ids.map((r) => r.user_id));
  }

  private async assertVisible(actor: Actor, tree: UnitNode[], userId: string): Promise<StaffView> {
    const [user] = await this.rows([userId]);
    // A user with no role in any unit the actor manages does not exist for that actor (no leak).
    const visible =
      user && (user.roles.some((r) => policies.manageStaff(actor, tree, r.unitId)) || actor.roles.some((r) => r.role === 'system-admin'));
    if (!visible) throw new Problem('not-found', { what: 'staff member' });
    return user;
  }

  /** Who may manage whom (src/domain/access.ts `mayManageAccount`): every change to an account goes through here. */
  private async assertManageable(actor: Actor, tree: UnitNode[], userId: string): Promise<StaffView> {
    const user = await this.assertVisible(actor, tree, userId);
    if (!policies.manageAccount(actor, tree, user.roles)) throw new Problem('account-not-manageable');
    return user;
  }

  async get(ctx: ServiceContext, userId: string): Promise<StaffView> {
    const actor = requireActor(ctx);
    if (actor.userId === userId) {
      const [me] = await this.rows([userId]);
      if (me) return me;
    }
    return this.assertVisible(actor, await listUnitTree(this.db), userId);
  }

  async create(ctx: ServiceContext, input: StaffInput): Promise<StaffView> {
    const actor = requireActor(ctx);
    const tree = await listUnitTree(this.db);
    if (input.roles.length === 0) throw new Problem('validation-failed', { summary: 'roles: at least one role' });
    for (const g of input.roles) {
      if (!tree.some((u) => u.id === g.unitId)) throw new Problem('not-found', { what: 'unit' });
      if (!policies.manageStaff(actor, tree, g.unitId)) throw new Problem('forbidden');
      if (!policies.grantRole(actor, tree, g.unitId, g.role)) throw new Problem('role-not-grantable', { role: g.role });
    }
    const username = input.username.trim().toLowerCase();
    if (!passwordAcceptable(input.password, username)) throw new Problem('password-too-weak');
    const exists = await this.db.selectFrom('staff_user').select('id').where('username', '=', username).executeTakeFirst();
    if (exists) throw new Problem('conflict', { reason: `username ${username} exists` });
    const passwordHash = await hashPassword(input.password);
    const id = await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('staff_user')
        .values({
          username,
          full_name: input.fullName.trim(),
          title: input.title ?? '',
          email: input.email ?? '',
          phone: input.phone ?? '',
          password_hash: passwordHash,
          must_change_password: true,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('user_role')
        .values(input.roles.map((g) => ({ user_id: row.id, unit_id: g.unitId, role: g.role })))
        .execute();
      await appendAudit(trx, {
        actorId: actor.userId,
        actorName: actor.username,
        actorRole: roleIn(actor, input.roles[0]!.unitId),
        unitId: input.roles[0]!.unitId,
        action: 'staff.create',
        subjectType: 'staff-user',
        subjectId: row.id,
        requestId: ctx.requestId,
        details: { username, roles: input.roles },
      });
      return row.id;
    });
    return this.get(ctx, id);
  }

  async update(ctx: ServiceContext, userId: string, patch: StaffPatch): Promise<StaffView> {
    const actor = requireActor(ctx);
    const tree = await listUnitTree(this.db);
    const user = await this.assertManageable(actor, tree, userId);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('staff_user')
        .set({
          ...(patch.fullName !== undefined ? { full_name: patch.fullName } : {}),
          ...(patch.title !== undefined ? { title: patch.title } : {}),
          ...(patch.email !== undefined ? { email: patch.email } : {}),
          ...(patch.phone !== undefined ? { phone: patch.phone } : {}),
          ...(patch.active !== undefined ? { active: patch.active } : {}),
          updated_at: new Date(),
        })
        .where('id', '=', userId)
        .execute();
      // A deactivated account loses its sessions at once, not when they time out.
      if (patch.active === false) await revokeAllSessions(trx, userId);
      await appendAudit(trx, {
        actorId: actor.userId,
        actorName: actor.username,
        actorRole: roleIn(actor, user.roles[0]?.unitId ?? null),
        unitId: user.roles[0]?.unitId ?? null,
        action: 'staff.update',
        subjectType: 'staff-user',
        subjectId: userId,
        requestId: ctx.requestId,
        details: { changes: patch },
      });
    });
    return this.get(ctx, userId);
  }

  /**
   * Replaces the user's roles inside the units the actor manages; roles in other units stay untouched
   * (a centre director cannot see, let alone remove, what the province granted elsewhere).
   */
  async setRoles(ctx: ServiceContext, userId: string, roles: RoleGrant[]): Promise<StaffView> {
    const actor = requireActor(ctx);
    const tree = await listUnitTree(this.db);
    const user = await this.assertManageable(actor, tree, userId);
    for (const g of roles) {
      if (!tree.some((u) => u.id === g.unitId)) throw new Problem('not-found', { what: 'unit' });
      if (!policies.manageStaff(actor, tree, g.unitId)) throw new Problem('forbidden');
    }
    const inScope = (g: RoleGrant) => policies.manageStaff(actor, tree, g.unitId);
    const key = (g: RoleGrant) => `${g.unitId}/${g.role}`;
    const before = new Set(user.roles.filter(inScope).map(key));
    const after = new Set(roles.map(key));
    const added = roles.filter((g) => !before.has(key(g)));
    const removed = user.roles.filter((g) => inScope(g) && !after.has(key(g)));
    for (const g of [...added, ...removed])
      if (!policies.grantRole(actor, tree, g.unitId, g.role)) throw new Problem('role-not-grantable', { role: g.role });
    await this.db.transaction().execute(async (trx) => {
      for (const g of removed)
        await trx
          .deleteFrom('user_role')
          .where('user_id', '=', userId)
          .where('unit_id', '=', g.unitId)
          .where('role', '=', g.role)
          .execute();
      if (added.length)
        await trx
          .insertInto('user_role')
          .values(added.map((g) => ({ user_id: userId, unit_id: g.unitId, role: g.role })))
          .execute();
      if (removed.some((g) => g.role === 'system-admin')) {
        const left = await trx
          .selectFrom('user_role')
          .innerJoin('staff_user', 'staff_user.id', 'user_role.user_id')
          .select(sql<number>`count(*)`.as('n'))
          .where('role', '=', 'system-admin')
          .where('staff_user.active', '=', true)
          .executeTakeFirstOrThrow();
        if (Number(left.n) === 0) throw new Problem('last-admin');
      }
      await appendAudit(trx, {
        actorId: actor.userId,
        actorName: actor.username,
        actorRole: roleIn(actor, roles[0]?.unitId ?? user.roles[0]?.unitId ?? null),
        unitId: roles[0]?.unitId ?? user.roles[0]?.unitId ?? null,
        action: 'staff.roles',
        subjectType: 'staff-user',
        subjectId: userId,
        requestId: ctx.requestId,
        details: { added, removed },
      });
    });
    // Not this.get(): after removing the last role the actor manages, the person is out of the actor's scope.
    return (await this.rows([userId]))[0]!;
  }

  /** An administrator sets a temporary password; the officer must change it at next sign-in. */
  async resetPassword(ctx: ServiceContext, userId: string, password: string): Promise<void> {
    const actor = requireActor(ctx);
    const tree = await listUnitTree(this.db);
    const user = await this.assertManageable(actor, tree, userId);
    if (!passwordAcceptable(password, user.username)) throw new Problem('password-too-weak');
    const hashed = await hashPassword(password);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('staff_user')
        .set({ password_hash: hashed, must_change_password: true, failed_logins: 0, locked_until: null, updated_at: new Date() })
        .where('id', '=', userId)
        .execute();
      await revokeAllSessions(trx, userId);
      await auditOnAccount(trx, ctx, actor, user.roles, userId, 'staff.password-reset');
    });
  }

  /** Ends every session of a staff member the actor may manage (a lost laptop, a suspected takeover). */
  async revokeSessions(ctx: ServiceContext, userId: string): Promise<void> {
    const actor = requireActor(ctx);
    const tree = await listUnitTree(this.db);
    const user = await this.assertManageable(actor, tree, userId);
    await this.db.transaction().execute(async (trx) => {
      await revokeAllSessions(trx, userId);
      await auditOnAccount(trx, ctx, actor, user.roles, userId, 'staff.sessions-revoked');
    });
  }

  /** The officer's own choice of what the public directory shows. */
  async setContactChoice(ctx: ServiceContext, choice: ContactChoice): Promise<StaffView> {
    const actor = requireActor(ctx);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('staff_user')
        .set({
          ...(choice.publishEmail !== undefined ? { publish_email: choice.publishEmail } : {}),
          ...(choice.publishPhone !== undefined ? { publish_phone: choice.publishPhone } : {}),
          ...(choice.publicPhone !== undefined ? { public_phone: choice.publicPhone } : {}),
          updated_at: new Date(),
        })
        .where('id', '=', actor.userId)
        .execute();
      await appendAudit(trx, {
        actorId: actor.userId,
        actorName: actor.username,
        actorRole: '',
        unitId: null,
        action: 'staff.contact-choice',
        subjectType: 'staff-user',
        subjectId: actor.userId,
        requestId: ctx.requestId,
        details: { ...choice },
      });
    });
    return this.get(ctx, actor.userId);
  }

  /** Public directory: active officials per unit with only what each chose to publish. */
  async directory(unitId?: string): Promise<DirectoryEntry[]> {
    let q = this.db
      .selectFrom('user_role')
      .innerJoin('staff_user as u', 'u.id', 'user_role.user_id')
      .innerJoin('unit', 'unit.id', 'user_role.unit_id')
      .select([
        'unit.id as unitId',
        'unit.name as unitName',
        'u.id',
        'u.full_name',
        'u.title',
        'u.email',
        'u.publish_email',
        'u.publish_phone',
        'u.public_phone',
        'user_role.role',
      ])
      .where('u.active', '=', true)
      .where('user_role.role', '!=', 'system-admin')
      .orderBy(sql`unit.type = 'province'`, 'desc')
      .orderBy('unit.name')
      .orderBy('u.full_name');
    if (unitId) q = q.where('unit.id', '=', unitId);
    const rows = await q.execute();
    const byUnit = new Map<string, DirectoryEntry>();
    for (const r of rows) {
      let entry = byUnit.get(r.unitId);
      if (!entry) byUnit.set(r.unitId, (entry = { unitId: r.unitId, unitName: r.unitName, officials: [] }));
      let o = entry.officials.find((x) => x.id === r.id);
      if (!o) {
        o = {
          id: r.id,
          fullName: r.full_name,
          title: r.title,
          roles: [],
          ...(r.publish_email && r.email ? { email: r.email } : {}),
          ...(r.publish_phone && r.public_phone ? { phone: r.public_phone } : {}),
        };
        entry.officials.push(o);
      }
      if (isRole(r.role)) o.roles.push(r.role);
    }
    return [...byUnit.values()];
  }

  /**
   * The specialists a dossier of the unit can be assigned to, with their open workload — for whoever
   * holds a role in the unit (or reaches it as a province administrator); others' staff stay invisible.
   */
  async assignees(ctx: ServiceContext, unitId: string): Promise<{ id: string; fullName: string; title: string; openDossiers: number }[]> {
    const actor = requireActor(ctx);
    const tree = await listUnitTree(this.db);
    if (!tree.some((u) => u.id === unitId)) throw new Problem('not-found', { what: 'unit' });
    if (!unitScope(actor, tree).has(unitId)) throw new Problem('forbidden');
    const rows = await this.db
      .selectFrom('user_role as r')
      .innerJoin('staff_user as u', 'u.id', 'r.user_id')
      .select(['u.id', 'u.full_name', 'u.title'])
      .select((eb) =>
        eb
          .selectFrom('dossier as d')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('d.assignee_id', '=', 'u.id')
          .where('d.finished_at', 'is', null)
          .as('open'),
      )
      .where('r.unit_id', '=', unitId)
      .where('r.role', '=', 'specialist')
      .where('u.active', '=', true)
      .orderBy('u.full_name')
      .execute();
    return rows.map((r) => ({ id: r.id, fullName: r.full_name, title: r.title, openDossiers: Number(r.open ?? 0) }));
  }

  /** Units the actor can see: used by the staff home's unit switcher. */
  async visibleUnits(ctx: ServiceContext): Promise<Set<string>> {
    return unitScope(requireActor(ctx), await listUnitTree(this.db));
  }
}
