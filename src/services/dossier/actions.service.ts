// The lifecycle actions on a dossier: load → check → effect → write.
//   load   the dossier (locked), its history, deadline (locked), procedure version, the unit's clock, and what the
//          action needs (NEEDS in src/domain/dossier/effects.ts): the assignee, the files, the transfer's target;
//   check  pure, in src/domain/dossier: the status allows it (lifecycle.ts), the role may (here, against the
//          units), then the law's rules (checkAction) and those on what was loaded (checkLoaded);
//   effect pure: effectOf describes every row to write and every message to send;
//   write  one repository call (writeActionEffect) in the same transaction.
// Order of answers: 404 not visible, 409 not allowed now, 403 role, 422 rule of law.
import { unitScope } from '../../domain/access';
import { ACTION_ROLES, ALLOWED, allowedActions, NATIONAL_STATUS, type Action, type Status } from '../../domain/dossier/lifecycle';
import {
  checkAction,
  checkLoaded,
  effectOf,
  NEEDS,
  type ActInput,
  type ActionBody,
  type Loaded,
  type Need,
} from '../../domain/dossier/effects';
import { Problem } from '../../domain/problems';
import type { Role } from '../../domain/roles';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import { findDeadlineForUpdate } from '../../db/repositories/deadline.repository';
import {
  findActionContext,
  findAssignee,
  findCitizenIdByNumber,
  findDossierForUpdate,
  findFilesOfUnits,
  findTransferTarget,
  writeActionEffect,
} from '../../db/repositories/dossier-actions.repository';
import { findProcedures } from '../../db/repositories/procedure.repository';
import { listUnitTree } from '../../db/repositories/unit.repository';
import { addFromDossier } from '../citizen-documents.service';
import { assertFilesOwned, type FileOwner } from '../ownership';
import type { ServiceContext } from '../context';
import { dossierWebhooks, publicBase, rolesIn, unitClock, type DossierDeps } from './common';

export type { ActionBody };

/** What a citizen may do to their own dossier from the portal. */
export const CITIZEN_ACTIONS: readonly Action[] = ['receive-supplement', 'record-withdrawal-request'];
const citizenActions = (status: Status): Action[] => CITIZEN_ACTIONS.filter((a) => (ALLOWED[status] as readonly Action[]).includes(a));

export class DossierActionService {
  constructor(private readonly deps: DossierDeps) {}

  /** Takes a lifecycle action. Order of answers: 404 not visible, 409 not allowed now, 403 role, 422 rule of law. */
  async act(
    ctx: ServiceContext,
    id: string,
    action: Action,
    body: ActionBody,
    now = new Date(),
  ): Promise<{ status: Status; nationalStatus: number; dueAt: Date | null }> {
    // Staff act in the units they hold roles in; a citizen (portal) acts on their own dossiers, and only to
    // answer a supplement request or to ask for withdrawal.
    const actor = ctx.actor;
    const citizen = actor ? null : (ctx.citizen ?? null);
    if (!actor && !citizen) throw new Problem('not-signed-in');
    const { db } = this.deps;
    const scope = actor ? unitScope(actor, await listUnitTree(db)) : null;
    return db.transaction().execute(async (trx) => {
      // Load: the dossier and whether the caller may see it.
      const d = await findDossierForUpdate(trx, id);
      const visible =
        d &&
        (scope
          ? scope.has(d.unit_id) || scope.has(d.received_unit_id)
          : d.citizen_id === citizen!.citizenId || d.applicant_id_number === citizen!.idNumber);
      if (!d || !visible) throw new Problem('not-found', { what: 'dossier' });
      const status = d.status;
      const around = await findActionContext(trx, d);
      const units = [d.unit_id, d.received_unit_id, around.returnPointUnitId];
      const roles = actor ? rolesIn(actor, units) : [];
      if (!(ALLOWED[status] as readonly Action[]).includes(action)) {
        const allowed = actor ? allowedActions(status, roles) : citizenActions(status);
        throw new Problem('action-not-allowed', { action, status, allowed: allowed.join(', ') }, { allowedActions: allowed });
      }
      const role = actor
        ? (ACTION_ROLES[action] as readonly Role[]).find((r) => roles.includes(r))
        : CITIZEN_ACTIONS.includes(action)
          ? 'citizen'
          : undefined;
      if (!role) throw new Problem('forbidden');
      const by = actor
        ? { id: actor.userId, name: actor.fullName, username: actor.username }
        : { id: null, name: citizen!.fullName, username: `citizen:${citizen!.idNumber}` };
      if (citizen && action === 'record-withdrawal-request') body = { ...body, channel: 'online' };
      const [proc] = await findProcedures(trx, { versionIds: [d.procedure_version_id] });
      const deadline = await findDeadlineForUpdate(trx, 'dossier', id);
      const { schedule, provinceId, calendar } = await unitClock(this.deps, d.unit_id, proc!.cutoffTime);
      const input: ActInput = {
        action,
        body,
        now,
        dossier: d,
        events: around.events,
        procedure: proc!,
        deadline: {
          receivedAt: deadline.received_at,
          workingDays: deadline.working_days,
          mode: deadline.mode,
          pauses: deadline.pauses,
          countedFrom: deadline.counted_from,
          dueAt: deadline.due_at,
          overrideDueAt: deadline.override_due_at,
        },
        schedule,
        calendar,
        provinceId,
        by,
        role,
        byCitizen: !!citizen,
        componentFiles: around.componentFiles,
        citizenEmail: around.citizenEmail,
        publicBase: publicBase(this.deps.config),
        loaded: {},
      };
      // Check: the law's rules and the request's own, before anything more is read.
      checkAction(input);
      // Load what this action needs.
      const owner: FileOwner = citizen
        ? { kind: 'citizen', citizenId: citizen.citizenId }
        : { kind: 'units', unitIds: units, dossierId: id };
      input.loaded = await this.loadNeeds(trx, NEEDS[action], input, units, owner);
      checkLoaded(input);
      // Effect, then write.
      const effect = effectOf(input);
      await writeActionEffect(trx, effect, { deadlineId: deadline.id, by, role, requestId: ctx.requestId, now });
      const unitId = effect.dossier.unit_id ?? d.unit_id;
      await dossierWebhooks(trx, { id, code: d.code, unitId }, effect.seq, effect.from, effect.to, action, now);
      if (effect.citizenDocument) await addFromDossier(trx, { ...effect.citizenDocument, dossierId: id, kind: 'result' });
      return { status: effect.to, nationalStatus: NATIONAL_STATUS[effect.to], dueAt: effect.dueAt };
    });
  }

  /** The load step's action-specific reads; each answers with its own problem (assignee-invalid, file-invalid, …). */
  private async loadNeeds(
    trx: Transaction<Database>,
    needs: readonly Need[],
    c: ActInput,
    units: string[],
    owner: FileOwner,
  ): Promise<Loaded> {
    const loaded: Loaded = {};
    const d = c.dossier;
    for (const need of needs)
      switch (need) {
        case 'assignee': {
          const a = await findAssignee(trx, d.unit_id, c.body.assigneeId);
          if (!a) throw new Problem(c.body.assigneeId ? 'assignee-invalid' : 'no-specialist');
          loaded.assignee = a;
          break;
        }
        case 'supplement-files':
          await assertFilesOwned(
            trx,
            (c.body.components ?? []).flatMap((x) => x.fileIds ?? []),
            owner,
          );
          break;
        case 'result-files': {
          const ids = [...new Set(c.body.resultFileIds ?? [])];
          await assertFilesOwned(trx, ids, { kind: 'units', unitIds: units });
          loaded.resultFiles = await this.filesOfUnits(trx, ids, units);
          break;
        }
        case 'result-owner':
          // The portal account of the dossier, or of the applicant's ID number when it was filed at the counter.
          loaded.resultOwner = d.citizen_id ?? (await findCitizenIdByNumber(trx, d.applicant_id_number)) ?? null;
          break;
        case 'evidence-files': {
          const ids = [...new Set(c.body.evidenceFileIds ?? [])];
          loaded.evidenceFiles = ids.length ? await this.filesOfUnits(trx, ids, units) : [];
          break;
        }
        case 'transfer-target': {
          const t = c.body.toUnitId ? await findTransferTarget(trx, c.body.toUnitId, d.procedure_id) : undefined;
          loaded.target = t ? { id: t.id, provinceId: t.parent_id ?? t.id, handles: !!t.handles } : null;
          break;
        }
      }
    return loaded;
  }

  /** Stored files of the dossier's units, checked by content and hashed at upload; 422 file-invalid if any is not. */
  private async filesOfUnits(trx: Transaction<Database>, ids: string[], unitIds: string[]) {
    const files = await findFilesOfUnits(trx, ids, unitIds);
    if (files.length !== new Set(ids).size) throw new Problem('file-invalid');
    return ids.map((i) => files.find((f) => f.id === i)!);
  }
}
