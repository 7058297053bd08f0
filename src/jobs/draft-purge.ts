// Counter forms abandoned half-typed would pile up as intake drafts: every hour, drafts nobody saved for
// MOTCUA_DRAFT_MAX_AGE_DAYS are deleted. (A draft whose dossier was created is deleted at once, with it.)
import type { App } from '../app';
import { DraftService } from '../services/draft.service';

export const draftPurgeJob = {
  name: 'draft-purge',
  cron: '7 * * * *',
  /** A failed run is retried once; the next run catches up anyway. */
  retry: { retryLimit: 1, retryDelay: 60, retryBackoff: false },
  expireInSeconds: 600,
  run: async (app: App) => {
    await DraftService.purgeStale(app.db, app.config.draftMaxAgeDays);
  },
} as const;
