// The catalogue's notes carry what the demo data could not confirm ("unconfirmed: …"): useful to the
// administrators who keep the catalogue, noise or worse on a public page. Pure.

/** The part of a note the public may read: everything before the first "unconfirmed:" remark. */
export function publicNote(note: string | undefined | null): string {
  if (!note) return '';
  const i = note.search(/\bunconfirmed\s*:/i);
  return (i < 0 ? note : note.slice(0, i)).trim();
}

/** Roles that see the notes whole (they keep the catalogue). */
export const CATALOGUE_KEEPERS = ['system-admin', 'province-admin'] as const;
