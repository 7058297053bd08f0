// Every migration, in order. Forward-only: a released migration is never edited; add a new one.
import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation';
import * as m0002 from './0002_catalogue_calendar';

export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_catalogue_calendar': m0002,
};
