// What every use case receives: who acts, in which request, in which language. Passed explicitly (not a
// global) so services stay callable from the CLI, jobs and tests with no HTTP in sight.
import type { Actor } from '../domain/access';
import type { Lang } from '../domain/problems';
import { Problem } from '../domain/problems';

/** A citizen signed in to the portal with VNeID (level of assurance 1 or 2). */
export type CitizenPrincipal = {
  citizenId: string;
  idNumber: string;
  fullName: string;
  loa: 1 | 2;
  sessionId: string;
  /** The officer filing for the citizen at the counter (an assisted session), if any. */
  assistedBy?: { userId: string; fullName: string; method: string } | null;
};

export type ServiceContext = {
  actor: Actor | null;
  /** The citizen of a portal request (absent for staff, the CLI and jobs). */
  citizen?: CitizenPrincipal | null;
  requestId: string;
  lang: Lang;
  ip: string;
};

export function requireActor(ctx: ServiceContext): Actor {
  if (!ctx.actor) throw new Problem('not-signed-in');
  return ctx.actor;
}

export function requireCitizen(ctx: ServiceContext): CitizenPrincipal {
  if (!ctx.citizen) throw new Problem('citizen-not-signed-in');
  return ctx.citizen;
}

/** Calls only a system administrator may make (the outbox, the simulators' administration). */
export function requireSystemAdmin(ctx: ServiceContext): Actor {
  const actor = requireActor(ctx);
  if (!actor.roles.some((r) => r.role === 'system-admin')) throw new Problem('forbidden');
  return actor;
}

/** The role name recorded in the audit log: the actor's most relevant role in the unit acted on. */
export function roleIn(actor: Actor | null, unitId: string | null): string {
  if (!actor) return 'system';
  const here = actor.roles.find((r) => r.unitId === unitId);
  return (here ?? actor.roles[0])?.role ?? '';
}
