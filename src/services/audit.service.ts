// Reading and verifying the audit log.
import { policies } from '../domain/access';
import { Problem } from '../domain/problems';
import type { Db } from '../db/database';
import { listAuditRows, verifyAuditChain, type AuditVerdict } from '../db/repositories/audit.repository';
import { listUnitTree } from '../db/repositories/unit.repository';
import { requireActor, type ServiceContext } from './context';

export type AuditItem = {
  id: string;
  at: Date;
  actorName: string;
  actorRole: string;
  unitId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  requestId: string;
  details: Record<string, unknown>;
};

export class AuditService {
  constructor(private readonly db: Db) {}

  /** A unit's audit rows, newest first, for its director and the province's administrators. */
  async list(
    ctx: ServiceContext,
    unitId: string,
    limit: number,
    cursor?: string,
  ): Promise<{ items: AuditItem[]; nextCursor: string | null }> {
    const actor = requireActor(ctx);
    const tree = await listUnitTree(this.db);
    if (!tree.some((u) => u.id === unitId)) throw new Problem('not-found', { what: 'unit' });
    if (!policies.readAudit(actor, tree, unitId)) throw new Problem('forbidden');
    const rows = await listAuditRows(this.db, unitId, limit + 1, cursor);
    const items = rows.slice(0, limit).map((r) => ({
      id: String(r.id),
      at: r.at,
      actorName: r.actor_name,
      actorRole: r.actor_role,
      unitId: r.unit_id,
      action: r.action,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      requestId: r.request_id,
      details: r.details,
    }));
    return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
  }

  async verify(ctx: ServiceContext): Promise<AuditVerdict> {
    const actor = requireActor(ctx);
    if (!actor.roles.some((r) => r.role === 'system-admin')) throw new Problem('forbidden');
    return verifyAuditChain(this.db);
  }
}
