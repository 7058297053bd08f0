// What the dossier's three services share: their dependencies, the actor's roles in a dossier's units, a unit's
// clock (office hours, province, calendar), and the e-form as a person reads it.
import type { Config } from '../../config';
import type { Actor } from '../../domain/access';
import { scheduleOf, type Calendar, type UnitSchedule } from '../../domain/calendar/index';
import { Problem } from '../../domain/problems';
import { readableAnswers, type FormAnswer } from '../../domain/portal/form';
import type { Role } from '../../domain/roles';
import type { Transaction } from 'kysely';
import { NATIONAL_STATUS, type Status } from '../../domain/dossier/lifecycle';
import { EVENT_SCOPES } from '../../domain/webhooks';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';
import { emitWebhookEvent } from '../../db/repositories/webhook.repository';
import { findUnitSchedule } from '../../db/repositories/unit.repository';
import type { PopulationRegistry } from '../../adapters/registry.adapter';
import type { CalendarService } from '../calendar.service';

export type DossierConfig = Pick<Config, 'dossierCodePattern' | 'supplementClock' | 'publicUrl'> & Partial<Pick<Config, 'port'>>;

export type DossierDeps = {
  db: Db;
  config: DossierConfig;
  calendar: CalendarService;
  registry: PopulationRegistry;
  /** Public pages read here: the replica (DATABASE_READ_URL) or the primary. */
  readDb: Db;
};

/**
 * The actor's roles in the units a dossier touches. Only roles held in those units count: province-wide
 * administrators see every dossier of the province but act in none, since they are not its officers.
 */
export function rolesIn(actor: Actor, unitIds: string[]): Role[] {
  return [...new Set(actor.roles.filter((g) => unitIds.includes(g.unitId)).map((g) => g.role))];
}

/** A unit's office hours with a procedure's cutoff, its province and the province's calendar (all from the read cache). */
export async function unitClock(
  deps: DossierDeps,
  unitId: string,
  cutoff: string,
): Promise<{ schedule: UnitSchedule; provinceId: string; calendar: Calendar }> {
  const u = await findUnitSchedule(deps.db, unitId);
  if (!u) throw new Problem('not-found', { what: 'unit' });
  const provinceId = u.parent_id ?? u.id;
  return { schedule: scheduleOf(u, cutoff), provinceId, calendar: await deps.calendar.calendarFor(provinceId) };
}

/** Absolute base of links in SMS and e-mail (MOTCUA_PUBLIC_URL, else this server's own address). */
export function publicBase(config: DossierConfig): string {
  return (config.publicUrl ?? `http://localhost:${config.port ?? 3000}`).replace(/\/$/, '');
}

/** The e-form of a dossier as a person reads it (labels and order from the schema), or null when it has none. */
export function formAnswersOf(
  schema: Record<string, unknown> | undefined | null,
  answers: Record<string, unknown> | null,
): { title: string; items: FormAnswer[] } | null {
  if (!schema || !answers) return null;
  return { title: typeof schema.title === 'string' ? schema.title : 'Tờ khai điện tử', items: readableAnswers(schema, answers) };
}

/**
 * API clients' webhooks hear of every status change and of an issued result, in the transaction of the change
 * (src/services/webhook.service.ts). Ids, code and statuses only: the dossier itself is read through the API.
 */
export async function dossierWebhooks(
  trx: Transaction<Database>,
  d: { id: string; code: string; unitId: string },
  seq: number,
  from: Status | null,
  to: Status,
  action: string,
  at: Date,
): Promise<void> {
  const data = {
    dossierId: d.id,
    code: d.code,
    unitId: d.unitId,
    seq,
    action,
    fromStatus: from,
    status: to,
    nationalStatus: NATIONAL_STATUS[to],
  };
  if (to !== from)
    await emitWebhookEvent(trx, {
      type: 'dossier.status-changed',
      scope: EVENT_SCOPES['dossier.status-changed'],
      unitId: d.unitId,
      eventKey: `dossier:${d.id}:${seq}`,
      at,
      data,
    });
  if (action === 'issue-result')
    await emitWebhookEvent(trx, {
      type: 'dossier.result-issued',
      scope: EVENT_SCOPES['dossier.result-issued'],
      unitId: d.unitId,
      eventKey: `dossier-result:${d.id}:${seq}`,
      at,
      data,
    });
}
