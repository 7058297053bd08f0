// Idempotency-Key for create calls: the same key with the same body replays the first answer and creates
// nothing new; the same key with another body is refused. A placeholder row taken before the handler runs
// makes two concurrent retries wait for one another instead of both creating. The placeholder names the
// process holding it (its liveness session, src/db/liveness.ts): a retry whose first attempt died with its
// process is let through at once, while one whose first attempt is still running answers 409.
import { createHash } from 'node:crypto';
import type { Db } from '../db/database';
import { ProcessLiveness } from '../db/liveness';
import { canonicalJson } from '../db/repositories/audit.repository';
import { dropKey, findKey, PENDING, recordAnswer, takeKey, takeOver } from '../db/repositories/idempotency.repository';
import { Problem } from '../domain/problems';

const STALE_MS = 60_000;

export type IdempotencyClaim =
  /** The handler runs; its answer is recorded under the key. */
  | { kind: 'run' }
  /** The first attempt's answer, to send again. */
  | { kind: 'replay'; statusCode: number; response: unknown };

export class IdempotencyService {
  constructor(
    private readonly db: Db,
    private readonly liveness: ProcessLiveness,
  ) {}

  async claim(actor: string, key: string, method: string, path: string, body: unknown, now = new Date()): Promise<IdempotencyClaim> {
    if (key.length < 1 || key.length > 200) throw new Problem('validation-failed', { summary: 'Idempotency-Key: 1 to 200 characters' });
    const bodyHash = createHash('sha256')
      .update(`${path}\n${canonicalJson(body ?? null)}`)
      .digest('hex');
    const holder = await this.liveness.holder();
    if (await takeKey(this.db, { actor, key, method, path, bodyHash, holder })) return { kind: 'run' };
    const prior = await findKey(this.db, actor, key);
    if (prior.body_hash !== bodyHash) throw new Problem('idempotency-key-reused');
    if (prior.status_code !== PENDING) return { kind: 'replay', statusCode: prior.status_code, response: prior.response };
    // The first request is still running — unless the process that took the key is gone (killed, crashed):
    // then its work was rolled back with its transactions and this retry runs now. A placeholder without a
    // holder (written before holders were recorded) is given up after a minute. Creates that must never
    // double (dossier intake) also keep the key in their own transaction.
    const gone = prior.holder
      ? prior.holder !== holder && !(await ProcessLiveness.alive(this.db, prior.holder))
      : now.getTime() - prior.created_at.getTime() > STALE_MS;
    // Taken over by exactly one retry: the update matches only while the dead holder's mark is still there.
    if (!gone || !(await takeOver(this.db, actor, key, prior.holder, holder, now))) {
      throw new Problem('conflict', { reason: 'the first request with this Idempotency-Key is still running' });
    }
    return { kind: 'run' };
  }

  /** A success is kept for replay; a refused request created nothing, so the client may fix it and retry with the same key. */
  async settle(actor: string, key: string, statusCode: number, payload: unknown): Promise<void> {
    if (statusCode >= 200 && statusCode < 300 && typeof payload === 'string') await recordAnswer(this.db, actor, key, statusCode, payload);
    else await dropKey(this.db, actor, key);
  }
}
