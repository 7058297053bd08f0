// Unfinished resumable uploads whose time ran out (24 hours without completing) are given up every quarter
// hour: their chunks (kept in PostgreSQL until the file is whole) are deleted and the upload answers
// `upload-expired`. The upload rows stay, small, as the record of what was tried.
import type { App } from '../app';
import { purgeExpiredUploads } from '../services/upload.service';

export const uploadPurgeJob = {
  name: 'upload-purge',
  cron: '*/15 * * * *',
  /** A failed run is retried once; the next run catches up anyway. */
  retry: { retryLimit: 1, retryDelay: 60, retryBackoff: false },
  expireInSeconds: 600,
  run: async (app: App) => {
    await purgeExpiredUploads(app.db);
  },
} as const;
