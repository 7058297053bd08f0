// Input hygiene at the edge: strings PostgreSQL cannot store never reach a service. A NUL character (U+0000) is
// refused by `text` and `jsonb` alike, and a lone UTF-16 surrogate cannot be encoded as UTF-8; both used to end in
// a 500 deep inside a query. Every route gets this check (a global preValidation hook), before its zod schema.
import { Problem } from '../domain/problems';

/** A string PostgreSQL can store: no NUL, and well-formed UTF-16 (no lone surrogate). */
// eslint-disable-next-line no-control-regex -- finding the control character is the point
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
export function storableString(s: string): boolean {
  return !UNSTORABLE.test(s);
}

const MAX_REPORTED = 10;

/**
 * The paths (`body.applicant.fullName`, `query.q`, `body.data[key]`) of every string or object key under `value`
 * that PostgreSQL cannot store. Walks iteratively, so a deeply nested body cannot overflow the stack.
 */
export function unstorablePaths(value: unknown, root: string): string[] {
  const out: string[] = [];
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length && out.length < MAX_REPORTED) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (!storableString(v)) out.push(path);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}[${i}]`]);
    } else if (v && typeof v === 'object' && !Buffer.isBuffer(v)) {
      for (const [k, child] of Object.entries(v)) {
        if (!storableString(k)) {
          out.push(`${path} (a key)`);
          continue;
        }
        stack.push([child, `${path}.${k}`]);
      }
    }
  }
  return out;
}

/** Throws 400 `validation-failed` naming each field that holds a string PostgreSQL cannot store. */
export function assertStorable(parts: { body?: unknown; query?: unknown; params?: unknown }): void {
  const bad = [
    ...unstorablePaths(parts.params, 'params'),
    ...unstorablePaths(parts.query, 'query'),
    ...unstorablePaths(parts.body, 'body'),
  ].slice(0, MAX_REPORTED);
  if (!bad.length) return;
  const message = 'contains a NUL character or an unpaired surrogate, which cannot be stored';
  throw new Problem(
    'validation-failed',
    { summary: bad.map((f) => `${f}: ${message}`).join('; ') },
    { errors: bad.map((field) => ({ field, message })) },
  );
}

/** A client's `x-request-id`, kept only for the logs: at most 64 safe characters, or nothing. */
export function clientRequestId(header: string | string[] | undefined): string | undefined {
  const v = Array.isArray(header) ? header[0] : header;
  if (!v) return undefined;
  const clean = v.replace(/[^A-Za-z0-9._:/+=-]/g, '').slice(0, 64);
  return clean || undefined;
}
