// Readable names for what the dossier page shows: roles of the people in the history (staff roles and the
// citizen or the system itself) and the rule that forbids an action, in the UI's language.
import { ACTOR_LABELS } from '@domain/roles';
import { problemDefinition } from '@domain/problems';
import type { Lang } from '../../../prefs';

export function roleText(role: string, lang: Lang): string {
  return (ACTOR_LABELS as Record<string, { vi: string; en: string }>)[role]?.[lang] ?? role;
}

/** The rule's sentence in the UI language (the server's, in the language of the load, if the code is unknown here). */
export function ruleText(reason: { code: string; message: string }, lang: Lang): string {
  return problemDefinition(reason.code)?.[lang]({}) ?? reason.message;
}
