// Staff accounts, their roles in units, and the public directory of officials.
import type { Transaction } from 'kysely';
import { policies, unitScope, type Actor, type UnitNode } from '../domain/access';
import { passwordAcceptable } from '../domain/password';
import { Problem } from '../domain/problems';
import { isRole, type Role, type RoleGrant } from '../domain/roles';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { appendAudit } from '../db/repositories/audit.repository';
import {
  activeSystemAdmins,
  directoryRows,
  grantRoles,
  insertStaffUser,
  lockSystemAdmins,
  revokeRole,
  revokeUserSessions,
  rolesOfUsers,
  specialistsWithWorkload,
  staffUsernameTaken,
  staffUsers,
  updateStaffUser,
  userIdsInUnits,
} from '../db/repositories/staff.repository';
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
  await revokeUserSessions(trx, userId, new Date());
}

export class StaffService {
  constructor(private readonly db: Db) {}

  private async rows(userIds?: string[]): Promise<StaffView[]> {
    if (userIds && userIds.length === 0) return [];
    // API clients' acting identities are not staff (src/services/api-client.service.ts).
    const users = await staffUsers(this.db, userIds);
    const roles = await rolesOfUsers(
      this.db,
      users.map((u) => u.id),
    );
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
    return this.rows(await userIdsInUnits(this.db, units));
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
    const exists = await staffUsernameTaken(this.db, username);
    if (exists) throw new Problem('conflict', { reason: `username ${username} exists` });
    const passwordHash = await hashPassword(input.password);
    const id = await this.db.transaction().execute(async (trx) => {
      const row = {
        id: await insertStaffUser(trx, {
          username,
          fullName: input.fullName.trim(),
          title: input.title ?? '',
          email: input.email ?? '',
          phone: input.phone ?? '',
          passwordHash,
          mustChangePassword: true,
        }),
      };
      await grantRoles(trx, row.id, input.roles);
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
    const deactivatesAdmin = patch.active === false && user.roles.some((r) => r.role === 'system-admin');
    await this.db.transaction().execute(async (trx) => {
      if (deactivatesAdmin) await lockSystemAdmins(trx);
      await updateStaffUser(trx, userId, {
        ...(patch.fullName !== undefined ? { full_name: patch.fullName } : {}),
        ...(patch.title !== undefined ? { title: patch.title } : {}),
        ...(patch.email !== undefined ? { email: patch.email } : {}),
        ...(patch.phone !== undefined ? { phone: patch.phone } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
        updated_at: new Date(),
      });
      if (deactivatesAdmin && (await activeSystemAdmins(trx)) === 0) throw new Problem('last-admin');
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
    const removesAdmin = removed.some((g) => g.role === 'system-admin');
    await this.db.transaction().execute(async (trx) => {
      if (removesAdmin) await lockSystemAdmins(trx);
      for (const g of removed) await revokeRole(trx, userId, g);
      await grantRoles(trx, userId, added);
      if (removesAdmin && (await activeSystemAdmins(trx)) === 0) throw new Problem('last-admin');
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
      await updateStaffUser(trx, userId, {
        password_hash: hashed,
        must_change_password: true,
        failed_logins: 0,
        locked_until: null,
        updated_at: new Date(),
      });
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
      await updateStaffUser(trx, actor.userId, {
        ...(choice.publishEmail !== undefined ? { publish_email: choice.publishEmail } : {}),
        ...(choice.publishPhone !== undefined ? { publish_phone: choice.publishPhone } : {}),
        ...(choice.publicPhone !== undefined ? { public_phone: choice.publicPhone } : {}),
        updated_at: new Date(),
      });
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
    const rows = await directoryRows(this.db, unitId);
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
    const rows = await specialistsWithWorkload(this.db, unitId);
    return rows.map((r) => ({ id: r.id, fullName: r.full_name, title: r.title, openDossiers: Number(r.open ?? 0) }));
  }

  /** Units the actor can see: used by the staff home's unit switcher. */
  async visibleUnits(ctx: ServiceContext): Promise<Set<string>> {
    return unitScope(requireActor(ctx), await listUnitTree(this.db));
  }
}
