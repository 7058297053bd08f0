// Every migration, in order. Forward-only: a released migration is never edited; add a new one.
import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation';

export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
};
