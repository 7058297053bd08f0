// Readiness of this process: the database answers and every migration is applied.
import type { Db } from '../db/database';
import { pendingMigrations, ping } from '../db/migrate';

export class Readiness {
  /** Migrations never un-apply: once every one is seen applied, later probes only check that the database answers. */
  private migrated = false;

  constructor(private readonly db: Db) {}

  /** The migrations not yet applied (empty = ready); throws when the database does not answer. */
  async pending(): Promise<string[]> {
    await ping(this.db);
    if (this.migrated) return [];
    const pending = await pendingMigrations(this.db);
    if (!pending.length) this.migrated = true;
    return pending;
  }
}
