// The outbox for administrators: what is pending, dead or delivered, and replaying a dead message.
import { Problem } from '../domain/problems';
import type { Db } from '../db/database';
import { appendAudit } from '../db/repositories/audit.repository';
import { listOutbox, outboxMessageExists, replayOutbox, type OutboxMessage, type OutboxState } from '../db/repositories/outbox.repository';
import { requireSystemAdmin, type ServiceContext } from './context';

export class OutboxService {
  constructor(private readonly db: Db) {}

  async list(
    ctx: ServiceContext,
    state: OutboxState,
    limit: number,
    cursor?: string,
  ): Promise<{ items: OutboxMessage[]; nextCursor: string | null }> {
    requireSystemAdmin(ctx);
    const rows = await listOutbox(this.db, state, limit + 1, cursor);
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
  }

  /** Dead → pending, attempts reset; audited. */
  async replay(ctx: ServiceContext, id: string, now = new Date()): Promise<OutboxMessage> {
    const actor = requireSystemAdmin(ctx);
    if (!/^[0-9]{1,18}$/.test(id)) throw new Problem('not-found', { what: 'outbox message' });
    const exists = await outboxMessageExists(this.db, id);
    if (!exists) throw new Problem('not-found', { what: 'outbox message' });
    return this.db.transaction().execute(async (trx) => {
      const replayed = await replayOutbox(trx, id, now);
      if (!replayed) throw new Problem('outbox-message-not-dead');
      await appendAudit(trx, {
        actorId: actor.userId,
        actorName: actor.username,
        actorRole: 'system-admin',
        unitId: null,
        action: 'outbox.replay',
        subjectType: 'outbox',
        subjectId: id,
        requestId: ctx.requestId,
        details: { topic: replayed.topic, idempotencyKey: replayed.idempotencyKey },
      });
      return replayed;
    });
  }
}

export type { OutboxMessage } from '../db/repositories/outbox.repository';
