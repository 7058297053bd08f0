// Every migration, in order. Forward-only: a released migration is never edited; add a new one.
import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation';
import * as m0002 from './0002_catalogue_calendar';
import * as m0003 from './0003_dossiers';
import * as m0004 from './0004_intake_drafts';
import * as m0005 from './0005_signing_keys';

export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_catalogue_calendar': m0002,
  '0003_dossiers': m0003,
  '0004_intake_drafts': m0004,
  '0005_signing_keys': m0005,
};
